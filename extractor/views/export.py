"""Graph export: networkx node-link JSON, GraphML, Neo4j CSV (admin import), DOT.

Node attribute ``kind`` and edge attribute ``relation`` are always present. Formats that
only take scalar attributes (GraphML, CSV, DOT) get nested evidence as a JSON string.
:func:`write` streams to a file, one node or edge at a time (no whole-document string);
:func:`around` cuts the graph to the neighbourhood of one node (``--around ID --depth N``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import networkx as nx

from extractor.views.escape import for_export


def _text(v: str) -> str:
    """Escaping of every string a format writes: characters XML 1.0 forbids (ESC, NUL … from a
    notice's title) and bidirectional overrides are dropped, so GraphML parses and a CSV or DOT
    file holds no control codes."""
    return for_export(v)


def _scalar(v: object) -> object:
    if isinstance(v, (dict, list, tuple)):
        return _text(json.dumps(v, ensure_ascii=False))
    if isinstance(v, str):
        return _text(v)
    return "" if v is None else v


def to_json(g: nx.MultiDiGraph) -> str:
    try:
        data = nx.node_link_data(g, edges="links")
    except TypeError:  # networkx < 3.4
        data = nx.node_link_data(g)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def to_graphml(g: nx.MultiDiGraph) -> str:
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, {k: _scalar(v) for k, v in a.items()}) for n, a in g.nodes(data=True))
    h.add_edges_from((u, v, k, {kk: _scalar(vv) for kk, vv in d.items()}) for u, v, k, d in g.edges(keys=True, data=True))
    return "\n".join(nx.generate_graphml(h)) + "\n"


def to_neo4j_csv(g: nx.MultiDiGraph, folder: str | Path) -> list[Path]:
    """nodes.csv and relationships.csv in the neo4j-admin import header format."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    node_keys = sorted({k for _, a in g.nodes(data=True) for k in a if k != "kind"})
    with (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id:ID", ":LABEL", *node_keys])
        for n, a in g.nodes(data=True):
            w.writerow([n, a["kind"].capitalize(), *(_scalar(a.get(k)) for k in node_keys)])
    with (folder / "relationships.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([":START_ID", ":END_ID", ":TYPE", "confidence:float", "evidence"])
        for u, v, d in g.edges(data=True):
            w.writerow([u, v, d["relation"].upper(), d.get("confidence", 1.0), _scalar(d.get("evidence"))])
    return [folder / "nodes.csv", folder / "relationships.csv"]


def _dot_id(s: str) -> str:
    return '"' + _text(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(g: nx.MultiDiGraph) -> str:
    out = io.StringIO()
    out.write("digraph polex {\n  rankdir=LR;\n  node [shape=box, fontname=\"Noto Sans CJK SC\"];\n")
    for n, a in g.nodes(data=True):
        label = a.get("title") or a.get("name") or a.get("subject") or a.get("path") or n
        out.write(f"  {_dot_id(n)} [label={_dot_id(str(label)[:40])}, kind={_dot_id(a['kind'])}];\n")
    for u, v, d in g.edges(data=True):
        out.write(f"  {_dot_id(u)} -> {_dot_id(v)} [label={_dot_id(d['relation'])}];\n")
    out.write("}\n")
    return out.getvalue()


def export(g: nx.MultiDiGraph, fmt: str) -> str:
    if fmt == "json":
        return to_json(g)
    if fmt == "graphml":
        return to_graphml(g)
    if fmt == "dot":
        return to_dot(g)
    raise ValueError(f"unknown format {fmt!r} (neo4j-csv writes a folder: use to_neo4j_csv)")


def iter_json(g: nx.MultiDiGraph) -> Iterator[str]:
    """Node-link JSON (the layout of ``networkx.node_link_data(g, edges="links")``), in pieces."""
    yield '{"directed": true, "multigraph": true, "graph": {}, "nodes": [\n'
    first = True
    for n, a in g.nodes(data=True):
        yield ("" if first else ",\n") + json.dumps({**a, "id": n}, ensure_ascii=False)
        first = False
    yield '\n], "links": [\n'
    first = True
    for u, v, k, d in g.edges(keys=True, data=True):
        yield ("" if first else ",\n") + json.dumps({**d, "source": u, "target": v, "key": k}, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def iter_graphml(g: nx.MultiDiGraph) -> Iterator[str]:
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, {k: _scalar(v) for k, v in a.items()}) for n, a in g.nodes(data=True))
    h.add_edges_from((u, v, k, {kk: _scalar(vv) for kk, vv in d.items()}) for u, v, k, d in g.edges(keys=True, data=True))
    for line in nx.generate_graphml(h):
        yield line + "\n"


def write(g: nx.MultiDiGraph, fmt: str, out: TextIO) -> None:
    """Stream ``g`` in ``fmt`` (json, graphml, dot) to an open text file."""
    pieces = {"json": iter_json, "graphml": iter_graphml}.get(fmt)
    if pieces is None:
        out.write(export(g, fmt))
        return
    for piece in pieces(g):
        out.write(piece)


def around(g: nx.MultiDiGraph, node: str, depth: int) -> nx.MultiDiGraph:
    """The nodes within ``depth`` steps of ``node`` (either direction) and the edges among them.
    ``node`` may be given without its ``doc:`` prefix."""
    if node not in g and f"doc:{node}" in g:
        node = f"doc:{node}"
    if node not in g:
        raise KeyError(f"no node {node!r} in the graph")
    seen = {node}
    frontier = [node]
    for _ in range(depth):
        nxt = []
        for n in frontier:
            for m in (*g.successors(n), *g.predecessors(n)):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
    return g.subgraph(seen).copy()
