"""Metadata on notices nobody tuned for (issue 11 point 3): each test is one class of text, in
the shape of the corpus-dev notice named next to it, and checks the value and its evidence."""

from __future__ import annotations

import pytest

from extractor.data.doc_codes import expand_short_form
from extractor.extract.citations import DOC_NO_RE
from extractor.extract.metadata import find_label_rows
from extractor.pipeline import extract_bytes


def _meta(text: str):  # noqa: ANN202
    return extract_bytes(text.encode("utf-8"), path="case.txt").metadata


def test_label_rows_of_a_law_database_page() -> None:
    # corpus-dev 046: 发文标题/发文文号/发文部门/发文时间 rows over the body
    md = _meta("首页 > 财经相关法律法规 >\n发文标题: 广州市人民政府办公厅关于印发广州市科普工作方案的通知\n发文文号: 穗府办[2016]29号\n"
               "发文部门: 广州市人民政府办公厅\n发文时间: 2016-12-20\n实施时间: 2016-12-20\n发文内容:\n\n各区人民政府：\n  现印发给你们。\n")
    assert md.title.value == "广州市人民政府办公厅关于印发广州市科普工作方案的通知"
    assert (md.doc_number.value, md.issuer.value, md.date.value, md.level.value) == ("穗府办[2016]29号", ["广州市人民政府办公厅"], "2016-12-20", "municipal")
    assert "row printed in the text" in md.doc_number.evidence and md.doc_number.span is not None


def test_label_value_on_the_next_line() -> None:
    # corpus-dev 047: a bulleted disclosure list, each value under its label; 发文机构 names a website
    md = _meta("镇巴县人民政府工作规则\n  • 发文机构:\n\n    县政府网站\n  • 发文字号:\n\n    镇政发〔2024〕7号\n  • 发文日期:\n\n    2024年04月06日 16:40\n"
               "镇巴县人民政府工作规则\n第一章总则\n一、根据宪法，制定本规则。\n")
    assert (md.doc_number.value, md.date.value) == ("镇政发〔2024〕7号", "2024-04-06")
    assert md.issuer.value == ["镇巴县人民政府"] and md.level.value == "county"  # from the title, never 县政府网站


def test_rows_never_beat_a_signature_or_a_history_line() -> None:
    # the date printed under the signature is the notice's own; a 成文日期 row does not replace it
    md = _meta("关于做好粮食储备工作的通知\n成文日期：2020-03-13\n各市人民政府：\n请认真执行。\n江西省人民政府\n2018年5月9日\n")
    assert md.date.value == "2018-05-09"


def test_a_headline_printed_twice_is_the_title_and_the_publisher_row_gives_the_place() -> None:
    # corpus-dev 042: a 谋划 (no document type) printed as page title and headline; 发布机构 row
    md = _meta("县科协2022年重点工作谋划\n\n体裁分类:其他     发布时间: 2021-11-19      发布机构:临西县科学技术协会      浏览次数:44\n\n"
               "县科协2022年重点工作谋划\n\n(一)强化科协会员工作。科协会员是科协组织的细胞。\n")
    assert md.title.value == "县科协2022年重点工作谋划" and "printed twice" in md.title.evidence
    assert (md.issuer.value, md.level.value) == (["临西县科学技术协会"], "county")


def test_the_printing_notice_is_the_title_not_the_page_title() -> None:
    # corpus-dev 056: the site prints the 细则's name; the notice that carries it is the document
    md = _meta("吉安市市本级政务公开工作实施细则\n\n吉安市市本级政务公开工作实施细则\n\n江西省吉安市人民政府办公室\n\n"
               "关于印发吉安市市本级政务公开工作实施细则的通知\n( 吉府发〔2003〕37号 )\n\n市政府各部门：\n\n现将《吉安市市本级政务公开工作实施细则》印发给你们。\n\n二OO三年十二月四日\n")
    assert md.title.value == "关于印发吉安市市本级政务公开工作实施细则的通知"
    assert md.issuer.value == ["江西省吉安市人民政府办公室"] and md.doc_number.value == "吉府发〔2003〕37号" and md.date.value == "2003-12-04"


def test_no_title_line_gives_an_inferred_title_and_the_proxy_seal_is_not_the_issuer() -> None:
    # corpus-dev 037: the text opens with its number; the headline after the signature is the attachment's
    md = _meta("纲要办发〔2018〕3号\n各成员单位:\n现将《2018年全民科学素质行动工作要点》印发给你们。请认真贯彻落实。\n"
               "全民科学素质纲要实施工作办公室\n(中国科协办公厅代章)\n2018年3月19日\n2018年全民科学素质行动工作要点\n一、加强统筹。\n")
    assert md.title.source == "inferred"
    assert md.title.value == "全民科学素质纲要实施工作办公室关于印发《2018年全民科学素质行动工作要点》的通知"
    assert md.issuer.value == ["全民科学素质纲要实施工作办公室"] and md.level.value == "national"


