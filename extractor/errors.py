"""Exceptions and the catalogue of issue codes.

Codes are stable: other tools filter on them. W1xx decoding and normalization,
W2xx structure, W3xx metadata, E9xx a document that could not be processed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models (pydantic) are imported by issue() when it runs: `polex query` never needs them
    from extractor.model import Issue, Severity, Span, Stage


class PolexError(Exception):
    """Base class of polex errors."""


class InputError(PolexError):
    """The input cannot be read as a notice at all (binary, empty, missing file)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class StoreError(PolexError):
    """The store cannot be used: missing, not a polex store, unreachable, or the disk is full."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class ParseError(PolexError, ValueError):
    """A ``parse_*`` function was given a string it cannot read."""


ISSUE_CODES: dict[str, tuple[Severity, str]] = {
    # decoding
    "W101": ("warning", "undecodable bytes replaced with U+FFFD"),
    "W102": ("warning", "declared charset does not fit the bytes (the meta lies); sniffed instead"),
    "W103": ("info", "unknown charset label declared; ignored"),
    "W104": ("warning", "control or private-use characters dropped"),
    "W105": ("warning", "OCR or conversion garbage in the text (flagged, left as is)"),
    "W106": ("info", "OCR damage repaired (〃 → “”, 4• → 4., O → 。)"),
    "W107": ("info", "preview page-break numbers removed and the split words joined"),
    "W108": ("info", "pinyin glosses removed"),
    "W109": ("warning", "document is truncated (paywall, preview limit or 未完)"),
    "W110": ("info", "traditional script converted to simplified"),
    "W111": ("warning", "HTML without a recognised content region; the block with the most running text is taken as the body, else blocks are classified by vocabulary only"),
    "W112": ("warning", "very large input; processed, but consider splitting it"),
    "W113": ("warning", "HTML text could not be aligned to its source; those characters map to the nearest tag"),
    "W114": ("warning", "HTML nested deeper than the parser's limit of 256 elements; what lies deeper is lost"),
    "W115": ("info", "HTML read a second time in source order (Python's html.parser) because lxml's tree could not be aligned to the source or was cut at 256 levels"),
    "W116": ("info", "hard-wrapped text (every line broken at one width, as a PDF's text layer is): the breaks inside paragraphs joined"),
    # structure
    "W201": ("warning", "gap in numbering"),
    "W202": ("warning", "duplicate label in a list"),
    "W203": ("info", "numbering runs on across sections"),
    "W204": ("info", "parent heading taken from the table of contents (lost in the text)"),
    "W205": ("warning", "numbered list does not start at one"),
    "W206": ("info", "no numbered items found"),
    # metadata
    "W301": ("warning", "no title found"),
    "W302": ("info", "no issuing body found"),
    "W303": ("info", "administrative level unknown"),
    "W304": ("info", "document date not found; posting date kept separately"),
    # fatal for one document
    "E901": ("error", "file not found or unreadable"),
    "E902": ("error", "empty input"),
    "E903": ("error", "binary input (not a text or HTML notice)"),
    "E904": ("error", "internal error while processing the document"),
    "E905": ("error", "input larger than the configured maximum"),
    "E906": ("error", "damaged .docx or PDF"),
    "E907": ("error", "PDF without a text layer (a scan); no OCR"),
    # fetching
    "E910": ("error", "HTTP error status"),
    "E911": ("error", "timeout: no answer within --timeout seconds, after retries"),
    "E912": ("error", "disallowed by robots.txt"),
    "E913": ("error", "response body larger than the configured maximum"),
    "E914": ("error", "content type not accepted (not a notice page or document)"),
    "E915": ("error", "too many redirects or a redirect loop"),
    "E916": ("error", "connection failed (refused, reset, unknown host) after retries"),
    "E917": ("error", "the fetch passed its overall deadline (a server sending too slowly)"),
    "E918": ("error", "redirect to (or a URL with) a scheme other than http/https: data:, file:, ftp: …"),
    "E919": ("error", "damaged compressed body (gzip, deflate or brotli)"),
    "E920": ("error", "robots.txt unusable (too large, or 5xx after retries); the host is skipped"),
    "E921": ("error", ".docx over the limits on parts or decompressed size (a zip bomb?)"),
    # the store
    "E930": ("error", "the store cannot be opened, or the database is not a polex store"),
    "E931": ("error", "no store there (read-only commands never create one)"),
    "E932": ("error", "the disk (or the database's size limit) is full; the run stops, stored work is kept"),
    "E933": ("error", "the store was made by an older polex; a writing command (ingest) upgrades it"),
}


def describe_internal(e: BaseException) -> str:
    """The message of an E904: the exception and where it was raised, for a bug report.

    >>> try:
    ...     {}["x"]
    ... except KeyError as e:
    ...     describe_internal(e).startswith("KeyError: 'x' (at ")
    True
    """
    import traceback
    from pathlib import Path

    frames = traceback.extract_tb(e.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(e).__name__}: {e}{where}"


def issue(code: str, stage: Stage, message: str, span: Span | None = None, raw_span: Span | None = None) -> Issue:
    """Build an :class:`Issue` whose severity comes from the catalogue."""
    from extractor.model import Issue

    severity, _ = ISSUE_CODES[code]
    return Issue(code=code, severity=severity, stage=stage, message=message, span=span, raw_span=raw_span)
