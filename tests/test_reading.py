"""Reading notices from sites nobody tuned for (issue 11): pages keep their body,
structure in the forms real notices use, metadata chosen among candidates."""

from __future__ import annotations

import json
import re

import pytest

from extractor.normalize.html import extract_html
from extractor.pipeline import extract_bytes
from tests.conftest import SHARED, extracted

DEV = SHARED / "corpus-dev"
DEV_DOCS = DEV / "docs"


def dev_manifest() -> list[dict]:
    path = DEV / "MANIFEST.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def dev_html() -> list[str]:
    return [m["file"] for m in dev_manifest() if m["file"].endswith(".html")]


needs_dev = pytest.mark.skipif(not DEV_DOCS.is_dir(), reason="../shared/corpus-dev not present")

# corpus-dev 004 (Hanweb, www.jiangxi.gov.cn), cut down: CRLF line ends, the body inside
# #zoom behind CMS comment markers and a <meta name="ContentStart"> in the body
HANWEB_PAGE = (
    "<html>\r\n<head>\r\n<title>关于做好粮食储备工作的通知</title>\r\n</head>\r\n<body>\r\n"
    "<div class=\"nav\">\r\n    <a href=\"/\">首页</a>\r\n    \r\n</div>\r\n"
    "<div class=\"bt-article-02\">\r\n    \r\n    <p class=\"sp_title\"> <!--<$[标题]>begin-->"
    "关于做好粮食储备工作的通知<!--<$[标题]>end--></p>\r\n   \r\n"
    "    <div id=\"zoom\"><!--<$[信息内容]>begin--><!--ZJEG_RSS.content.begin--><meta name=\"ContentStart\">"
    "<p>各市、县（区）人民政府，省政府各部门：</p>\r\n<p>一、加快推进政府性融资担保体系建设</p>\r\n"
    "<p>1.做强做大省融资担保股份有限公司。力争2020年底主体信用评级达到AAA。</p>\r\n"
    "<meta name=\"ContentEnd\"><!--<$[信息内容]>end--></div>\r\n</div>\r\n</body>\r\n</html>\r\n"
)


def test_crlf_page_keeps_its_body() -> None:
    r = extract_html(HANWEB_PAGE)
    assert not [i for i in r.issues if i.code == "W113"]
    text = r.aligned.text
    assert "1.做强做大省融资担保股份有限公司。力争2020年底主体信用评级达到AAA。" in text
    assert "各市、县（区）人民政府，省政府各部门：" in text
    # every kept character still points at itself in the page
    for a in range(len(text)):
        rs, re_ = r.aligned.to_raw_span(a, a + 1)
        if text[a] not in "\n\t ":
            assert HANWEB_PAGE[rs:re_] == text[a] or HANWEB_PAGE[rs:re_].startswith("&")


def test_lone_cr_and_crlf_are_one_line_end() -> None:
    page = "<div><p>第一条\r\n为了规范\r管理，制定本办法。</p></div>"
    r = extract_html(page)
    assert not [i for i in r.issues if i.code == "W113"]
    assert "为了规范管理，制定本办法。" in r.aligned.text.replace("\n", "")


@needs_dev
@pytest.mark.parametrize("name", dev_html())
def test_no_dev_page_loses_its_body(name: str) -> None:
    """W113 on no corpus-dev page, and the body holds the notice's running text."""
    doc = extracted(str(DEV_DOCS / name))
    assert not [i.message for i in doc.issues if i.code == "W113"]
    body = "".join(doc.text[l.span[0] : l.span[1]] for l in doc.layers if l.kind == "body")
    assert len(re.findall(r"[\u4e00-\u9fff]", body)) >= 150, body[:300]


def test_hidden_copy_of_the_body_is_furniture_not_read_twice() -> None:
    # corpus-dev 015 (gz.gov.cn): the whole notice again in <div class="bbnr" style="display:none;">
    body = "<p>第一条 为进一步优化人口结构，推进实施人才强市战略，制定本办法。</p><p>第二条 本办法所称的引进人才入户，是指在年龄、学历等方面符合条件的人员。</p>"
    page = f"<html><body style=\"visibility: hidden\"><div class=\"main\">{body * 3}</div><div class=\"bbnr\" style=\"display:none;\">{body * 3}</div></body></html>"
    r = extract_html(page)
    text = r.aligned.text
    kinds = {}
    for kind, rule, rs, re_ in r.layers:
        kinds.setdefault(rule, []).append((rs, re_))
    assert kinds.get("html:hidden"), r.layers
    hidden_start = page.index('<div class="bbnr"')
    assert all(rs >= hidden_start for rs, _ in kinds["html:hidden"])
    # the visible copy is the body; <body style="visibility: hidden"> (corpus 16) hides nothing
    assert any(k == "body" and rs < hidden_start for k, _, rs, _ in r.layers)
    assert text.count("第一条 为进一步优化人口结构") == 6


@needs_dev
def test_dev_015_hidden_copy_is_not_in_the_body() -> None:
    doc = extracted(str(DEV_DOCS / "015_guangzhou_2020_yinjin_rencai_ruhu_guanli_banfa.html"))
    body = "".join(doc.text[l.span[0] : l.span[1]] for l in doc.layers if l.kind == "body")
    assert body.count("第二条 本办法所称的引进人才入户") == 1
