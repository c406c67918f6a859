"""The normalize stage's shortcuts (issue 18), each checked against the plain form it replaced.

Every shortcut here must leave the outputs byte-identical: the test runs the plain form next to
the shortcut on every page of corpus/ and corpus-dev, and on pages written for the test where the
corpora have no example (marked so).
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from functools import lru_cache

import pytest

from extractor.normalize import html as H
from extractor.normalize.offsets import AlignedText
from extractor.pipeline import expand_inputs
from tests.conftest import CORPUS, SHARED

# written for the test: what the corpora do not show (hidden styles every way, İ before a title,
# an upper-case </TITLE>, indents of every blank, entities among them)
_WRITTEN = [
    '<html><head><TITLE>İstanbul 通知</TITLE></head><body><div style="Display : None !important">a</div>'
    '<p style="border:none">b</p><span hidden="">c</span><b style="x:1;display:none">d</b>'
    '<i style="diſplay:none">e</i><u style="displaynone">f</u><div id="zoom">　　一、总则&nbsp; 二、\n  范围'
    '<p>\u3000\u3000第一条&amp;第二条</p><p> \n 甲 乙\u200b丙</p></div></body></html>',
    "<title>无结束的标题 <p>正文一<P>正文二",
    '<body><div class="TRS_Editor x"><p>　　文号：穗府办〔2020〕1号</p><p hidden>隐藏</p></div>'
    '<TABLE><TR><TD>发文机关：</TD><TD>广州市人民政府</TD></TR></TABLE></body>',
]


@lru_cache(maxsize=1)
def _pages() -> tuple[str, ...]:
    files = [f for f in expand_inputs([CORPUS, SHARED / "corpus-dev"]) if f.suffix != ".txt"]
    return tuple(f.read_text("utf-8", "replace") for f in files) + tuple(_WRITTEN)


# -- the walker: the plain questions it asked before ---------------------------------------


class _PlainWalker(H._Walker):
    """The walk as it was: every element asked its tag in lower case, whether it is the content
    region, a metadata table, a title, or hidden (the style's pattern searched on every style, the
    hidden attribute read); every run of text split into blanks and text by the pattern."""

    def visit(self, el, tag, layer, rule, marked):  # noqa: ANN001, ANN201
        if not hasattr(self, "_plain"):
            content = next((e for e, m in marked.items() if m == ("body", "html:content_region")), None)
            meta = {e for e, m in marked.items() if m == ("meta", "html:metadata_table")}
            self._plain = (content, meta)
        content, meta_nodes = self._plain
        name = tag.lower()
        if name in H._SKIP_TAGS and name != "head":
            return
        if content is not None and el is content:
            layer, rule = "body", "html:content_region"
        elif el in meta_nodes:
            layer, rule = "meta", "html:metadata_table"
        elif name == "title":
            layer, rule = "meta", "html:title"
        elif H._is_hidden(el) and (content is None or el not in content.iterancestors()):
            layer, rule = "furniture", "html:hidden"
        block = name in H._BLOCK_TAGS
        in_cell = block and self.cell_depth > 0
        if in_cell:
            block = False
            if self.pending_sep is None:
                self.pending_ws = self.ws_newline = True
        if block or name in ("td", "th"):
            self.sep("\n" if block and name not in ("td", "th") else "\t")
        joined = name in ("td", "th") and H.joins_its_lines(el)
        self.cell_depth += joined
        if name == "head":
            title = el.find("title")
            if title is not None:
                self.sep("\n")
                self.text(H._text_of(title), "meta", "html:title")
                self.sep("\n")
            return
        if el.text:
            self.text(el.text, layer, rule)
        for child in el:
            if isinstance(child.tag, str):
                self.visit(child, child.tag, layer, rule, marked)
            if child.tail:
                self.text(child.tail, layer, rule)
        self.cell_depth -= joined
        if block:
            self.pending_sep = "\n"
            self.pending_ws = self.ws_newline = False
        elif in_cell and self.pending_sep is None:
            self.pending_ws = self.ws_newline = True

    def text(self, s, layer, rule):  # noqa: ANN001, ANN201
        st = self.stream
        stext = st.text
        if not s.strip(H._WS):
            idx = stext.find(s, self.cursor)
            if idx < 0 or stext[self.cursor : idx].strip(H._WS):
                return
            self.cursor = idx + len(s)
            self.pending_ws = True
            if "\n" in s:
                self.ws_newline = True
            return
        a = stext.find(s, self.cursor)
        if a < 0:
            self.unaligned += len(s.strip(H._WS))
            return
        b = self.cursor = a + len(s)
        k = bisect_right(st.run_starts, a) - 1
        while a < b:
            rs, re_, ident = st.run_raw[k]
            take = min(b - a, (st.run_starts[k + 1] if k + 1 < len(st.run_starts) else len(stext)) - a)
            t = stext[a : a + take]
            if ident:
                rs += a - st.run_starts[k]
                for m in H._WS_OR_TEXT_RE.finditer(t):
                    g = m.group(0)
                    if g[0] in H._WS:
                        self.pending_ws = True
                        if "\n" in g:
                            self.ws_newline = True
                    else:
                        self._keep(rs + m.start(), rs + m.end(), g, "id", layer, rule)
            elif t in H._WS:
                self.pending_ws = True
                if "\n" in t:
                    self.ws_newline = True
            else:
                self._keep(rs, re_, t, "control" if self.raw[rs:re_] == "\x00" else "entity", layer, rule)
            a += take
            k += 1


def _reading(page: str) -> tuple:
    r = H.extract_html(page)
    return r.aligned.text, r.aligned._edits, r.layers, r.meta, r.content_region, [i.message for i in r.issues]


def test_walk_reads_every_page_as_the_plain_questions_do(monkeypatch: pytest.MonkeyPatch) -> None:
    """The walker's shortcuts: the elements with a layer of their own looked up in one dictionary,
    the style's pattern searched only where the style says display and none, tag names taken as
    the parsers give them (lower case), a run of text that is one piece after its indent kept
    without the splitting pattern, the hidden attribute and the site adapters' ids and classes
    found in one XPath query. On both trees of every page, the same text, edits and layers."""
    pages = _pages()
    fast = [_reading(p) for p in pages]
    monkeypatch.setattr(H, "_Walker", _PlainWalker)
    plain = [_reading(p) for p in pages]
    assert len(pages) > 50
    for page, f, p in zip(pages, fast, plain):
        assert f == p, page[:200]
    # and on the source-order tree (a deep page reads there): the same, through _read_tree
    for page in pages[:12] + tuple(_WRITTEN):
        root = H._parse_in_source_order(page)
        if root is None:
            continue
        stream = H._lex(page)
        monkeypatch.setattr(H, "_Walker", _PlainWalker)
        w_plain = H._read_tree(page, root, stream)[0].finish()
        monkeypatch.undo()
        w_fast = H._read_tree(page, root, stream)[0].finish()
        assert w_fast == w_plain


def test_tags_come_lower_case_from_both_parsers() -> None:
    """The walker takes a tag name as the parser gives it: both give lower case."""
    for page in _pages()[:20] + ("<DIV><O:P>x</O:P><Foo-Bar>y</Foo-Bar><SPAN STYLE=a>z</SPAN></DIV>",):
        for root in (H._parse(page), H._parse_in_source_order(page)):
            tags = [e.tag for e in root.iter() if isinstance(e.tag, str)]
            assert tags and tags == [t.lower() for t in tags]


def test_one_query_finds_the_hidden_and_the_selectors_as_two_did() -> None:
    for page in _pages():
        root = H._parse(page)
        attributed = root.xpath("descendant-or-self::*[@id or @class or @hidden]")
        assert {e for e in attributed if e.get("hidden") is not None} == H._with_hidden_attribute(root)
        assert H._SelectorIndex(root, attributed).index == H._SelectorIndex(root).index


def test_style_prefilter_never_skips_a_hidden_style() -> None:
    """The walker searches the hidden pattern only in a style that, lowered, holds none and display
    (or is not ASCII: the pattern ignores case, and ſ, ı and İ match s and i). Styles of every page,
    and styles written for the test."""
    styles = [e.get("style") for p in _pages() for e in H._parse(p).iter() if isinstance(e.tag, str) and e.get("style")]
    styles += ["diſplay:none", "dıSPLAY:NONE", "DİSPLAY:none", "display:none", ";Display:None!important;", "x:none"]
    assert len(styles) > 1000
    for s in styles:
        low = s.lower()
        found = bool(H._HIDDEN_STYLE_RE.search(s))
        assert ("none" in low and ("display" in low or not s.isascii()) and found) == found, s


# -- the lexer: a title's end found in the title's stretch ---------------------------------


def test_title_end_found_in_its_own_stretch_as_in_the_lowered_page() -> None:
    """_lex finds the end of <title> in the title's stretch lowered, not in the whole page lowered:
    the same offset wherever no character lowers to two (İ: the page is lowered whole)."""
    n = 0
    for page in _pages():
        low = page.lower()
        for m in H._TOKENS_THEN_TEXT_RE.finditer(page):
            if m.start(3) < 0:
                continue
            start, end = m.span(3)
            inner = H._TITLE_OPEN_RE.match(page, start).end()
            whole = low.rfind("</title", inner, end)
            own = page[inner:end].lower().rfind("</title")
            if "\u0130" not in page:
                assert (own + inner if own >= 0 else -1) == whole
                n += 1
    assert n > 30
    assert H._lex(_WRITTEN[0]).text.startswith("İstanbul 通知")


# -- the offset map: to_raw_span from kept columns ------------------------------------------


def _plain_locate(a: AlignedText, t: int) -> tuple[int, int]:
    """_locate as it was: the edits before ``t``, from the last one back."""
    k = bisect_right(a._t_starts, t) - 1
    while k >= 0:
        ed = a._edits[k]
        ts = a._t_starts[k]
        te = ts + len(ed.replacement)
        if ts <= t < te:
            return ed.raw_start, ed.raw_end
        if te <= t:
            r = ed.raw_end + (t - te)
            return r, r + 1
        k -= 1
    return t, t + 1


def test_to_raw_span_maps_as_the_edit_walk_did() -> None:
    from extractor.normalize import normalize_html, normalize_text

    rng = random.Random(18)
    files = expand_inputs([CORPUS])
    checked = 0
    for f in files:
        raw = f.read_text("utf-8", "replace")
        a = (normalize_text(raw) if f.suffix == ".txt" else normalize_html(raw)).aligned
        n = len(a.text)
        assert a._t_ends == [ts + len(ed.replacement) for ts, ed in zip(a._t_starts, a._edits)]
        assert a._r_ends == [ed.raw_end for ed in a._edits]
        # every edit's edges and random spans
        points = sorted({0, n} | {p for ts, te in zip(a._t_starts, a._t_ends) for p in (ts, te, te + 1) if p <= n})
        spans = [(s, e) for s, e in zip(points, points[1:])] + [tuple(sorted(rng.sample(range(n + 1), 2))) for _ in range(300)]
        for s, e in spans:
            if s < e:
                assert a.to_raw_span(s, e) == (_plain_locate(a, s)[0], _plain_locate(a, e - 1)[1])
                assert a._locate(s) == _plain_locate(a, s)
                checked += 1
    assert checked > 10000


def test_han_characters_taken_by_runs_as_by_removing_the_rest() -> None:
    from extractor.normalize.text import _HAN_RUN_RE

    for page in _pages():
        assert "".join(_HAN_RUN_RE.findall(page)) == re.sub(r"[^\u4e00-\u9fff]+", "", page)


def test_ocr_repair_gated_on_o_finds_what_the_patterns_find() -> None:
    """repair_ocr tries its O patterns only on a text holding an O (both open with it): on every
    text of the corpora, and on written ones, the same edits as the patterns tried everywhere."""
    from extractor.normalize.text import _O_AT_END, _O_FOR_STOP, _compiled, repair_ocr
    from extractor.pipeline import extract_path

    texts = [extract_path(f).text for f in expand_inputs([CORPUS, SHARED / "corpus-dev"])]
    texts += ["增长占/八、O1.注重", "市科协O2、工作O", "ＯO", "无"]  # written for the test
    n = 0
    for t in texts:
        for is_slice in (False, True):
            got = [e for e in repair_ocr(t, is_slice) if e.replacement == "。"]
            plain = [m.start() for m in _compiled(_O_FOR_STOP).finditer(t)]
            plain += [m.start() for m in _compiled(_O_AT_END).finditer(t)] if is_slice else []
            assert sorted(e.start for e in got) == sorted(plain)
            n += len(plain)
    assert n >= 3


def _plain_label_cells(root):  # noqa: ANN001, ANN202
    """_label_cells as it was: every text and tail read, its parent asked, then the label questions."""
    from lxml import etree

    from extractor.normalize import chrome

    cells = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            string = el.text
            if not string or not isinstance(el.tag, str):
                continue
            parent = el
        else:
            string = el.tail
            if not string:
                continue
            parent = el.getparent()
        if (parent is not None and parent.tag in H._META_CELL_TAGS
                and (len(string) <= H._LABEL_MAX_WRITTEN or len(string.strip()) <= H._LABEL_MAX_WRITTEN)
                and H._norm_label(string) in chrome.META_TABLE_LABELS):
            if not cells or cells[-1] is not parent:
                cells.append(parent)
    return cells


def test_label_cells_asked_cheap_questions_first_find_the_same_cells() -> None:
    found = 0
    for page in _pages():
        for root in (H._parse(page), H._parse_in_source_order(page)):
            cells = H._label_cells(root)
            assert cells == _plain_label_cells(root)
            found += len(cells)
    assert found > 20
