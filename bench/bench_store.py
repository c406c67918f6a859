"""Query latency on a store of 10,000 documents, and the synthetic-store builder every store
bench shares (bench_serve.py, bench_scale.py, bench_graph.py).

SYNTHETIC SCALE DATA: the 29 real corpus notices are processed once by the pipeline and
stored; then their rows are copied again and again under new ids *inside the database*
(``INSERT … SELECT`` per table, a few thousand documents per statement: no pipeline, no
Python per row), each copy with its own doc_id, sha256 and blob. Two kinds of copies:

* *editions*: the first ``same_work_blocks`` copies of the corpus keep the keys of the
  notice they copy, so each is one more version of the same work and one more stored
  edition of its series (700 blocks: at 100,000 documents the 2017 要点 has 700 stored
  versions, the case issue 16 names; below 25,000 documents every copy is one);
* *replicas*: later copies get their keys tagged (``title:…~s57``: the work key, the keys a
  document answers to, its citations' keys, its series and its LSH bands), so each block of
  29 is a corpus of its own — its own works, citing each other as the real notices do. That
  is the shape of a large store (many notices, each with a small neighbourhood), which the
  per-document queries and ``trace`` are measured on.

With ``same_work_blocks=None`` every copy is an edition (bench_graph.py's renditions). The
graph index (kb_index, doc_bands, doc_series) is copied too when asked, so that ``trace``
does not spend minutes indexing 100,000 synthetic rows on its first call.

Then every `polex query` shape is timed (median and worst of several runs) next to a bare
`SELECT COUNT(*)` over the same tables as the baseline. No assertions: numbers only; the
target is < 100 ms per query.

Run: .venv/bin/python bench/bench_store.py [--docs 10000] [--db /tmp/polex-10k.db]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAME_WORK_BLOCKS = 700  # copies of the corpus that are more versions of the real works: the 690 editions of issue 16
BLOCKS_PER_STATEMENT = 100  # 2,900 documents per INSERT … SELECT and per transaction
GRAPH_INDEX = ("kb_index", "doc_bands", "doc_series")  # kb/works.py's lazily filled index
ID_COLUMNS = ("id", "parent", "section_id", "requirement_id")  # structural ids: "{doc_id}#…"
KEY_COLUMNS = {  # what a document is found by: tagged in replicas, so each replica links up only with itself
    "doc_keys": ("key",), "citations": ("number_key", "title_key"), "doc_series": ("key", "core"), "doc_bands": ("band",),
}


def _columns(store, table: str) -> list[str]:  # noqa: ANN001
    cur = store.db.execute(f"SELECT * FROM {table} LIMIT 0")  # noqa: S608 - names from the schema
    return [d[0] for d in cur.description]


def _doc_tables(store) -> list[str]:  # noqa: ANN001
    """The tables whose rows belong to one document (a ``doc_id`` column), parents before children."""
    if store.backend == "sqlite":
        q = ("SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' "
             "AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND p.name = 'doc_id'")
    else:
        q = "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'doc_id'"
    from extractor.kb.store import ROW_TABLES

    found = {r[0] for r in store.db.execute(q)} - {"documents", "http_cache", "clause_blocks"}  # blocks: written below
    return [t for t in ROW_TABLES if t in found] + sorted(found - set(ROW_TABLES))


def _copy_sql(store, table: str) -> str:  # noqa: ANN001
    """``INSERT … SELECT`` of ``table``'s rows of the mapped documents under their new ids."""
    cols = _columns(store, table)
    keys = KEY_COLUMNS.get(table, ())
    out = []
    for c in cols:
        if c == "doc_id":
            out.append("m.new_id")
        elif c in ID_COLUMNS:
            out.append(f"m.new_id || substr(x.{c}, length(m.old_id) + 1)")
        elif c in keys:
            out.append(f"x.{c} || m.tag")
        else:
            out.append(f'x."{c}"')
    names = ", ".join(f'"{c}"' for c in cols)
    return f"INSERT INTO {table} ({names}) SELECT {', '.join(out)} FROM synth_map m JOIN {table} x ON x.doc_id = m.old_id"  # noqa: S608