def test_short_names_are_written_in_full_and_the_printed_form_is_kept() -> None:
    # corpus-dev 021 (质监局), 050 (人大常委会)
    md = _meta("新疆维吾尔自治区质监局关于进一步加强新闻宣传工作的通知\n各地、州、市质监局：\n请认真执行。\n")
    assert md.issuer.value == ["新疆维吾尔自治区质量技术监督局"] and md.issuer_as_written == ["新疆维吾尔自治区质监局"]
    assert md.level.value == "provincial"
    assert expand_short_form("贵州省人大常委会") == "贵州省人民代表大会常务委员会"
    assert expand_short_form("河南省科协办公室") == "河南省科协办公室"  # 科协 stays as printed (gold 039)


def test_the_office_a_title_names_is_kept_whole() -> None:
    # corpus-dev 058: 办公室 was cut off at 委员会; the 公告's serial is its number
    md = _meta("沈阳市人民代表大会常务委员会办公室公告(第7号)\n现将条例草案全文公布，广泛征求意见。\n")
    assert md.issuer.value == ["沈阳市人民代表大会常务委员会办公室"] and md.doc_number.value == "第7号"


def test_a_fuller_issuer_line_under_the_title_wins() -> None:
    # corpus-dev 057: the title says 菏泽市…, the line under the page title 山东省菏泽市…
    md = _meta("菏泽市人民政府办公室关于印发菏泽市扩大内需投资项目管理办法的通知\n\n山东省菏泽市人民政府办公室\n\n"
               "菏泽市人民政府办公室关于印发菏泽市扩大内需投资项目管理办法的通知\n\n菏政办发〔2009〕72号\n\n各县区人民政府：\n现印发给你们。\n")
    assert md.issuer.value == ["山东省菏泽市人民政府办公室"] and md.level.value == "municipal"
    # …but a different body under the title does not replace the title's
    md = _meta("菏泽市人民政府办公室关于印发管理办法的通知\n\n山东省财政厅\n\n各县区人民政府：\n现印发给你们。\n")
    assert md.issuer.value == ["菏泽市人民政府办公室"]


@pytest.mark.parametrize(
    ("addressees", "level"),
    [
        # corpus-dev 068 (a joint national notice with no title line), 069 (a provincial 转发), 057
        ("各省、自治区、直辖市及计划单列市科技厅(委、局)、党委宣传部、科协:", "national"),
        ("各州(市)党委组织部、人力资源和社会保障局、科协,省级有关学会:", "provincial"),
        ("各县区人民政府,市政府各部门:", "municipal"),
        ("各乡镇人民政府,县直各单位:", "county"),
    ],
)
def test_level_from_the_addressees_when_no_issuer_is_named(addressees: str, level: str) -> None:
    md = _meta(f"{addressees}\n现将有关事项通知如下。\n一、时间。\n")
    assert md.level.value == level and "主送" in md.level.evidence


def test_addressees_do_not_override_a_named_issuer_or_a_society() -> None:
    assert _meta("中国化学会关于受理学术活动申报的通知\n各省、自治区、直辖市化学会:\n请按时申报。\n").level.value == "unknown"


def test_a_university_titles_its_own_rules() -> None:
    # corpus-dev 060
    md = _meta("中央民族大学物资设备管理办法(修订)\n第一章 总 则\n为加强物资设备管理，制定本办法。\n")
    assert md.issuer.value == ["中央民族大学"] and md.level.value == "unknown"


def test_one_doc_number_pattern() -> None:
    # issue 17 point 5: metadata reads lines with the citations pattern, which knows 公告 numbers
    for s in ("国办发〔2016〕80号", "皖政[2001]85号", "国务院令第227号", "国家税务总局公告2018年第60号", "XX发〔2020〕1号"):
        assert DOC_NO_RE.fullmatch(s), s
    assert not DOC_NO_RE.fullmatch("2016年政务公开工作要点")
    md = _meta("国家税务总局关于个人所得税有关问题的公告\n国家税务总局公告2018年第60号\n现将有关问题公告如下：\n")
    assert md.doc_number.value == "国家税务总局公告2018年第60号"


def test_label_rows_are_only_rows() -> None:
    # a 来源 inside a sentence is no row
    assert find_label_rows("本办法所称资金来源：国家专项资金。") == {}
    rows = find_label_rows("时间:2022年12月06日来源:辽宁省卫生健康委员会\n")
    assert "publisher" not in rows  # glued to a date, not a row of its own (corpus-dev 058's wrong 来源)


