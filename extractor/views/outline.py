"""A readable outline of a document: metadata, then the numbering tree with spans."""

from __future__ import annotations

from extractor.model import Document, Threshold

_SNIPPET = 28
_FIGURES_SHOWN = 10  # a bulletin reports hundreds; the outline shows the first few


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
    if doc.thresholds:
        lines.append(f"-- thresholds ({len(doc.thresholds)})")
        for t in doc.thresholds:
            lines.append("  " + format_threshold(t))
    if doc.figures:
        lines.append(f"-- reported figures ({len(doc.figures)}, not thresholds: {doc.figures[0].reason})")
        for f in doc.figures[:_FIGURES_SHOWN]:
            unit = f"{f.unit or ''}/{f.per}" if f.per else (f.unit or "")
            lines.append(f"  {f.subject or '?'} {f.comparator} {f.value} {unit}".rstrip() + f"  «{f.text.replace(chr(10), ' ')[:_SNIPPET]}»")
        if len(doc.figures) > _FIGURES_SHOWN:
            lines.append(f"  … {len(doc.figures) - _FIGURES_SHOWN} more")
    if doc.citations:
        lines.append(f"-- citations ({len(doc.citations)})")
        for c in doc.citations:
            ref = "《" + c.title + "》" if c.title else ""
            num = f" {c.doc_number}" + (f" [{c.issuer_code} → {c.issuer or '?'}, {c.year}, {c.serial}]" if c.issuer_code else "")
            lines.append(f"  {c.role:<8} {ref}{num if c.doc_number else ''}  @{c.span[0]}-{c.span[1]} raw {c.raw_span[0]}-{c.raw_span[1]}")
    if doc.requirements:
        counts: dict[str, int] = {}
        for r in doc.requirements:
            counts[r.modality] = counts.get(r.modality, 0) + 1
        lines.append(f"-- requirements ({len(doc.requirements)}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + ")")
        for r in doc.requirements:
            actor = f"{r.actor.text}" + ("" if r.actor.source == "sentence" else f" (from {r.actor.source})") if r.actor else "-"
            extra = "".join([
                f"  when: {r.condition.text}" if r.condition else "",
                f"  due: {r.deadline.text}" + (f" = {r.deadline.date}" if r.deadline.date else "") if r.deadline else "",
            ])
            action = (r.action or "").replace("\n", " ")[:_SNIPPET]
            lines.append(f"  {r.id.split('#', 1)[1]:<14} {r.modality:<14} {r.trigger or '(imperative)':<6} {actor} → {action}{extra}")
    if doc.dates:
        lines.append(f"-- dates ({len(doc.dates)})")
        for d in doc.dates:
            day = f"{d.date_from}..{d.date}" if d.date_from else (d.date or "(no calendar day)")
            lines.append(f"  {d.kind:<10} {d.comparator:<5} {day}{' ' + d.time if d.time else ''}  «{d.text.replace(chr(10), ' ')}»  @{d.span[0]}-{d.span[1]}")
    if doc.issues:
        lines.append("-- issues")
        for i in doc.issues:
            where = f" @{i.span[0]}-{i.span[1]}" if i.span else ""
            lines.append(f"  {i.code} {i.severity}: {i.message}{where}")
    return "\n".join(lines) + "\n"


def format_threshold(t: Threshold) -> str:
    """One line: subject comparator value unit [condition] [baseline] «quote».

    >>> from extractor.model import Threshold
    >>> t = Threshold(id="d#一/9:r1:t1", requirement=None, section=None, text="理事会人数一般不超过150人", span=(0, 14), raw_span=(0, 14),
    ...     value_text="150人", value_span=(10, 14), value_raw_span=(10, 14), value=150, unit="人", comparator="<=", kind="count",
    ...     subject="理事会人数", condition="个人会员<2万人", hedge="一般")
    >>> format_threshold(t)
    '理事会人数 <= 150 人  if 个人会员<2万人  (一般)  «理事会人数一般不超过150人»'
    """
    value = f"{t.value}-{t.value_max}" if t.value_max is not None else f"{t.value}"
    unit = f"{t.unit or ''}/{t.per}" if t.per else (t.unit or "")  # 每人每月500元 → 500 元/人/月
    parts = [f"{t.subject or '?'} {t.comparator} {value} {unit}".rstrip()]
    if t.condition:
        parts.append(f"if {t.condition}")
    if t.baseline:
        parts.append(f"vs {t.baseline}")
    if t.hedge or t.approximate:
        parts.append(f"({t.hedge or '≈'})")
    return "  ".join(parts) + f"  «{t.text}»"
