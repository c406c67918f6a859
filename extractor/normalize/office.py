"""Text of .docx and text-layer .pdf files, for notices published as attachments.

python-docx reads the paragraphs and tables of a .docx in document order; pypdf reads the
text layer of each PDF page. A PDF without a text layer (a scan) and the legacy binary
formats (.doc, .wps: OLE2) are refused with a clear code rather than guessed at.
"""

from __future__ import annotations

import io
import re
import zipfile

from extractor.errors import InputError
from extractor.recache import compile_re

# Bounds checked before anything is decompressed (a 2 MB zip bomb .docx reached 4 GB of RSS
# when python-docx read it whole). Real notices published as .docx: a few dozen parts and at
# most a few MB of XML (images aside); the limits leave a wide margin.
MAX_DOCX_PARTS = 2000
MAX_DOCX_INFLATED = 64 * 1024 * 1024  # all parts together, as declared in the zip directory
MAX_DOCX_XML_PART = 32 * 1024 * 1024  # one XML part (python-docx builds a tree of it)
MAX_ENTITY_TEXT = 4 * 1024 * 1024  # text that entity references may expand to, in one part

DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MEDIA = "application/pdf"


def sniff_office(data: bytes) -> str | None:
    """'pdf', 'docx', 'ole2' (legacy .doc/.wps/.xls) or None for anything else.

    >>> sniff_office(b"%PDF-1.7 ..."), sniff_office(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1"), sniff_office(b"<html>")
    ('pdf', 'ole2', None)
    """
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole2"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return "docx" if "word/document.xml" in z.namelist() else None
        except zipfile.BadZipFile:
            return None
    return None


def check_docx(data: bytes) -> None:
    """Refuse a .docx whose zip would inflate beyond the limits, before decompressing anything.

    The sizes are the ones declared in the zip's central directory; :mod:`zipfile` never
    inflates a member past its declared size (it stops and checks the CRC), so they bound
    the memory spent. Counting central-directory signatures first keeps a zip of a million
    tiny entries from costing a million ``ZipInfo`` objects.
    """
    if data.count(b"PK\x01\x02") > MAX_DOCX_PARTS:
        raise InputError("E921", f".docx with more than {MAX_DOCX_PARTS} parts (a zip bomb?); not read")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise InputError("E906", f"unreadable .docx: {type(e).__name__}: {e}") from e
    if len(infos) > MAX_DOCX_PARTS:
        raise InputError("E921", f".docx with {len(infos)} parts; the limit is {MAX_DOCX_PARTS}")
    total = sum(i.file_size for i in infos)
    if total > MAX_DOCX_INFLATED:
        raise InputError("E921", f".docx inflating to {total} bytes from {len(data)}; the limit is {MAX_DOCX_INFLATED} (a zip bomb?)")
    for i in infos:
        if i.filename.endswith((".xml", ".rels")) and i.file_size > MAX_DOCX_XML_PART:
            raise InputError("E921", f".docx part {i.filename} inflates to {i.file_size} bytes; the limit is {MAX_DOCX_XML_PART}")


_DOCTYPE = compile_re(rb"<!DOCTYPE\b[^\[>]*(?:\[(.*?)\])?\s*>", re.S)
_ENTITY_DECL = compile_re(rb"""<!ENTITY\s+(%\s+)?([A-Za-z_][\w.\-]*)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)[^>]*)\s*>""", re.S)
_ENTITY_REF = compile_re(rb"&([A-Za-z_][\w.\-]*);")
_PREDEFINED = {b"amp", b"lt", b"gt", b"quot", b"apos"}


def expand_internal_entities(xml: bytes, budget: int = MAX_ENTITY_TEXT) -> bytes:
    """Replace references to entities declared in the part's own DTD by their text, and drop the DTD.

    Word never writes a DTD, but a hand-made or hostile .docx can; python-docx parses with
    ``resolve_entities=False``, so the text after ``&name;`` silently vanished from the
    paragraph. External entities (SYSTEM/PUBLIC) are never fetched: they become nothing.
    Expansion is bounded by ``budget`` bytes (a "billion laughs" part raises E921).

    >>> expand_internal_entities('<!DOCTYPE d [<!ENTITY co "科协">]><t>中国&co;学会&amp;</t>'.encode()).decode()
    '<t>中国科协学会&amp;</t>'
    """
    m = _DOCTYPE.search(xml)
    if m is None:
        return xml
    values: dict[bytes, bytes] = {}
    for d in _ENTITY_DECL.finditer(m.group(1) or b""):
        if d.group(1):  # parameter entity: only meaningful inside the DTD
            continue
        values[d.group(2)] = b"" if d.group(5) else (d.group(3) if d.group(3) is not None else d.group(4) or b"")
    spent = [0]

    def expand(text: bytes, depth: int) -> bytes:
        def one(r: re.Match[bytes]) -> bytes:
            name = r.group(1)
            if name in _PREDEFINED or name not in values:
                return r.group(0)
            if depth > 8:
                raise InputError("E921", "entity references nested more than 8 deep (an XML bomb?)")
            out = expand(values[name], depth + 1)
            spent[0] += len(out)
            if spent[0] > budget:
                raise InputError("E921", f"entity references expand to more than {budget} bytes (an XML bomb?)")
            return out

        return _ENTITY_REF.sub(one, text)

    return xml[:m.start()] + expand(xml[m.end():], 0)