def test_promulgation_and_effect_of_a_decree_are_kept_apart() -> None:
    # corpus-dev 017: the history line's 公布 date, then the regulation's own 施行 date
    md = _meta("中华人民共和国市场主体登记管理条例\n(2021年7月27日中华人民共和国国务院令第746号公布)\n第一章 总则\n"
               "第一条 为了规范市场主体登记管理行为，制定本条例。\n第五十五条 本条例自2022年3月1日起施行。\n")
    assert (md.date.value, md.promulgated.value, md.effective.value) == ("2021-07-27", "2021-07-27", "2022-03-01")
    # corpus-dev 053: 现发布…，自发布之日起施行 wrapped across lines; 公布 is the date under the 令
    md = _meta("国务院行政机构设置和编制管理条例\n中华人民共和国国务院令\n第227号\n现发布《国务院行政机构设置和编制管理条例》，自\n"
               "发布之日起施行。\n总理李鹏\n1997年8月3日\n第一章总则\n")
    assert (md.doc_number.value, md.promulgated.value, md.effective.value) == ("国务院令第227号", "1997-08-03", "1997-08-03")
    # an ordinary notice has no 公布 date; 自印发之日 takes its 成文 date
    md = _meta("关于印发管理办法的通知\n各区人民政府：\n本办法自印发之日起施行。\n广州市人民政府办公厅\n2020年6月29日\n")
    assert md.promulgated is None and md.effective.value == "2020-06-29"


def test_title_candidates_are_scored_and_the_winner_says_what_it_beat() -> None:
    # a printed 发文标题 row (0.85) over the first title-shaped line of the body (0.7)
    md = _meta("发文标题: 广州市人民政府办公厅关于印发科普工作方案的通知\n\n科普工作方案\n各区人民政府：\n现印发给你们。\n")
    assert md.title.value == "广州市人民政府办公厅关于印发科普工作方案的通知"
    assert "score 0.85" in md.title.evidence and "over document 0.70" in md.title.evidence


def test_the_page_title_without_its_site_suffix_when_the_body_has_no_title_line() -> None:
    page = ("<html><head><title>关于开展学会评估工作的通知_某市科学技术协会</title></head><body>"
            "<div>各市级学会：</div><div>现将学会评估工作有关事项通知如下。</div><div>一、评估对象。</div></body></html>")
    md = extract_bytes(page.encode("utf-8"), path="case.html").metadata
    assert md.title.value == "关于开展学会评估工作的通知" and md.title.source == "html_meta" and "<title>" in md.title.evidence
    # a <title> that is only the site's name is no title
    page = page.replace("关于开展学会评估工作的通知_某市科学技术协会", "某市科学技术协会 - 首页")
    md = extract_bytes(page.encode("utf-8"), path="case.html").metadata
    assert md.title is None or md.title.source == "inferred"


def test_issuer_candidates_are_scored() -> None:
    # the title's body (0.8) over the signature's (0.75) when they differ; the evidence says so
    md = _meta("广州市民政局关于做好救助工作的通知\n各区民政局：\n请认真执行。\n广州市财政局\n2021年5月6日\n")
    assert md.issuer.value == ["广州市民政局"] and "over document 0.75" in md.issuer.evidence


def test_addressees_are_bodies_split_outside_brackets() -> None:
    """省局机关各处（室、局） is one body (corpus-dev 012); an amendment's lead ending in ： names a
    document and is no addressee line (corpus-dev 002: 省人民政府第66次常务会议决定对《…》作如下修改：)."""
    md = _meta("关于做好工作的通知\n省药监局，省局机关各处（室、局），各直属单位：\n现将有关事项通知如下。\n")
    assert md.addressees.value == ["省药监局", "省局机关各处(室、局)", "各直属单位"]
    md = _meta("江西省人民政府关于修改《江西省流动人口服务和管理办法》的决定\n"
               "省人民政府第66次常务会议决定对《江西省流动人口服务和管理办法》作如下修改：\n一、将第六条修改为：“公安机关负责…”\n")
    assert md.addressees is None


