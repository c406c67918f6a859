"""`polex serve` in process (Starlette's test client over the real app and a real store):
substring search, the JSON twins and CSV tables, escaping, read-only routes, and the text
pane's provenance. The same pages in a real browser: tests/test_serve_browser.py."""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.ingest.local import ingest_paths
from extractor.kb import browse
from extractor.kb.store import Store
from extractor.serve.app import build_app, dump_csv
from extractor.serve.text import build_items, build_runs
from tests.conftest import CORPUS, extracted

SEEDS = CORPUS / "seeds"
Y2017 = SEEDS / "000_50beaf381828b43a.txt"
Y2018 = SEEDS / "001_036f9e189e852d94.txt"
ANHUI = SEEDS / "002_c05fb64366262bba.txt"
DIBAO = CORPUS / "html" / "12_guangdong_gaoxiao_biyesheng_jiuye_chuangye_fuchi_zhengce_qingdan.html"
HOSTILE_TITLE = "<script>alert(1)</script>关于<img src=x onerror=alert(2)>的通知"
# a notice whose every field is markup: title, a clause, a threshold, a requirement
HOSTILE = (f"{HOSTILE_TITLE}\n各学会：\n一、理事会人数一般不超过150人。\n"
           "二、各单位要于2018年底前完成<b>换届</b>工作，参照《<script>alert(3)</script>管理办法》执行。\n")


def build_store(folder: Path) -> tuple[Path, dict[str, str]]:
    """A store with the five seeds, one corpus page that mentions 低保, and a hostile notice."""
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = folder / "serve.db"
    with Store(db) as store:
        results = ingest_paths(store, [SEEDS, DIBAO, hostile])
    assert all(r.status == "stored" for r in results), results
    ids = {Path(r.path).name: r.doc_id for r in results}
    return db, ids


