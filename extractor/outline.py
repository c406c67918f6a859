"""A readable outline of a document: metadata, then the numbering tree with spans."""

from __future__ import annotations

from extractor.model import Document

_SNIPPET = 28


def render_outline(doc: Document) -> str:
    """The tree as indented lines: label, kind, the start of the text, text and raw spans."""
    md = doc.metadata
    title = md.title.value if md.title else "(no title)"
    head = [
        f"# {title}",
        f"  level: {md.level.value} ({md.level.evidence})",
        f"  issuer: {'、'.join(md.issuer.value) if md.issuer else '-'}",
        f"  date: {md.date.value + ' (' + md.date.source + ')' if md.date else '-'}",
        f"  doc_number: {md.doc_number.value if md.doc_number else '-'}",
        f"  doc_type: {md.doc_type.value if md.doc_type else '-'}",
        f"  script: {md.script}   truncated: {md.truncated.value}   status: {doc.status}",
        f"  source: {doc.source.path or doc.source.url or '-'} ({doc.source.media_type}, {doc.source.encoding} via {doc.source.encoding_source})",
    ]
    lines = head[:]
    part = -1
    for s in doc.sections:
        if s.part != part and len(doc.parts) > 1:
            part = s.part
            p = doc.parts[part]
            lines.append(f"== part {p.index} ({p.kind}){': ' + p.title if p.title else ''}")
        snippet = s.text.replace("\n", " ")
        snippet = snippet[:_SNIPPET] + ("…" if len(snippet) > _SNIPPET else "")
        flag = "  [parent from TOC]" if s.inferred_parent else ""
        lines.append(f"{'  ' * s.depth}{s.label} [{s.kind}] {snippet}  @{s.span[0]}-{s.span[1]} raw {s.raw_span[0]}-{s.raw_span[1]}{flag}")
    if doc.issues:
        lines.append("-- issues")
        for i in doc.issues:
            where = f" @{i.span[0]}-{i.span[1]}" if i.span else ""
            lines.append(f"  {i.code} {i.severity}: {i.message}{where}")
    return "\n".join(lines) + "\n"