@pytest.mark.parametrize(("text", "title"), [
    # corpus-dev 040's title wrapped after 科协 (the wrap ends in 的紧急通知, not only 的通知)
    ("关于召开全市科协\n主席会议的紧急通知\n各区(市)科协:\n经研究,定于10月10日召开会议。\n",
     "关于召开全市科协主席会议的紧急通知"),
    # corpus-dev 061, a double-spaced copy: a blank line inside the wrapped title
    ("湘政办发〔2009〕24号\n\n湖南省人民政府办公厅关于加强普通高等学校\n\n毕业生就业工作的通知\n\n各市州人民政府:\n现通知如下。\n",
     "湖南省人民政府办公厅关于加强普通高等学校毕业生就业工作的通知"),
    # corpus-dev 026 wrapped before its 《》
    ("中共岳阳市委办公室岳阳市人民政府办公室印发\n《关于全面推进政务公开工作的实施意见》的通知\n各县市区:\n现印发给你们。\n",
     "中共岳阳市委办公室岳阳市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知"),
    # corpus-dev 033: a wiki's 跳至内容 over a whole title is not part of it
    ("跳至内容\n\n国务院关于基础教育改革与发展的决定\n国发〔2001〕21号\n各省、自治区、直辖市人民政府:\n现作如下决定。\n",
     "国务院关于基础教育改革与发展的决定"),
])
def test_a_title_wrapped_over_lines_is_read_whole(text: str, title: str) -> None:
    assert _meta(text).title.value == title


def test_an_adoption_note_in_chinese_numerals_dates_the_regulation() -> None:
    """(2005年11月25日贵州省第十届人民代表大会常务委员会第十八次会议通过) dates corpus-dev 050; the same note
    in Chinese numerals, as regulations also print it, gives the same date."""
    for note in ("2005年11月25日", "二〇〇五年十一月二十五日"):
        md = _meta(f"贵州省渔业条例\n({note}贵州省第十届人民代表大会常务委员会第十八次会议通过)\n第一章 总则\n第一条 为了加强渔业管理，制定本条例。\n")
        assert md.date.value == "2005-11-25", note


def test_an_unsigned_untitled_copy_takes_its_issuer_from_its_number() -> None:
    """A notice copied without its title line and signature (corpus-dev 045 so cut) still carries
    洪府发〔2021〕27号: the body its 代字 names is the issuer, flagged as inferred; a title wins over it."""
    md = _meta("洪府发〔2021〕27号\n各县(区)人民政府:\n现将《实施方案》印发给你们，请认真贯彻执行。\n2021年12月21日\n")
    assert md.issuer.value == ["南昌市人民政府"] and md.issuer.source == "inferred" and "洪府发" in md.issuer.evidence
    assert md.level.value == "municipal"
    md = _meta("江西省人民政府办公厅关于印发实施方案的通知\n赣府厅发〔2020〕3号\n各市人民政府:\n现印发给你们。\n")
    assert md.issuer.value == ["江西省人民政府办公厅"] and md.issuer.source != "inferred"


# --- posting date on the site's info line (probes26 class 1) ---------------------------------

_INFO_PAGE = """<html><head><meta charset="utf-8"><title>关于做好秋季秸秆禁烧工作的通知--某县人民政府</title></head><body>
<div class="nav">首页 | 政务公开 | 政办文件</div>
<div class="tit"><h2>某县人民政府办公室关于做好秋季秸秆禁烧工作的通知</h2>
<div class="info">{info}</div></div>
<div id="zoomcon"><p>某府办字〔2023〕62号</p><p>各乡（镇）人民政府，县政府各部门：</p>
<p>为切实做好今年秋季秸秆禁烧工作，现就有关事项通知如下：</p><p>一、各乡（镇）要于9月20日前制定工作方案。</p>
<p>二、县禁烧办每周通报一次火点情况。</p><p>某县人民政府办公室</p><p>2023年9月12日</p></div>
<div class="foot">版权所有：某县人民政府</div></body></html>"""