def _without_dtds(data: bytes) -> bytes:
    """The .docx with entity references expanded in every XML part that declares a DTD."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        parts = {i.filename: z.read(i) for i in infos}
    if not any(b"<!DOCTYPE" in v[:4096] for k, v in parts.items() if k.endswith(".xml")):
        return data
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for i in infos:
            body = parts[i.filename]
            if i.filename.endswith(".xml") and b"<!DOCTYPE" in body[:4096]:
                body = expand_internal_entities(body)
            out.writestr(i.filename, body)
    return buf.getvalue()


def docx_text(data: bytes) -> str:
    """Paragraphs and table rows of a .docx, in document order, one per line."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_docx(data)
    try:
        d = docx.Document(io.BytesIO(_without_dtds(data)))
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - any parse failure of a damaged file
        raise InputError("E906", f"unreadable .docx: {type(e).__name__}: {e}") from e
    lines: list[str] = []
    for block in d.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1] if isinstance(block.tag, str) else ""
        if tag == "p":
            lines.append(Paragraph(block, d).text)
        elif tag == "tbl":
            for row in Table(block, d).rows:
                cells: list[str] = []
                for c in row.cells:  # merged cells repeat; keep each text once per row
                    if not cells or cells[-1] != c.text:
                        cells.append(c.text)
                lines.append("\t".join(cells))
    return "\n".join(lines)


def _resolved(obj: object, hops: int = 32) -> object:
    """Follow a chain of indirect references (``4 0 R`` → ``6 0 R`` → the stream); bounded."""
    from pypdf.generic import IndirectObject

    for _ in range(hops):
        if not isinstance(obj, IndirectObject):
            return obj
        obj = obj.get_object()
    return None  # a cycle or an absurd chain


def _page_text(page) -> str:  # noqa: ANN001
    """pypdf's text of a page; when it reads nothing, once more with /Contents resolved by hand.

    pypdf resolves one level of indirection only: a page whose /Contents is a reference to a
    reference to the stream came out empty and the PDF was called a scan (synthetic tests).
    """
    from pypdf.generic import ArrayObject, NameObject

    text = page.extract_text() or ""
    if text.strip() or "/Contents" not in page:
        return text
    contents = _resolved(page.get("/Contents"))
    if isinstance(contents, ArrayObject):
        contents = ArrayObject(x for x in (_resolved(c) for c in contents) if x is not None)
    if contents is None:
        return text
    page[NameObject("/Contents")] = contents
    return page.extract_text() or ""


def _has_text_operators(page) -> bool:  # noqa: ANN001
    try:
        content = page.get_contents()
        raw = content.get_data() if content is not None else b""
    except Exception:  # noqa: BLE001 - a damaged stream: no evidence of text
        return False
    return bool(re.search(rb"\bT[Jj]\b", raw))


def pdf_text(data: bytes) -> str:
    """The text layer of every page; a page break becomes a blank line."""
    import logging

    import pypdf

    # pypdf logs its repairs of damaged files ("EOF marker not found") as warnings, which
    # Python prints to stderr when nothing is configured: a library does not print (what
    # cannot be read becomes E906/E907 here)
    pdf_log = logging.getLogger("pypdf")
    level = pdf_log.level
    pdf_log.setLevel(logging.CRITICAL)
    try:
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            pages = [_page_text(p) for p in reader.pages]
        except Exception as e:  # noqa: BLE001 - pypdf raises many types on damaged files
            raise InputError("E906", f"unreadable PDF: {type(e).__name__}: {e}") from e
        text = "\n\n".join(p.strip() for p in pages)
        if not text.strip():
            if any(_has_text_operators(p) for p in reader.pages):
                raise InputError("E906", f"PDF of {len(pages)} pages draws text, but its text layer could not be read")
            raise InputError("E907", f"PDF of {len(pages)} pages has no text layer (a scan?); OCR is not part of polex")
        return text
    finally:
        pdf_log.setLevel(level)


def office_text(data: bytes, kind: str) -> tuple[str, str]:
    """(text, media type) of a .docx or .pdf; InputError for what cannot be read."""
    if kind == "docx":
        return docx_text(data), DOCX_MEDIA
    if kind == "pdf":
        return pdf_text(data), PDF_MEDIA
    raise InputError("E903", "legacy binary Office/WPS file (.doc/.wps/.xls): convert it to .docx or PDF first")
