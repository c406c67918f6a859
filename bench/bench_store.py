"""Query latency on a store of 10,000 documents.

SYNTHETIC SCALE DATA: the 29 real corpus notices are processed once, then stored again and
again under distinct ids (each copy's bytes get a marker line, so its sha256 and doc_id
differ; every copy is a new version of the same work). Then every `polex query` shape is
timed (median and worst of several runs) next to a bare `SELECT COUNT(*)` over the same
tables as the baseline. No assertions: numbers only; the target is < 100 ms per query.

Run: .venv/bin/python bench/bench_store.py [--docs 10000] [--db /tmp/polex-10k.db]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _copy(doc, n: int):  # noqa: ANN001, ANN202
    """The document under a new id (synthetic copy n)."""
    from extractor.model import Document

    new_id = f"{doc.doc_id[:10]}{n:06x}"
    data = json.loads(doc.model_dump_json().replace(doc.doc_id, new_id))
    data["source"]["sha256"] = f"{new_id}{'0' * 48}"
    return Document.model_validate(data)


def build(db: Path, n_docs: int) -> None:
    from extractor.pipeline import expand_inputs, extract_bytes
    from extractor.kb.store import Store

    blobs = [(str(p), p.read_bytes()) for p in expand_inputs([ROOT / "corpus"])]
    docs = [(extract_bytes(b, path=p), b) for p, b in blobs]
    t = time.perf_counter()
    with Store(db) as store:
        k = 0
        while k < n_docs:
            doc, data = docs[k % len(docs)]
            copy = doc if k < len(docs) else _copy(doc, k)
            store.add(copy, data + f"\n<!-- synthetic copy {k} -->".encode())
            k += 1
            if k % 1000 == 0:
                print(f"  {k} documents stored ({time.perf_counter() - t:.0f} s)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--db", default="/tmp/polex-bench-10k.db")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from extractor.kb.query import Filters, query_documents, query_requirements, query_thresholds, trace
    from extractor.kb.store import Store

    db = Path(args.db)
    if not db.exists() or Store(db).counts()["documents"] < args.docs:
        for p in db.parent.glob(db.name + "*"):
            p.unlink()
        print(f"building a synthetic store of {args.docs} documents at {db} …")
        build(db, args.docs)
    with Store(db) as store:
        counts = store.counts()
        print(f"store: {counts} ({db.stat().st_size / 1e6:.0f} MB)")
        some_doc = store.db.execute("SELECT doc_id FROM documents WHERE title LIKE '%2017年学会改革%' LIMIT 1").fetchone()[0]
        cases = [
            ("baseline: SELECT COUNT(*) FROM thresholds", lambda: store.db.execute("SELECT COUNT(*) FROM thresholds").fetchone()),
            ("documents --level provincial", lambda: query_documents(store, Filters(level="provincial"))),
            ("documents --issuer 科协 --year 2018", lambda: query_documents(store, Filters(issuer="科协", year=2018))),
            ("documents --search 监事会", lambda: query_documents(store, Filters(search="监事会"))),
            ("requirements --modality prohibition --level national", lambda: query_requirements(store, Filters(modality="prohibition", level="national"))),
            ("requirements --search 理事会规模", lambda: query_requirements(store, Filters(search="理事会规模"))),
            ("thresholds --subject 理事会人数 --unit 人", lambda: query_thresholds(store, Filters(subject="理事会人数", unit="人"))),
            ("thresholds --level municipal --unit %", lambda: query_thresholds(store, Filters(level="municipal", unit="%"))),
            ("trace <2017 要点>", lambda: trace(store, some_doc)),
        ]
        print(f"{'query':<55} {'median ms':>10} {'worst ms':>9} {'rows':>6}")
        for name, fn in cases:
            times, rows = [], None
            for _ in range(args.runs):
                t = time.perf_counter()
                res = fn()
                times.append((time.perf_counter() - t) * 1000)
                rows = len(res) if isinstance(res, list) else (len(res["links"]) if isinstance(res, dict) else 1)
            print(f"{name:<55} {statistics.median(times):>10.1f} {max(times):>9.1f} {rows:>6}")


if __name__ == "__main__":
    main()