@pytest.mark.parametrize("info, posted", [
    ("发布日期：2023-09-13　来源：县政府办　点击数：", "2023-09-13"),  # probes26 h02 (a layout <td>)
    ("发布时间：2023-09-13 10:15来源：县政府办公室阅读量：3,472", "2023-09-13"),  # probes26 h03 (div.xl_tit_info)
    ("时间：2023-09-13　来源：科学普及部　作者：", "2023-09-13"),  # probes26 h04: a bare 时间 with 来源
    ("文号：某府办字〔2023〕62号　　发布时间：2023年09月13日　浏览：1526次", "2023-09-13"),  # probes26 h06: after the 文号
    ("时间：2023-09-13", None),  # a bare 时间 without 来源 is not read as the posting day
    ("由 kjjlb 发布于 2023年09月13日 星期三 - 14:22", "2023-09-13"),  # probes30 h03 (Drupal)
    ("2023-09-13 09:41:26　来源：县政府办", "2023-09-13"),  # probes30 h01 (PHPCMS): a bare datetime with its source
    ("2023-09-13 09:41:26 预览", None),  # ... and without one, no posting day
    ("【信息时间：2023-09-13　阅读次数：218】【我要打印】", "2023-09-13"),  # probes31 h05 (Epoint)
    ("2023年09月13日 09:30来源：县政府办", "2023-09-13"),  # probes31 h03 (a Next.js page)
    ("来源：县应急管理局 作者：安全生产基础股 日期：2023/09/13 浏览：", "2023-09-13"),  # probes32 h03 (万户 ezEIP)
    ("2023-09-13 10:36:05某县人民政府办公室", "2023-09-13"),  # probes32 h02 (MetInfo): a datetime and the body's name
    ("2023-9-13 09:12 | 发布者 | 查看", "2023-09-13"),  # probes33 h01 (Discuz)
    ("霍邱退役军人2023-09-13 10:31·安徽原创", "2023-09-13"),  # probes33 h06 (今日头条): right after the author's name
    ("秘书处 2023-09-13 通知公告 532 0", "2023-09-13"),  # probes33 h02 (Z-BlogPHP): bare fields, counters at the end
    ("秘书处 2023-09-13 通知公告", None),  # ... without its counters, no posting day
])
def test_posting_date_on_the_info_line_above_the_content_block(info: str, posted: str | None) -> None:
    # written for the test, in the shape of probes26 h02-h07: the line sits outside the content block
    md = extract_bytes(_INFO_PAGE.format(info=info).encode("utf-8"), path="case.html").metadata
    assert md.date.value == "2023-09-12"  # the signature's date stays the notice's own
    if posted is None:
        assert md.posted is None
    else:
        assert md.posted is not None and md.posted.value == posted and md.posted.source == "site_posting"
        assert "info line" in md.posted.evidence and md.posted.span is not None


def test_posting_date_after_a_reposts_source_field() -> None:
    # probes30 t08 (a traditional repost): 轉載自：…　發佈日期：2025-09-18　閱讀：486 over a notice signed two days earlier
    md = _meta("中國自動化學會關於開展2026年度會士推選工作的通知\n轉載自：中國自動化學會　發佈日期：2025-09-18　閱讀：486\n各分支機構：\n"
               "一、現將有關事項通知如下。\n中國自動化學會\n2025年9月16日\n")
    assert md.date.value == "2025-09-16" and md.posted is not None and md.posted.value == "2025-09-18"


def test_own_number_printed_under_the_signature() -> None:
    # probes36 h03 (a county 自然资源局's notice, as reposts print it): the number under the signature's date is the
    # notice's own, bare or bracketed, not a citation without a title
    for line in ("（石自然资发〔2026〕14号）", "石自然资发〔2026〕14号"):
        doc = extract_bytes(("某某县自然资源局关于做好地质灾害防治工作的通知\n各乡镇自然资源所：\n现将有关事项通知如下：\n一、开展排查。\n"
                             f"某某县自然资源局\n2026年4月8日\n{line}\n").encode(), path="case.txt")
        assert doc.metadata.doc_number is not None and doc.metadata.doc_number.value == "石自然资发〔2026〕14号"
        assert [(c.doc_number, c.role) for c in doc.citations] == [("石自然资发〔2026〕14号", "self")]
    # a number cited in the last item, before the signature, stays a citation
    doc = extract_bytes("某某县自然资源局关于做好地质灾害防治工作的通知\n各乡镇自然资源所：\n一、按照石自然资发〔2025〕3号执行。\n"
                        "某某县自然资源局\n2026年4月8日\n".encode(), path="case.txt")
    assert doc.metadata.doc_number is None and [c.role for c in doc.citations] == ["cites"]


def test_posting_date_from_json_ld() -> None:
    # probes30 h04 (a mobile H5 page): schema.org's datePublished, the only place the page gives it
    page = _INFO_PAGE.format(info="").replace("</head>", '<script type="application/ld+json">{"@context": "https://schema.org", '
                                              '"@type": "NewsArticle", "datePublished": "2023-09-14T10:00:00+08:00"}</script></head>')
    md = extract_bytes(page.encode("utf-8"), path="case.html").metadata
    assert md.posted is not None and md.posted.value == "2023-09-14"
    broken = _INFO_PAGE.format(info="").replace("</head>", '<script type="application/ld+json">{"datePublished": </script></head>')
    assert extract_bytes(broken.encode("utf-8"), path="case.html").metadata.posted is None


