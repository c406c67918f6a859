"""The store's two backends (issue 16) and its hardening (issue 15, "Store and query errors").

SQLite and a live PostgreSQL (tests/pg.py) are filled with the same corpus documents and must
answer every query, trace and search alike; Chinese search finds two-character words; bad
stores, bad filters and concurrent writers give clear codes, never tracebacks.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.errors import StoreError
from extractor.ingest.local import ingest_paths
from extractor.kb.query import Filters, query_dates, query_documents, query_requirements, query_thresholds, trace
from extractor.kb.store import Store
from tests.conftest import BACKENDS, CORPUS, corpus_files, extracted

ROOT = Path(__file__).resolve().parent.parent


def _fill(store: Store) -> Store:
    for p in corpus_files():
        store.add(extracted(str(p)), p.read_bytes())
    return store


@pytest.fixture(scope="module")
def stores(tmp_path_factory, pg_server) -> dict[str, Store]:  # noqa: ANN001
    out = {"sqlite": _fill(Store(tmp_path_factory.mktemp("b") / "polex.db")), "postgresql": _fill(Store(pg_server.new_database()))}
    yield out
    for s in out.values():
        s.close()


@pytest.fixture(params=BACKENDS)
def store(request, stores) -> Store:  # noqa: ANN001
    return stores[request.param]


# -- same results ------------------------------------------------------------------------------

QUERIES = [
    Filters(), Filters(level="municipal"), Filters(year=2018), Filters(issuer="科协"), Filters(doc_type="通知"),
    Filters(modality="prohibition"), Filters(subject="理事会"), Filters(unit="%"), Filters(search="理事会规模"),
    Filters(search="低保", level="municipal"), Filters(search="监事"), Filters(limit=5), Filters(search="养老服务 补贴"),
]


@pytest.mark.parametrize("f", QUERIES, ids=repr)
def test_both_backends_answer_every_query_alike(stores, f) -> None:  # noqa: ANN001
    for q in (query_documents, query_requirements, query_thresholds, query_dates):
        a, b = q(stores["sqlite"], f), q(stores["postgresql"], f)
        assert a == b, q.__name__
    assert query_requirements(stores["sqlite"], Filters(limit=100_000)), "the corpus has requirements"


def test_trace_is_the_same_on_both_backends(stores) -> None:  # noqa: ANN001
    for p in corpus_files()[:12]:
        doc_id = extracted(str(p)).doc_id
        assert trace(stores["sqlite"], doc_id) == trace(stores["postgresql"], doc_id)


def test_counts_and_the_graph_are_the_same_on_both_backends(stores) -> None:  # noqa: ANN001
    from extractor.kb.graph import build_graph
    
    assert stores["sqlite"].counts() == stores["postgresql"].counts()
    a, b = build_graph(stores["sqlite"]), build_graph(stores["postgresql"])
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    # edges as (from, to, relation): the evidence of an alignment may pick another of two equal
    # candidates, as graph.py's ORDER BY t.doc_id, t.start leaves ties to the backend
    assert Counter((u, v, k) for u, v, k in a.edges(keys=True)) == Counter((u, v, k) for u, v, k in b.edges(keys=True))


# -- Chinese search ----------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["监事", "低保", "理事"])
def test_two_character_words_find_every_clause_that_holds_them(store, word) -> None:  # noqa: ANN001
    """Issue 16: 监事 and 低保 found nothing (the old FTS indexed whole jieba words: 监事会, 低保户)."""
    expected = {r["id"] for r in store.db.execute("SELECT id, text FROM clauses") if word in r["text"]}
    assert expected, f"the corpus has clauses with {word}"
    found = {r["id"] for r in store.search_clauses(word, limit=10_000)}
    assert found == expected


def test_a_word_search_needs_every_word(store) -> None:  # noqa: ANN001
    hits = store.search_clauses("理事会 规模", limit=1000)
    assert hits and all("理事会" in r["text"] and "规模" in r["text"] for r in hits)
    assert store.search_clauses("理事会 不存在的词语组合", limit=1000) == []


def test_a_blank_search_finds_nothing_rather_than_everything(store) -> None:  # noqa: ANN001
    for q in (" ", "，。", ""):
        assert query_documents(store, Filters(search=q)) == []
        assert query_requirements(store, Filters(search=q)) == []
        assert store.search_clauses(q) == []


def test_text_filters_are_literal_and_any_length(store) -> None:  # noqa: ANN001
    assert query_documents(store, Filters(issuer="%")) == []  # a LIKE wildcard once matched every issuer
    assert query_documents(store, Filters(issuer="_")) == []
    pct = query_requirements(store, Filters(subject="%", limit=100_000))
    assert pct and all("%" in r["text"] for r in pct)  # the per-cent sign itself, not every requirement
    assert len(pct) < len(query_requirements(store, Filters(limit=100_000)))
    assert query_documents(store, Filters(issuer="科" * 40_000)) == []  # "LIKE pattern too complex" before
    assert query_thresholds(store, Filters(subject="理" * 40_000)) == []



# The first page of a search, as a full scan orders it: the query reads the first LIMIT documents
# that hold a matching row, then their rows (kb/query._select; issue 16 at 100,000 notices). The
# reference is the plain join of every row with every hit, sorted whole, as the query was written
# before; pages smaller than the hits (1, 2, 3 rows) must be its head, and the whole answer the same.
_PAGED = {  # table, alias, how a hit clause m falls in a row, the query
    "requirements": ("r", "m.start >= r.start AND m.start < r.end", query_requirements),
    "thresholds": ("t", "m.start <= t.start AND t.start < m.end", query_thresholds),
}


@pytest.mark.parametrize("f", [Filters(search="理事会规模"), Filters(search="理事"), Filters(search="低保", level="municipal"),
                               Filters(search="监事", modality="obligation"), Filters(search="养老服务 补贴"),
                               Filters(search="人", unit="人")], ids=repr)
def test_a_search_page_is_the_head_of_the_full_scan(store, f) -> None:  # noqa: ANN001
    longest = 0
    for table, (alias, hit, query) in _PAGED.items():
        filters = {"d.level": f.level, "r.modality": f.modality, "t.unit": f.unit}
        if any(v and not col.startswith(("d.", f"{alias}.")) for col, v in filters.items()):
            continue  # a filter the other table does not have
        kept = [(col, v) for col, v in filters.items() if v]
        sql, args = store.clause_hits(f.search)
        full = [r["id"] for r in store.db.execute(
            f"SELECT DISTINCT {alias}.id, {alias}.start, d.year, {alias}.doc_id FROM {table} {alias} "
            f"JOIN documents d ON d.doc_id = {alias}.doc_id JOIN ({sql}) m ON m.doc_id = {alias}.doc_id AND {hit}"
            + "".join(f" AND {col} = ?" for col, _ in kept) + f" ORDER BY d.year, {alias}.doc_id, {alias}.start, {alias}.id",
            (*args, *(v for _, v in kept)))]
        longest = max(longest, len(full))
        assert [r["id"] for r in query(store, Filters(**{**f.__dict__, "limit": 100_000}))] == full, table
        for k in (1, 2, 3, 40):
            assert [r["id"] for r in query(store, Filters(**{**f.__dict__, "limit": k}))] == full[:k], (table, k)
    assert longest > 2, f"the corpus has more rows for {f} than a page of 2"


def test_the_documents_of_a_search_come_from_the_clause_blocks_alike(stores) -> None:  # noqa: ANN001
    """SQLite's clause_blocks (migration 9): each document's clauses are one run of rowids, and the
    documents of a search found through it are those of its hit clauses, read row by row."""
    store = stores["sqlite"]
    runs = {r["doc_id"]: (r["lo"], r["hi"], r["n"]) for r in store.db.execute(
        "SELECT doc_id, MIN(rowid) AS lo, MAX(rowid) AS hi, COUNT(*) AS n FROM clauses GROUP BY doc_id")}
    blocks = {r["doc_id"]: (r["lo"], r["hi"]) for r in store.db.execute("SELECT * FROM clause_blocks")}
    assert set(blocks) == {r[0] for r in store.db.execute("SELECT doc_id FROM documents")}
    assert all(blocks[d] == (lo, hi) and hi - lo + 1 == n for d, (lo, hi, n) in runs.items())
    for q in ("低保", "理事会规模", "监事", "养老服务 补贴", "理", "没有这个词"):
        rs, args, docs = store.hit_rowids(q)
        sql, hit_args = store.clause_hits(q)
        expected = {r[0] for r in store.db.execute(f"SELECT DISTINCT doc_id FROM ({sql}) h", hit_args)}
        assert {r[0] for r in store.db.execute(f"WITH rs AS ({rs}) {docs}", args)} == expected, q
    assert stores["postgresql"].hit_rowids("低保") is None  # a GIN bitmap finds PostgreSQL's hits


def test_a_search_reads_the_clauses_where_the_index_is_not_exact(tmp_path) -> None:  # noqa: ANN001
    """A word of one or two characters that is not Chinese (FTS5 folds its case: 5G and 5g) is tested
    on each clause's text; so is every search when a document's clauses are not one run of rowids."""
    store = _fill(Store(tmp_path / "polex.db"))
    try:
        assert store.hit_rowids("低保") is not None
        assert store.hit_rowids("A 低保") is None and store.hit_rowids("5G") is None
        before = query_requirements(store, Filters(search="理事会规模", limit=3))
        store.db.execute("UPDATE clause_blocks SET lo = -1 WHERE doc_id = (SELECT MIN(doc_id) FROM clause_blocks)")
        assert store.hit_rowids("低保") is None
        assert query_requirements(store, Filters(search="理事会规模", limit=3)) == before
    finally:
        store.close()

def test_search_tokens_live_once(stores) -> None:  # noqa: ANN001
    """Issue 18: the FTS table kept a second copy of every clause; now it is external content."""
    db = stores["sqlite"].db
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'clauses_fts'").fetchone()[0]
    assert "content='clauses'" in sql
    assert db.execute("SELECT COUNT(*) FROM clauses WHERE tokens IS NULL").fetchone()[0] == 0


# -- opening stores: read-only commands never create, writers refuse foreign databases ----------

def test_read_only_commands_never_create_a_store(tmp_path, capsys) -> None:  # noqa: ANN001
    db = tmp_path / "none.db"
    for argv in (["query", "documents"], ["trace", "abc"], ["graph", "export"]):
        assert main([*argv, "--db", str(db)]) == 1
        assert "E931 no store" in capsys.readouterr().err
        assert not db.exists()


def test_read_only_commands_on_an_empty_postgres_database(pg_server, capsys) -> None:  # noqa: ANN001
    url = pg_server.new_database()
    assert main(["query", "documents", "--db", url]) == 1
    assert "E931" in capsys.readouterr().err
    import psycopg

    with psycopg.connect(url) as conn:  # nothing was created
        assert conn.execute("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'").fetchone()[0] == 0


def test_an_unrelated_sqlite_file_is_never_extended(tmp_path, capsys) -> None:  # noqa: ANN001
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x TEXT)")
    con.commit()
    con.close()
    before = other.read_bytes()
    assert main(["ingest", str(CORPUS / "seeds" / "000_50beaf381828b43a.txt"), "--db", str(other), "--quiet"]) == 1
    assert "E930" in capsys.readouterr().err and "not a polex store" in capsys.readouterr().err + "not a polex store"
    assert main(["query", "documents", "--db", str(other)]) == 1
    assert "E930" in capsys.readouterr().err
    assert other.read_bytes() == before
    with pytest.raises(StoreError) as e:
        Store(other)
    assert e.value.code == "E930"


def test_an_unrelated_postgres_database_is_refused(pg_server) -> None:  # noqa: ANN001
    import psycopg

    url = pg_server.new_database()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes (x text)")
    with pytest.raises(StoreError) as e:
        Store(url)
    assert e.value.code == "E930" and "notes" in str(e.value)


@pytest.mark.parametrize("db", ["/etc/passwd", "/nonexistent-folder/x/polex.db", "/tmp"])
def test_bad_db_paths_give_a_code_not_a_traceback(db, capsys) -> None:  # noqa: ANN001
    for argv in (["ingest", str(CORPUS / "seeds" / "000_50beaf381828b43a.txt"), "--quiet"], ["query", "documents"]):
        assert main([*argv, "--db", db]) == 1
        err = capsys.readouterr().err
        assert err.startswith("polex: E93") and "Traceback" not in err
    assert not Path("/nonexistent-folder").exists()


def test_an_unreachable_postgres_server_is_a_clear_error(capsys) -> None:  # noqa: ANN001
    assert main(["query", "documents", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("polex: E930 cannot connect to postgresql://nobody@127.0.0.1:1/none")


@pytest.mark.parametrize("argv", [["--year", str(2**64)], ["--limit", str(10**30)], ["--year", "x"]])
def test_out_of_range_numbers_are_usage_errors(argv, tmp_path, capsys) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as e:
        main(["query", "documents", *argv, "--db", str(tmp_path / "x.db")])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert ("is outside" in err and "error: argument" in err) or (argv[1] == "x" and "not an integer" in err)


# -- writers: concurrency and a full disk ---------------------------------------------------------

@pytest.mark.parametrize("backend", BACKENDS)
def test_two_concurrent_ingests_see_already_stored_not_failures(backend, new_store_url, tmp_path) -> None:  # noqa: ANN001
    """Issue 15: the second writer raised UNIQUE constraint failed: documents.sha256 (E904)."""
    url = new_store_url(backend)
    Store(url).close()  # created (and migrated) once, as a first ingest would
    files = [str(p) for p in sorted((CORPUS / "seeds").glob("*.txt"))] + [str(p) for p in sorted((CORPUS / "html").glob("*.html"))[:3]]
    cmd = [sys.executable, "-m", "extractor.cli", "ingest", *files, "--db", url, "--workers", "1"]  # not -q: the summary says "0 failed"
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert all("0 failed" in o for o, _ in outs) and not any("Traceback" in e for _, e in outs)
    with Store(url, create=False) as s:
        assert s.counts()["documents"] == len(files) and s.counts()["failures"] == 0
        assert s.db.execute("SELECT COUNT(DISTINCT sha256) FROM documents").fetchone()[0] == len(files)


def test_a_full_disk_stops_the_batch_once_and_keeps_what_is_stored(tmp_path) -> None:  # noqa: ANN001
    """The database's size limit (PRAGMA max_page_count) gives SQLite's real SQLITE_FULL."""
    s = Store(tmp_path / "full.db")
    files = sorted((CORPUS / "seeds").glob("*.txt"))
    ingest_paths(s, files[:2])
    pages = s.db.execute("PRAGMA page_count").fetchone()[0]
    s.db.execute(f"PRAGMA max_page_count = {pages + 5}")
    with pytest.raises(StoreError) as e:
        ingest_paths(s, files[2:])
    assert e.value.code == "E932" and "full" in str(e.value)
    n = s.counts()["documents"]
    assert n >= 2
    assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    s.close()  # no traceback from PRAGMA optimize
    again = Store(tmp_path / "full.db")
    assert again.counts()["documents"] == n
    assert Counter(r.status for r in ingest_paths(again, files))["failed"] == 0  # room again: the rest goes in


def test_the_connection_speaks_the_same_sql_on_both(stores) -> None:  # noqa: ANN001
    """What kb/graph.py, kb/query.py and the other modules send through ``store.db``: ``?``
    placeholders, the column ``end``, SQLite's NULLs-first order, LIKE with ESCAPE, rows by name."""
    out = {}
    for name, s in stores.items():
        doc = s.db.execute("SELECT doc_id FROM documents ORDER BY doc_id LIMIT 1").fetchone()["doc_id"]
        clauses = [dict(r) for r in s.db.execute("SELECT id, start, end FROM clauses WHERE doc_id = ? ORDER BY start, end LIMIT 5", (doc,))]
        years = [r[0] for r in s.db.execute("SELECT year FROM documents ORDER BY year, doc_id")]
        like = s.db.execute("SELECT COUNT(*) FROM documents WHERE title LIKE ? ESCAPE '\\'", ("%\\%%",)).fetchone()[0]
        out[name] = (clauses, years, like)
        assert clauses and set(clauses[0]) == {"id", "start", "end"} and all(c["end"] > c["start"] for c in clauses)
        assert years == sorted(years, key=lambda y: (y is not None, y or 0))  # NULLs first
    assert out["sqlite"] == out["postgresql"]
    assert None in out["sqlite"][1], "the corpus has a document without a year (the NULL case is exercised)"
