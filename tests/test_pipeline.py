"""The runner: declared stages, per-stage timings, a stage that raises fails one document only."""

from __future__ import annotations

import dataclasses

from extractor.cli import main
from extractor.pipeline import STAGES, DocState, StageSpec, extract_bytes, run_all, run_stages
from tests.conftest import CORPUS

NOTICE = "关于开展学会评估的通知\n一、各学会应于5月10日前提交材料。\n二、理事不超过150人。\n".encode()


def test_every_stage_is_timed_and_assigns_what_it_declares() -> None:
    result = run_stages(NOTICE)
    assert list(result.timings) == [s.name for s in STAGES] == ["decode", "normalize", "segment", "metadata", "extract"]
    assert all(t >= 0 for t in result.timings.values())
    assert result.document.status == "ok" and len(result.document.sections) == 2 and result.document.thresholds
    declared = {f for s in STAGES for f in s.assigns}
    assert declared <= {f.name for f in dataclasses.fields(DocState)}


def _broken(st: DocState) -> None:
    raise ZeroDivisionError("a bug in a stage")


def test_a_stage_that_raises_fails_the_document_with_its_stage() -> None:
    stages = tuple(StageSpec(s.name, s.assigns, _broken) if s.name == "metadata" else s for s in STAGES)
    doc = run_stages(NOTICE, stages=stages).document
    assert doc.status == "failed"
    err = [i for i in doc.issues if i.code == "E904"]
    assert len(err) == 1 and err[0].stage == "metadata" and "ZeroDivisionError: a bug in a stage" in err[0].message
    # what was read before the failure is kept, nothing after it is invented
    assert len(doc.sections) == 2 and doc.requirements == [] and doc.metadata.level.value == "unknown"
    assert doc.text.startswith("关于开展学会评估的通知")


def test_a_stage_that_assigns_nothing_is_caught() -> None:
    stages = tuple(StageSpec(s.name, s.assigns, lambda st: None) if s.name == "extract" else s for s in STAGES)
    doc = run_stages(NOTICE, stages=stages).document
    assert doc.status == "failed" and "did not assign knowledge" in doc.issues[-1].message


def test_a_failed_document_does_not_stop_the_batch(tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    import extractor.pipeline as pl

    bad, good = tmp_path / "a_bad.txt", tmp_path / "b_good.txt"
    bad.write_bytes("触发错误的通知\n一、内容。\n".encode())
    good.write_bytes(NOTICE)
    real = pl.STAGES

    def flaky(st: DocState) -> None:
        if "触发错误" in st.decoded.text:
            raise ValueError("only this one")
        real[2].run(st)

    monkeypatch.setattr(pl, "STAGES", tuple(StageSpec(s.name, s.assigns, flaky) if s.name == "segment" else s for s in real))
    outcomes = list(run_all([tmp_path]))
    assert [(o.document.status, o.error_code) for o in outcomes] == [("failed", "E904"), ("ok", None)]
    assert main(["extract", str(tmp_path), "--format", "jsonl"]) == 1
    captured = capsys.readouterr()
    assert "E904 in stage segment: ValueError: only this one" in captured.err
    assert captured.out.count('"doc_id"') == 2  # the failed document is still written, flagged


def test_extract_bytes_is_the_runner() -> None:
    path = CORPUS / "seeds" / "001_036f9e189e852d94.txt"
    data = path.read_bytes()
    assert extract_bytes(data, path=str(path)) == run_stages(data, path=str(path)).document


def test_an_item_that_opens_with_a_year_is_still_an_item() -> None:
    """1.2020年6月11日前 is item 1 and a date, not the decimal 1.2020 (corpus-dev 065), while 1.5倍
    stays a number."""
    from extractor.pipeline import extract_bytes

    text = ("龙马潭区2020年义务教育招生工作方案\n一、招生对象\n1.2020年6月11日前,户籍在龙马潭区的适龄儿童少年;\n"
            "2.2020年6月11日前,在龙马潭区购买商品住宅的房屋产权人子女;\n3.具有龙马潭区有效期内居住证的随迁子女。\n"
            "二、补助标准\n按最低生活保障标准的\n1.5倍发放。\n")
    doc = extract_bytes(text.encode(), path="notice.txt")
    items = [(s.number, s.text[:7]) for s in doc.sections if s.marker == "num_dot"]
    assert items == [(1, "2020年6月"), (2, "2020年6月"), (3, "具有龙马潭区有")]
    assert not any(i.code == "W205" for i in doc.issues)


def test_two_digit_section_numbers_head_their_lists() -> None:
    """01 / 指导思想 (corpus-dev 066, a WeChat article) and 01综合 … 10科学技术与教育 (corpus-dev 025)
    number a layout's sections: (一) items sit under them, and 10 continues 09."""
    from extractor.pipeline import extract_bytes

    text = ("01 / 指导思想\n以习近平新时代中国特色社会主义思想为指导。\n02 /基本原则\n(一)坚持相对就近、免试入学的原则。\n"
            "(二)坚持公平、公正、公开的原则。\n03 /关于教育优待政策的相关规定\n(一)在九原区居住的现役军人子女。\n")
    doc = extract_bytes(text.encode(), path="notice.txt")
    paths = [s.id.split("#", 1)[1] for s in doc.sections]
    assert paths == ["01", "02", "02/(一)", "02/(二)", "03", "03/(一)"], paths
    assert {s.marker for s in doc.sections if "/" not in s.id.split("#", 1)[1]} == {"num_pad"}
    bulletin = "".join(f"{n:02d}{t}\n全年地区生产总值增长8.6%。\n" for n, t in enumerate(["综合", "农业"] * 5, 1))
    bulletin = bulletin.replace("10农业", "10科学技术与教育")
    doc = extract_bytes(bulletin.encode(), path="bulletin.txt")
    assert [s.number for s in doc.sections] == list(range(1, 11))


def test_chapters_and_articles_run_together_with_blanks_still_open() -> None:
    """第一章 总则  第一条 为了… on one line with blanks between (corpus-dev 052 prints 【章名】 第一章 总则,
    a database field before its first chapter; a page pasted as one paragraph runs them all together)."""
    from extractor.pipeline import extract_bytes

    text = ("包头市人民代表大会常务委员会制定地方性法规条例 第一章 总则  第一条 为了规范立法活动，制定本条例。"
            "第二条 本条例适用于本市。 第二章 立法权限  第三条 常务委员会可以制定地方性法规。")
    doc = extract_bytes(text.encode(), path="rules.txt")
    assert [s.id.split("#", 1)[1] for s in doc.sections] == ["第一章", "第一章/第一条", "第一章/第二条", "第二章", "第二章/第三条"]