@pytest.mark.parametrize("head, info, want", [
    # probes36 h02, a Baidu MIP page: its JSON-LD (the cambrian context) names the day pubDate
    ('<script type="application/ld+json">{"@context": "https://ziyuan.baidu.com/contexts/cambrian.jsonld", '
     '"appid": "1593284012771635", "pubDate": "2026-03-02T09:15:00"}</script>', "", "2026-03-02"),
    # probes37 h03, 学习强国: a bare date in div.render-detail-time
    ("", '<div class="render-detail-resource">来源：某县人民政府</div><div class="render-detail-time">2023-09-13</div>', "2023-09-13"),
    # probes37 h06, 腾讯新闻: <meta name="apub:time">
    ('<meta name="apub:time" content="2023-09-14 11:02:31">', "", "2023-09-14"),
    # probes38 h04, 人民网: <meta name="publishdate">
    ('<meta name="publishdate" content="2023-09-15" />', "", "2023-09-15"),
    # probes38 h05, 百家号: window.jsonData's "publishTime", the page's own date a bare span
    ('<script>window.jsonData = {"bsData":{"header":{"authorName":"某县住建","publishTime":"2023-09-16 17:42:10"}}};</script>', "",
     "2023-09-16"),
    # probes39 h01 (CmsEasy): a bare 时间： beside the author and a counter, no 来源 on its line
    ("", "作者：科普部&nbsp;&nbsp;&nbsp;时间：2023-09-17 09:15:32&nbsp;&nbsp;&nbsp;阅读：12次", "2023-09-17"),
    # probes39 h05 (齐博CMS): a date with no time of day alone on its line
    ("", '<span class="time">2023年09月18日</span>', "2023-09-18"),
    # probes40 h02 (emlog): 发布于： after the author (here without the time of day that made it a bare datetime before)
    ("", "作者：编辑部 发布于：2023-9-19 星期二 分类：通知公告", "2023-09-19"),
])
def test_posting_date_where_a_platform_puts_it(head: str, info: str, want: str) -> None:
    page = _INFO_PAGE.format(info=info).replace("</head>", head + "</head>")
    md = extract_bytes(page.encode("utf-8"), path="case.html").metadata
    assert md.posted is not None and md.posted.value == want


def test_posting_date_of_a_wechat_article_from_its_script() -> None:
    # probes32 h06: a WeChat 公众号 article gives its posting time only in a script (var ct = "…", Unix seconds), its
    # #publish_time element empty until the script runs; the day is China's
    page = _INFO_PAGE.format(info="<em id='publish_time'></em>").replace(
        "</head>", '<script>var nickname = "某县科协"; var ct = "1694572200"; var round_head_img = "x";</script></head>')
    md = extract_bytes(page.encode("utf-8"), path="case.html").metadata
    assert md.posted is not None and md.posted.value == "2023-09-13"


def test_posting_date_from_a_database_field() -> None:
    # written for the test, in the shape of probes26 t08: 【发布日期】 over a notice signed 4 days earlier
    md = _meta("某省科学技术厅关于规范科技创新券管理工作的通知\n【发布部门】某省科学技术厅\n【发文字号】某科函〔2023〕612号\n"
               "【发布日期】2023.06.20\n【时效性】现行有效\n\n各地级以上市科技局：\n一、现通知如下。\n某省科学技术厅\n2023年6月16日\n")
    assert md.date.value == "2023-06-16"
    assert md.posted is not None and md.posted.value == "2023-06-20" and "【发布日期】" in md.posted.evidence


# --- history lines of 规范性文件 (probes26 class 13) --------------------------------------------

def test_history_line_with_a_doc_number_and_the_body_before_it() -> None:
    # written for the test, in the shape of probes26 t11: a 实施细则 whose only head is its history line
    text = ("某市科学技术奖励办法实施细则\n\n（2024年2月5日厦门市科学技术局厦科规〔2024〕1号印发　自2024年3月1日起施行）\n\n"
            "第一章　总　则\n　　第一条　为做好评审工作，制定本细则。\n　　第二条　本细则自2024年3月1日起施行。\n")
    md = _meta(text)
    assert md.doc_number.value == "厦科规〔2024〕1号" and "发文字号 of the regulation's history line" in md.doc_number.evidence
    assert md.date.value == "2024-02-05" and md.issuer.value == ["厦门市科学技术局"] and md.level.value == "municipal"
    assert md.effective.value == "2024-03-01"
    doc = extract_bytes(text.encode("utf-8"), path="case.txt")
    assert [(c.doc_number, c.issuer_code, c.role) for c in doc.citations] == [("厦科规〔2024〕1号", "厦科规", "self")]


