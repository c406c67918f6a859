"""An SVG picture of the document graph: national, provincial, municipal and county as layers.

By default the stored documents are boxes in the row of their level; with ``everything`` the
documents they cite but the store does not hold (placeholders) are drawn too, with a level
guessed from the issuer behind their 发文字号 or the body at the head of their title. Arrows
are cites (grey, dashed), implements (blue) and next_edition (green); when one document both
cites and implements another, the two arrows are drawn side by side (a reference read as
``implements`` is always also a ``cites``, and drawn on the same curve the grey one vanished
under the blue). The picture scales to the width of the page it is shown in (``width=100%``
and a viewBox; at most ``PER_ROW`` boxes a row). Self-contained SVG: no scripts, no fonts.
"""

from __future__ import annotations

import html

import networkx as nx

from extractor.kb.graph import guess_level
from extractor.views.escape import for_xml

LAYERS = ("national", "provincial", "municipal", "county", "unknown")
COLORS = {"cites": "#9a9a9a", "implements": "#1f5fbf", "next_edition": "#2e8b57"}
BOX_W, BOX_H, GAP_X, ROW_H, LEFT = 170, 46, 18, 150, 110
PER_ROW = 6  # boxes per row; a level with more wraps onto further rows (6 keeps the picture ~1250 px wide)
PARALLEL = 16  # px between the curves of two relations drawn between the same two boxes


def _lines(text: str, width: int = 11, rows: int = 2) -> list[str]:
    chunks = [text[i:i + width] for i in range(0, len(text), width)][:rows]
    if len(text) > width * rows:
        chunks[-1] = chunks[-1][:-1] + "…"
    return chunks


def _wanted(g: nx.MultiDiGraph, n: str, everything: bool) -> bool:
    kind = g.nodes[n]["kind"]
    return kind == "document" or (everything and kind == "placeholder")


def _edge(a: tuple[float, float], b: tuple[float, float], off: float, rel: str) -> str:
    """One arrow from box a to box b, shifted sideways by ``off`` px (parallel relations)."""
    (x1, y1), (x2, y2) = a, b
    sx, sy = x1 + BOX_W / 2 + off, y1 + (0 if y2 < y1 else BOX_H)
    tx, ty = x2 + BOX_W / 2 + off, y2 + (BOX_H if y2 < y1 else 0)
    if y1 == y2:
        sy = ty = y1 + BOX_H
        dip = 40 + abs(off) * 1.5
        path = f"M{sx},{sy} C{sx},{sy + dip} {tx},{ty + dip} {tx},{ty}"
    else:
        my = (sy + ty) / 2
        path = f"M{sx},{sy} C{sx},{my} {tx},{my} {tx},{ty}"
    dash = ' stroke-dasharray="5 3"' if rel == "cites" else ""
    return f'<path d="{path}" fill="none" stroke="{COLORS[rel]}" stroke-width="1.4"{dash} marker-end="url(#arrow-{rel})"/>'


def render_svg(g: nx.MultiDiGraph, everything: bool = False) -> str:
    """The picture; ``everything`` also draws the cited documents that are not stored."""
    docs = [n for n in g.nodes if _wanted(g, n, everything)]
    level = {n: (g.nodes[n].get("level") if g.nodes[n]["kind"] == "document" else guess_level(g.nodes[n].get("key"), g.nodes[n].get("title"))) or "unknown" for n in docs}
    rows: dict[str, list[str]] = {k: [] for k in LAYERS}
    for n in sorted(docs, key=lambda n: (g.nodes[n]["kind"] != "document", g.nodes[n].get("year") or 0, g.nodes[n].get("title", ""), n)):
        rows[level[n] if level[n] in rows else "unknown"].append(n)
    layers = [k for k in LAYERS if rows[k]]
    if not layers:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 400 40"><text x="10" y="24">no documents</text></svg>\n'
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
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet" '
           'font-family="Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif" font-size="11">',
           "<defs>" + "".join(f'<marker id="arrow-{rel}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
                              f'<path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>' for rel, c in COLORS.items()) + "</defs>",
           f'<rect width="{width}" height="{height}" fill="white"/>']
    for r, (k, top, bottom) in enumerate(band):
        out.append(f'<rect x="0" y="{top - 12}" width="{width}" height="{bottom - top + 24}" fill="{"#f3f3f3" if r % 2 == 0 else "#ffffff"}"/>')
        out.append(f'<text x="10" y="{top + BOX_H / 2 + 4}" font-weight="bold" fill="#444">{k}</text>')
    rels: dict[tuple[str, str], list[str]] = {}
    for u, v, d in g.edges(data=True):
        rel = d["relation"]
        if rel in COLORS and u in pos and v in pos and u != v and rel not in rels.setdefault((u, v), []):
            rels[(u, v)].append(rel)
    for (u, v), kinds in rels.items():
        for k, rel in enumerate(sorted(kinds, key=list(COLORS).index)):
            off = (k - (len(kinds) - 1) / 2) * PARALLEL
            out.append(_edge(pos[u], pos[v], off, rel))
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
