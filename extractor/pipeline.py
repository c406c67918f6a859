"""Runs the stages over one document; :func:`run_all` streams many.

bytes ──decode──▶ raw_text ──normalize──▶ text (+ edits, layers) ──segment──▶ parts,
sections, clauses ──metadata──▶ :class:`~extractor.model.Document`
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extractor.config import DEFAULT, Settings
from extractor.errors import InputError, issue
from extractor.extract.knowledge import extract_knowledge
from extractor.extract.metadata import PageMeta, extract_metadata
from extractor.model import Document, Issue, Layer, SourceRecord
from extractor.normalize import Normalized, normalize_html, normalize_text
from extractor.normalize.decode import Decoded, decode_bytes
from extractor.normalize.office import office_text, sniff_office
from extractor.normalize.html import looks_like_html
from extractor.segment.sections import build_sections, find_parts
from extractor.segment.sentences import find_clauses

INPUT_SUFFIXES = (".txt", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx")


def check_bytes(data: bytes, settings: Settings = DEFAULT) -> None:
    """Refuse what cannot be a notice: nothing, binary files, oversized inputs."""
    if len(data) > settings.max_bytes:
        raise InputError("E905", f"{len(data)} bytes is over the limit of {settings.max_bytes}")
    if not data.strip():
        raise InputError("E902", "empty input")
    head = data[:8192]
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and (b"\x00" in head or head.startswith((b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8"))):
        raise InputError("E903", "binary content (NUL bytes or a ZIP/image signature); not a text, HTML, .docx or PDF notice")


def extract_bytes(
    data: bytes,
    *,
    path: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
    settings: Settings = DEFAULT,
) -> Document:
    """Run the whole pipeline on the bytes of one notice.

    Raises :class:`InputError` for input that is not a notice at all; anything that
    goes wrong inside a stage becomes an issue on the returned document.
    """
    office = sniff_office(data)
    if office is None:
        check_bytes(data, settings)
    elif len(data) > settings.max_bytes:
        raise InputError("E905", f"{len(data)} bytes is over the limit of {settings.max_bytes}")
    issues: list[Issue] = []
    if len(data) > settings.large_bytes:
        issues.append(issue("W112", "decode", f"{len(data)} bytes; processed in full"))
    if office is not None:  # .docx / PDF attachments: their text layer is the source text
        text, media = office_text(data, office)
        if not text.strip():
            raise InputError("E902", f"{office} without any text")
        decoded = Decoded(text, "utf-8", "text_layer", None, ())
    else:
        decoded = decode_bytes(data, content_type)
        media = None
    issues.extend(decoded.issues)
    raw = decoded.text
    is_html = media is None and ((content_type or "").lower().startswith(("text/html", "application/xhtml")) or (
        path is not None and path.lower().endswith((".html", ".htm", ".shtml", ".xhtml"))
    ) or looks_like_html(raw))
    norm: Normalized = normalize_html(raw) if is_html else normalize_text(raw)
    issues.extend(norm.issues)
    doc_id = hashlib.sha256(data).hexdigest()[:16]
    aligned = norm.aligned
    body = norm.body_ranges
    parts = find_parts(aligned, body)
    toc = [(m.start, m.end) for m in norm.layers if m.kind == "toc"]
    sections, sec_issues = build_sections(doc_id, aligned, body, parts, toc)
    issues.extend(sec_issues)
    clauses = find_clauses(doc_id, aligned, body, sections)
    metadata, meta_issues = extract_metadata(aligned, norm.layers, parts, norm.script, PageMeta(norm.html_meta))
    issues.extend(meta_issues)
    knowledge = extract_knowledge(doc_id, aligned, norm.layers, parts, sections, clauses, metadata)
    issues.extend(knowledge.issues)
    layers = [Layer(kind=m.kind, rule=m.rule, span=(m.start, m.end), raw_span=aligned.to_raw_span(m.start, m.end)) for m in norm.layers]
    status = "partial" if metadata.truncated.value or any(i.code in ("W101", "W113", "W114") for i in issues) else "ok"
    source = SourceRecord(
        path=path, url=url, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
        media_type=media or ("text/html" if is_html else "text/plain"), encoding=decoded.encoding,
        encoding_source=decoded.source, declared_encoding=decoded.declared,
    )
    return Document(
        doc_id=doc_id, source=source, raw_text=raw, text=aligned.text, edits=aligned.edits(), layers=layers,
        metadata=metadata, parts=parts, sections=sections, clauses=clauses, requirements=knowledge.requirements,
        thresholds=knowledge.thresholds, figures=knowledge.figures, citations=knowledge.citations, issues=issues, status=status,
    )


def extract_path(path: str | Path, settings: Settings = DEFAULT) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError("E901", f"cannot read: {e.strerror or e}") from e
    return extract_bytes(data, path=str(path), settings=settings)


@dataclass(frozen=True)
class Outcome:
    """One input of a batch: a document, or why there is none."""

    path: str
    document: Document | None
    error_code: str | None = None
    error: str | None = None


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders walked (sorted) for notice files."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES))
        else:
            out.append(p)
    return out


def run_all(paths: Iterable[str | Path], settings: Settings = DEFAULT) -> Iterator[Outcome]:
    """Process many inputs in order; one bad document never stops the batch."""
    for p in expand_inputs(paths):
        try:
            yield Outcome(str(p), extract_path(p, settings))
        except InputError as e:
            yield Outcome(str(p), None, e.code, str(e))
        except Exception as e:  # noqa: BLE001 - a batch survives any one document
            tb = traceback.extract_tb(e.__traceback__)[-1]
            yield Outcome(str(p), None, "E904", f"{type(e).__name__}: {e} (at {Path(tb.filename).name}:{tb.lineno})")
