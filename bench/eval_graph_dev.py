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


LOOKED = ("038_quanmin_kexue_suzhi_2016_xingdong_yaodian_henan_kexie_zhuanzai.txt", "037_gangyaobanfa_2018_3_quanmin_kexue_suzhi_xingdong_yaodian.txt")
# editions of one series across the folders that the corpus-dev MANIFEST does not list as a series:
# corpus-extra 09 is the 2019 holidays notice (国办发明电〔2018〕15号), corpus-dev 063 the 2020 one
REST = [("09_guobanfamingdian_2019_jiejiari_anpai.html", "063_guowuyuan_bangongting_2020nian_jiejiari_anpai_kaixinit.txt")]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="/tmp/polex-dev-eval.db")
    ap.add_argument("--skip-renditions", action="store_true", help="no derived renditions (the second store)")
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
    # split: 038 → 037 is the pair the opening rule (kb/works._join_by_opening) was written on; the other five
    # were named by the issue and tuned for by the stop before; the rest are chains no rule was written on
    print(f"  of which the pair this stop looked at (038 → 037): {int(nx.has_path(editions, node[LOOKED[0]], node[LOOKED[1]]) if all(node[x] in editions for x in LOOKED) else 0)}/1;"
          f" the five the issue named: {found - int(all(node[x] in editions for x in LOOKED) and nx.has_path(editions, node[LOOKED[0]], node[LOOKED[1]]))}/{total - 1}")
    in_series = {node[d["file"]]: d["series"] for d in manifest if d["series"] and d["file"] in node}
    others = [(u, v, d) for u, v, d in g.edges(data=True) if d["relation"] == "next_edition" and u.startswith("doc:") and v.startswith("doc:")
              and not (in_series.get(u) and in_series.get(u) == in_series.get(v))]
    for u, v, d in others:  # edition edges outside the manifest's series: a series it does not list, or a wrong link
        print(f"  other next_edition {Path(g.nodes[u]['path']).name[:40]} → {Path(g.nodes[v]['path']).name[:40]}  {d['evidence']['series']} {d['evidence']['years']}")
    rest = [(a, b) for a, b in REST if a in node and b in node]
    hit = sum(1 for a, b in rest if node[a] in editions and node[b] in editions and nx.has_path(editions, node[a], node[b]))
    for a, b in rest:
        ok = node[a] in editions and node[b] in editions and nx.has_path(editions, node[a], node[b])
        print(f"  {'ok  ' if ok else 'MISS'} chain not in the manifest's series: {a[:40]} → {b[:40]}")
    if rest:
        print(f"edition-chain recall on chains no rule was written on: {hit}/{len(rest)} = {hit / len(rest):.2f}")

    num = re.compile(r"([\u4e00-\u9fff]{1,8})[〔\[【(]\s*((?:19|20)\d{2})\s*[〕\]】)]\s*(\d+)\s*号")
    from extractor.normalize.text import _converter

    # what each stored file is, by its manifest (the truth, not what polex read): 发文字号 and title,
    # also those the manifest infers (corpus-dev 027 has neither in its text)
    who: dict[str, str] = {}
    extra = json.loads((EXTRA / "MANIFEST.json").read_text(encoding="utf-8")) if EXTRA.exists() else []
    for d in [*manifest, *extra]:
        n = node.get(d["file"])
        for field in ("doc_number", "doc_number_inferred", "title", "title_inferred"):
            v = d.get(field)
            if n and v and v != "None":
                v = _converter("t2s").convert(v)
                m = num.search(v)
                k = number_key(m.group(1), int(m.group(2)), int(m.group(3))) if m and "number" in field else title_key(v)
                if k:
                    who.setdefault(k, n)
    ok_n = tot_n = 0
    for d in manifest:
        if not d["implements"]:
            continue
        for part in re.split(r";\s*", d["implements"]):
            part = _converter("t2s").convert(part)
            keys = [number_key(m.group(1), int(m.group(2)), int(m.group(3))) for m in num.finditer(part)]
            t = re.sub(r"[（(][^（(]*号[)）]$", "", part).strip()
            keys.append(title_key(t.strip("《》")))
            stored = {r["doc_id"] for k in keys if k for r in store.db.execute("SELECT doc_id FROM doc_keys WHERE key = ?", (k,))}
            stored |= {who[k][4:] for k in keys if k in who}  # the manifest knows it (027: 湘办发〔2016〕41号, inferred)
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
    print(f"renditions among the real notices: {len(rend)} pairs (none of them is stored twice: see the report)")
    if not args.skip_renditions:
        renditions(manifest, Path(args.db).with_name(Path(args.db).stem + "-renditions.db"))