@pytest.mark.parametrize("text, number, code", [
    # probes26 t11: a date's 日 and the body's full name glued before the 代字
    ("（2024年2月5日厦门市科学技术局厦科规〔2024〕1号印发）", "厦科规〔2024〕1号", "厦科规"),
    # a name longer than the 12 characters a 代字 may take
    ("经2023年5月6日广州市人民政府办公厅穗府办规〔2023〕5号印发的办法", "穗府办规〔2023〕5号", "穗府办规"),
    # a date's 日 alone
    ("2024年2月5日厦科规〔2024〕1号印发", "厦科规〔2024〕1号", "厦科规"),
    # 科协 names no place: 科协办发 stays whole; so does a 代字 after 根据
    ("根据科协办发〔2020〕1号文件", "科协办发〔2020〕1号", "科协办发"),
    ("中国科协办公厅科协办发〔2020〕1号", "科协办发〔2020〕1号", "科协办发"),
])
def test_no_date_or_body_glued_to_a_code(text: str, number: str, code: str) -> None:
    from extractor.extract.citations import find_doc_numbers

    [c] = find_doc_numbers(text)
    assert (c.doc_number, c.code) == (number, code) and text[c.start : c.end] == number


# --- 机关代字 whose one-character place is shared (probes26 class 11) --------------------------

@pytest.mark.parametrize("code, body", [
    ("苏府", "苏州市人民政府"),  # probes26 h07: 《苏州市科技创新“十四五”规划》（苏府〔2021〕88号）
    ("苏政发", "江苏省人民政府"),  # the province writes 苏政发
    ("吉府发", "吉安市人民政府"),  # corpus-dev 056: 吉安市's own 吉府发〔2003〕37号, read as 吉林省
    ("宁府办字", None),  # probes26 h02: 宁都县; 宁 may be 宁夏, 南京 or 宁都, so no guess
    ("宁政发", None),  # 宁夏 and 南京 both write 宁政发
    ("赣府厅发", "江西省人民政府办公厅"),  # a prefix no city shares is still the province
])
def test_a_shared_one_character_place_is_not_read_blindly(code: str, body: str | None) -> None:
    from extractor.data.doc_codes import resolve_issuer

    assert resolve_issuer(code) == body


def test_a_citation_with_a_city_code_of_a_shared_place() -> None:
    # written for the test, in the shape of probes26 h07
    doc = extract_bytes("某局关于征求意见的公告\n依据《苏州市科技创新“十四五”规划》（苏府〔2021〕88号）起草。\n".encode("utf-8"), path="case.txt")
    assert [(c.doc_number, c.issuer) for c in doc.citations if c.doc_number] == [("苏府〔2021〕88号", "苏州市人民政府")]


# --- the head of a 会议纪要 (probes26 class 16) -------------------------------------------------

_MINUTES = ("某市人民政府专题会议纪要\n\n〔2024〕第15期\n\n某市人民政府办公室　　　　　　　　　　　2024年4月15日\n\n{title}"
            "　　2024年4月12日下午，副市长在市政府第3会议室主持召开专题会议，研究有关问题。纪要如下：\n"
            "　　一、关于改造资金。市财政局要于5月10日前将补助资金拨付到位。\n\n　　出席：某某\n")


def test_minutes_take_the_date_and_office_of_their_head_and_the_title_of_the_issue() -> None:
    # written for the test, in the shape of probes26 t12: 版头, 期号, office and date on one line, then the issue's title
    md = _meta(_MINUTES.format(title="关于研究城区老旧小区改造有关问题的会议纪要\n\n"))
    assert md.title.value == "关于研究城区老旧小区改造有关问题的会议纪要"
    assert md.date.value == "2024-04-15" and "issue number" in md.date.evidence
    assert md.issuer.value == ["某市人民政府办公室"] and md.level.value == "municipal"


def test_minutes_without_a_title_of_their_own_keep_their_name() -> None:
    # written for the test: the same head with no 关于…的会议纪要 line; the 版头 is the only title
    md = _meta(_MINUTES.format(title=""))
    assert md.title.value == "某市人民政府专题会议纪要" and md.date.value == "2024-04-15"


def test_the_notices_own_number_carries_the_notices_issuer_where_its_code_tells_none() -> None:
    # probes26 h02: 宁府办字 is shared by 宁夏, 南京 and 宁都 (doc_codes leaves it unresolved); the notice says whose
    # it is. A code the tables know keeps its body (corpus-dev 056: 吉府发 is 吉安市人民政府)
    doc = extract_bytes("宁都县人民政府办公室关于做好秋冬季森林防火工作的通知\n宁府办字〔2023〕62号\n各乡（镇）人民政府：\n"
                        "一、各乡（镇）要加强巡查。\n宁都县人民政府办公室\n2023年9月12日\n".encode(), path="notice.txt")
    assert [(c.role, c.issuer) for c in doc.citations if c.role == "self"] == [("self", "宁都县人民政府办公室")]