def store_corpus(store) -> list[str]:  # noqa: ANN001
    """The 29 real notices through the pipeline, stored; their doc_ids."""
    from extractor.pipeline import expand_inputs, extract_bytes

    ids = []
    for p in expand_inputs([ROOT / "corpus"]):
        data = p.read_bytes()
        ids.append(store.add(extract_bytes(data, path=str(p)), data).doc_id)
    return ids


def build(db: str | Path, n_docs: int, same_work_blocks: int | None = None, graph_index: bool = False,
          say: Callable[[str], None] = print) -> None:
    """A store of ``n_docs`` documents at ``db`` (a path or a PostgreSQL URL; it must be empty).
    SYNTHETIC copies of the corpus, see the module docstring."""
    from extractor.kb.store import Store
    from extractor.kb.works import ensure_index

    with Store(db) as store:
        if store.counts()["documents"]:
            raise SystemExit(f"{db} is not empty: the synthetic builder starts from an empty store")
        t = time.perf_counter()
        base = store_corpus(store)
        if graph_index:
            ensure_index(store)
        db_ = store.db
        versions = {r["doc_id"]: r["version"] for r in db_.execute("SELECT doc_id, version FROM documents")}
        step = max(versions.values())
        tables = [t_ for t_ in _doc_tables(store) if graph_index or t_ not in GRAPH_INDEX]
        copies = {t_: _copy_sql(store, t_) for t_ in tables}
        sqlite = store.backend == "sqlite"
        db_.execute("CREATE TEMP TABLE synth_map (old_id TEXT, new_id TEXT, sha TEXT, tag TEXT, version_add INTEGER)")
        if sqlite:  # the corpus clauses' bigram words, computed once (per copy, the Python function was most of the build)
            db_.execute("CREATE TEMP TABLE synth_bigrams (id TEXT PRIMARY KEY, bigrams TEXT)")
            with store._tx():  # noqa: SLF001
                db_.execute("INSERT INTO synth_bigrams SELECT id, polex_bigrams(text) FROM clauses")
        if sqlite:
            db_.execute("PRAGMA foreign_keys = OFF")  # every row copies a row that satisfied them
            # a bulk load into a new file: no WAL (each page was written twice, 1.4 MB per document at
            # 14,000), no fsync, a large page cache; the store goes back to WAL at the end
            db_.execute("PRAGMA journal_mode = MEMORY")
            db_.execute("PRAGMA synchronous = OFF")
            db_.execute("PRAGMA cache_size = -2000000")
        k = len(base)
        while k < n_docs:
            end = min(n_docs, k + BLOCKS_PER_STATEMENT * len(base))
            rows = []
            for j in range(k, end):
                old, block = base[j % len(base)], j // len(base)
                edition = same_work_blocks is None or block < same_work_blocks
                new = f"{old[:10]}{j:06x}"
                rows.append((old, new, f"{new}{'0' * 48}", "" if edition else f"~s{block}",
                             block * step if edition else 0))
            with store._tx():  # noqa: SLF001 - the store's own write transaction (and lock)
                db_.execute("DELETE FROM synth_map")
                db_.executemany("INSERT INTO synth_map VALUES (?,?,?,?,?)", rows)
                last = db_.execute("SELECT COALESCE(MAX(rowid), 0) FROM clauses").fetchone()[0] if sqlite else 0
                db_.execute("INSERT INTO blobs (sha256, size, media_type, data) SELECT m.sha, b.size, b.media_type, b.data "
                            "FROM synth_map m JOIN documents x ON x.doc_id = m.old_id JOIN blobs b ON b.sha256 = x.sha256")
                db_.execute("INSERT INTO works (key, title, doc_number) SELECT DISTINCT w.key || m.tag, w.title, w.doc_number "
                            "FROM synth_map m JOIN documents x ON x.doc_id = m.old_id JOIN works w ON w.id = x.work_id "
                            "WHERE m.tag <> '' ON CONFLICT DO NOTHING")
                cols = _columns(store, "documents")
                expr = {"doc_id": "m.new_id", "sha256": "m.sha", "version": "x.version + m.version_add",
                        "series_key": "x.series_key || m.tag",
                        "work_id": "(SELECT w.id FROM works w WHERE w.key = (SELECT w0.key FROM works w0 WHERE w0.id = x.work_id) || m.tag)"}
                db_.execute(f"INSERT INTO documents ({', '.join(chr(34) + c + chr(34) for c in cols)}) "  # noqa: S608
                            f"SELECT {', '.join(expr.get(c, f'x.{chr(34)}{c}{chr(34)}') for c in cols)} "
                            "FROM synth_map m JOIN documents x ON x.doc_id = m.old_id")
                for sql in copies.values():
                    db_.execute(sql)
                if sqlite:  # the search indexes of the new clauses (what Store._index_clauses does per document)
                    db_.execute("INSERT INTO clauses_fts(rowid, tokens) SELECT rowid, tokens FROM clauses WHERE rowid > ?", (last,))
                    db_.execute("INSERT INTO clauses_bigrams(rowid, bigrams) SELECT c.rowid, b.bigrams FROM synth_map m "
                                "JOIN clauses x ON x.doc_id = m.old_id JOIN synth_bigrams b ON b.id = x.id "
                                "JOIN clauses c ON c.id = m.new_id || substr(x.id, length(m.old_id) + 1)")
                    # each copy's run of clause rowids, as SqliteStore._index_clauses writes it (migration 9)
                    db_.execute("INSERT INTO clause_blocks(doc_id, lo, hi) SELECT m.new_id, CASE WHEN c.n IS NULL THEN NULL "
                                "WHEN c.n = c.hi - c.lo + 1 THEN c.lo ELSE -1 END, c.hi FROM synth_map m LEFT JOIN "
                                "(SELECT doc_id, MIN(rowid) AS lo, MAX(rowid) AS hi, COUNT(*) AS n FROM clauses WHERE rowid > ? "
                                "GROUP BY doc_id) c ON c.doc_id = m.new_id", (last,))
            k = end
            say(f"  {k:,} documents stored ({time.perf_counter() - t:.0f} s)")
        db_.execute("DROP TABLE synth_map")
        if sqlite:
            db_.execute("DROP TABLE synth_bigrams")
        if sqlite:
            db_.execute("PRAGMA foreign_keys = ON")
            db_.execute("PRAGMA journal_mode = WAL")
            db_.execute("PRAGMA synchronous = NORMAL")
        db_.execute("ANALYZE")


