"""The store and the requirement graph on the real corpus (issue 4's acceptance checks), on both
backends: SQLite and a live PostgreSQL (issue 16) give the same results."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from extractor.cli import main
from extractor.views.export import export, to_neo4j_csv
from extractor.kb.graph import build_graph
from extractor.pipeline import extract_bytes
from extractor.kb.query import Filters, query_documents, query_requirements, query_thresholds, trace
from extractor.views.render import render_svg
from extractor.ingest.local import ingest_paths
from extractor.kb.store import Store, number_key, series_key
from tests.conftest import BACKENDS, CORPUS, corpus_files, extracted

SEEDS = CORPUS / "seeds"
Y2017 = SEEDS / "000_50beaf381828b43a.txt"
Y2018 = SEEDS / "001_036f9e189e852d94.txt"
ANHUI = SEEDS / "002_c05fb64366262bba.txt"


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory) -> Store:  # noqa: ANN001
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("store") / "polex.db")
    else:
        url = request.getfixturevalue("pg_server").new_database()
    s = Store(url)
    results = ingest_paths(s, [CORPUS])
    assert Counter(r.status for r in results) == {"stored": len(corpus_files())}
    yield s
    s.close()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:  # noqa: ANN001
    return request.param


@pytest.fixture(scope="module")
def graph(store: Store) -> nx.MultiDiGraph:
    return build_graph(store)


def _doc_node(path: Path) -> str:
    return f"doc:{extracted(str(path)).doc_id}"


def test_anhui_links_to_the_national_opinion_it_implements(graph) -> None:  # noqa: ANN001
    target = "ref:title:中国科协关于实施学会创新和服务能力提升工程的意见"
    assert graph.nodes[target]["kind"] == "placeholder"
    edges = {d["relation"]: d for _, v, d in graph.out_edges(_doc_node(ANHUI), data=True) if v == target}
    assert set(edges) == {"cites", "implements"}
    ev = edges["implements"]["evidence"]
    assert ev["text"] == "《中国科协关于实施学会创新和服务能力提升工程的意见》" and ev["cue"].startswith("为贯彻落实")
    raw = extracted(str(ANHUI)).raw_text
    assert raw[slice(*ev["raw_span"])] == "《中国科协关于实施学会创新和服务能力提升工程的意见》"


def test_two_municipal_documents_share_one_node_for_zhongfa_2015_4(graph) -> None:  # noqa: ANN001
    node = "ref:number:中发〔2015〕4号"
    citing = {u for u, _, d in graph.in_edges(node, data=True) if d["relation"] == "cites" and u.startswith("doc:")}
    docs = {_doc_node(SEEDS / "003_90654e4803dc1b1f.txt"), _doc_node(SEEDS / "004_78ac27f02b718a06.txt")}
    assert citing == docs  # 003 writes 中发【2015】4号, 004 中發〔2015〕4號: one key
    for u, _, d in graph.in_edges(node, data=True):
        if u in docs:
            assert "2015" in d["evidence"]["text"] and d["evidence"]["resolved_by"] == "placeholder"
    assert all(graph.nodes[u]["level"] == "municipal" for u in docs)


def test_2017_and_2018_are_editions_with_aligned_council_caps(graph) -> None:  # noqa: ANN001
    a, b = _doc_node(Y2017), _doc_node(Y2018)
    ed = [d for _, v, d in graph.out_edges(a, data=True) if v == b and d["relation"] == "next_edition"]
    assert ed and ed[0]["evidence"]["years"] == [2017, 2018] and ed[0]["evidence"]["series"] == "中国科协|学会改革工作要点"
    caps = {}
    for u, v, d in graph.edges(data=True):
        if d["relation"] == "aligns_with" and u.startswith(f"req:{a[4:]}") and v.startswith(f"req:{b[4:]}"):
            for side in d["evidence"]["thresholds"]:
                if side["old"]["subject"] == "理事会人数":
                    caps[side["old"]["value"]] = (side["new"]["value"], side["same"])
    assert caps == {"150": ("150", True), "180": ("180", True), "200": ("200", True)}


def test_national_composition_ratio_aligns_with_the_municipal_committee_ratio(graph) -> None:  # noqa: ANN001
    a, m = _doc_node(Y2017)[4:], _doc_node(SEEDS / "004_78ac27f02b718a06.txt")[4:]
    found = [d["evidence"]["thresholds"] for u, v, d in graph.edges(data=True)
             if d["relation"] == "aligns_with" and u.startswith(f"req:{a}") and v.startswith(f"req:{m}")]
    assert any(s["old"]["value"] == "0.75" and s["new"]["value"] == "70" and not s["same"] for sides in found for s in sides)


def test_graph_node_and_edge_kinds(graph) -> None:  # noqa: ANN001
    kinds = Counter(a["kind"] for _, a in graph.nodes(data=True))
    assert kinds["document"] == len(corpus_files()) and kinds["requirement"] > 1000 and kinds["threshold"] > 300 and kinds["organization"] > 10
    rels = Counter(d["relation"] for *_, d in graph.edges(data=True))
    assert {"cites", "implements", "next_edition", "aligns_with", "issued_by", "part_of", "has_threshold"} <= set(rels)
    # organizations know their parent body: 中国科协办公厅 → 中国科协
    assert any(v == "org:中国科协" for _, v, d in graph.out_edges("org:中国科协办公厅", data=True) if d["relation"] == "part_of")


def test_reingest_is_a_noop_and_a_new_text_is_a_new_version(tmp_path, backend, new_store_url) -> None:  # noqa: ANN001
    s = Store(new_store_url(backend))
    first = ingest_paths(s, [Y2017])[0]
    assert first.status == "stored" and first.version == 1
    assert ingest_paths(s, [Y2017])[0].status == "duplicate"
    # a corrected text of the same notice (synthetic: the real bytes plus one line) is version 2
    changed = tmp_path / "000_corrected.txt"
    changed.write_bytes(Y2017.read_bytes() + "\n（本文有更正）\n".encode())
    second = ingest_paths(s, [changed])[0]
    assert second.status == "new_version" and second.version == 2
    rows = s.db.execute("SELECT version, work_id FROM documents ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [1, 2] and rows[0][1] == rows[1][1]
    assert s.blob(extracted(str(Y2017)).source.sha256) == Y2017.read_bytes()


def test_a_bad_document_is_recorded_and_the_batch_goes_on(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    s = Store(tmp_path / "f.db")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.4\x00\x01binary")
    import extractor.kb.store as store_mod

    calls = {"n": 0}
    real = store_mod.Store.add_rows

    def flaky(self, rows, path):  # noqa: ANN001, ANN202 - fail in the middle of the second document's transaction
        calls["n"] += 1
        if calls["n"] == 2:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("INSERT INTO works(key) VALUES ('half-written')")
            self.db.execute("ROLLBACK")
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        return real(self, rows, path)

    monkeypatch.setattr(store_mod.Store, "add_rows", flaky)
    results = ingest_paths(s, [binary, Y2017, Y2018, ANHUI])
    assert [r.status for r in results] == ["failed", "stored", "failed", "stored"]
    assert results[0].code == "E906" and "disk I/O" in results[2].message  # E906: a damaged PDF
    assert s.counts()["documents"] == 2 and s.counts()["failures"] == 2
    assert s.db.execute("SELECT COUNT(*) FROM works WHERE key = 'half-written'").fetchone()[0] == 0
    assert s.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_placeholder_becomes_the_document_once_it_is_ingested(tmp_path, backend, new_store_url) -> None:  # noqa: ANN001
    s = Store(new_store_url(backend))
    # synthetic citing notice (labelled as such): it cites the real 2017 要点 by title
    citing = tmp_path / "synthetic_citing.txt"
    citing.write_text("测试通知\n为贯彻落实《中国科协2017年学会改革工作要点》，现提出以下意见。\n一、各学会要认真落实。\n", encoding="utf-8")
    ingest_paths(s, [citing])
    g = build_graph(s, with_structure=False)
    assert "ref:title:中国科协2017年学会改革工作要点" in g
    ingest_paths(s, [Y2017])
    g = build_graph(s, with_structure=False)
    assert "ref:title:中国科协2017年学会改革工作要点" not in g
    d = next(d for u, v, d in g.edges(data=True) if v == _doc_node(Y2017) and d["relation"] == "implements")
    assert d["evidence"]["resolved_by"] == "title"
    t = trace(s, extracted(str(Y2017)).doc_id)
    assert [l["relation"] for l in t["links"] if l["direction"] == "downstream"] == ["implements"]


@pytest.mark.parametrize("f", [Filters(modality="obligation", limit=7), Filters(level="municipal", modality="prohibition", limit=3),
                               Filters(limit=5), Filters(year=2017, limit=4)])
def test_queries_read_the_first_rows_in_order(store: Store, f: Filters) -> None:
    """The query finds its documents first (an index walk that stops at the LIMIT), then their rows:
    the answer is the first LIMIT rows of the whole join, in year, document and position order."""
    where = [w for w, on in (("d.level = ?", f.level), ("d.year = ?", f.year), ("r.modality = ?", f.modality)) if on]
    args = [v for v in (f.level, f.year, f.modality) if v]
    whole = store.db.execute("SELECT r.id FROM requirements r JOIN documents d ON d.doc_id = r.doc_id"
                             + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.year, d.doc_id, r.start, r.id", args).fetchall()
    got = [r["id"] for r in query_requirements(store, f)]
    assert got == [r[0] for r in whole[: f.limit]] and len(got) == min(f.limit, len(whole)) > 0


def test_queries_filter_and_search(store: Store) -> None:
    docs = query_documents(store, Filters(level="provincial"))
    assert {d["title"] for d in docs} >= {"安徽省科协关于学会创新和服务能力提升工程的实施意见"}
    assert all(d["level"] == "provincial" for d in docs)
    assert {d["year"] for d in query_documents(store, Filters(year=2018))} == {2018}
    caps = query_thresholds(store, Filters(subject="理事会人数", unit="人"))
    assert sorted({float(r["value"]) for r in caps}) == [150.0, 180.0, 200.0]
    req = query_requirements(store, Filters(modality="prohibition", level="national"))
    assert req and all(r["modality"] == "prohibition" for r in req)
    hits = query_requirements(store, Filters(search="理事会规模"))
    assert hits and all("理事会" in r["text"] and "规模" in r["text"] for r in hits)
    assert [r["doc_id"] for r in query_documents(store, Filters(search="监事会"))]


def test_cli_session(store: Store, capsys, tmp_path) -> None:  # noqa: ANN001
    db = store.path
    assert main(["query", "documents", "--db", db, "--level", "national", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data and {"title", "issuer", "level", "date", "doc_number", "requirements", "thresholds", "citations"} <= set(data[0])
    assert main(["trace", extracted(str(ANHUI)).doc_id, "--db", db]) == 0
    out = capsys.readouterr().out
    assert "中国科协关于实施学会创新和服务能力提升工程的意见 (not stored)" in out
    assert main(["graph", "export", "--db", db, "--format", "json"]) == 0
    g = json.loads(capsys.readouterr().out)
    assert all("kind" in n for n in g["nodes"]) and all("relation" in e for e in g["links"])
    assert main(["graph", "render", "--db", db, "--out", str(tmp_path / "g.svg")]) == 0
    svg = (tmp_path / "g.svg").read_text(encoding="utf-8")
    for layer in ("national", "provincial", "municipal", "county"):
        assert f">{layer}</text>" in svg
    assert main(["trace", "nope", "--db", db]) == 1


def test_export_formats(graph, tmp_path) -> None:  # noqa: ANN001
    h = nx.parse_graphml(export(graph, "graphml"))
    assert h.number_of_nodes() == graph.number_of_nodes()
    assert export(graph, "dot").startswith("digraph polex {")
    nodes, rels = to_neo4j_csv(graph, tmp_path / "neo")
    assert nodes.read_text(encoding="utf-8").startswith("id:ID,:LABEL")
    assert "IMPLEMENTS" in rels.read_text(encoding="utf-8")
    assert "<svg" in render_svg(graph)


def test_keys() -> None:
    assert number_key("中发", 2015, 4) == number_key("中发", 2015, 4, "中发【2015】4号") == "number:中发〔2015〕4号"
    assert series_key("中国科协办公厅关于印发《中国科协2018年学会改革工作要点》的通知") == series_key("中国科协2017年学会改革工作要点")
    assert series_key("广州市老年人优待办法") is None


def test_stored_rows_keep_their_spans(store: Store) -> None:
    doc = extracted(str(Y2017))
    for r in store.db.execute("SELECT * FROM thresholds WHERE doc_id = ?", (doc.doc_id,)):
        assert doc.raw_text[r["raw_start"]:r["raw_end"]] == doc.text[r["start"]:r["end"]] == r["text"]
    # migration 7: clauses keep their raw span (text reuse points into raw_text through them)
    rows = {r["id"]: [r["raw_start"], r["raw_end"]] for r in store.db.execute("SELECT * FROM clauses WHERE doc_id = ?", (doc.doc_id,))}
    assert rows == {c.id: list(c.raw_span) for c in doc.clauses} and len(rows) > 20
    same = extract_bytes(store.blob(doc.source.sha256), path=doc.source.path)
    assert same.model_dump() == doc.model_dump()  # the stored bytes re-run to the same document


def test_committed_graph_picture_is_current(store: Store) -> None:
    """outputs/graph/graph.svg is `polex graph render` of the corpus store."""
    from tests.conftest import ROOT

    committed = (ROOT / "outputs" / "graph" / "graph.svg").read_text(encoding="utf-8")
    assert render_svg(build_graph(store)) == committed


def test_migrations_bring_an_old_store_up_to_date(tmp_path) -> None:  # noqa: ANN001
    """A store created by migration 1 alone is upgraded in place, its data kept."""
    import extractor.kb.store as store_mod

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for stmt in (s.strip() for s in store_mod.MIGRATIONS[0].split(";")):
        if stmt:
            db.execute(stmt)
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO failures(code, message, at) VALUES ('E901', 'kept', 'then')")
    db.execute("INSERT INTO clauses VALUES ('old#1', 'old', NULL, '公司设立监事会，低保对象', 0, 12)")
    db.commit()
    db.close()
    s = Store(path)
    assert s.version == len(store_mod.MIGRATIONS)
    assert s.db.execute("SELECT message FROM failures").fetchone()[0] == "kept"
    names = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "requirements_doc_modality" in names
    # migration 4 segmented and indexed the clauses already there
    assert [r["id"] for r in s.search_clauses("监事")] == [r["id"] for r in s.search_clauses("低保")] == ["old#1"]
    assert [r["id"] for r in s.search_clauses("监事会")] == ["old#1"]
    # migration 7 gave clauses a raw span; a clause stored before it has none (NULL), never a wrong one
    assert tuple(s.db.execute("SELECT raw_start, raw_end FROM clauses WHERE id = 'old#1'").fetchone()) == (None, None)
