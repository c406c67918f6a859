"""Fetching, crawling and web ingestion against a real HTTP server on 127.0.0.1 (tests/webserver.py)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from extractor.ingest.crawl import crawl, ingest_url, ingest_urls
from extractor.ingest.fetch import Fetcher, FetchError, FetchSettings
from extractor.pipeline import extract_bytes, extract_path
from extractor.kb.store import Store
from tests.conftest import CORPUS
from tests.webserver import CorpusServer, reencode, synthetic_docx

PAGES = ["09_guobanfamingdian_2019_jiejiari_anpai.html", "14_guangzhou_jifenzhi_ruhu_guanli_banfa.html",
         "22_lishui_2023_tuiyi_shibing_anzhi_renwu_tongzhi.html"]
FAST = FetchSettings(timeout=0.5, retries=2, backoff=0.01, delay=0.0, max_bytes=200_000)


@pytest.fixture(scope="module")
def server():  # noqa: ANN201
    s = CorpusServer()
    yield s
    s.close()


@pytest.fixture
def fetcher():  # noqa: ANN201
    with Fetcher(FAST) as f:
        yield f


@pytest.fixture
def store(tmp_path) -> Store:  # noqa: ANN001
    return Store(tmp_path / "web.db")


def _same_document(a, b) -> None:  # noqa: ANN001
    """Everything but the source record (a URL there, a path here) is identical."""
    da, db = a.model_dump(), b.model_dump()
    da.pop("source"), db.pop("source")
    assert da == db


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("enc,decl", [("orig", "none"), ("orig", "header"), ("utf-8", "meta"), ("gbk", "header"),
                                      ("gbk", "meta"), ("gb18030", "both"), ("gbk", "none"), ("gb18030", "lie")])
def test_pages_over_http_equal_the_same_bytes_on_disk(server, fetcher, tmp_path, page: str, enc: str, decl: str) -> None:  # noqa: ANN001
    r = fetcher.fetch(f"{server.base}/page/{page}?enc={enc}&decl={decl}")
    over_http = extract_bytes(r.content, url=r.final_url, content_type=r.content_type)
    on_disk = tmp_path / page
    on_disk.write_bytes(r.content)
    _same_document(over_http, extract_bytes(on_disk.read_bytes(), path=str(on_disk), content_type=r.content_type))
    # and whatever the encoding and its declaration, the notice reads as the original UTF-8 page
    original = extract_path(CORPUS / "html" / page)
    assert over_http.metadata.title.value == original.metadata.title.value and over_http.text == original.text
    assert [t.value for t in over_http.thresholds] == [t.value for t in original.thresholds]
    assert [c.doc_number for c in over_http.citations] == [c.doc_number for c in original.citations]
    assert len(over_http.sections) == len(original.sections)
    if decl == "lie":
        assert any(i.code == "W102" for i in over_http.issues)  # the lying <meta> was overruled


@pytest.mark.parametrize("decl", ["header", "none"])
def test_traditional_seed_in_big5(server, fetcher, decl: str) -> None:  # noqa: ANN001
    seed = "004_78ac27f02b718a06.txt"
    r = fetcher.fetch(f"{server.base}/seed/{seed}?enc=big5hkscs&label=big5&decl={decl}")
    doc = extract_bytes(r.content, url=r.final_url, content_type=r.content_type)
    original = extract_path(CORPUS / "seeds" / seed)
    assert doc.source.encoding in ("big5hkscs", "big5")
    assert doc.text == original.text and doc.metadata.script == "traditional"
    assert [(c.title, c.doc_number) for c in doc.citations] == [(c.title, c.doc_number) for c in original.citations]


def test_robots_txt_is_obeyed(server, fetcher) -> None:  # noqa: ANN001
    with pytest.raises(FetchError) as e:
        fetcher.fetch(f"{server.base}/private/secret.html")
    assert e.value.code == "E912"
    assert not server.requests_to("/private/")


def test_bad_responses_fail_one_url_and_the_run_goes_on(server, store) -> None:  # noqa: ANN001
    urls = {
        "/missing.html": "E910", "/error500.html": "E910", "/slow.html?s=2": "E911", "/loop-a.html": "E915",
        "/big.html": "E913", "/blob.bin": "E914", "/broken.pdf": "E906",
    }
    good = f"{server.base}/page/{PAGES[0]}"
    ingest_urls(store, Fetcher(FAST), [good])
    before = store.counts()["documents"]
    results = ingest_urls(store, Fetcher(FAST), [server.base + u for u in urls] + [f"{server.base}/page/{PAGES[1]}"])
    assert [r.code for r in results[:-1]] == list(urls.values())
    assert results[-1].status == "stored"
    assert store.counts()["documents"] == before + 1 and store.counts()["failures"] == len(urls)
    # 5xx is retried with backoff (retries=2 → 3 attempts); a 404 is not
    assert server.counts["/error500.html"] == 3 and server.counts["/missing.html"] == 1
    # what came back was archived before parsing, also when it then failed to parse
    row = store.db.execute("SELECT sha256, headers FROM fetches WHERE url LIKE '%/broken.pdf'").fetchone()
    assert store.blob(row["sha256"]).startswith(b"%PDF") and json.loads(row["headers"])["content-type"] == "application/pdf"


def test_flaky_server_is_retried(server, store) -> None:  # noqa: ANN001
    res = ingest_urls(store, Fetcher(FAST), [f"{server.base}/flaky.html?p={PAGES[2]}"])
    assert res[0].status == "stored" and server.counts[f"/flaky.html?p={PAGES[2]}"] == 2


def test_redirects_are_followed_and_recorded(server, store) -> None:  # noqa: ANN001
    res = ingest_urls(store, Fetcher(FAST), [f"{server.base}/redirect.html?p={PAGES[0]}"])
    assert res[0].status == "stored"
    row = store.db.execute("SELECT final_url, redirects FROM fetches WHERE url LIKE '%/redirect.html%'").fetchone()
    hops = json.loads(row["redirects"])
    assert [h[0] for h in hops] == [302, 301] and row["final_url"].endswith(f"/page/{PAGES[0]}")
    doc_url = store.db.execute("SELECT url FROM documents WHERE doc_id = ?", (res[0].doc_id,)).fetchone()[0]
    assert doc_url == row["final_url"]


def test_recrawl_is_conditional(server, store) -> None:  # noqa: ANN001
    url = f"{server.base}/etag/{PAGES[1]}"
    f = Fetcher(FAST)
    assert ingest_urls(store, f, [url])[0].status == "stored"
    second = ingest_urls(store, f, [url])[0]
    assert second.status == "not_modified" and second.doc_id is not None
    sent = server.requests_to(f"/etag/{PAGES[1]}")[-1][2]
    assert sent["if-none-match"].startswith('"v1-') and "if-modified-since" in sent


def test_per_host_delay(server) -> None:  # noqa: ANN001
    with Fetcher(FetchSettings(delay=0.25, retries=0)) as f:
        for p in PAGES:
            f.fetch(f"{server.base}/page/{p}?enc=orig&decl=none&n=delay")
    times = [t for t, path, _ in server.log if path.endswith("n=delay")]
    assert len(times) == 3 and all(b - a >= 0.24 for a, b in zip(times, times[1:]))
    ua = server.requests_to(f"/page/{PAGES[0]}?enc=orig&decl=none&n=delay")[0][2]["user-agent"]
    assert ua.startswith("polex/")


def test_crawl_a_list_page(server, store) -> None:  # noqa: ANN001
    listing = f"{server.base}/list.html?pages={','.join(PAGES)}"
    results = crawl(store, Fetcher(FAST), listing, follow=r"/page/\d\d_", max_pages=2)
    assert [r.status for r in results] == ["stored", "stored"]
    assert not server.requests_to("/about.html") and not server.requests_to("/private/")
    # the list page itself is archived too
    assert store.db.execute("SELECT COUNT(*) FROM fetches WHERE url = ?", (listing,)).fetchone()[0] == 1


def _crawl_with(server, tmp_path, workers: int, pages: list[str]):  # noqa: ANN001, ANN202
    """A crawl of a list page (six notices and a dead link) with ``workers`` processes."""
    from functools import partial

    from extractor.scale.pool import imap

    listing = f"{server.base}/list.html?pages={','.join(pages)}&w={workers}"
    with Store(tmp_path / f"crawl{workers}.db") as st, Fetcher(FetchSettings(timeout=2, retries=0, delay=0.1)) as f:
        results = crawl(st, f, listing, follow=r"/page/|/missing/", max_pages=20, mapper=partial(imap, workers=workers))
        docs = [tuple(r) for r in st.db.execute("SELECT doc_id, version, url, title, sha256 FROM documents ORDER BY doc_id")]
        fetched = [(r["url"], r["status"], r["sha256"]) for r in st.db.execute("SELECT url, status, sha256 FROM fetches ORDER BY id")]
        counts = st.counts()
    return [(r.path, r.status, r.doc_id, r.code) for r in results], docs, fetched[1:], counts


def test_crawl_with_two_workers_stores_what_one_stores(server, tmp_path) -> None:  # noqa: ANN001
    """`crawl --workers 2`: fetching stays in this process, one request at a time and polite;
    the pages are parsed in the pool; the store and the results equal one worker's."""
    pages = [*PAGES, "01_guowuyuan_zhiye_jiaoyu_gaige_shishi_fangan.html", "17_guangzhou_menzhen_teding_bingzhong_feiyong_fanwei_biaozhun.html",
             "19_guangzhou_2025_zuidi_shenghuo_baozhang_shehui_jiuzhu_biaozhun.html"]
    one = _crawl_with(server, tmp_path, 1, pages)
    start = len(server.log)
    two = _crawl_with(server, tmp_path, 2, pages)
    assert [r[1] for r in one[0]] == ["stored"] * 6 + ["failed"]  # the 404 failed, the crawl went on
    assert one == two  # results, documents (ids, versions, titles), the fetch log and the counts
    times = [t for t, path, _ in server.log[start:] if path.startswith("/page/")]
    assert len(times) == 6 and all(b - a >= 0.09 for a, b in zip(times, times[1:]))  # the per-host delay held


