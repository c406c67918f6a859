"""Issue 11, structure: what follows the end of a notice with its own numbering is a part of its own.

An appendix (a line that is only 附件 / 附件2, then its title) and the 注释 of a bulletin restart the
numbering; their items are not nested under the last article or heading of the notice.
"""

from __future__ import annotations

from extractor.pipeline import extract_bytes
from tests.conftest import CORPUS, extracted


def _doc(name: str):  # noqa: ANN202
    return extracted(str(CORPUS / name))


def _paths(doc, part: int) -> list[str]:  # noqa: ANN001
    return ["/".join(s.path) for s in doc.sections if s.part == part]


def test_appendix_after_the_last_article_is_its_own_part() -> None:
    # corpus 14: the 积分制入户指标体系及分值表 follows 第十三条 of the 办法; its 1, 2, (1) … were items of 第十三条
    doc = _doc("html/14_guangzhou_jifenzhi_ruhu_guanli_banfa.html")
    assert [(p.kind, p.title) for p in doc.parts] == [
        ("notice", None), ("attachment", "广州市积分制入户管理办法"), ("appendix", "广州市积分制入户指标体系及分值表")]
    last_article = next(s for s in doc.sections if s.path == ["第十三条"])
    assert last_article.part == 1 and last_article.kind == "item"
    assert not any(s.parent == last_article.id for s in doc.sections)
    appendix = _paths(doc, 2)
    assert appendix[:5] == ["1", "2", "2/（1）", "2/（2）", "3"] and not any(p.startswith("第") for p in appendix)
    # the appendix ends where the text ends, and the last article where the appendix begins
    assert last_article.span[1] <= doc.parts[2].span[0]


def test_appendix_with_its_own_chinese_numbering() -> None:
    # corpus 17: 附件2 准入标准 numbers its diseases 一、二、 (with （一）（二）) afresh, in two parts (第一部分:
    # 一类, 第二部分: 二类, numbered on from 二十八); 附件1 is a table
    doc = _doc("html/17_guangzhou_menzhen_teding_bingzhong_feiyong_fanwei_biaozhun.html")
    assert [p.kind for p in doc.parts] == ["document", "appendix", "appendix"]
    assert doc.parts[2].title == "广州市社会医疗保险门诊特定病种准入标准"
    paths = _paths(doc, 2)
    assert paths[:4] == ["第一部分", "第一部分/一", "第一部分/一/（一）", "第一部分/一/（二）"]
    assert "第二部分/二十八" in paths and len(paths) == len(set(paths))
    assert all(s.part == 0 for s in doc.sections if s.span[0] < doc.parts[1].span[0])


def test_notes_of_a_bulletin_are_their_own_part_and_an_empty_download_box_is_not() -> None:
    # corpus-dev 024 (copied): 注释：1.–5. after the twelfth heading; the page's empty 附件： box is no appendix
    doc = _doc("html/dev024_wanzai_xian_2022_tongji_gongbao.html")
    assert [(p.kind, p.title) for p in doc.parts] == [("document", None), ("appendix", "注释")]
    assert _paths(doc, 1) == ["1", "2", "3", "4", "5"]
    assert not any(s.path[0] == "十二" and len(s.path) > 1 for s in doc.sections)


def test_a_list_of_attachments_and_a_remark_inside_the_structure_are_no_parts() -> None:
    def parts(text: str) -> list[str]:
        return [p.kind for p in extract_bytes(text.encode("utf-8"), path="case.txt").parts]

    # corpus-dev 039: 附件: then 1.… titles is a list of what is attached
    assert parts("四、报送材料\n1.填写计划表。\n附件:\n1.2018年度全省学会活动计划表\n2. 2018年度省辖市科协学会工作重要活动计划表\n") == ["document"]
    # a 注： whose list is followed by the notice's own next heading is a remark inside it, not trailing notes
    assert parts("一、范围\n1.适用于本市。\n注：\n1.以上含本数。\n二、要求\n1.按时报送。\n") == ["document"]
    assert parts("一、范围\n1.适用于本市。\n注：\n1.以上含本数。\n2.以下不含本数。\n") == ["document", "appendix"]


def test_a_reference_to_a_paragraph_opens_no_item() -> None:
    # corpus-dev 002: 违反本办法第八条第一款规定 cites 第一款, it is not a 款 of 第二十七条
    doc = extract_bytes("第二十七条 违反本办法第八条第一款规定，有关单位或者个人未按时报送的，由公安机关责令改正。\n".encode("utf-8"),
                        path="case.txt")
    assert ["/".join(s.path) for s in doc.sections] == ["第二十七条"]


def test_a_forwarded_notice_under_its_own_issuer_line_is_the_attachment() -> None:
    # probes30 h02: a county's 转发 of a city's notice, named in 《》 after its issuer; the forwarded notice follows the
    # county's signature under its own issuer line, title and 发文字号
    from extractor.pipeline import extract_bytes

    text = ("郓城县教育和体育局关于转发菏泽市教育局《关于加强校车安全管理工作的通知》的通知\n各中小学：\n"
            "现将菏泽市教育局《关于加强校车安全管理工作的通知》转发给你们，请一并贯彻落实。\n一、各学校要于9月15日前完成排查。\n"
            "郓城县教育和体育局\n2025年9月4日\n菏泽市教育局\n关于加强校车安全管理工作的通知\n菏教发〔2025〕36号\n各县区教育局：\n"
            "一、严格校车使用许可。\n二、严格驾驶人管理。\n菏泽市教育局\n2025年8月28日\n")
    doc = extract_bytes(text.encode(), path="case.txt")
    assert [(p.kind, p.title) for p in doc.parts] == [("notice", None), ("attachment", "关于加强校车安全管理工作的通知")]
    assert doc.text[doc.parts[1].span[0]:].startswith("菏泽市教育局\n关于加强")
    assert [s.part for s in doc.sections] == [0, 1, 1]
    # the forwarded notice's own number, alone on its line in the head of its part, names the enclosed document
    # (probes33, probes34 t08: it was a citation with no title)
    assert [(c.role, c.title, c.doc_number) for c in doc.citations if c.doc_number] == [("encloses", None, "菏教发〔2025〕36号")]
    # … and so is one pasted under the forwarded notice's red head, above its issuer's line (probes37 t08)
    pasted = text.replace("2025年9月4日\n菏泽市教育局\n关于加强校车安全管理工作的通知\n菏教发〔2025〕36号\n",
                          "2025年9月4日\n菏泽市教育局文件\n菏教发〔2025〕36号\n菏泽市教育局\n关于加强校车安全管理工作的通知\n")
    doc = extract_bytes(pasted.encode(), path="case.txt")
    assert [(c.role, c.title, c.doc_number) for c in doc.citations if c.doc_number] == [("encloses", None, "菏教发〔2025〕36号")]


def test_a_joint_order_number_names_every_ministry() -> None:
    # probes35 h02: 《学校食品安全与营养健康管理规定》（教育部　国家市场监督管理总局　国家卫生健康委员会令第45号）: the number
    # was cut to its last ministry and left without its title
    from extractor.extract.citations import find_citation_spans

    got = find_citation_spans("根据《学校食品安全与营养健康管理规定》（教育部　国家市场监督管理总局　国家卫生健康委员会令第45号）")
    assert [(c.title, c.doc_number) for c in got] == [("学校食品安全与营养健康管理规定", "教育部　国家市场监督管理总局　国家卫生健康委员会令第45号")]