# a real site's chrome (corpus-dev 026, the 平江县 portal reposting a 岳阳 notice) and a real blog
# footer (corpus-dev 063), put around another notice as a repost wrapper
WRAP_HEAD = "归档时间:2018-11-21\n当前位置: 首页 > 政务公开 > 政策法规\n\n来源:岳阳市政府门户网 日期:2017-01-12 17:08 字号:【\n视力保护色:\n浏览量:\n\n"
WRAP_FOOT = "\n\n原创文章,作者:开心电脑网,如若转载,请注明出处\n"
TESTED = {"030", "015", "028"}  # the renditions tests/test_graph_works.py builds: left out of this measure


def derived(manifest: list[dict], folder: Path) -> list[tuple[str, str, Path]]:
    """DERIVED renditions of every real corpus-dev notice the tests do not use (labelled: made here, from
    the real files): the other script (OpenCC s2t / t2s), the text of an HTML page (BeautifulSoup
    get_text, chrome and all), and the notice inside another site's repost chrome."""
    out = []
    for d in manifest:
        if d["file"][:3] in TESTED:
            continue
        for kind, p in derive(DEV / "docs" / d["file"], d["script"], folder).items():
            out.append((d["file"], kind, p))
    return out


def derive(src: Path, script: str, folder: Path, kinds: tuple[str, ...] = ("script", "repost", "html_text")) -> dict[str, Path]:
    """Renditions of one real notice, written to ``folder`` as ``{stem}__{kind}.txt``: ``script`` the other
    script (OpenCC), ``repost`` inside :data:`WRAP_HEAD`/:data:`WRAP_FOOT`, ``html_text`` the text of an
    HTML page (BeautifulSoup ``get_text``: navigation, footer and all). Shared with tests/test_graph_works.py."""
    import opencc
    from bs4 import BeautifulSoup

    raw = src.read_text(encoding="utf-8")
    html = src.suffix == ".html"
    text = BeautifulSoup(raw, "html.parser").get_text("\n") if html else raw
    made = {"script": opencc.OpenCC("s2t" if script == "simplified" else "t2s").convert(text), "repost": WRAP_HEAD + text + WRAP_FOOT}
    if html:
        made["html_text"] = text
    out = {}
    for kind, body in made.items():
        if kind in kinds:
            p = folder / f"{src.stem}__{kind}.txt"
            p.write_text(body, encoding="utf-8")
            out[kind] = p
    return out


def renditions(manifest: list[dict], db: Path) -> None:
    import tempfile
    from collections import Counter

    from extractor.ingest.local import ingest_paths
    from extractor.kb.graph import build_graph
    from extractor.kb.store import Store

    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    store = Store(db)
    with tempfile.TemporaryDirectory() as tmp:
        pairs = derived(manifest, Path(tmp))
        originals = [DEV / "docs" / d["file"] for d in manifest if d["file"][:3] not in TESTED]
        ingest_paths(store, [*originals, *(p for *_, p in pairs)])
        g = build_graph(store, with_structure=False, with_reuse=False)
    node = {Path(a["path"]).name: n for n, a in g.nodes(data=True) if a.get("kind") == "document" and a.get("path")}
    ok, fails = Counter(), []
    total = Counter()
    for f, kind, p in pairs:
        a, b = node.get(f), node.get(p.name)
        total[kind] += 1
        if a is None or b is None:
            fails.append((f, kind, "not stored (duplicate bytes or failed)"))
            continue
        one = g.nodes[a].get("work", a[4:]) == g.nodes[b].get("work", b[4:])
        cites = [d["relation"] for u, v, d in g.edges(data=True) if {u, v} == {a, b} and d["relation"] in ("cites", "implements")]
        if one and not cites:
            ok[kind] += 1
        else:
            n = [store.db.execute("SELECT n_shingles FROM kb_index WHERE doc_id = ?", (x[4:],)).fetchone()[0] for x in (a, b)]
            fails.append((f, kind, f"{'one work' if one else 'two works'}, {len(cites)} cites between them, shingles {n}"))
    for f, kind, why in fails:
        print(f"  MISS rendition {kind:9} {f[:45]}: {why}")
    for kind in sorted(total):
        print(f"rendition identity ({kind}): {ok[kind]}/{total[kind]} = {ok[kind] / total[kind]:.2f}")
    print(f"rendition identity (all): {sum(ok.values())}/{sum(total.values())} = {sum(ok.values()) / sum(total.values()):.2f}")
    work_of = {}
    for n, a in g.nodes(data=True):
        if a.get("kind") == "document":
            work_of.setdefault(a.get("work", n[4:]), set()).add(Path(a["path"]).name.split("__")[0].removesuffix(".html").removesuffix(".txt"))
    merged = [sorted(v) for v in work_of.values() if len(v) > 1]
    print(f"distinct real notices put in one work: {len(merged)} (of {len(originals)})" + "".join(f"\n  MERGED {m}" for m in merged))


if __name__ == "__main__":
    main()
