"""Bytes → ``raw_text``: BOM, declared charset, then sniffing; never a crash.

Order of evidence (WHATWG-like, tuned for Chinese government sites):

1. a byte-order mark;
2. the charset of the HTTP ``Content-Type`` header, when the caller knows it;
3. ``<meta charset>`` / ``<meta http-equiv=Content-Type>`` in the first 4 KiB;
4. strict UTF-8;
5. sniffing among the encodings Chinese pages are actually served in.

A declared ``gb2312``/``gbk`` is decoded as ``gb18030`` (a strict superset: pages
declared GB2312 routinely contain GBK characters such as 镕). A declaration that
does not decode cleanly is distrusted ("the meta lies") and the next source is tried.
Undecodable bytes are replaced with U+FFFD and reported, never raised.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from extractor.errors import issue
from extractor.model import Issue
from extractor.recache import compile_re

# Labels browsers and sites use, mapped to the codec we decode with.
_ALIASES: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode": "utf-16",
    "iso-8859-1": "cp1252",  # WHATWG: latin-1 labels mean windows-1252
    "latin1": "cp1252",
    "us-ascii": "cp1252",
}

_META_RE = compile_re(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE
)
_HEADER_RE = compile_re(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)

# Candidates for sniffing, in order of prior likelihood for Chinese notices.
_SNIFF_ORDER = ("utf-8", "gb18030", "big5hkscs")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    source: str  # bom | http_header | meta | utf8 | sniffed | fallback
    declared: str | None = None
    issues: tuple[Issue, ...] = field(default=())


def canonical_codec(label: str) -> str | None:
    """The codec for a charset label, or None when Python does not know it.

    >>> canonical_codec("GB2312"), canonical_codec("big5"), canonical_codec("bogus")
    ('gb18030', 'big5hkscs', None)
    """
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def find_declared_charset(data: bytes, content_type: str | None = None) -> tuple[str | None, str | None]:
    """(label, where) of the declared charset: HTTP header first, then ``<meta>``."""
    if content_type:
        m = _HEADER_RE.search(content_type)
        if m:
            return m.group(1), "http_header"
    m = _META_RE.search(data[:4096])
    if m:
        return m.group(1).decode("ascii", "replace"), "meta"
    return None, None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _cjk_score(text: str) -> float:
    """Share of CJK ideographs among letters: wrong decodings of Chinese bytes give
    rare, scattered characters and many symbols; right ones give common ideographs."""
    if not text:
        return 0.0
    sample = text[:20000]
    cjk = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
    common = sum(1 for c in sample if c in _COMMON)
    letters = sum(1 for c in sample if c.isalpha())
    return (cjk + 4 * common) / max(letters, 1)


# The most frequent characters of Chinese policy notices (both scripts); a right
# decoding is full of them. Source: character counts over the seed notices.
_COMMON = set("的和会学科协工作发展建设服务技术管理国中人员机构制度单位实施意见通知规定以上要求有关进行加强推进组织关于為會發學協關於與對時機構")


def decode_bytes(data: bytes, content_type: str | None = None) -> Decoded:
    """Decode the bytes of a notice. Never raises.

    >>> decode_bytes("科协".encode("gbk")).encoding
    'gb18030'
    >>> decode_bytes(b'<meta charset="gb2312">' + "学会".encode("gbk")).source
    'meta'
    >>> d = decode_bytes(b'<meta charset="gb2312">' + "學會章程".encode("utf-8"))
    >>> d.encoding, d.source, [i.code for i in d.issues]
    ('utf-8', 'utf8', ['W102'])
    """
    issues: list[Issue] = []
    # 1. BOM
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            body = data[len(bom):]
            text = _strict(body, codec)
            if text is not None:
                return Decoded(text, codec, "bom")
            text = body.decode(codec, errors="replace")
            issues.append(issue("W101", "decode", f"bytes invalid in {codec} after its BOM were replaced (U+FFFD)"))
            return Decoded(text, codec, "bom", issues=tuple(issues))

    # 1b. UTF-16 without a BOM (Windows "Unicode" text saved by some tools): NUL bytes
    # on one side of every ASCII character give it away
    codec16 = sniff_utf16(data)
    if codec16 is not None:
        text = _strict(data[: len(data) // 2 * 2], codec16)
        if text is not None:
            return Decoded(text, codec16, "sniffed", None, (issue("W102", "decode", f"{codec16} without a byte-order mark; recognised by its NUL bytes") ,)
                           if find_declared_charset(data, content_type)[0] else ())
        text = data.decode(codec16, errors="replace")
        return Decoded(text, codec16, "sniffed", None, (issue("W101", "decode", f"bytes invalid in {codec16} (no BOM) replaced (U+FFFD)"),))

    # 2./3. declared charset
    label, where = find_declared_charset(data, content_type)
    declared = None
    if label:
        declared = canonical_codec(label)
        if declared is None:
            issues.append(issue("W103", "decode", f"unknown charset {label!r} declared in {where}; ignored"))
        else:
            text = _strict(data, declared)
            if text is not None and (declared == "utf-8" or _plausible(text, data)):
                other = _reads_better_as(text, data, declared)
                if other is None:
                    return Decoded(text, declared, where or "meta", label, tuple(issues))
                # corpus seed 004 re-encoded in Big5 and served as gbk: every byte pair is valid
                # GB18030, so it decoded strictly, to mojibake, with status ok
                issues.append(issue("W102", "decode", f"declared charset {label!r} ({where}) decodes to garbled text; "
                                    f"the bytes read as {other[0]}"))
                return Decoded(other[1], other[0], "sniffed", label, tuple(issues))
            issues.append(issue("W102", "decode", f"declared charset {label!r} ({where}) does not fit the bytes; sniffed instead"))

    # 4. strict UTF-8
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "utf8", label, tuple(issues))

    # 5. sniffing: strict candidates ranked by how Chinese the result reads
    best: tuple[float, str, str] | None = None
    for codec in _SNIFF_ORDER[1:]:
        t = _strict(data, codec)
        if t is not None:
            score = _cjk_score(t)
            if best is None or score > best[0]:
                best = (score, codec, t)
    if best is not None:
        return Decoded(best[2], best[1], "sniffed", label, tuple(issues))
    guess = _guess_with_charset_normalizer(data)
    # nothing decodes cleanly: replace what cannot be read, keep everything else
    candidates = [c for c in (declared, guess, "utf-8", "gb18030") if c]
    scored = []
    for codec in dict.fromkeys(candidates):
        t = data.decode(codec, errors="replace")
        scored.append((t.count("\ufffd"), -_cjk_score(t), codec, t))
    bad, _, codec, text = min(scored)
    issues.append(issue("W101", "decode", f"{bad} undecodable byte sequence(s) replaced with U+FFFD (decoded as {codec})"))
    return Decoded(text, codec, "fallback", label, tuple(issues))


def _reads_better_as(text: str, data: bytes, declared: str) -> tuple[str, str] | None:
    """(codec, text) of another Chinese legacy encoding under which the bytes read far more
    like Chinese than under the declared one, or None. Big5 and GB18030 share their byte
    ranges, so a wrong declaration often decodes strictly — to rare, scattered characters."""
    if declared not in _SNIFF_ORDER[1:]:
        return None
    mine = _cjk_score(text)
    for codec in _SNIFF_ORDER[1:]:
        if codec == declared:
            continue
        t = _strict(data, codec)
        if t is not None and _cjk_score(t) > 1.5 * mine + 0.2:
            return codec, t
    return None


def sniff_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text without a BOM, else None.

    Chinese text in UTF-16 has no NUL bytes in its ideographs, but every ASCII character
    (newlines, digits, markup) puts a NUL on the same side of its code unit; binary files
    scatter NULs over both sides. The head must also decode strictly and read as text.

    >>> sniff_utf16("一、通知\\n二、2026年".encode("utf-16-le")), sniff_utf16(b"plain ascii"), sniff_utf16(bytes(range(256)))
    ('utf-16-le', None, None)
    """
    head = data[:8192]
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if even + odd == 0 or even + odd > len(head) * 0.6:
        return None
    codec = "utf-16-le" if odd > 4 * even else "utf-16-be" if even > 4 * odd else None
    if codec is None:
        return None
    try:
        text = head.decode(codec)
    except UnicodeDecodeError:
        try:  # the head may end inside a surrogate pair
            text = head[:-2].decode(codec)
        except UnicodeDecodeError:
            return None
    readable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    return codec if readable >= 0.95 * len(text) else None


def _plausible(text: str, data: bytes) -> bool:
    """A strict decode under a declared legacy charset can still be wrong (UTF-8 bytes
    declared as GBK often decode to GBK mojibake). Prefer UTF-8 when it also decodes
    and reads at least as Chinese."""
    as_utf8 = _strict(data, "utf-8")
    if as_utf8 is None or as_utf8 == text:
        return True
    return _cjk_score(text) >= _cjk_score(as_utf8)


def _guess_with_charset_normalizer(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - declared dependency
        return None
    match = from_bytes(data[:200_000]).best()
    return canonical_codec(match.encoding) if match is not None else None