@pytest.fixture(scope="module")
def served(tmp_path_factory):  # noqa: ANN001, ANN201
    db, ids = build_store(tmp_path_factory.mktemp("serve"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's notice about its httpx-based test client
        from starlette.testclient import TestClient
    with TestClient(build_app(str(db))) as client:
        yield client, ids, db


def _id(ids: dict[str, str], path: Path) -> str:
    return ids[path.name]


@pytest.mark.parametrize("term", ["理事", "低保", "监事", "监事会"])
def test_search_finds_two_character_substrings(served, term: str) -> None:  # noqa: ANN001
    client, ids, _ = served
    data = client.get("/", params={"q": term, "format": "json"}).json()
    found = {d["doc_id"] for d in data["documents"]}
    # every stored document whose title or clauses contain the term, and no other
    expected = {i for name, i in ids.items() if name != "hostile.txt" and any(
        term in c for c in [extracted(str(_path(name))).metadata.title.value] + _clauses(_path(name)))}
    if term in HOSTILE:
        expected.add(ids["hostile.txt"])
    assert expected and found == expected
    assert data["total"] == len(expected)
    for d in found:
        assert all(term in h["text"] and h["text"][h["at"]:h["at"] + len(term)] == term for h in data["hits"][d])


def _path(name: str) -> Path:
    return DIBAO if name == DIBAO.name else SEEDS / name


def _clauses(path: Path) -> list[str]:
    d = extracted(str(path))
    return [d.text[slice(*c.span)] for c in d.clauses]


def test_search_takes_like_wildcards_literally(served) -> None:  # noqa: ANN001
    client, _, _ = served
    # as wildcards, 理%事 and 理_ would match every document with 理事; taken literally, none
    assert client.get("/", params={"q": "理%事", "format": "json"}).json()["total"] == 0
    assert client.get("/", params={"q": "理_", "format": "json"}).json()["total"] == 0
    assert client.get("/", params={"q": "15%", "format": "json"}).json()["total"] >= 1  # 增加15%以上
    assert browse.like_pattern("a\\b") == "%a\\\\b%"


def test_blank_search_lists_everything(served) -> None:  # noqa: ANN001
    client, ids, _ = served
    assert client.get("/", params={"q": "   ", "format": "json"}).json()["total"] == len(ids)


def test_facets_count_and_filter(served) -> None:  # noqa: ANN001
    client, ids, _ = served
    data = client.get("/?format=json").json()
    levels = {f["value"]: f["count"] for f in data["facets"]["level"]}
    assert sum(levels.values()) == len(ids) and levels["national"] >= 2
    national = client.get("/", params={"level": "national", "format": "json"}).json()
    assert national["total"] == levels["national"] and {d["level"] for d in national["documents"]} == {"national"}
    both = client.get("/", params={"level": "national", "q": "理事", "issuer": "中国科协", "format": "json"}).json()
    assert [d["doc_id"] for d in both["documents"]] == [_id(ids, Y2017)]
    years = {f["value"] for f in data["facets"]["year"]}
    assert {2017, 2018} <= years
    html = client.get("/", params={"q": "理事"}).text
    assert "?level=national&amp;q=" in html or "?q=%E7%90%86%E4%BA%8B&amp;level=national" in html


def test_document_page_shows_items_and_links(served) -> None:  # noqa: ANN001
    client, ids, _ = served
    data = client.get(f"/doc/{_id(ids, ANHUI)}?format=json").json()
    doc = extracted(str(ANHUI))
    assert data["document"]["title"] == doc.metadata.title.value
    assert len(data["thresholds"]) == len(doc.thresholds) and len(data["requirements"]) == len(doc.requirements)
    opinion = [c for c in data["citations"] if c["title"] == "中国科协关于实施学会创新和服务能力提升工程的意见"]
    assert opinion and opinion[0]["relation"] == "implements" and opinion[0]["targets"] == []
    assert opinion[0]["key"] == "title:中国科协关于实施学会创新和服务能力提升工程的意见"
    html = client.get(f"/doc/{_id(ids, ANHUI)}").text
    assert "/ref?key=title%3A%E4%B8%AD%E5%9B%BD%E7%A7%91%E5%8D%8F" in html  # the placeholder link
    ref = client.get("/ref", params={"key": opinion[0]["key"], "format": "json"}).json()
    assert ref["stored"] == [] and [c["doc_id"] for c in ref["cited_by"]] == [_id(ids, ANHUI)]
    y17 = client.get(f"/doc/{_id(ids, Y2017)}?format=json").json()
    assert [e["doc_id"] for e in y17["related"]["editions"]] == [_id(ids, Y2018)]


def test_document_page_lists_its_dates_with_their_source(served) -> None:  # noqa: ANN001
    """The dates a notice sets (migration 10): listed on its page, each linked to the raw characters it was read from."""
    client, ids, _ = served
    doc = extracted(str(Y2018))
    assert doc.dates  # 5月10日前 (the reform plans are due), 2017年底
    data = client.get(f"/doc/{_id(ids, Y2018)}?format=json").json()
    assert [(x["id"], x["kind"], x["comparator"], x["date"], x["text"], [x["raw_start"], x["raw_end"]]) for x in data["dates"]] == \
        [(d.id, d.kind, d.comparator, d.date, d.text, list(d.raw_span)) for d in doc.dates]
    due = next(x for x in data["dates"] if x["text"] == "5月10日前")
    assert due["date"] == "2018-05-10" and due["label"] == "deadline <= 2018-05-10"
    html = client.get(f"/doc/{_id(ids, Y2018)}").text
    assert f'<h2 id="dates">Dates ({len(doc.dates)})</h2>' in html
    row = html.split(f'<tr data-date="{due["id"]}">')[1].split("</tr>")[0]
    assert "<td>2018-05-10</td>" in row and "<td>5月10日前</td>" in row
    link = row.split('class="source" href="')[1].split('"')[0].replace("&amp;", "&")
    src = client.get(link + "&format=json").json()  # the click-through: the characters in raw_text
    assert src["text"] == doc.raw_text[slice(*doc.dates[0].raw_span)] == "5月10日前"
    assert row.count("/trace/") == 1  # the requirement the date belongs to
    items = json.loads(html.split('<script type="application/json" id="items">')[1].split("</script>")[0])
    assert {i["id"] for i in items if i["kind"] == "date"} == {d.id for d in doc.dates}
    csv_rows = list(csv.DictReader(io.StringIO(client.get(f"/doc/{_id(ids, Y2018)}?format=csv&table=dates").text)))
    assert [r["id"] for r in csv_rows] == [d.id for d in doc.dates]


def test_text_pane_is_the_text_and_highlights_map_to_raw(served) -> None:  # noqa: ANN001
    _, ids, db = served
    dated = 0
    with Store(db) as store:
        for name in (Y2017.name, Y2018.name, ANHUI.name, DIBAO.name, "003_90654e4803dc1b1f.txt"):
            path = _path(name)
            doc = extracted(str(path))
            items = browse.document_items(store, ids[name])
            its = build_items(items)
            runs = build_runs(items["clauses"], its, items["sections"])
            body = [r for r in runs if not r.gap]
            text = "".join(r.text for r in body)
            assert text.replace("\n", "") == "".join(doc.text[slice(*c.span)] for c in sorted(doc.clauses, key=lambda c: c.span)).replace("\n", "")
            for r in body:
                assert doc.text[r.start:r.start + len(r.text)] == r.text or r.text == "\n"
            src = browse.load_source(store, ids[name])
            assert src.raw_text == doc.raw_text
            for it in its:  # every highlight opens the raw characters of the item it came from
                original = {t.id: t for t in (*doc.thresholds, *doc.requirements, *doc.citations, *doc.dates)}[it.id]
                assert (it.start, it.end) == tuple(original.span) and (it.raw_start, it.raw_end) == tuple(original.raw_span)
            # the dates a notice sets are highlights too (those inside the body, which the clauses tile)
            in_body = {d.id for d in doc.dates if any(c.span[0] <= d.span[0] < c.span[1] for c in doc.clauses)}
            assert {it.id for it in its if it.kind == "date"} == {d.id for d in doc.dates}
            assert {its[r.item].id for r in body if r.item is not None and its[r.item].kind == "date"} == in_body
            dated += len(in_body)
            clicked = [r for r in body if r.item is not None]
            assert clicked and all(its[r.item].start <= r.start and r.start + len(r.text) <= its[r.item].end for r in clicked)
    assert dated >= 2  # 2017年底 (Y2017), 5月10日前 (Y2018)


def test_source_span_is_the_raw_characters(served) -> None:  # noqa: ANN001
    client, ids, _ = served
    doc = extracted(str(Y2017))
    t = next(t for t in doc.thresholds if t.value == 150)
    src = client.get(f"/doc/{doc.doc_id}/source", params={"format": "json", "start": t.raw_span[0], "end": t.raw_span[1]}).json()
    assert src["text"] == doc.raw_text[slice(*t.raw_span)] == "理事会人数一般不超过150人"
    assert src["before"] == doc.raw_text[max(0, t.raw_span[0] - 120):t.raw_span[0]]
    far = client.get(f"/doc/{doc.doc_id}/source", params={"format": "json", "start": 10**12, "end": -5}).json()
    assert far["text"] == "" or far["raw_span"][0] <= far["raw_span"][1]
    raw = client.get(f"/doc/{doc.doc_id}/raw", params={"start": t.raw_span[0], "end": t.raw_span[1]}).text
    assert '<mark id="raw-mark">理事会人数一般不超过150人</mark>' in raw


def test_metadata_evidence_is_read_again_from_the_bytes(served) -> None:  # noqa: ANN001
    client, ids, _ = served
    ev = client.get(f"/doc/{_id(ids, Y2017)}/evidence?format=json").json()
    doc = extracted(str(Y2017))
    assert ev["metadata"]["title"] == doc.metadata.model_dump(mode="json")["title"]
    assert ev["metadata"]["date"]["source"] == doc.metadata.date.source


def test_trace_page_lays_out_by_level(served) -> None:  # noqa: ANN001
    client, ids, _ = served
    data = client.get(f"/trace/{_id(ids, ANHUI)}?format=json").json()
    nodes = {n["label"]: n for n in data["graph"]["nodes"]}
    national = nodes["中国科协关于实施学会创新和服务能力提升工程的意见"]
    root = next(n for n in data["graph"]["nodes"] if n["root"])
    assert national["level"] == "national" and not national["stored"] and national["y"] < root["y"]
    assert any(e["source"] == root["id"] and e["target"] == national["id"] and e["relation"] == "implements" for e in data["graph"]["edges"])
    ref = client.get(national["href"] + "&format=json").json()  # the node opens its placeholder page
    assert ref["key"] == "title:中国科协关于实施学会创新和服务能力提升工程的意见" and ref["cited_by"]
    seed3 = client.get(f"/trace/{ids['003_90654e4803dc1b1f.txt']}?format=json").json()
    by_number = [n for n in seed3["graph"]["nodes"] if not n["stored"] and n["href"] and "number" in n["href"]]
    assert by_number
    for n in by_number:  # a placeholder known by its 发文字号 (中发〔2015〕4号) lists who cites it
        assert client.get(n["href"] + "&format=json").json()["cited_by"], n
    y17 = client.get(f"/trace/{_id(ids, Y2017)}?format=json").json()
    assert any(a["sides"][1]["doc_id"] == _id(ids, Y2018) for a in y17["aligned"])
    req = y17["aligned"][0]["requirements"][0]
    assert client.get("/trace/" + req.replace("#", "%23")).status_code == 200


def test_diff_page_and_cli_by_stored_id(served, capsys) -> None:  # noqa: ANN001
    client, ids, db = served
    data = client.get(f"/diff/{_id(ids, Y2017)}/{_id(ids, Y2018)}?format=json").json()
    assert sorted(c["old"]["value"] for c in data["threshold_unchanged"]) == [150, 180, 200]
    assert main(["diff", _id(ids, Y2017)[:8], _id(ids, Y2018), "--db", str(db), "--format", "json"]) == 0
    by_id = json.loads(capsys.readouterr().out)
    assert main(["diff", str(Y2017), str(Y2018), "--format", "json"]) == 0
    by_file = json.loads(capsys.readouterr().out)
    assert by_id["threshold_unchanged"] == by_file["threshold_unchanged"] and by_id["pairs"] == by_file["pairs"]
    assert main(["diff", "abcdef123456", str(Y2018), "--db", str(db)]) == 1
    assert "no stored document or requirement answers to 'abcdef123456'" in capsys.readouterr().err


PAGES = ["/", "/?q=理事", "/doc/{y17}", "/doc/{hostile}", "/doc/{hostile}/evidence", "/doc/{hostile}/raw",
         "/trace/{hostile}", "/trace/{y17}", "/diff/{y17}/{hostile}", "/ref?key=title:script管理办法", "/dates",
         "/dates?kind=deadline&to=2018-12-31"]


def _pages(ids: dict[str, str]) -> list[str]:
    return [p.format(y17=ids[Y2017.name], hostile=ids["hostile.txt"]) for p in PAGES]


def test_a_hostile_notice_is_text_in_every_page_and_json(served) -> None:  # noqa: ANN001
    client, ids, _ = served
    for page in _pages(ids):
        r = client.get(page)
        assert r.status_code == 200, page
        assert "<script>alert" not in r.text and "<img src=x" not in r.text and "<b>换届" not in r.text, page
        assert r.headers["content-security-policy"].startswith("default-src 'self'; script-src 'self'")
        j = client.get(page + ("&" if "?" in page else "?") + "format=json")
        assert j.headers["content-type"].startswith("application/json")
        assert "<" not in j.text and ">" not in j.text, page
        j.json()
    doc = client.get(f"/doc/{ids['hostile.txt']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;关于&lt;img src=x onerror=alert(2)&gt;的通知" in doc
    assert client.get(f"/doc/{ids['hostile.txt']}?format=json").json()["document"]["title"] == HOSTILE_TITLE


def test_dates_page_is_the_dates_query(served) -> None:  # noqa: ANN001
    """/dates: `polex query dates` in the browser, the same rows in the same order, each linked to its
    document and to the raw characters it was read from."""
    from extractor.kb.query import Filters, query_dates

    client, ids, db = served
    with Store(db) as store:
        for params, f in (({}, Filters(limit=201)), ({"kind": "deadline", "to": "2018-12-31"}, Filters(kind="deadline", date_to="2018-12-31")),
                          ({"from": "2018-01-01", "level": "national", "limit": "2"}, Filters(date_from="2018-01-01", level="national", limit=3)),
                          ({"search": "完成"}, Filters(search="完成"))):
            data = client.get("/dates", params={**params, "format": "json"}).json()
            expected = query_dates(store, f)
            assert data["dates"] == expected[:data["limit"]] and data["more"] == (len(expected) > data["limit"]), params
    hostile = client.get("/dates", params={"kind": "deadline", "to": "2018-12-31", "format": "json"}).json()["dates"]
    due = next(x for x in hostile if x["doc_id"] == ids["hostile.txt"])  # 于2018年底前完成<b>换届</b>工作
    assert due["date"] == "2018-12-31" and "<b>换届</b>" in due["requirement_text"]
    html = client.get("/dates", params={"kind": "deadline", "to": "2018-12-31"}).text
    assert "&lt;b&gt;换届&lt;/b&gt;" in html and "<b>换届" not in html
    row = html.split(f'<tr data-date="{due["id"]}">')[1].split("</tr>")[0]
    assert f'href="/doc/{ids["hostile.txt"]}"' in row
    src = client.get(row.split('class="source" href="')[1].split('"')[0].replace("&amp;", "&") + "&format=json").json()
    assert src["text"] == due["text"] == "2018年底前"
    assert '<a href="/dates">Dates</a>' in client.get("/").text  # reachable from every page's header
    for bad in ({"kind": "amount"}, {"from": "2018-02-30"}, {"to": "2018/12/31"}):
        r = client.get("/dates", params={**bad, "format": "json"})
        assert r.status_code == 400 and "error" in r.json(), bad
    assert client.get("/dates", params={"kind": "<script>"}).text.count("<script>") == 0


def test_every_table_exports_csv(served) -> None:  # noqa: ANN001
    client, ids, _ = served
    from extractor.serve.app import TABLES

    seen = 0
    for page in _pages(ids):
        html = client.get(page).text
        links = [a.split('"')[0].replace("&amp;", "&") for a in html.split('class="fmt-csv" href="')[1:]]
        kind = page.split("/")[1].split("?")[0] or "index"
        expected = TABLES.get({"doc": "evidence" if page.endswith("/evidence") else "doc"}.get(kind, kind), {})
        if page.endswith("/raw"):
            expected = {}
        assert len(links) == len(expected), page
        for link in links:
            r = client.get(link)
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), link
            rows = list(csv.reader(io.StringIO(r.text)))
            seen += bool(rows and rows[0] and len(rows) > 1)
    assert seen >= 10
    assert client.get("/?format=csv&table=nope").status_code == 400


def test_csv_cells_never_start_a_formula() -> None:
    out = dump_csv([{"a": "=HYPERLINK(\"http://x\")", "b": -3, "c": "+cmd", "d": "@x", "e": "理事"}])
    row = list(csv.reader(io.StringIO(out)))[1]
    assert row == ["'=HYPERLINK(\"http://x\")", "-3", "'+cmd", "'@x", "理事"]


def test_read_only_routes(served) -> None:  # noqa: ANN001
    client, ids, db = served
    for page in _pages(ids):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            assert client.request(method, page).status_code == 405, (method, page)
    assert client.get("/sql", params={"q": "DELETE FROM documents"}).status_code == 404  # no SQL without --sql
    assert client.get("/nope").status_code == 404
    assert client.get("/doc/ffffffffffffffff").status_code == 404
    with Store(db) as store:
        assert store.counts()["documents"] == len(ids)


def test_sql_only_with_the_flag_and_read_only(served) -> None:  # noqa: ANN001
    _, ids, db = served
    from starlette.testclient import TestClient

    with TestClient(build_app(str(db), allow_sql=True)) as client:
        ok = client.get("/sql", params={"q": "SELECT COUNT(*) AS n FROM documents", "format": "json"}).json()
        assert ok["rows"] == [{"n": len(ids)}]
        bad = client.get("/sql", params={"q": "DELETE FROM documents", "format": "json"}).json()
        assert bad["error"] and "readonly" in bad["error"].replace("-", "").replace(" ", "").lower()
    with Store(db) as store:
        assert store.counts()["documents"] == len(ids)


def test_serve_refuses_a_missing_store(tmp_path, capsys) -> None:  # noqa: ANN001
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 1
    assert "no store at" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
    (tmp_path / "junk.db").write_text("not a database", encoding="utf-8")
    assert main(["serve", "--db", str(tmp_path / "junk.db")]) == 1
    assert "cannot open the store" in capsys.readouterr().err


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_app_serves_either_backend(backend, new_store_url) -> None:  # noqa: ANN001
    """`polex serve --db postgresql://…` (issue 16): the same search and document page on both stores."""
    url = new_store_url(backend)
    with Store(url) as s:
        ingest_paths(s, [CORPUS / "seeds"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    with TestClient(build_app(url)) as client:
        data = client.get("/", params={"q": "理事", "format": "json"}).json()
        assert data["total"] >= 2 and all("理事" in h["text"] for hits in data["hits"].values() for h in hits)
        doc_id = next(iter(data["hits"]))
        page = client.get(f"/doc/{doc_id}")
        assert page.status_code == 200 and "理事" in page.text
