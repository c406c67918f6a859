"""An SVG picture of the document graph: national, provincial, municipal and county as layers.

Documents and the documents they cite (placeholders when not stored) are boxes in the row of
their level; arrows are cites (grey), implements (blue) and next_edition (green). Placeholders
get a level from the issuer behind their 发文字号 or the body at the head of their title. The
file is self-contained SVG with no scripts or external fonts.
"""

from __future__ import annotations

import html

import networkx as nx

from extractor.kb.graph import guess_level
from extractor.views.escape import for_xml

LAYERS = ("national", "provincial", "municipal", "county", "unknown")
COLORS = {"cites": "#9a9a9a", "implements": "#1f5fbf", "next_edition": "#2e8b57"}
BOX_W, BOX_H, GAP_X, ROW_H, LEFT = 170, 46, 18, 150, 110
PER_ROW = 8  # boxes per row; a level with more wraps onto further rows


def _lines(text: str, width: int = 11, rows: int = 2) -> list[str]:
    chunks = [text[i:i + width] for i in range(0, len(text), width)][:rows]
    if len(text) > width * rows:
        chunks[-1] = chunks[-1][:-1] + "…"
    return chunks


def _wanted(g: nx.MultiDiGraph, n: str, everything: bool) -> bool:
    a = g.nodes[n]
    if a["kind"] == "document" or (a["kind"] == "placeholder" and everything):
        return True
    if a["kind"] != "placeholder":
        return False
    # by default a cited-but-not-stored document is drawn when it is implemented or cited by two documents
    rels = [(u, d["relation"]) for u, _, d in g.in_edges(n, data=True) if u.startswith("doc:")]
    return any(r == "implements" for _, r in rels) or len({u for u, _ in rels}) >= 2


def render_svg(g: nx.MultiDiGraph, everything: bool = False) -> str:
    """The picture; ``everything`` also draws placeholders cited only once and not implemented."""
    docs = [n for n in g.nodes if _wanted(g, n, everything)]
    level = {n: (g.nodes[n].get("level") if g.nodes[n]["kind"] == "document" else guess_level(g.nodes[n].get("key"), g.nodes[n].get("title"))) or "unknown" for n in docs}
    rows: dict[str, list[str]] = {k: [] for k in LAYERS}
    for n in sorted(docs, key=lambda n: (g.nodes[n]["kind"] != "document", g.nodes[n].get("year") or 0, g.nodes[n].get("title", ""), n)):
        rows[level[n] if level[n] in rows else "unknown"].append(n)
    layers = [k for k in LAYERS if rows[k]]
    width = LEFT + min(PER_ROW, max(len(rows[k]) for k in layers)) * (BOX_W + GAP_X) + 20
    pos = {}
    band: list[tuple[str, float, float]] = []  # (level, top, bottom)
    y = 30.0
    for k in layers:
        top = y
        for i, n in enumerate(rows[k]):
            pos[n] = (LEFT + (i % PER_ROW) * (BOX_W + GAP_X), y + (i // PER_ROW) * (BOX_H + 34))
        y += ((len(rows[k]) - 1) // PER_ROW) * (BOX_H + 34) + ROW_H
        band.append((k, top, y - ROW_H + BOX_H))
    height = int(y) + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           'font-family="Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif" font-size="11">',
           "<defs>" + "".join(f'<marker id="arrow-{rel}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
                              f'<path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>' for rel, c in COLORS.items()) + "</defs>",
           f'<rect width="{width}" height="{height}" fill="white"/>']
    for r, (k, top, bottom) in enumerate(band):
        out.append(f'<rect x="0" y="{top - 12}" width="{width}" height="{bottom - top + 24}" fill="{"#f3f3f3" if r % 2 == 0 else "#ffffff"}"/>')
        out.append(f'<text x="10" y="{top + BOX_H / 2 + 4}" font-weight="bold" fill="#444">{k}</text>')
    drawn = set()
    for u, v, d in g.edges(data=True):
        rel = d["relation"]
        if rel not in COLORS or u not in pos or v not in pos or (u, v, rel) in drawn:
            continue
        drawn.add((u, v, rel))
        (x1, y1), (x2, y2) = pos[u], pos[v]
        sx, sy = x1 + BOX_W / 2, y1 + (0 if y2 < y1 else BOX_H)
        tx, ty = x2 + BOX_W / 2, y2 + (BOX_H if y2 < y1 else 0)
        if y1 == y2:
            sy = ty = y1 + BOX_H
            path = f"M{sx},{sy} C{sx},{sy + 40} {tx},{ty + 40} {tx},{ty}"
        else:
            my = (sy + ty) / 2
            path = f"M{sx},{sy} C{sx},{my} {tx},{my} {tx},{ty}"
        out.append(f'<path d="{path}" fill="none" stroke="{COLORS[rel]}" stroke-width="1.3" marker-end="url(#arrow-{rel})"/>')
    for n, (x, y) in pos.items():
        a = g.nodes[n]
        stored = a["kind"] == "document"
        title = a.get("title") or a.get("doc_number") or n
        dash = "" if stored else 'stroke-dasharray="4 3"'
        out.append(f'<g><title>{html.escape(title)}</title>'
                   f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{"#eef4ff" if stored else "#fff"}" '
                   f'stroke="{"#1f5fbf" if stored else "#999"}" {dash}/>')
        for i, line in enumerate(_lines(title)):
            out.append(f'<text x="{x + 6}" y="{y + 16 + i * 14}" fill="#222">{html.escape(line)}</text>')
        sub = " ".join(str(s) for s in (a.get("year"), a.get("doc_number")) if s) if stored else "(not stored)"
        out.append(f'<text x="{x + 6}" y="{y + BOX_H - 4}" fill="#777" font-size="9">{html.escape(sub[:30])}</text></g>')
    legend_y = height - 12
    for i, (rel, c) in enumerate(COLORS.items()):
        out.append(f'<text x="{LEFT + i * 120}" y="{legend_y}" fill="{c}">— {rel}</text>')
    out.append("</svg>")
    return for_xml("\n".join(out) + "\n")  # a title with ESC or NUL would make the SVG unreadable