def test_attachments_recorded_and_ingested(server, store) -> None:  # noqa: ANN001
    url = f"{server.base}/with-attachments.html?p={PAGES[0]}"
    results = ingest_url(store, Fetcher(FAST), url, attachments=True)
    assert Counter(r.status for r in results) == {"stored": 3}
    rows = store.db.execute("SELECT url, ext, text, attachment_doc_id FROM attachments ORDER BY url").fetchall()
    assert [(r["url"].rsplit("/", 1)[1], r["ext"]) for r in rows] == [("old.doc", "doc"), ("rules.docx", "docx"), ("table.pdf", "pdf")]
    docx_id = next(r["attachment_doc_id"] for r in rows if r["ext"] == "docx")
    d = store.db.execute("SELECT title FROM documents WHERE doc_id = ?", (docx_id,)).fetchone()
    assert "合成测试文件" in d["title"]
    caps = store.db.execute("SELECT value_text, unit FROM thresholds WHERE doc_id = ?", (docx_id,)).fetchall()
    assert ("150", "人") in [(r[0], r[1]) for r in caps]


def test_docx_and_pdf_from_disk(tmp_path) -> None:  # noqa: ANN001
    p = tmp_path / "rules.docx"
    p.write_bytes(synthetic_docx())
    doc = extract_path(p)
    assert doc.source.media_type.endswith("wordprocessingml.document") and doc.source.encoding_source == "text_layer"
    assert [s.path for s in doc.sections] == [["一"], ["二"]]
    assert [(t.value, t.unit) for t in doc.thresholds] == [("2026-12-31", "日期"), (150, "人")]
    assert "联系人\t张三" in doc.raw_text  # the table row, cells tab-separated


