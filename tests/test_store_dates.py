"""The dates a notice sets, in the store (migration 10) and asked by `polex query dates`, on SQLite and
on a live PostgreSQL (tests/pg.py).

The expected answers are computed from the extracted documents (``Document.dates``), never from the
store: a stored document's dates round-trip, every filter keeps exactly the dates it should, in date
order; a store made before migration 10 is upgraded without loss and gains its dates when its bytes
are ingested again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.errors import StoreError
from extractor.ingest.local import ingest_paths
from extractor.kb.query import Filters, query_dates
from extractor.kb.store import MIGRATIONS, Store
from extractor.model import DateRule
from tests.conftest import BACKENDS, corpus_files, extracted
from tests.test_backends import store, stores  # noqa: F401 - the corpus in SQLite and PostgreSQL (module fixtures)

HOLIDAYS_2019 = "国务院办公厅关于2019年部分节假日安排的通知"


def _docs() -> list:
    return [extracted(str(p)) for p in corpus_files()]


def _all_dates() -> list[tuple]:
    """(doc, date) for every date of every corpus document."""
    return [(doc, d) for doc in _docs() for d in doc.dates]


def _ids(rows: list[dict]) -> list[str]:
    return [r["id"] for r in rows]


def _in_date_order(rows: list[dict]) -> bool:
    days = [r["date"] for r in rows if r["date"] is not None]
    undated = [r["date"] is None for r in rows]
    return days == sorted(days) and undated == sorted(undated)  # dated rows first, by day


# -- stored as extracted -----------------------------------------------------------------------

def test_a_stored_document_round_trips_its_dates(store) -> None:  # noqa: ANN001
    total = 0
    for doc in _docs():
        assert [DateRule(**d) for d in store.dates(doc.doc_id)] == doc.dates, doc.doc_id
        n = store.db.execute("SELECT n_dates FROM documents WHERE doc_id = ?", (doc.doc_id,)).fetchone()[0]
        assert n == len(doc.dates)
        total += len(doc.dates)
    assert total > 100 and store.counts()["dates"] == total


def test_stored_dates_are_the_text_at_their_span(store) -> None:  # noqa: ANN001
    n = 0
    for doc in _docs():
        for r in store.db.execute("SELECT * FROM dates WHERE doc_id = ?", (doc.doc_id,)):
            assert doc.text[r["start"]:r["end"]] == r["text"]
            n += 1
    assert n == store.counts()["dates"] > 100


def test_both_backends_answer_every_dates_query_alike(stores) -> None:  # noqa: ANN001
    for f in (Filters(limit=10_000), Filters(kind="deadline", date_to="2019-06-30"), Filters(date_from="2026-05-25", date_to="2026-05-25"),
              Filters(search="完成", limit=10_000), Filters(level="provincial", kind="deadline"), Filters(limit=7), Filters(year=2018),
              Filters(issuer="国务院办公厅", date_from="2019-01-01"), Filters(kind="recurring")):
        assert query_dates(stores["sqlite"], f) == query_dates(stores["postgresql"], f), f


# -- filters -----------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["deadline", "effective", "holiday", "recurring"])
def test_kind_keeps_the_dates_of_that_kind_in_date_order(store, kind) -> None:  # noqa: ANN001
    rows = query_dates(store, Filters(kind=kind, limit=10_000))
    expected = {d.id for _, d in _all_dates() if d.kind == kind}
    assert expected and set(_ids(rows)) == expected and len(rows) == len(expected)
    assert _in_date_order(rows)


def test_every_date_in_date_order_the_undated_last(store) -> None:  # noqa: ANN001
    rows = query_dates(store, Filters(limit=10_000))
    assert set(_ids(rows)) == {d.id for _, d in _all_dates()} and len(rows) == len(_all_dates())
    assert _in_date_order(rows)
    undated = [r for r in rows if r["date"] is None]
    assert {r["text"] for r in undated} >= {"自印发之日起施行", "每月25日前"}  # no calendar day: listed, after the dated ones
    assert rows[-len(undated):] == undated
    # the ties: one document's dates in text order
    for a, b in zip(rows, rows[1:]):
        if a["date"] == b["date"] and a["doc_id"] == b["doc_id"] and a["date"] is not None:
            assert a["start"] <= b["start"]


@pytest.mark.parametrize("lo, hi", [(None, "2019-06-30"), ("2025-01-01", None), ("2019-02-01", "2019-02-28"),
                                    ("2026-05-25", "2026-05-25"), ("2018-12-31", "2019-01-01")])
def test_from_to_keep_the_days_that_overlap(store, lo, hi) -> None:  # noqa: ANN001
    rows = query_dates(store, Filters(date_from=lo, date_to=hi, limit=10_000))
    expected = {d.id for _, d in _all_dates() if d.date is not None and (lo is None or d.date >= lo)
                and (hi is None or (d.date_from or d.date) <= hi)}
    assert expected and set(_ids(rows)) == expected and len(rows) == len(expected)
    assert all(r["date"] is not None for r in rows)  # no calendar day: never in a --from/--to answer
    assert _in_date_order(rows)


def test_a_range_that_spans_the_asked_day_is_kept(store) -> None:  # noqa: ANN001
    """corpus 6494959061262e5c: 2026年5月 24日至5月26日 — neither end is 2026-05-25, the range holds it."""
    rows = query_dates(store, Filters(date_from="2026-05-25", date_to="2026-05-25"))
    spans = [(r["date_from"], r["date"]) for r in rows]
    assert ("2026-05-24", "2026-05-26") in spans
    assert all(a is not None and a <= "2026-05-25" <= b for a, b in spans)
    # the Spring Festival 2019 (2月4日至10日, the year from the 2018年12月29日 before it): kept by any of its days
    feb = query_dates(store, Filters(kind="holiday", date_from="2019-02-07", date_to="2019-02-07"))
    assert [(r["date_from"], r["date"], r["title"]) for r in feb] == [("2019-02-04", "2019-02-10", HOLIDAYS_2019)]


def test_what_is_due_by_a_day_at_a_level(store) -> None:  # noqa: ANN001
    """The compliance question: deadlines on or before a day, set by notices of one level."""
    rows = query_dates(store, Filters(kind="deadline", date_to="2020-12-31", level="provincial", limit=10_000))
    expected = {d.id for doc, d in _all_dates() if d.kind == "deadline" and d.date and d.date <= "2020-12-31"
                and doc.metadata.level.value == "provincial"}
    assert expected and set(_ids(rows)) == expected
    assert all(r["level"] == "provincial" and r["kind"] == "deadline" and r["comparator"] == "<=" for r in rows)
    national = query_dates(store, Filters(kind="deadline", date_to="2020-12-31", level="national", limit=10_000))
    assert national and not set(_ids(national)) & expected


def test_document_filters_and_the_limit(store) -> None:  # noqa: ANN001
    full = query_dates(store, Filters(limit=10_000))
    for k in (1, 3, 40):
        assert query_dates(store, Filters(limit=k)) == full[:k]
    in_2018 = query_dates(store, Filters(year=2018, limit=10_000))
    expected = {d.id for doc, d in _all_dates() if doc.metadata.date and str(doc.metadata.date.value).startswith("2018")}
    assert expected and set(_ids(in_2018)) == expected
    holidays = query_dates(store, Filters(issuer="国务院办公厅", kind="holiday", limit=10_000))
    assert len(holidays) == 7 and {r["title"] for r in holidays} == {HOLIDAYS_2019}
    assert query_dates(store, Filters(issuer="没有这个机关")) == []


@pytest.mark.parametrize("words", ["完成", "放假", "施行", "工作 完成"])
def test_search_keeps_the_dates_whose_clause_holds_the_words(store, words) -> None:  # noqa: ANN001
    expected = set()
    for doc, d in _all_dates():
        clause = next((c for c in doc.clauses if c.span[0] <= d.span[0] < c.span[1]), None)
        if clause and all(w in doc.text[slice(*clause.span)] for w in words.split()):
            expected.add(d.id)
    rows = query_dates(store, Filters(search=words, limit=10_000))
    assert expected and set(_ids(rows)) == expected and len(rows) == len(expected)
    assert query_dates(store, Filters(search=" ")) == []


def test_rows_say_what_is_due_and_where_it_was_read(store) -> None:  # noqa: ANN001
    by_id = {d.id: (doc, d) for doc, d in _all_dates()}
    for r in query_dates(store, Filters(limit=10_000)):
        doc, d = by_id[r["id"]]
        assert (r["start"], r["end"]) == d.span and (r["raw_start"], r["raw_end"]) == d.raw_span
        assert r["requirement_text"] == next((q.text for q in doc.requirements if q.id == d.requirement), None)
        assert r["title"] == (doc.metadata.title.value if doc.metadata.title else None)


# -- the command -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def db(stores) -> str:  # noqa: ANN001
    return stores["sqlite"].path


def test_query_dates_prints_a_table_in_date_order(db, capsys) -> None:  # noqa: ANN001
    assert main(["query", "dates", "--db", db, "--kind", "deadline", "--to", "2019-03-31", "--level", "national"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["date", "date_from", "time", "kind", "comparator", "level", "issuer", "title", "text",
                                "requirement_text", "span", "raw_span"]
    days = [ln.split()[0] for ln in lines[1:-1]]
    assert days and days == sorted(days) and all(d <= "2019-03-31" for d in days)
    assert lines[-1] == f"({len(days)} rows)"
    assert all(re.search(r"\d+-\d+\s+\d+-\d+$", ln) for ln in lines[1:-1])  # the span and the raw span
    assert "2019年3月底前" in "\n".join(lines)


def test_query_dates_json_has_every_field(db, capsys) -> None:  # noqa: ANN001
    import json

    assert main(["query", "dates", "--db", db, "--from", "2026-05-25", "--to", "2026-05-25", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {"date", "date_from", "kind", "comparator", "level", "issuer", "title", "text", "start", "end",
                     "raw_start", "raw_end", "requirement_id", "doc_id"} <= set(rows[0])


@pytest.mark.parametrize("argv, message", [
    (["--kind", "amount"], "not a date kind"),
    (["--from", "2025-02-30"], "not a day YYYY-MM-DD"),
    (["--to", "20250630"], "not a day YYYY-MM-DD"),
    (["--from", "2025-07-01", "--to", "2025-06-30"], "is after --to"),
])
def test_bad_date_options_are_usage_errors(db, capsys, argv, message) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as e:
        raise SystemExit(main(["query", "dates", "--db", db, *argv]))
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_from_and_to_belong_to_dates(db, capsys) -> None:  # noqa: ANN001
    assert main(["query", "thresholds", "--db", db, "--to", "2025-06-30"]) == 2
    assert "--from and --to filter `polex query dates` only" in capsys.readouterr().err
    assert main(["query", "thresholds", "--db", db, "--kind", "deadline", "--limit", "1"]) == 0  # a threshold kind still


# -- migration 10 ------------------------------------------------------------------------------

SEED_FILES = sorted((Path(__file__).resolve().parent.parent / "corpus" / "seeds").glob("*.txt"))


def _to_schema_9(store: Store) -> None:
    """Undo migration 10 on a filled store: what a store written by polex before it holds."""
    with store._tx():
        store.db.execute("DROP TABLE dates")
        store.db.execute("ALTER TABLE documents DROP COLUMN n_dates")
        if store.backend == "sqlite":
            store.db.execute("PRAGMA user_version = 9")
        else:
            store.db.execute("UPDATE polex_meta SET value = '9' WHERE key = 'user_version'")


def _counts(store: Store) -> dict[str, int]:
    """Rows of every table but dates (which a store at schema 9 does not have)."""
    tables = ("documents", "works", "blobs", "sections", "requirements", "thresholds", "figures", "citations", "clauses",
              "issuers", "doc_keys")
    return {t: store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608 - fixed names


def _schema(store: Store) -> dict[str, list]:
    """Tables with their columns, and indexes with their definitions."""
    if store.backend == "sqlite":
        tables = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {t: [tuple(c)[1:] for c in store.db.execute(f"PRAGMA table_info('{t}')")] for t in tables}
        out["_indexes"] = [tuple(r) for r in store.db.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")]
        return out
    out: dict[str, list] = {}
    for r in store.db.execute("SELECT table_name, column_name, data_type, is_nullable, collation_name FROM information_schema.columns "
                              "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"):
        out.setdefault(r[0], []).append(tuple(r)[1:])
    out["_indexes"] = [tuple(r) for r in store.db.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname")]
    return out


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_store_at_schema_9_migrates_and_gains_its_dates_by_ingesting_again(backend, new_store_url, monkeypatch) -> None:  # noqa: ANN001
    import extractor.kb.pg_store as pg_mod
    import extractor.kb.sqlite_store as sqlite_mod
    import extractor.kb.store as store_mod

    # the reference: an empty store made by the first nine migrations, as polex made them before this one
    with monkeypatch.context() as m:
        for mod in (store_mod, sqlite_mod, pg_mod):
            m.setattr(mod, "MIGRATIONS", MIGRATIONS[:9])
        with Store(new_store_url(backend, "nine.db")) as nine:
            assert nine.version == 9
            reference = _schema(nine)

    url = new_store_url(backend, "old.db")
    with Store(url) as s:
        ingest_paths(s, SEED_FILES)
        _to_schema_9(s)
        assert _schema(s) == reference  # exactly a schema-9 store, with five documents in it
        before = _counts(s)
        documents = [dict(r) for r in s.db.execute("SELECT * FROM documents ORDER BY doc_id")]
    with pytest.raises(StoreError) as e:
        Store(url, create=False)  # a reader never migrates
    assert e.value.code == "E933"

    with Store(url) as s:  # a writer migrates
        assert s.version == len(MIGRATIONS) == 10
        names = _schema(s)
        assert "dates" in names and any(c[0] == "n_dates" for c in names["documents"])
        assert {i[0] for i in names["_indexes"]} >= {"dates_date", "dates_kind_date", "dates_doc"}
        assert _counts(s) == before  # nothing lost
        assert [{k: v for k, v in dict(r).items() if k != "n_dates"} for r in s.db.execute("SELECT * FROM documents ORDER BY doc_id")] \
            == documents
        assert s.counts()["dates"] == 0 and query_dates(s, Filters()) == []
        assert {r[0] for r in s.db.execute("SELECT n_dates FROM documents")} == {None}  # not extracted yet, not "none"

        again = ingest_paths(s, SEED_FILES)  # ingesting the same bytes again adds their dates, and only them
        assert [r.status for r in again] == ["duplicate"] * len(SEED_FILES)
        assert _counts(s) == before
        docs = [extracted(str(p)) for p in SEED_FILES]
        assert sum(len(d.dates) for d in docs) >= 2
        for doc in docs:
            assert [DateRule(**d) for d in s.dates(doc.doc_id)] == doc.dates
        assert {r.doc_id for r in again if r.message} == {d.doc_id for d in docs}
        n = s.counts()["dates"]

        third = ingest_paths(s, SEED_FILES)  # and then it is a no-op again
        assert [r.status for r in third] == ["duplicate"] * len(SEED_FILES) and not any(r.message for r in third)
        assert s.counts()["dates"] == n
