"""Renderings of a :class:`~extractor.model.DiffReport`: text (optionally coloured), Markdown, HTML.

The HTML report is one self-contained file (inline CSS, no scripts, no external assets):
a side-by-side table per aligned pair with deletions and insertions marked.

The notices are hostile input: the text report shows control characters as escapes (a
terminal would obey ESC), the Markdown report escapes HTML and link syntax (``<script>``,
``<img onerror>``, ``[x](javascript:…)`` from a page must not become live), the HTML report
escapes everything it prints (see ``extractor/views/escape.py``).
"""

from __future__ import annotations

import html
import json

from extractor.model import DiffPair, DiffReport, ItemRef, TextOp, ThresholdChange
from extractor.views.escape import clean, for_markdown, for_xml

_RED, _GREEN, _DIM, _BOLD, _RESET = "\033[31m", "\033[32m", "\033[2m", "\033[1m", "\033[0m"
_ORDER = {"split": 0, "merged": 1, "modified": 2, "moved": 3, "reworded": 4, "unchanged": 5}


def _path(r: ItemRef) -> str:
    return "/".join(r.path)


def _inline(ops: list[TextOp], color: bool) -> str:
    """One line with [-deleted-]{+inserted+} marks (or red/green when coloured)."""
    out = []
    for o in ops:
        if o.op == "equal":
            out.append(o.old)
            continue
        if o.old:
            out.append(f"{_RED}{o.old}{_RESET}" if color else f"[-{o.old}-]")
        if o.new:
            out.append(f"{_GREEN}{o.new}{_RESET}" if color else f"{{+{o.new}+}}")
    return "".join(out).replace("\n", " ")


def _threshold_line(c: ThresholdChange) -> str:
    if c.kind == "added":
        return f"+ {c.new.summary}" if c.new else "+"
    if c.kind == "removed":
        return f"- {c.old.summary}" if c.old else "-"
    assert c.old is not None and c.new is not None
    return f"~ [{', '.join(c.fields) or 'same'}] {c.old.summary}\n    → {c.new.summary}"


def render_text(report: DiffReport, color: bool = False, full: bool = True) -> str:
    """The report for a terminal; ``full=False`` gives unchanged pairs one line, not their text."""
    report = DiffReport.model_validate(clean(report.model_dump()))
    b = (lambda s: f"{_BOLD}{s}{_RESET}") if color else (lambda s: s)
    lines = [
        b(f"--- {report.old.title} ({report.old.date or '-'})  {report.old.path or ''}"),
        b(f"+++ {report.new.title} ({report.new.date or '-'})  {report.new.path or ''}"),
        f"{len(report.pairs)} aligned pairs, {len(report.added)} added, {len(report.removed)} removed, "
        f"{len(report.threshold_changes)} threshold changes, {len(report.threshold_unchanged)} unchanged",
        "",
    ]
    for p in sorted(report.pairs, key=lambda p: (p.old.span, p.new.span)):
        lines.append(b(f"{_path(p.old)} → {_path(p.new)}  {p.relation} ({p.strength}, score {p.score:.2f}, chars {p.char_ratio:.2f})"))
        if not full and p.relation == "unchanged":
            continue
        if p.changes:
            lines.append("  " + "; ".join(p.changes))
        lines.append("  " + _inline(p.ops, color))
        lines.append("")
    if report.removed:
        lines.append(b("removed"))
        lines += [f"  {_path(r)} {r.text[:60]}" for r in report.removed]
    if report.added:
        lines.append(b("added"))
        lines += [f"  {_path(r)} {r.text[:60]}" for r in report.added]
    lines.append(b("thresholds"))
    lines += ["  " + _threshold_line(c) for c in report.threshold_changes]
    lines += [f"  = {c.old.summary}" for c in report.threshold_unchanged if c.old]
    return "\n".join(lines) + "\n"


def _md_cell(s: str) -> str:
    return for_markdown(s)


def _md_ops(ops: list[TextOp]) -> str:
    out = []
    for o in ops:
        if o.op == "equal":
            out.append(_md_cell(o.old))
            continue
        if o.old:
            out.append(f"~~{_md_cell(o.old)}~~")
        if o.new:
            out.append(f"**{_md_cell(o.new)}**")
    return "".join(out)


