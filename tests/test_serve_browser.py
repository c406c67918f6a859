"""The four flows of issue 14 in a real browser: Debian's chromium driven by Playwright,
against `polex serve` started by the test on 127.0.0.1 (a free port) and stopped after.

Screenshots of the four pages are taken every run; with POLEX_SCREENSHOTS=1 they are
written to docs/img/ (the README shows them), else to a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, extracted
from tests.test_serve import ANHUI, DIBAO, HOSTILE_TITLE, Y2017, Y2018, build_store

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason="Debian chromium not installed (.ci/system-packages.sh installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):  # noqa: ANN001, ANN201
    db, ids = build_store(tmp_path_factory.mktemp("browser"))
    port = _free_port()
    polex = Path(sys.executable).with_name("polex")
    proc = subprocess.Popen([str(polex), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stdout.read().decode()) from None
                time.sleep(0.1)
        yield base, ids
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # noqa: ANN001, ANN201
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    pg = ctx.new_page()
    pg.dialogs = []  # any alert() would land here
    pg.errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    yield pg
    ctx.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:  # noqa: ANN001
    if os.environ.get("POLEX_SCREENSHOTS") == "1":
        out = ROOT / "docs" / "img"
        out.mkdir(parents=True, exist_ok=True)
        return out
    return tmp_path_factory.mktemp("shots")


def _shot(pg, shots: Path, name: str) -> None:  # noqa: ANN001
    path = shots / name
    pg.screenshot(path=str(path))
    assert path.stat().st_size > 20_000  # a page with text on it, not a blank one


def test_search_open_the_2017_points_and_click_the_150_threshold(server, page, shots) -> None:  # noqa: ANN001
    base, ids = server
    page.goto(base + "/")
    page.fill("header input[name=q]", "理事")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    assert "containing «理事»" in page.inner_text("#count")
    hit = page.locator("table.docs td.title", has_text="中国科协2017年学会改革工作要点")
    assert "理事" in hit.locator(".hit mark").first.inner_text()
    _shot(page, shots, "serve-index.png")
    hit.locator("a").first.click()
    page.wait_for_url(f"**/doc/{ids[Y2017.name]}")
    doc = extracted(str(Y2017))
    t150 = next(t for t in doc.thresholds if t.value == 150)
    span = page.locator("#text [data-kind=threshold]", has_text="150人").first
    assert span.inner_text() == doc.text[slice(*t150.span)]
    span.click()
    mark = page.locator("#source-mark")
    mark.wait_for()
    assert mark.inner_text() == doc.raw_text[slice(*t150.raw_span)] == "理事会人数一般不超过150人"
    assert page.get_attribute("#source", "data-raw-start") == str(t150.raw_span[0])
    assert "active" in span.get_attribute("class")
    bg = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    assert "threshold: 理事会人数 <= 150 人 if 个人会员<2万人" in page.inner_text("#source-what")
    page.locator("#meta tr[data-field=date] .ev", has_text="document").wait_for()  # evidence re-read from the bytes
    _shot(page, shots, "serve-doc.png")
    page.locator("#source-where a").click()  # the same characters in the whole source
    page.wait_for_url("**/raw?*")
    assert page.inner_text("#raw-mark") == "理事会人数一般不超过150人"
    assert not page.errors and not page.dialogs


def test_a_highlight_in_a_web_page_opens_the_page_source(server, page) -> None:  # noqa: ANN001
    """For HTML, raw_text is the page source: the marked characters sit among the markup."""
    base, ids = server
    doc = extracted(str(DIBAO))
    page.goto(f"{base}/doc/{ids[DIBAO.name]}")
    first = page.locator("#text [data-kind=threshold]").first
    index = int(first.get_attribute("data-item"))
    first.click()
    page.locator("#source-mark").wait_for()
    item = page.evaluate(f"() => JSON.parse(document.getElementById('items').textContent)[{index}]")
    t = next(t for t in doc.thresholds if t.id == item["id"])
    assert page.inner_text("#source-mark") == doc.raw_text[slice(*t.raw_span)]
    # markup around the mark: a tag, or the attributes of the one the mark sits in (a long style="…" can fill the window)
    source = page.inner_text("#source")
    assert ("<" in source or '="' in source) and "in the page source" in page.inner_text("#source-where")
    page.locator("#source-where a").click()
    page.wait_for_url("**/raw?*")
    assert page.inner_text("#raw-mark") == doc.raw_text[slice(*t.raw_span)]
    assert page.inner_text("#raw").startswith(doc.raw_text.lstrip()[:20])
    assert not page.errors and not page.dialogs


def test_a_date_highlight_and_the_dates_page(server, page) -> None:  # noqa: ANN001
    """The 2018 要点 asks for the reform plans 于5月10日前: the date is a highlight of its own (inside the
    deadline threshold) that opens its characters; /dates finds it by kind and day and links to them."""
    base, ids = server
    doc = extracted(str(Y2018))
    due = next(d for d in doc.dates if d.text == "5月10日前")
    page.goto(f"{base}/doc/{ids[Y2018.name]}")
    span = page.locator("#text [data-kind=date]", has_text="5月10日前").first
    assert span.inner_text() == doc.text[slice(*due.span)]
    span.click()
    page.locator("#source-mark").wait_for()
    assert page.inner_text("#source-mark") == doc.raw_text[slice(*due.raw_span)] == "5月10日前"
    assert "date: deadline <= 2018-05-10" in page.inner_text("#source-what")
    page.goto(base + "/")
    page.click("header nav a[href='/dates']")
    page.select_option("form.date-filters select[name=kind]", "deadline")
    page.fill("form.date-filters input[name=to]", "2018-06-30")
    page.click("form.date-filters button")
    page.wait_for_url("**/dates?*")
    row = page.locator(f"tr[data-date='{due.id}']")
    assert row.locator("td").first.inner_text() == "2018-05-10"
    days = [t for t in page.locator("table.dates tbody tr td:first-child").all_inner_texts()]
    assert days == sorted(days) and all(d <= "2018-06-30" for d in days)
    row.locator("a.source").click()
    page.wait_for_url("**/source?*")
    assert page.inner_text("pre.source mark") == "5月10日前"
    assert not page.errors and not page.dialogs


def test_trace_of_the_anhui_opinion_shows_the_national_opinion(server, page, shots) -> None:  # noqa: ANN001
    base, ids = server
    page.goto(f"{base}/trace/{ids[ANHUI.name]}")
    page.wait_for_selector("#graph[data-ready='1']")
    nodes = page.evaluate("() => polexGraph.nodes().map(n => ({label: n.data('full'), level: n.data('level'), y: n.position('y'),"
                          " root: n.hasClass('root'), placeholder: n.hasClass('placeholder'), row: n.hasClass('row')}))")
    national = [n for n in nodes if n["label"] == "中国科协关于实施学会创新和服务能力提升工程的意见"]
    root = next(n for n in nodes if n["root"])
    assert national and national[0]["level"] == "national" and national[0]["placeholder"]
    assert national[0]["y"] < root["y"]  # drawn above: laid out by level
    edges = page.evaluate("() => polexGraph.edges().map(e => [e.source().data('full'), e.target().data('full'), e.data('relation')])")
    assert [root["label"], "中国科协关于实施学会创新和服务能力提升工程的意见", "implements"] in edges
    canvas = page.locator("#graph canvas").first
    assert canvas.bounding_box()["width"] > 600
    assert page.locator("#links tr", has_text="中国科协关于实施学会创新和服务能力提升工程的意见").count() == 1
    _shot(page, shots, "serve-trace.png")
    assert not page.errors and not page.dialogs


def test_the_2017_to_2018_diff_shows_150_180_200_unchanged(server, page, shots) -> None:  # noqa: ANN001
    base, ids = server
    page.goto(f"{base}/diff/{ids[Y2017.name]}/{ids[Y2018.name]}")
    unchanged = page.locator("#threshold-table tr.t-unchanged")
    texts = unchanged.all_inner_texts()
    assert len(texts) == 3
    for value in ("150", "180", "200"):
        assert sum(f"理事会人数一般不超过{value}人" in t for t in texts) == 1, value
    _shot(page, shots, "serve-diff.png")
    rows = page.locator("#pairs tr.pair")
    assert rows.count() == 22 + 11 + 6  # aligned pairs, added, removed (README)
    page.check("#hide-unchanged")
    assert all(not r.is_visible() for r in unchanged.all())
    assert all(not r.is_visible() for r in page.locator("#pairs tr.pair:not(.change)").all())
    assert page.locator("#pairs tr.change").first.is_visible()
    assert page.locator("#threshold-table tr.t-changed").first.is_visible()
    page.click("#next-change")
    page.click("#next-change")
    assert page.locator("#pairs tr.current").count() == 1
    assert page.inner_text("#change-pos").startswith("change 2 of")
    page.click("#prev-change")
    assert page.inner_text("#change-pos").startswith("change 1 of")
    page.uncheck("#hide-unchanged")
    assert unchanged.first.is_visible()
    assert not page.errors and not page.dialogs


def test_a_hostile_notice_renders_as_text(server, page) -> None:  # noqa: ANN001
    base, ids = server
    hostile = ids["hostile.txt"]
    for url in (f"/?q={'理事'}", f"/doc/{hostile}", f"/trace/{hostile}", f"/diff/{ids[Y2017.name]}/{hostile}", f"/doc/{hostile}/raw"):
        page.goto(base + url)
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.querySelectorAll('img').length") == 0, url  # the app draws no <img>
        assert page.evaluate("() => [...document.querySelectorAll('b')].every(b => b.textContent !== '换届')"), url
        assert page.evaluate("() => document.querySelectorAll('script:not([src]):not([type=\"application/json\"])').length") == 0, url
    page.goto(f"{base}/doc/{hostile}")
    assert page.inner_text("h1.doc-title") == HOSTILE_TITLE
    assert page.title().startswith(HOSTILE_TITLE)
    page.locator("#text [data-kind=threshold]").first.click()
    page.locator("#source-mark").wait_for()
    assert "<script>alert(1)</script>" in page.inner_text("#source")  # the source, shown as characters
    page.locator("#meta tr[data-field=title] .ev", has_text="document").wait_for()
    page.goto(f"{base}/doc/{hostile}?format=json")
    assert HOSTILE_TITLE in page.evaluate("() => JSON.parse(document.body.innerText).document.title")
    time.sleep(0.3)
    assert page.dialogs == [], page.dialogs


def test_the_server_answers_only_to_its_own_name(server) -> None:  # noqa: ANN001
    """DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends Host: evil.example."""
    base, _ = server
    for host, status in (("evil.example", 400), ("localhost", 200), (base.split("//")[1], 200)):
        req = urllib.request.Request(base + "/?format=json", headers={"Host": host})
        try:
            code = urllib.request.urlopen(req, timeout=10).status
        except urllib.error.HTTPError as e:
            code = e.code
        assert code == status, host


def test_screenshots_have_cjk_glyphs() -> None:
    """fonts-noto-cjk is what makes the screenshots readable: without it CJK renders as boxes."""
    fc = shutil.which("fc-list")
    if fc is None:
        pytest.skip("fontconfig not installed")
    out = subprocess.run([fc, ":lang=zh"], capture_output=True, text=True).stdout
    assert "Noto Sans CJK" in out or "Noto Serif CJK" in out
