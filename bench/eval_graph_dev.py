"""The graph against ../shared/corpus-dev/MANIFEST.json (real notices; the rules were not written on them).

Stores all of corpus-dev plus the bundled corpus and corpus-extra, builds the graph, and prints:
* edition-chain recall: for every `series` of the manifest, the consecutive editions (by date)
  joined by a path of next_edition edges;
* implements resolution: for every `implements` entry whose 发文字号 or title names a stored
  notice, whether the citing notice has an implements (or cites) edge to that stored notice;
* renditions found (pairs, with their containment).

Run: .venv/bin/python bench/eval_graph_dev.py [--db /tmp/polex-dev-eval.db]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "corpus-dev"
EXTRA = ROOT.parent / "shared" / "corpus-extra"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="/tmp/polex-dev-eval.db")
    args = ap.parse_args()
    import networkx as nx

    from extractor.ingest.local import ingest_paths
    from extractor.kb.graph import build_graph
    from extractor.kb.store import Store, number_key, title_key

    manifest = json.loads((DEV / "MANIFEST.json").read_text(encoding="utf-8"))
    for p in Path(args.db).parent.glob(Path(args.db).name + "*"):
        p.unlink()
    store = Store(args.db)
    ingest_paths(store, [DEV / "docs", ROOT / "corpus", *([EXTRA] if EXTRA.exists() else [])])
    g = build_graph(store, with_structure=False)
    node = {Path(a["path"]).name: n for n, a in g.nodes(data=True) if a.get("kind") == "document" and a.get("path")}
    editions = nx.DiGraph((u, v) for u, v, d in g.edges(data=True) if d["relation"] == "next_edition")

    found = total = 0
    for series in sorted({d["series"] for d in manifest if d["series"]}):
        files = [d["file"] for d in sorted((d for d in manifest if d["series"] == series), key=lambda d: (d["date"] or "", d["file"]))]
        for a, b in zip(files, files[1:]):
            ok = node[a] in editions and node[b] in editions and nx.has_path(editions, node[a], node[b])
            found += ok
            total += 1
            print(f"  {'ok  ' if ok else 'MISS'} series {series}: {a[:40]} → {b[:40]}")
    print(f"edition-chain recall: {found}/{total} = {found / total:.2f}")

    num = re.compile(r"([\u4e00-\u9fff]{1,8})[〔\[【(]\s*((?:19|20)\d{2})\s*[〕\]】)]\s*(\d+)\s*号")
    ok_n = tot_n = 0
    for d in manifest:
        if not d["implements"]:
            continue
        for part in re.split(r";\s*", d["implements"]):
            from extractor.normalize.text import _converter

            part = _converter("t2s").convert(part)
            keys = [number_key(m.group(1), int(m.group(2)), int(m.group(3))) for m in num.finditer(part)]
            t = re.sub(r"[（(][^（(]*号[)）]$", "", part).strip()
            keys.append(title_key(t.strip("《》")))
            stored = {r["doc_id"] for k in keys if k for r in store.db.execute("SELECT doc_id FROM doc_keys WHERE key = ?", (k,))}
            if not stored:
                continue
            src = node.get(d["file"])
            targets = {v[4:] for _, v, e in g.out_edges(src, data=True) if e["relation"] in ("implements", "cites")}
            ok = bool(stored & targets)
            ok_n += ok
            tot_n += 1
            print(f"  {'ok  ' if ok else 'MISS'} implements {d['file'][:40]} → {part[:50]} (stored as {', '.join(sorted(stored))})")
    print(f"implements resolved to the stored notice: {ok_n}/{tot_n}" + (f" = {ok_n / tot_n:.2f}" if tot_n else ""))
    rend = [(u, v, d["evidence"]) for u, v, d in g.edges(data=True) if d["relation"] == "rendition_of"]
    for u, v, e in rend:
        print(f"  rendition {Path(g.nodes[u]['path']).name[:45]} = {Path(g.nodes[v]['path']).name[:45]}  containment {e['containment']}")
    print(f"renditions: {len(rend)} pairs")


if __name__ == "__main__":
    main()