def test_reencode_helper_declares_what_it_says() -> None:
    raw = (CORPUS / "html" / PAGES[0]).read_bytes()
    body, ctype = reencode(raw, "gbk", "lie")
    assert b'<meta charset="utf-8">' in body and ctype == "text/html"
    assert body.decode("gbk")  # the body really is GBK


def test_cli_ingest_url_and_crawl(server, tmp_path, capsys) -> None:  # noqa: ANN001
    from extractor.cli import main

    db = str(tmp_path / "cli.db")
    code = main(["ingest", f"{server.base}/page/{PAGES[0]}", f"{server.base}/missing.html", "--db", db, "--delay", "0", "--retries", "0"])
    cap = capsys.readouterr()
    assert code == 1 and "1 stored" in cap.out and "E910" in cap.err and "E910" not in cap.out  # failures on stderr
    code = main(["crawl", f"{server.base}/list.html?pages={','.join(PAGES)}", "--follow", r"/page/", "--max", "3", "--db", db, "--delay", "0"])
    out = capsys.readouterr().out
    assert code == 0 and "2 stored" in out and "1 already stored" in out
    assert Store(db).counts()["documents"] == 3


def test_cli_diff_takes_urls(server, tmp_path, capsys) -> None:  # noqa: ANN001
    """`polex diff URL FILE`: the page over HTTP against the same bytes on disk has nothing to report."""
    from extractor.cli import main

    page = CORPUS / "html" / PAGES[1]
    assert main(["diff", f"{server.base}/page/{PAGES[1]}", str(page), "--db", str(tmp_path / "none.db"), "--delay", "0"]) == 0
    out = capsys.readouterr().out
    assert "0 added, 0 removed, 0 threshold changes" in out
    assert main(["diff", f"{server.base}/missing.html", str(page), "--delay", "0", "--retries", "0"]) == 1
    assert "E910" in capsys.readouterr().err
