"""Text of .docx and text-layer .pdf files, for notices published as attachments.

python-docx reads the paragraphs and tables of a .docx in document order; pypdf reads the
text layer of each PDF page. A PDF without a text layer (a scan) and the legacy binary
formats (.doc, .wps: OLE2) are refused with a clear code rather than guessed at.
"""

from __future__ import annotations

import io
import zipfile

from extractor.errors import InputError

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


def docx_text(data: bytes) -> str:
    """Paragraphs and table rows of a .docx, in document order, one per line."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - any parse failure of a damaged file
        raise InputError("E906", f"unreadable .docx: {type(e).__name__}: {e}") from e
    lines: list[str] = []
    for block in d.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
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


def pdf_text(data: bytes) -> str:
    """The text layer of every page; a page break becomes a blank line."""
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [p.extract_text() or "" for p in reader.pages]
    except Exception as e:  # noqa: BLE001 - pypdf raises many types on damaged files
        raise InputError("E906", f"unreadable PDF: {type(e).__name__}: {e}") from e
    text = "\n\n".join(p.strip() for p in pages)
    if not text.strip():
        raise InputError("E907", f"PDF of {len(pages)} pages has no text layer (a scan?); OCR is not part of polex")
    return text


def office_text(data: bytes, kind: str) -> tuple[str, str]:
    """(text, media type) of a .docx or .pdf; InputError for what cannot be read."""
    if kind == "docx":
        return docx_text(data), DOCX_MEDIA
    if kind == "pdf":
        return pdf_text(data), PDF_MEDIA
    raise InputError("E903", "legacy binary Office/WPS file (.doc/.wps/.xls): convert it to .docx or PDF first")