def ensure_store(db: str | Path, n_docs: int, **kw) -> None:  # noqa: ANN003
    """Build the synthetic SQLite store at ``db`` unless it already holds ``n_docs`` documents."""
    from extractor.kb.store import Store

    db = Path(db)
    if db.exists():
        with Store(db) as s:
            if s.counts()["documents"] == n_docs:
                return
    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    print(f"building a synthetic store of {n_docs} documents at {db} …", flush=True)
    build(db, n_docs, **kw)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--db", default="/tmp/polex-bench-10k.db")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from extractor.kb.query import Filters, query_documents, query_requirements, query_thresholds, trace
    from extractor.kb.store import Store

    ensure_store(args.db, args.docs, same_work_blocks=SAME_WORK_BLOCKS, graph_index=True)
    with Store(args.db) as store:
        counts = store.counts()
        print(f"store: {counts} ({Path(args.db).stat().st_size / 1e6:.0f} MB) — synthetic scale data")
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
        for name, median, _, worst, _, rows in timed(cases, args.runs):
            print(f"{name:<55} {median:>10.1f} {worst:>9.1f} {rows:>6}")


def timed(cases: list, runs: int):  # noqa: ANN201
    """(name, median ms, p95 ms, worst ms, median CPU ms, rows) of each (name, call) run ``runs``
    times; p95 by nearest rank (with 20 runs, the second worst); CPU: this process's time, which
    other processes on a shared machine disturb less than the wall clock; rows: a list's length,
    a trace's links, else 1. Yields as it goes, so a slow case prints before the next runs."""
    for name, fn in cases:
        times, cpu, rows = [], [], None
        for _ in range(runs):
            t, c = time.perf_counter(), time.process_time()
            res = fn()
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            rows = len(res) if isinstance(res, list) else (len(res["links"]) if isinstance(res, dict) else 1)
        p95 = sorted(times)[max(0, -(-95 * runs // 100) - 1)]
        yield name, statistics.median(times), p95, max(times), statistics.median(cpu), rows

if __name__ == "__main__":
    main()