def test_a_主送_lines_units_that_share_a_body_stay_one_name() -> None:
    # probes26 h01, h03 and the State Council's line: 各省 / 自治区 are no bodies of their own
    md = extract_bytes("关于做好工作的通知\n各省、自治区、直辖市人民政府，市政府各委、办、局，有关高校、企业科协：\n一、加强组织领导。\n"
                       .encode(), path="x.txt").metadata
    assert md.addressees.value == ["各省、自治区、直辖市人民政府", "市政府各委、办、局", "有关高校", "企业科协"]


def test_a_trade_union_issues_notices() -> None:
    # probes28 t11: 福建省总工会 was no body's name (ORG_SUFFIXES), so the notice had no issuer
    md = extract_bytes("福建省总工会关于开展2025年五一劳动奖评选推荐工作的通知\n闽工〔2025〕6号\n各设区市总工会：\n"
                       "一、各地要认真组织推荐。\n福建省总工会\n2025年1月20日\n".encode(), path="notice.txt").metadata
    assert (md.issuer.value, md.level.value) == (["福建省总工会"], "provincial")


def test_the_market_regulators_name_is_no_citys() -> None:
    # probes29 h01: 市场监管总局 opens with 市 (of 市场), which read it as a city's body
    from extractor.data.levels import classify_level
    assert classify_level("市场监管总局")[0] == "national" and classify_level("市科协")[0] == "municipal"
    assert classify_level("市场监督管理局")[0] == "unknown"


def test_a_ministrys_and_is_part_of_its_order_number() -> None:
    # probes30 h04: 《最低工资规定》（劳动和社会保障部令第21号） had been cut to 社会保障部令 and left off its title
    from extractor.extract.citations import find_doc_numbers
    got = [(c.code, c.serial) for c in find_doc_numbers("根据《最低工资规定》（劳动和社会保障部令第21号）和住房和城乡建设部令第55号")]
    assert got == [("劳动和社会保障部令", 21), ("住房和城乡建设部令", 55)]
    doc = extract_bytes("关于调整最低工资标准的通知\n各市人社局：\n根据《最低工资规定》（劳动和社会保障部令第21号），现通知如下。\n".encode(),
                        path="case.txt")
    assert [(c.title, c.doc_number) for c in doc.citations if c.title] == \
        [("最低工资规定", "劳动和社会保障部令第21号")]


def test_a_breadcrumb_laid_out_one_crumb_per_line_and_the_column_under_it_are_no_title() -> None:
    # probes34 h05 (a Liferay portal): 首页 / 通知公告 / 正文 as list items, then the portlet's header 通知公告, made the
    # title 正文通知公告
    page = ("<html><head><title>关于做好2026年农村公路养护工作的通知 - 通知公告</title></head><body>"
            "<nav id='breadcrumbs'><ol class='breadcrumb'><li><a href='/'>首页</a></li><li><a href='/tzgg'>通知公告</a></li>"
            "<li class='active'>正文</li></ol></nav><h2 class='portlet-title-text'>通知公告</h2>"
            "<h3>关于做好2026年农村公路养护工作的通知</h3><p>各市(州)交通运输局：</p>"
            "<p>一、各地要落实养护资金。</p><p>二、各地要加强日常巡查。</p><p>四川省交通运输厅</p><p>2026年3月4日</p></body></html>")
    doc = extract_bytes(page.encode(), path="case.html")
    assert doc.metadata.title.value == "关于做好2026年农村公路养护工作的通知"
    assert [doc.text[l.span[0]:l.span[1]] for l in doc.layers if l.rule in ("breadcrumb", "column_label")] == ["首页", "通知公告", "正文", "通知公告"]


def test_a_ministrys_department_and_a_societys_branch_as_issuers() -> None:
    # probes40 t10 (国家药监局综合司: cut to 国家药监局), h02 (中国土木工程学会岩土工程分会: its signature not read)
    for body in ("国家药监局综合司", "中国土木工程学会岩土工程分会"):
        md = _meta(f"{body}关于开展有关工作的通知\n各有关单位：\n一、请认真组织实施。\n{body}\n2026年6月24日\n")
        assert md.issuer is not None and md.issuer.value == [body]


def test_posting_date_on_a_blog_line_inside_the_text() -> None:
    # probes40 h02 (emlog): the info line under the headline, inside the article block, 作者 before 发布于：
    md = _meta("关于调整审稿费收费标准的通知\n作者：编辑部 发布于：2026-2-24 10:05 星期二 分类：通知公告\n各位会员：\n一、审稿费调整为每篇300元。\n"
               "中国土木工程学会岩土工程分会\n2026年2月20日\n")
    assert md.posted is not None and md.posted.value == "2026-02-24" and md.date.value == "2026-02-20"
