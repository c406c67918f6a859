"""Decoding, normalization and offsets: real text re-encoded, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize import normalize_html, normalize_text
from extractor.normalize.decode import decode_bytes
from extractor.normalize.offsets import AlignedText, LocalEdit
from extractor.pipeline import extract_bytes
from tests.conftest import CORPUS

SEED_004 = CORPUS / "seeds" / "004_78ac27f02b718a06.txt"  # traditional script
SEED_002 = CORPUS / "seeds" / "002_c05fb64366262bba.txt"


def _strip_pinyin_unencodable(text: str, codec: str) -> str:
    return text.encode(codec, errors="ignore").decode(codec)


def test_legacy_encodings_decode_to_the_same_document() -> None:
    """Seed 002 as GBK, GB18030 and GB2312-declared HTML gives the same text as UTF-8."""
    text = SEED_002.read_text(encoding="utf-8")
    ref = extract_bytes(text.encode("utf-8"))
    for codec in ("gbk", "gb18030"):
        doc = extract_bytes(text.encode(codec))
        assert doc.source.encoding == "gb18030"
        assert doc.text == ref.text
        assert [s.path for s in doc.sections] == [s.path for s in ref.sections]


def test_big5_traditional_notice() -> None:
    """Seed 004 (traditional) encoded as Big5: sniffed, converted t2s, same tree."""
    text = _strip_pinyin_unencodable(SEED_004.read_text(encoding="utf-8"), "big5hkscs")
    doc = extract_bytes(text.encode("big5hkscs"))
    ref = extract_bytes(text.encode("utf-8"))
    assert doc.source.encoding == "big5hkscs" and doc.source.encoding_source == "sniffed"
    assert doc.text == ref.text
    assert doc.metadata.script == "traditional"
    assert [s.path for s in doc.sections] == [s.path for s in ref.sections]


def test_lying_meta_is_overruled() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><div id="UCAP-CONTENT"><p>一、总体要求</p><p>（一）指导思想。学会要加强建设。</p></div></body></html>'
    doc = extract_bytes(page.encode("utf-8"))
    assert doc.source.encoding == "utf-8"
    assert "W102" in {i.code for i in doc.issues}
    assert [s.path for s in doc.sections] == [["一"], ["一", "（一）"]]


def test_declared_gb2312_is_read_as_gb18030() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>朱镕基同志的讲话</p></body></html>'
    d = decode_bytes(page.encode("gb18030"))
    assert d.encoding == "gb18030" and "镕" in d.text and d.source == "meta"


def test_http_header_beats_meta() -> None:
    page = '<meta charset="utf-8"><p>学会改革</p>'.encode("gbk")
    d = decode_bytes(page, content_type="text/html; charset=GBK")
    assert d.source == "http_header" and "学会改革" in d.text


def test_undecodable_bytes_are_replaced_and_flagged() -> None:
    data = "学会改革工作要点".encode("utf-8") + b"\xff\xfe\x80" + "一、总体要求".encode("utf-8")
    doc = extract_bytes(data)
    assert "W101" in {i.code for i in doc.issues}
    assert doc.status == "partial"
    assert "一、总体要求" in doc.text


def test_no_blanket_nfkc_markers_survive() -> None:
    n = normalize_text("①学会 ⑴理事会 ㈠监事会 （１）２０１８年")
    assert n.aligned.text == "①学会 ⑴理事会 ㈠监事会 (1)2018年"


def test_pinyin_glosses_removed_but_real_brackets_kept() -> None:
    n = normalize_text("鄉(xiāng)鎮(zhèn)(街道)科協(xié)組織(試行)")
    assert n.aligned.text == "乡镇(街道)科协组织(试行)"
    assert n.script == "traditional"


def test_seed_003_page_breaks_joined() -> None:
    text = (CORPUS / "seeds" / "003_90654e4803dc1b1f.txt").read_text(encoding="utf-8")
    n = normalize_text(text)
    assert "为抓手的学会能力提升活动" in n.aligned.text
    assert "服务社会和政府方面" in n.aligned.text
    assert "〃" not in n.aligned.text and "“星级学会”创建活动实施方案科技社团" in n.aligned.text


def test_html_entities_and_markup_map_back() -> None:
    raw = '<div id="zoomcon"><p>国务院&nbsp;&nbsp;<span>办公厅</span></p><p>2019年1月24日&#12288;</p></div>'
    n = normalize_html(raw)
    t = n.aligned.text
    i = t.index("办公厅")
    rs, re_ = n.aligned.to_raw_span(i, i + 3)
    assert raw[rs:re_] == "办公厅"
    assert "国务院 办公厅" in t and "2019年1月24日" in t


def test_html_text_is_not_lost_after_nul_or_after_the_closing_html_tag() -> None:
    # the parser turns NUL into U+FFFD and puts content after </html> in a second top-level
    # element; both used to leave the rest of the text unaligned, silently dropped
    raw = '<html><body><div id="zoomcon"><p>学会\x00章程：理事会成员一般不超过150人。</p></div></body></html><p>附则</p>'
    n = normalize_html(raw)
    t = n.aligned.text
    assert "学会章程" in t and "附则" in t
    assert not [i for i in n.issues if i.code == "W113"]
    assert ("control_char", "\x00") in {(e.reason, raw[e.raw_start : e.raw_end]) for e in n.aligned.edits()}


def test_html_nested_past_the_parser_limit_is_read_in_source_order() -> None:
    # synthetic markup: libxml2 keeps 256 levels and drops what is deeper; the second
    # path (html.parser, no nesting limit) reads it with true offsets
    deep = ("<html><body>" + "<span>" * 3000 + "学会应当加强自律。" + "</span>" * 3000 + "<p>第二段。</p></body></html>").encode()
    doc = extract_bytes(deep, path="deep.html")
    codes = {i.code for i in doc.issues}
    assert doc.status == "ok" and "W115" in codes and not codes & {"W113", "W114"}
    i = doc.text.index("学会应当加强自律。")
    raw_i = doc.raw_text.index("学会应当加强自律。")
    assert any(l.span[0] <= i < l.span[1] and l.raw_span[0] <= raw_i < l.raw_span[1] for l in doc.layers)
    assert "第二段。" in doc.text[i:]
    fine = ("<html><body>" + "<span>" * 200 + "学会应当加强自律。" + "</span>" * 200 + "</body></html>").encode()
    doc = extract_bytes(fine, path="fine.html")
    assert "学会应当加强自律" in doc.text and "W114" not in {i.code for i in doc.issues}


def test_html_without_elements_gives_empty_text_and_a_warning() -> None:
    for raw in ("<!-- 只有注释 -->", "<!DOCTYPE html>"):
        n = normalize_html(raw)
        assert n.aligned.text == "" and "W111" in {i.code for i in n.issues}


# --- properties -----------------------------------------------------------------------------

_chars = st.sampled_from(list("一二三、（）()１2。，学會協网(wǎng)〃•O\n\r\t 　&<>;abc#ＡＢ①"))
_texts = st.lists(_chars, max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_normalize_text_never_raises_and_round_trips(raw: str) -> None:
    n = normalize_text(raw)
    a = n.aligned
    assert a.replay(0, len(raw), include_edges=True) == a.text
    for s in range(len(a.text) + 1):
        rs, re_ = a.to_raw_span(s, s)
        assert 0 <= rs <= re_ <= len(raw)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_pipeline_never_raises_on_bytes(data: bytes) -> None:
    from extractor.errors import InputError

    try:
        doc = extract_bytes(data)
    except InputError as e:
        assert e.code in ("E902", "E903", "E906", "E907")  # empty, binary, damaged or scanned PDF/.docx
        return
    # the edit log rebuilds the text, and every section maps back
    from extractor.normalize.offsets import _RawEdit

    log = [_RawEdit(e.raw_start, e.raw_end, e.replacement, e.reason, e.prior) for e in doc.edits]
    a = AlignedText(doc.raw_text, None, log)
    assert a.text == doc.text
    for sec in doc.sections:
        assert a.replay(*sec.raw_span) == sec.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<p>div</>&nbsp;学会一、（二）\n x=\"'!-\x00")), max_size=120))
def test_broken_html_never_raises(raw: str) -> None:
    n = normalize_html(raw)
    assert n.aligned.replay(0, len(raw), include_edges=True) == n.aligned.text


@st.composite
def _edit_stages(draw):  # noqa: ANN001, ANN202
    raw = draw(st.text(alphabet="abcdef", min_size=1, max_size=30))
    stages = []
    length = len(raw)
    for _ in range(draw(st.integers(1, 4))):
        points = sorted(draw(st.lists(st.integers(0, length), max_size=6)))
        edits = []
        last = -1
        for i in range(0, len(points) - 1, 2):
            s, e = points[i], points[i + 1]
            if s <= last or (s == e and s == last):
                continue
            repl = draw(st.text(alphabet="XYZ", max_size=3))
            edits.append(LocalEdit(s, e, repl, "whitespace"))
            last = e
        stages.append(edits)
        length = length + sum(len(x.replacement) - (x.end - x.start) for x in edits)
    return raw, stages


@settings(max_examples=400, deadline=None)
@given(_edit_stages())
def test_composed_edits_rebuild_text_and_map_untouched_chars(case) -> None:  # noqa: ANN001
    raw, stages = case
    a = AlignedText(raw)
    for edits in stages:
        # stages were drawn against a running length; clip to the actual text
        edits = [e for e in edits if e.end <= len(a.text)]
        a = a.apply(edits)
    assert a.replay(0, len(raw), include_edges=True) == a.text
    # characters outside every edit map 1:1 and are equal in both texts
    for i, ch in enumerate(a.text):
        rs, re_ = a.to_raw_span(i, i + 1)
        if re_ - rs == 1 and raw[rs] == ch:
            assert a.replay(rs, re_) == ch


def test_density_fallback_stands_in_for_the_site_adapters(monkeypatch) -> None:  # noqa: ANN001
    """With every site adapter switched off, as on a site polex has never seen, the block
    with the most running text must give (nearly) the same thresholds and citations."""
    from extractor.normalize import chrome
    from tests.conftest import corpus_files, extracted

    pages = [p for p in corpus_files() if p.suffix == ".html"]
    adapted = {p: extracted(str(p)) for p in pages}
    monkeypatch.setattr(chrome, "CONTENT_SELECTORS", ())
    same = extra = missing = cit_missing = 0
    for p in pages:
        doc = extract_bytes(p.read_bytes(), path=str(p))
        assert any(i.code == "W111" and "most running text" in i.message for i in doc.issues), p.name
        want = {(t.value, t.unit, t.comparator, adapted[p].text[slice(*t.span)]) for t in adapted[p].thresholds}
        got = {(t.value, t.unit, t.comparator, doc.text[slice(*t.span)]) for t in doc.thresholds}
        same, extra, missing = same + len(want & got), extra + len(got - want), missing + len(want - got)
        cit_missing += len({(c.title, c.doc_number) for c in adapted[p].citations} - {(c.title, c.doc_number) for c in doc.citations})
    # measured: 366 same, 1 extra, 1 missing; citations: none missing
    assert missing <= 0.01 * (same + missing) and extra <= 0.01 * same and cit_missing == 0, (same, extra, missing, cit_missing)



def test_density_reads_text_through_nested_inline_wrappers() -> None:
    """Pages pasted from Word wrap each paragraph's text in nested ``<span style="font-family">``
    (corpus-dev 018, gz.gov.cn, six deep): the block holding the paragraphs is the body, not the
    one span with the longest paragraph."""
    from extractor.normalize.html import _densest, _parse

    para = "区民政部门应当指导镇人民政府同步开展特困人员认定程序与生活自理能力评估程序"
    soup = lambda n: '<span style="font-family: 宋体">' * 6 + para * n + "</span>" * 6  # noqa: E731
    page = ('<html><body><div class="nav">首页 政府信息公开目录 政策文件</div><div id="info_cont">'
            + "".join(f'<p style="line-height: 1.75em;">　　{soup(n)}</p>' for n in (1, 2, 5, 1, 3)) + "</div></body></html>")
    best, chars = _densest(_parse(page))
    assert best.get("id") == "info_cont" and chars == 12 * len(para)


def test_density_widens_a_short_notice_to_its_block() -> None:
    """A notice under the minimum (corpus-dev 010: a 163-character 通告 in ``<div id="zoom">``) is
    read with the block around it, title included, when that reaches the minimum; never the page."""
    from extractor.normalize.html import MIN_DENSE_CHARS, _densest, _parse

    short = "近期江西省市场监督管理局组织食品安全监督抽检肉制品粮食加工品现将具体情况通告如下" * 4
    title = "江西省市场监督管理局关于食品安全监督抽检情况的通告" * 2
    page = (f'<html><body><div class="nav">首页</div><div class="article"><h1>{title}</h1>'
            f'<div id="zoom"><p>{short}</p></div></div></body></html>')
    best, chars = _densest(_parse(page))
    assert len(short) < MIN_DENSE_CHARS <= chars and best.get("class") == "article"
    alone = _parse(f'<html><body><div id="zoom"><p>{short}</p></div></body></html>')
    assert _densest(alone)[1] < MIN_DENSE_CHARS  # no block reaches it: nothing is widened to the page


@pytest.mark.parametrize("tag", [
    '<p style="text-align:center;"">',  # a doubled closing quote, as hand-edited CMS content has
    '<meta charset=gb2312">',  # a quote closing a value that was never quoted
    "<div class=a\"b title='x>y'>",  # a quote inside an unquoted value; a ">" inside a quoted one
])
def test_a_stray_quote_in_a_tag_keeps_the_text_after_it(tag: str) -> None:
    """A quote opens an attribute value only right after "=" (HTML's tokenizer, libxml2): the
    lexer that aligns the tree's text to the source read a stray one as the start of a value
    running on to the next quote of the page, and every character after it was lost (W113)."""
    page = f'<html><head></head><body>{tag}第一条 本办法所称“引进人才”</p><p>第二条 应当"依法"办理</p></body></html>'
    norm = normalize_html(page)
    assert "第一条 本办法所称“引进人才”" in norm.aligned.text and '第二条 应当"依法"办理' in norm.aligned.text
    assert not any(i.code == "W113" for i in norm.issues)


def test_density_prefers_the_block_to_its_only_paragraph() -> None:
    """A notice laid out as one ``<p>`` of ``<br>``-separated lines, its attachment in a table
    beside it (corpus 13 with its paragraphs joined so): the paragraph and its block tie, and the
    block, which also holds the attachment, is the body."""
    from extractor.normalize.html import _densest, _parse

    letter = "<br/>".join(["各区卫生健康局、财政局：", "现将实施方案印发给你们，请贯彻执行。" * 15, "广州市卫生健康委员会"])
    table = "<table><tr><td><p>" + "</p><p>".join(["一、总体要求", "到2025年，家庭医生签约服务覆盖率达到40%以上。" * 4]) + "</p></td></tr></table>"
    best, _ = _densest(_parse(f'<html><body><div class="nav">首页</div><div class="wrap"><p>{letter}</p>{table}</div></body></html>'))
    assert best.get("class") == "wrap"


@pytest.mark.parametrize(("line", "rule"), [
    ("上一篇:国务院关于修改和废止部分行政法规的决定", "site_nav"),  # corpus-dev 062
    ("下一篇:2020年政府网站和政务新媒体检查情况通报", "site_nav"),  # corpus-dev 062
    ("/ 发布时间:2020-12-16 / 浏览量:3565", "counter"),  # corpus-dev 062
    ("Powered by 中国老龄协会老年人才信息中心", "footer"),  # corpus-dev 062
    ("分享到：", "widget"),  # corpus-dev 019
    ("时间:2022年12月06日来源:辽宁省卫生健康委员会", "share_site"),  # corpus-dev 058
    ("时间:2019-09-29", "share_site"),  # seed 003
])
def test_portal_lines_around_a_pasted_notice_are_furniture(line: str, rule: str) -> None:
    """A notice copied from a portal with the lines around it (as corpus-dev 062 was): each line
    is furniture, and the notice's own lines stay body."""
    notice = "国务院办公厅关于2021年部分节假日安排的通知\n各省、自治区、直辖市人民政府：\n一、元旦：1月1日至3日放假，共3天。\n国务院办公厅\n2020年11月25日"
    norm = normalize_text(f"{notice}\n{line}\n")
    marks = {norm.aligned.text[m.start:m.end].strip(): (m.kind, m.rule) for m in norm.layers}
    assert marks[line.strip()] == ("furniture", rule)
    body = "".join(norm.aligned.text[m.start:m.end] for m in norm.layers if m.kind == "body")
    assert "一、元旦：1月1日至3日放假，共3天。" in body and "2020年11月25日" in body


def test_a_meeting_notices_time_line_is_its_own() -> None:
    """时间: is a field of document-sharing sites (seed 003: 时间:2019-09-29), but a meeting
    notice's 时间: line, an event's time, is the notice's body (corpus-dev 040)."""
    text = "关于召开全市科协主席会议的紧急通知\n一、会议时间、地点\n时间:2019年10月10日上午9:00,会期一天\n地点:市科协二楼会议室\n"
    norm = normalize_text(text)
    body = "".join(norm.aligned.text[m.start:m.end] for m in norm.layers if m.kind == "body")
    assert "时间:2019年10月10日上午9:00,会期一天" in body


def test_a_bare_number_is_a_postcode_or_phone_only_in_the_footer() -> None:
    """A line that is only a number is a table cell inside the notice (corpus-dev 023, a
    statistical bulletin: 183946) and a postcode or phone number only in the trailing footer
    (seed 000: the reposting site's 100863 and 010-68571898 after its address)."""
    text = "万载县2015年国民经济和社会发展统计公报\n一、人口\n年末户籍人口\n183946\n比上年增长0.5%。\n版权所有：万载县人民政府\n100863\n010-68571898\n"
    norm = normalize_text(text)
    body = "".join(norm.aligned.text[m.start:m.end] for m in norm.layers if m.kind == "body")
    assert "183946" in body and "100863" not in body and "010-68571898" not in body


def test_a_page_pasted_as_one_paragraph_is_not_chrome_from_end_to_end() -> None:
    """A line-scoped chrome rule (a 【法宝引证码】 header, a 浏览量 counter) on a line that is the whole
    page (seed 003 runs pages together; corpus-dev 020 and 062 with their line ends taken out) marks
    its match only: the notice stays body."""
    body = "第一条 为了加强绿色建筑管理，推动本市资源节约型社会建设，制定本办法。" * 8
    for head in ("【法宝引证码】CLI.12.748997 ", "/ 发布时间:2020-12-16 / 浏览量:3565 "):
        norm = normalize_text(head + body)
        kept = "".join(norm.aligned.text[m.start:m.end] for m in norm.layers if m.kind == "body")
        assert body in kept, head


def test_hard_wrapped_text_is_joined_and_a_text_of_paragraphs_is_not() -> None:
    """A PDF's text layer breaks every line at one width, inside sentences (corpus-dev 053: 自 /
    发布之日起施行): those breaks are joined (W116), labelled lines and a title line stay lines; the
    seeds, whose lines are paragraphs, a table of contents or a list, are left alone."""
    para = ("第一条 为了规范国务院行政机构的设置，加强编制管理，提高行政效率，根据宪法和国务院组织法，制定本条例。"
            "第二条 国务院行政机构设置和编制管理应当适应国家政治、经济、社会发展的需要，遵循精简、统一、效能的原则。")
    wrapped = "\n".join(para[i:i + 30] for i in range(0, len(para), 30))
    text = "国务院行政机构设置和编制管理条例\n第一章 总则\n" + wrapped + "\n第二章 机构设置管理\n" + wrapped + "\n"
    norm = normalize_text(text)
    assert any(i.code == "W116" for i in norm.issues)
    assert para in norm.aligned.text and "\n第二章 机构设置管理\n" in norm.aligned.text
    assert norm.aligned.text.startswith("国务院行政机构设置和编制管理条例\n第一章 总则\n")
    # a slice re-normalized under the document's context (as test_provenance does with sections) joins
    # at the document's width, which the slice alone is too short to show
    start = text.index("第二章")
    again = normalize_text(text[start:], norm.context).aligned.text
    assert again == norm.aligned.text[norm.aligned.text.index("第二章"):] and para in again
    for seed in sorted((CORPUS / "seeds").glob("*.txt")):
        assert not any(i.code == "W116" for i in normalize_text(seed.read_text(encoding="utf-8")).issues), seed.name


def test_a_text_layer_wrapped_at_one_width_in_columns() -> None:
    """A PDF's lines hold one page width: a Chinese character takes two columns, a digit one, so lines
    with dates and figures hold more characters (written for the test: a contest notice wrapped at 60
    columns, its lines 30 to 38 characters). Counted in columns the breaks are joined, and a slice
    re-normalized under the document's context joins them too; a list of same-width short lines
    (seed 003's …_第1页 page titles) is no wrapped text."""
    def wrap_columns(s: str, cols: int) -> list[str]:
        out, line, w = [], "", 0
        for ch in s:
            cw = 1 if ord(ch) <= 0x24F else 2
            if w + cw > cols:
                out.append(line)
                line, w = "", 0
            line, w = line + ch, w + cw
        return [*out, line]
    para = ("为深入贯彻落实《全民科学素质行动规划纲要（2021—2035年）》，经研究，决定于2023年3月1日至2023年4月30日联合举办2023年"
            "江苏省青少年科技创新大赛。参赛对象为全省在校中小学生，年龄在18周岁以下（2005年1月1日以后出生）。每名学生限报1个项目，"
            "集体项目每组成员不超过3人，推荐项目数量不超过本地区上年度参赛项目总数的30%，推荐材料须于2023年3月31日17:00前上传至大赛网站。")
    lines = wrap_columns(para, 60)
    assert len({len(x) for x in lines}) > 3  # the characters per line vary
    text = "关于举办大赛的通知\n" + "\n".join(lines) + "\n一、参赛对象\n" + "\n".join(lines) + "\n"
    norm = normalize_text(text)
    folded = para.replace("（", "(").replace("）", ")")  # the normalization folds full-width brackets
    assert any(i.code == "W116" for i in norm.issues) and norm.aligned.text.count(folded) == 2
    start = text.index("一、参赛对象")
    assert folded in normalize_text(text[start:], norm.context).aligned.text


def test_page_numbers_of_a_pdf_text_layer() -> None:
    """A printed notice's page numbers (GB/T 9704: — 2 —) stand on lines of their own in its PDF's text
    layer. One that cuts a wrapped sentence is joined across (反映中心工 / — 2 — / 作。, corpus-dev 021
    wrapped and paged by bench/eval_perturbations.py); one between the signature and its date is
    furniture, so the signature block still reads (039)."""
    from extractor.pipeline import extract_bytes

    para = ("一是明确信息宣传工作的重点。一要反映工作动态。要及时反映各单位在落实国家质检总局和各级党委、政府重大决策取得的成效。"
            "二要反映中心工作。主要是各级对重点工作的部署落实、进展程度、取得成效等。三要反映热点、难点问题。针对党委和政府、"
            "百姓和社会最关心的热点难点问题，及时反映动态。四要提出意见和建议。")
    lines = [para[i:i + 30] for i in range(0, len(para), 30)] * 2  # two such paragraphs: a page of wrapped lines
    lines.insert(3, "— 2 —")
    text = "关于进一步加强新闻宣传工作的通知\n各直属单位：\n" + "\n".join(lines) + "\n新疆维吾尔自治区质量技术监督局\n— 3 —\n2012年3月1日\n"
    doc = extract_bytes(text.encode(), path="paged.txt")
    assert para in doc.text and "— 2 —" not in doc.text
    assert any(e.reason == "join_page_break" for e in doc.edits)
    assert [doc.text[slice(*ly.span)] for ly in doc.layers if ly.rule == "page_number"] == ["— 3 —"]
    assert (doc.metadata.issuer.value, doc.metadata.date.value) == (["新疆维吾尔自治区质量技术监督局"], "2012-03-01")


def test_a_pager_is_furniture() -> None:
    """A list's or a split notice's pager (上一页 1 2 3 下一页 共3页) is site furniture, not the notice."""
    from extractor.pipeline import extract_bytes

    doc = extract_bytes("关于做好工作的通知\n各单位：\n一、各单位要加强管理。\n上一页 1 2 3 下一页 共3页\n共5页\n".encode(), path="x.txt")
    assert [doc.text[slice(*ly.span)] for ly in doc.layers if ly.rule == "pager"] == ["上一页 1 2 3 下一页 共3页", "共5页"]


def test_preformatted_text_keeps_its_lines() -> None:
    # probes27 h06: a PDF's text pasted into <pre>; its lines had run into one, and with them title, issuer,
    # date and 发文字号
    page = ("<html><body><div class='nav'>首页 > 政策法规</div><pre>合肥住房公积金管理委员会文件\n合公积金委〔2024〕2号\n\n"
            "关于调整住房公积金缴存比例的通知\n各县(市)、区人民政府：\n  一、缴存比例为12%。\n合肥住房公积金管理委员会\n"
            "2024年6月18日</pre></body></html>")
    doc = extract_bytes(page.encode(), path="page.html")
    assert "关于调整住房公积金缴存比例的通知\n各县(市)、区人民政府：\n一、缴存比例为12%。" in doc.text
    assert (doc.metadata.doc_number.value, doc.metadata.date.value) == ("合公积金委〔2024〕2号", "2024-06-18")
    pre = doc.raw_text.index("<pre>")
    for e in doc.edits:  # inside <pre>, a line end of the text stands where the source has one
        assert e.raw_start < pre + 5 or e.replacement != "\n" or "\n" in doc.raw_text[e.raw_start:e.raw_end]


def test_a_wordpress_post_is_read_from_its_entry_content_and_its_time() -> None:
    # probes27 h05: <article> holds the post's header (分类, 作者, <time>) too; .entry-content is the notice
    page = ("<html><head><title>关于推荐科学技术奖候选项目的通知 – 广东省环境科学学会</title></head><body><article>"
            "<header class='entry-header'><h1 class='entry-title'>关于推荐科学技术奖候选项目的通知</h1>"
            "<span class='screen-reader-text'>分类</span><a href='/c'>通知公告</a><time datetime='2024-04-16T10:22:31+08:00'>2024年4月16日</time>"
            "</header><div class='entry-content'><p>各会员单位：</p><p>一、每个单位推荐项目不超过2项。</p>"
            "<p>广东省环境科学学会</p><p>2024年4月15日</p></div></article></body></html>")
    md = extract_bytes(page.encode(), path="page.html").metadata
    assert (md.title.value, md.date.value, md.posted.value) == ("关于推荐科学技术奖候选项目的通知", "2024-04-15", "2024-04-16")