def render_markdown(report: DiffReport) -> str:
    lines = [
        f"# {_md_cell(report.old.title or '')} → {_md_cell(report.new.title or '')}",
        "",
        f"{len(report.pairs)} aligned pairs · {len(report.added)} added · {len(report.removed)} removed · "
        f"{len(report.threshold_changes)} threshold changes · {len(report.threshold_unchanged)} thresholds unchanged",
        "",
        "## Thresholds",
        "",
        "| | field(s) | old | new |",
        "| --- | --- | --- | --- |",
    ]
    for c in report.threshold_changes + report.threshold_unchanged:
        lines.append(f"| {c.kind} | {', '.join(c.fields)} | {_md_cell(c.old.summary) if c.old else ''} | {_md_cell(c.new.summary) if c.new else ''} |")
    lines += ["", "## Aligned points", "", "| old | new | relation | score | changes | text (~~deleted~~ **inserted**) |", "| --- | --- | --- | --- | --- | --- |"]
    for p in sorted(report.pairs, key=lambda p: (_ORDER[p.relation], p.old.span)):
        lines.append(f"| {_path(p.old)} | {_path(p.new)} | {p.relation} ({p.strength}) | {p.score:.2f} | {_md_cell('; '.join(p.changes))} | {_md_ops(p.ops)} |")
    for title, items in (("Removed", report.removed), ("Added", report.added)):
        lines += ["", f"## {title}", ""]
        lines += [f"- **{_path(r)}** {_md_cell(r.text[:80])}" for r in items] or ["(none)"]
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2em;color:#222}
h1{font-size:1.3em} h2{font-size:1.1em;margin-top:2em}
table{border-collapse:collapse;width:100%} td,th{border:1px solid #ddd;padding:.4em;vertical-align:top}
th{background:#f4f4f4;text-align:left} del{background:#fdd;text-decoration:line-through} ins{background:#dfd;text-decoration:none}
.rel{font-weight:bold} .split,.merged{color:#8a4b00} .modified{color:#a00} .reworded,.moved{color:#555} .unchanged{color:#070}
.meta{color:#666;font-size:.9em} .changed td:first-child{color:#a00} .added td:first-child{color:#070} .removed td:first-child{color:#a00}
"""


def _html_side(ops: list[TextOp], side: str) -> str:
    out = []
    for o in ops:
        if o.op == "equal":
            out.append(html.escape(o.old))
        elif side == "old" and o.old:
            out.append(f"<del>{html.escape(o.old)}</del>")
        elif side == "new" and o.new:
            out.append(f"<ins>{html.escape(o.new)}</ins>")
    return "".join(out).replace("\n", "<br>")


def _html_pair(p: DiffPair) -> str:
    changes = "".join(f"<li>{html.escape(c)}</li>" for c in p.changes)
    return (
        f"<tr><td><b>{html.escape(_path(p.old))}</b><div class=meta>{html.escape(p.old.heading or '')}</div>{_html_side(p.ops, 'old')}</td>"
        f"<td><b>{html.escape(_path(p.new))}</b><div class=meta>{html.escape(p.new.heading or '')}</div>{_html_side(p.ops, 'new')}</td>"
        f"<td><span class='rel {p.relation}'>{p.relation}</span><div class=meta>{p.strength} · score {p.score:.2f} · chars {p.char_ratio:.2f}</div>"
        f"<ul class=meta>{changes}</ul></td></tr>"
    )


def render_html(report: DiffReport) -> str:
    e = html.escape
    rows = "".join(_html_pair(p) for p in sorted(report.pairs, key=lambda p: p.old.span))
    th = "".join(
        f"<tr class={c.kind}><td>{c.kind}</td><td>{e(', '.join(c.fields))}</td><td>{e(c.old.summary) if c.old else ''}</td>"
        f"<td>{e(c.new.summary) if c.new else ''}</td></tr>" for c in report.threshold_changes + report.threshold_unchanged
    )

    def items(refs: list[ItemRef]) -> str:
        return "".join(f"<li><b>{e(_path(r))}</b> {e(r.text[:120])}</li>" for r in refs) or "<li>(none)</li>"

    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{e(report.old.title or '')} → {e(report.new.title or '')}</title>
<style>{_CSS}</style></head><body>
<h1>{e(report.old.title or '')} → {e(report.new.title or '')}</h1>
<p class=meta>old: {e(report.old.path or '')} ({e(report.old.date or '-')}) · new: {e(report.new.path or '')} ({e(report.new.date or '-')})<br>
{len(report.pairs)} aligned pairs · {len(report.added)} added · {len(report.removed)} removed ·
{len(report.threshold_changes)} threshold changes · {len(report.threshold_unchanged)} thresholds unchanged</p>
<h2>Thresholds</h2>
<table><tr><th></th><th>field(s)</th><th>old</th><th>new</th></tr>{th}</table>
<h2>Aligned points</h2>
<table><tr><th>old</th><th>new</th><th>relation</th></tr>{rows}</table>
<h2>Removed</h2><ul>{items(report.removed)}</ul>
<h2>Added</h2><ul>{items(report.added)}</ul>
<p class=meta>Generated by polex diff. Alignment by word TF-IDF similarity and a global matching; character diff with difflib (autojunk off).</p>
</body></html>
"""


def render(report: DiffReport, fmt: str, color: bool = False, full: bool = True) -> str:
    if fmt == "json":
        return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
    if fmt == "markdown":
        return render_markdown(report)
    if fmt == "html":
        return for_xml(render_html(report))
    return render_text(report, color, full)
