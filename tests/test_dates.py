"""Dates the rules of a notice set (extract/dates.py): each kind on a real phrase, the year of a
date that prints none, and the dates that are no rule."""

from __future__ import annotations

import pytest

from extractor.pipeline import extract_bytes, extract_path
from tests.conftest import SHARED


def _dates(body: str, title: str = "关于做好有关工作的通知", signed: str = "2020年11月25日") -> list[tuple]:
    text = f"{title}\n各有关单位：\n{body}\n江西省人民政府办公厅\n{signed}\n"
    doc = extract_bytes(text.encode(), path="notice.txt")
    return [(d.kind, d.comparator, d.date_from, d.date, d.time) for d in doc.dates]


@pytest.mark.parametrize(("body", "want"), [
    # corpus-dev 004: a year-end deadline
    ("一、2020年底前实现政府性融资担保业务县域全覆盖。", ("deadline", "<=", None, "2020-12-31", None)),
    # corpus-dev 005: a target year after 到
    ("一、到2025年，婴幼儿照护服务的政策法规体系和标准规范体系基本健全。", ("deadline", "<=", None, "2025-12-31", None)),
    # corpus-dev 040: a time of day between the date and 前, the year from the notice's date
    ("一、请将参会人员名单于10月9日下午3:00前报市科协办公室。", ("deadline", "<=", None, "2020-10-09", "15:00")),
    # corpus-dev 043: 截止日期 before the date
    ("一、总会接收材料截止日期:2011年2月15日。", ("deadline", "<=", None, "2011-02-15", None)),
    # corpus-dev 014: in force from a day without its year
    ("一、从2月1日起，暂停收取相关费用。", ("effective", ">=", None, "2020-02-01", None)),
    # corpus-dev 001: in force from a day the text does not print
    ("一、本决定自公布之日起施行。", ("effective", ">=", None, None, None)),
    # corpus-dev 020: a period of validity
    ("一、本办法自2012年2月1日至2017年1月31日施行。", ("period", "range", "2012-02-01", "2017-01-31", None)),
    # corpus-dev 014: to a month's end from a day the text does not print
    ("一、上述举措执行期自发布之日起至2020年12月底。", ("period_end", "<=", None, "2020-12-31", None)),
    # corpus-dev 040: a meeting's time
    ("一、会议时间\n时间:2019年10月10日上午9:00,会期一天", ("event", "==", None, "2019-10-10", "09:00")),
    # corpus-dev 068: a week under a 时间 heading, the 日 written once after the range's last day
    ("一、活动安排\n(一)时间。\n2022年5月21—28日\n(二)主题。走进科技", ("event", "range", "2022-05-21", "2022-05-28", None)),
    # corpus 24: the window a step is open in (报名时间为…至…)
    ("一、参加电脑派位招生的报名时间为5月19日至5月22日(下午3点)。", ("period", "range", "2020-05-19", "2020-05-22", None)),
    # a year named relative to the notice's (written for this test): 次年 is the next
    ("一、各单位于次年1月底前报送年度总结。", ("deadline", "<=", None, "2021-01-31", None)),
    # an event's days under its labelled 时间 (written for this test, after corpus-dev 040's 时间: line)
    ("一、会议时间：2020年12月1日至3日。", ("event", "range", "2020-12-01", "2020-12-03", None)),
    ("一、会期：2020年12月12日-14日。", ("event", "range", "2020-12-12", "2020-12-14", None)),
    # a period by its words, 自…起至…止, and an end from today (written for this test)
    ("一、本项目执行期自2021年1月1日起至2021年12月31日止。", ("period", "range", "2021-01-01", "2021-12-31", None)),
    ("一、报送时间：即日起至2020年12月31日。", ("period_end", "<=", None, "2020-12-31", None)),
    # a quarter's end (written for this test): its last day
    ("一、各地要在2021年第一季度末前完成验收。", ("deadline", "<=", None, "2021-03-31", None)),
    # a stage of a schedule (written for this test: a contest's 时间安排)
    ("二、时间安排\n(一)申报阶段：2023年2月20日—3月31日。", ("period", "range", "2023-02-20", "2023-03-31", None)),
    # corpus-dev 043: a bound on the date of birth
    ("一、即1946年7月1日(含)以后出生。", ("date_bound", ">=", None, "1946-07-01", None)),
    # the same bound with 及 (written for this test: a prize's age limit)
    ("一、年龄不超过40周岁(1983年1月1日及以后出生)。", ("date_bound", ">=", None, "1983-01-01", None)),
    # written for this test: a weekday and a bare hour before 前; ten days of a month; a half year
    ("一、各单位务必于2021年1月10日（星期日）12时前报送。", ("deadline", "<=", None, "2021-01-10", "12:00")),
    ("一、活动于2021年3月中旬举办。", ("event", "range", "2021-03-11", "2021-03-20", None)),  # its ten days (probes30)
    ("一、请于12月下旬前报送。", ("deadline", "<=", None, "2020-12-31", None)),
    ("一、请于12月上旬前报送。", ("deadline", "<=", None, "2020-12-10", None)),
    ("一、各地于2021年上半年前完成。", ("deadline", "<=", None, "2021-06-30", None)),
    # corpus 24 (幼儿园招生): the children born within a range of days
    ("一、招收2022年9月1日至2023年8月31日期间出生的适龄幼儿。", ("date_bound", "range", "2022-09-01", "2023-08-31", None)),
    # a range a sentence names, and its end in the next year (a helper's probe)
    ("一、2022年10月1日至2023年4月30日为全县森林防火期。", ("period", "range", "2022-10-01", "2023-04-30", None)),
    ("一、防火期为2022年10月1日至次年4月30日。", ("period", "range", "2022-10-01", "2023-04-30", None)),
    # ranges of months and of years (written for this test)
    ("一、活动时间为2023年12月至2024年3月。", ("event", "range", "2023-12-01", "2024-03-31", None)),
    ("一、申报时间：2024年3月—4月。", ("period", "range", "2024-03-01", "2024-04-30", None)),
    ("一、本方案实施期限为2024—2026年。", ("period", "range", "2024-01-01", "2026-12-31", None)),
    # a paper's closing day (written for this test: a society's 年会 notice)
    ("一、论文截稿日期：2024年8月31日。", ("deadline", "<=", None, "2024-08-31", None)),
    # an inclusive mark before 前 (written for this test)
    ("一、请于2023年10月20日（含）前提交材料。", ("deadline", "<=", None, "2023-10-20", None)),
    # 前后 is about a day, not before it (written for this test)
    ("一、活动时间\n2023年5月30日前后。", ("event", "==", None, "2023-05-30", None)),
    # a yearly day with 前 is due by then (a helper's probe; corpus 02 and 20: 每年2月底前)
    ("一、请于每年1月31日前将上年度建设情况报送。", ("recurring", "<=", None, None, None)),
    # corpus-dev 018: a monthly day
    ("一、发放时间为每月25日前。", ("recurring", "<=", None, None, None)),
])
def test_each_kind_on_a_real_phrase(body: str, want: tuple) -> None:
    assert want in _dates(body)


def test_holidays_take_the_year_of_the_first_full_date() -> None:
    """The 2021 holidays notice (corpus-dev 062, dated 2020-11-25) names 2021 once: the dates after
    it are 2021's, a range is read whole, and a weekday marks a make-up workday."""
    body = ("一、元旦:2021年1月1日至3日放假,共3天。\n二、春节:2月11日至17日放假调休,共7天。"
            "2月7日(星期日)、2月20日(星期六)上班。")
    assert _dates(body, title="国务院办公厅关于2021年部分节假日安排的通知") == [
        ("holiday", "range", "2021-01-01", "2021-01-03", None), ("holiday", "range", "2021-02-11", "2021-02-17", None),
        ("workday", "==", None, "2021-02-07", None), ("workday", "==", None, "2021-02-20", None)]


def test_a_year_carried_forward_keeps_going() -> None:
    """The 2019 holidays (corpus 09) start with 2018年12月29日: 2月4日 after it is 2019's, and so is
    9月13日 after 2019's June, though it falls less than half a year before the last written date."""
    body = ("一、元旦:2018年12月30日至2019年1月1日放假调休,共3天。2018年12月29日(星期六)上班。\n"
            "二、春节:2月4日至10日放假调休,共7天。\n三、端午节:6月7日放假。\n四、中秋节:9月13日放假。")
    assert [d[3] for d in _dates(body, title="国务院办公厅关于2019年部分节假日安排的通知", signed="2018年12月6日")] == [
        "2019-01-01", "2018-12-29", "2019-02-10", "2019-06-07", "2019-09-13"]


@pytest.mark.parametrize("body", [
    "一、2019年以来，我省学会改革取得明显成效。",  # a date of the past
    "一、根据《江西省著名商标认定和保护办法》(2007年9月13日江西省人民政府令第161号公布)，作如下决定。",  # a cited text's
    "一、2022年是党的二十大召开之年。",  # a year, no event
    "一、截至2020年底，全省共有学会100个。",  # as of (截至), a fact: no target (the module's own rule, read by 至)
    "一、经技术审查，2020年2月1日－2020年2月29日我市对2个水土保持方案作出了审批决定。",  # a past range (corpus-dev 022)
])
def test_dates_that_set_nothing_are_left_out(body: str) -> None:
    assert _dates(body) == []


@pytest.mark.skipif(not (SHARED / "corpus-dev").is_dir(), reason="../shared/corpus-dev not present")
def test_a_bulletin_reports_dates_it_does_not_set() -> None:
    """A statistical bulletin (corpus-dev 025) reports what was: its 截至… and 从2022年7月起改为…口径 set nothing."""
    doc = extract_path(SHARED / "corpus-dev" / "docs" / "025_jiangxi_2022_tongji_gongbao_yichun_zhuanzai.html")
    assert "从2022年7月起改为" in doc.text and doc.dates == []


def test_a_date_carries_its_spans_and_its_requirement() -> None:
    text = "关于做好换届工作的通知\n各学会：\n一、各学会要在2018年6月30日前完成换届。\n中国科协\n2018年4月23日\n"
    doc = extract_bytes(text.encode(), path="notice.txt")
    (d,) = doc.dates
    assert doc.text[slice(*d.span)] == d.text == "2018年6月30日前" and doc.raw_text[slice(*d.raw_span)] == d.text
    assert d.requirement == doc.requirements[0].id and d.section == doc.requirements[0].section


def test_a_date_without_its_year_after_a_december_date_is_the_next_years() -> None:
    """The 2019 holidays notice (corpus 09) ends its first item with 2018年12月29日(星期六)上班; its
    春节 2月4日至10日 is 2019's. A meeting's deadline the day before it stays in its year (040)."""
    body = ("一、元旦:2018年12月30日至2019年1月1日放假调休,共3天。2018年12月29日(星期六)上班。\n"
            "二、春节:2月4日至10日放假调休,共7天。")
    assert ("holiday", "range", "2019-02-04", "2019-02-10", None) in _dates(body, signed="2018年12月5日")
    body = "一、会议时间\n时间:2019年10月10日上午9:00\n二、请将参会人员名单于10月9日下午3:00前报市科协办公室。"
    assert ("deadline", "<=", None, "2019-10-09", "15:00") in _dates(body, signed="2019年10月8日")


def test_a_notice_with_no_date_of_its_own_works_in_the_year_its_body_names() -> None:
    # corpus-dev 070: a university's forward cut from its page, no date, 发文字号 or dated title
    text = ("各有关单位、各位老师:\n山东省科协正在组织开展2024年度山东省青年科技人才托举工程推荐工作,现就有关事宜说明如下:\n"
            "一、根据2018年印发的办法,电子和纸质材料报送截止日期:9月3日。\n二、学校拟于9月4日-5日反馈获推名单。\n")
    doc = extract_bytes(text.encode(), path="notice.txt")
    assert [(d.kind, d.date_from, d.date, d.resolved_from) for d in doc.dates] == [
        ("deadline", None, "2024-09-03", "body_year"), ("period", "2024-09-04", "2024-09-05", "body_year")]


def test_a_requirement_is_due_by_the_deadline_its_dates_set() -> None:
    # corpus-dev 043 (截止日期:…, which the requirement reading does not take) and 070 (no date of its own)
    text = ("关于推荐院士候选人的通知\n各专科分会:\n一、请各专科分会认真组织推荐工作,总会接收材料截止日期:2011年2月15日。\n"
            "二、各单位应于5个工作日内报送名单。\n中华中医药学会\n2011年1月21日\n")
    doc = extract_bytes(text.encode(), path="notice.txt")
    due = {r.text[:6]: (r.deadline.kind, r.deadline.date, r.deadline.text) if r.deadline else None for r in doc.requirements}
    assert due["请各专科分会"] == ("date", "2011-02-15", "2011年2月15日")
    assert due["各单位应于5"][0] == "relative"  # a real relative deadline is kept


def test_on_issue_takes_the_day_the_notice_says_it_was_printed() -> None:
    # corpus-dev 018's gold: 本通知自印发之日起施行 is the day of the 版记's 2021年4月16日印发; without that
    # line the day stays unknown (015's gold)
    body = "一、本通知自印发之日起施行。"
    got = _dates(body, signed="2021年4月12日\n广州市人民政府办公厅秘书处 2021年4月16日印发")
    assert ("effective", ">=", None, "2021-04-16", None) in got
    assert ("effective", ">=", None, None, None) in _dates(body, signed="2021年4月12日")


def test_a_range_in_a_report_of_what_was_done_sets_nothing() -> None:
    # corpus-dev 022: the 请 of 申请 is no request: 2020年2月1日-2020年2月29日我市对2个…审批申请作出了审批决定
    got = _dates("一、经技术审查，2020年2月1日-2020年2月29日我市对2个水土保持方案审批申请作出了审批决定。")
    assert not [d for d in got if d[0] == "period"]


def test_a_date_of_birth_does_not_set_the_running_year() -> None:
    # written for the test: a prize's age limit before its submission deadline
    got = _dates("一、年龄不超过40周岁(1983年1月1日及以后出生)。\n二、请于9月15日前报送推荐表。", signed="2023年8月28日")
    assert ("date_bound", ">=", None, "1983-01-01", None) in got and ("deadline", "<=", None, "2023-09-15", None) in got


def test_the_years_of_a_parts_title_set_nothing() -> None:
    # corpus-dev 045: the attached plan's title 南昌市全民科学素质行动规划纲要实施方案(2021—2025年)
    got = _dates("南昌市全民科学素质行动规划纲要实施方案(2021—2025年)\n一、本方案实施期限为2021—2025年。")
    assert [d[0] for d in got].count("period") == 1


def test_the_day_a_notice_expires_does_not_set_the_running_year() -> None:
    # written for the test: a 大赛 notice whose 有效期 is given before its deadlines; 3月底 stays 2025's, not 2027's
    got = _dates("一、本通知有效期至2026年12月31日。\n二、请各单位于3月底前将联系人名单报市科协。", signed="2025年3月1日")
    assert got == [("expiry", "<=", None, "2026-12-31", None), ("deadline", "<=", None, "2025-03-31", None)]


def test_a_day_the_notice_schedules_is_an_event() -> None:
    # written for the test: a 大赛 notice; 将于/拟于 a day is when it happens (a range so announced stays a period;
    # 6月上旬 is its ten days, probes30)
    got = _dates("一、评审结果将于6月上旬公布。\n二、颁奖仪式拟于7月15日在市科技馆举行。\n三、拟于9月4日-5日反馈获推名单。",
                 signed="2025年3月1日")
    assert got == [("event", "range", "2025-06-01", "2025-06-10", None), ("event", "==", None, "2025-07-15", None),
                   ("period", "range", "2025-09-04", "2025-09-05", None)]


@pytest.mark.parametrize(("body", "want"), [
    # probes26 t14 (a 专项整治 工作方案): a stage of the 实施步骤 with its days in brackets after its name
    ("一、实施步骤\n（一）动员部署阶段（2020年11月1日至11月10日）。各单位制定方案。",
     [("period", "range", "2020-11-01", "2020-11-10", None)]),
    # probes26 t12 (a 会议纪要): the day the meeting was held, its half day, then who 主持召开 it
    ("2020年4月12日下午，副市长在市政府第3会议室主持召开专题会议，研究有关问题。纪要如下：",
     [("event", "==", None, "2020-04-12", None)]),
    # probes26 h02: a weekly day with its hour and 前
    ("一、各乡镇每周五下午5点前将本周进度报县农业农村局。", [("recurring", "<=", None, None, "17:00")]),
    # probes26 t14: a weekly day with 前
    ("一、区住房城乡建设局负责统筹协调，每周五前汇总整治进度。", [("recurring", "<=", None, None, None)]),
    # probes26 t08: a day of the month after a quarter
    ("一、各地每季度结束后第一个月15日前完成上一季度资金拨付。", [("recurring", "<=", None, None, None)]),
    # a weekday alone is a habit, no date (written for the test)
    ("一、每周五召开一次例会。", []),
])
def test_stage_meeting_and_recurring_weekly_or_quarterly_days(body: str, want: list[tuple]) -> None:
    assert _dates(body) == want


def test_windows_of_what_applicants_do_are_periods() -> None:
    # probes27 h02, h03, t14: 申领时间为…至…, 于…至…登录填报, 从…到…; not a range 已于 past, nor an event 于…至…举办
    got = _dates("一、申领时间为2024年7月1日至7月31日。\n二、企业于2024年4月15日至5月6日登录系统在线填报。\n"
                 "三、防火期从2024年10月1日到2025年4月30日。\n四、活动于2024年9月14日至20日举办。\n"
                 "五、该项目已于2024年3月1日至3月5日完成验收。", signed="2024年3月20日")
    assert got == [("period", "range", "2024-07-01", "2024-07-31", None), ("period", "range", "2024-04-15", "2024-05-06", None),
                   ("period", "range", "2024-10-01", "2025-04-30", None), ("event", "range", "2024-09-14", "2024-09-20", None)]


def test_a_range_with_hours_or_day_names_between_its_days() -> None:
    # probes28 h02 and a 报名 window: 9:00 and （星期一） between the first day and 至
    got = _dates("一、申报时间为2024年6月3日9:00至6月7日17:00。\n二、报名时间：2024年5月6日（星期一）至5月10日（星期五）。",
                 signed="2024年5月1日")
    assert [(k, c, f, d) for k, c, f, d, _ in got] == [("period", "range", "2024-06-03", "2024-06-07"),
                                                       ("period", "range", "2024-05-06", "2024-05-10")]


def test_a_day_before_the_notices_year_does_not_set_the_running_year() -> None:
    # probes29 h06: 2022年12月31日前评定的 picks who qualifies; the deadline after it is the 2025 notice's
    got = _dates("一、对2022年12月31日前评定的示范单位开展复核。\n二、请于6月30日前报送复核材料。", signed="2025年5月20日")
    assert ("deadline", "<=", None, "2025-06-30", None) in got


def test_a_daily_hour_is_recurring() -> None:
    # probes29: 每日8时前报送雨情 is due by that hour every day; 每日巡查不少于2次 names no day
    got = _dates("一、各乡镇须于每日8时前报送雨情。\n二、每日巡查不少于2次。", signed="2025年5月20日")
    assert got == [("recurring", "<=", None, None, "08:00")]


def test_ten_day_spans_ranges_across_them_and_the_cues_of_an_exam_notice() -> None:
    # probes30 h01, h03, t07, t12: schedules in 旬 (上旬 1st–10th, 中旬 11th–20th, 下旬 21st–end), a range from one
    # 旬 to another with the year carried across 至, 预计于/将会同…于, and 不得晚于…17:00
    doc = extract_bytes("关于开展活动的通知\n各单位：\n一、活动时间为2026年1月中旬至2月上旬。\n二、实施步骤\n"
                        "（一）动员部署阶段（3月中旬至4月上旬）。\n三、大赛将于2026年4月下旬举行，成绩预计于5月中旬发布。\n"
                        "四、县科协将会同县财政局于10月中旬开展绩效评价。\n五、材料提交不得晚于4月20日17:00，请于3月中旬前报送。\n"
                        "某市科协\n2025年12月1日\n".encode(), path="case.txt")
    got = [(d.kind, d.comparator, d.date_from, d.date, d.time) for d in doc.dates]
    assert got == [("event", "range", "2026-01-11", "2026-02-10", None), ("period", "range", "2026-03-11", "2026-04-10", None),
                   ("event", "range", "2026-04-21", "2026-04-30", None), ("event", "range", "2026-05-11", "2026-05-20", None),
                   ("event", "range", "2026-10-11", "2026-10-20", None), ("deadline", "<=", None, "2026-04-20", "17:00"),
                   ("deadline", "<=", None, "2026-03-20", None)]


def test_two_days_that_follow_each_other_are_an_events_span() -> None:
    # probes30 t12: 定于6月13日、14日举行 (an exam's two days)
    doc = extract_bytes("关于做好考试工作的通知\n各考区：\n一、考试定于6月13日、14日举行。\n某省人事考试中心\n2026年3月1日\n".encode(), path="case.txt")
    assert [(d.kind, d.comparator, d.date_from, d.date) for d in doc.dates] == [("event", "range", "2026-06-13", "2026-06-14")]


def test_a_schedules_steps_by_label_by_ten_days_and_by_month() -> None:
    # probes31 h01, h04, t07, t08, t10: a step named by a short label and a colon, a 旬 after 于 (its ten days), a 旬 range
    # whose second half names no month, a stage of a month; 将于 stays an event, 时间： stays an event's time
    doc = extract_bytes("关于开展活动的通知\n各单位：\n一、时间安排\n初评：3月下旬至4月上旬。\n个人申报：6月1日至6月30日。\n"
                        "二、各地要于5月下旬开展集中宣传。\n三、活动于9月中旬至下旬举办。\n四、实施步骤\n（一）总结评估阶段（2026年12月）。\n"
                        "五、处室将于2026年1月上旬组织评审。\n六、会议时间：3月5日至6日。\n某市科协\n2026年2月1日\n".encode(), path="case.txt")
    got = [(d.kind, d.date_from, d.date) for d in doc.dates]
    assert got == [("period", "2026-03-21", "2026-04-10"), ("period", "2026-06-01", "2026-06-30"), ("period", "2026-05-21", "2026-05-31"),
                   ("event", "2026-09-11", "2026-09-30"), ("period", "2026-12-01", "2026-12-31"), ("event", "2026-01-01", "2026-01-10"),
                   ("event", "2026-03-05", "2026-03-06")]


def test_a_day_still_ahead_in_the_notices_year_is_that_years_after_a_later_date() -> None:
    # probes32 h02: 注册有效期将于2026年12月31日前届满 came first and made 即日起至5月15日 and 5月18日前 2027's in a notice of
    # 2026-04-20
    doc = extract_bytes("关于举办继续教育培训班的通知\n各会员单位：\n一、培训对象为注册有效期将于2026年12月31日前届满的人员。\n"
                        "二、报名时间为即日起至5月15日。\n三、请于5月18日前报送回执。\n某省土木建筑学会\n2026年4月20日\n".encode(), path="case.txt")
    assert [d.date for d in doc.dates if d.kind != "date_bound"][-2:] == ["2026-05-15", "2026-05-18"]


def test_the_last_month_of_each_quarter_is_a_recurring_day() -> None:
    # probes32 t12: 每季度末月20日前 (it gave the threshold >= 20 日 and no date)
    doc = extract_bytes("关于报送统计数据的通知\n各单位：\n一、请于每季度末月20日前报送。\n某市科协\n2026年3月1日\n".encode(), path="case.txt")
    assert [(d.kind, d.comparator, d.text) for d in doc.dates] == [("recurring", "<=", "每季度末月20日前")]


def test_a_window_of_payment_and_a_stage_of_ten_days_are_periods() -> None:
    # probes34 h03 (集中缴费时间为1月20日至6月30日, 缴费时间：…) and t07 (准备阶段（3月上旬）)
    doc = extract_bytes("关于做好居民养老保险缴费工作的通知\n各乡镇：\n一、2026年度集中缴费时间为1月20日至6月30日。\n"
                        "二、准备阶段（3月上旬）。各乡镇制定实施方案。\n某县人社局\n2026年1月5日\n".encode(), path="case.txt")
    assert [(d.kind, d.date_from, d.date) for d in doc.dates] == [("period", "2026-01-20", "2026-06-30"), ("period", "2026-03-01", "2026-03-10")]


def test_a_range_of_months_without_a_year_is_a_period_of_the_notices_year() -> None:
    # probes34 h05: 主汛期（6月至9月）; not 6月至9月10日 (a range of days) nor a report's 1—6月
    doc = extract_bytes("关于做好汛期工作的通知\n各地：\n一、主汛期（6月至9月）各地要安排专人值守。\n二、1—6月，全省完成投资100亿元。\n"
                        "某省水利厅\n2026年3月4日\n".encode(), path="case.txt")
    assert [(d.kind, d.date_from, d.date, d.text) for d in doc.dates] == [("period", "2026-06-01", "2026-09-30", "6月至9月")]


def test_any_window_named_x_time_is_a_period_but_an_events_time_stays_an_event() -> None:
    # probes35 h06: 外摆经营时间为2026年6月1日至9月30日 gave nothing
    doc = extract_bytes("关于规范夜间外摆经营的通告\n各区城市管理局：\n一、外摆经营时间为2026年6月1日至9月30日。\n"
                        "二、活动时间：2026年5月20日至5月30日。\n某市城市管理局\n2026年5月4日\n".encode(), path="case.txt")
    assert [(d.kind, d.date_from, d.date) for d in doc.dates] == [("period", "2026-06-01", "2026-09-30"), ("event", "2026-05-20", "2026-05-30")]


def test_a_campaign_a_notice_decides_on_runs_over_a_period_an_activity_is_an_event() -> None:
    # probes35 h02, t12: 市局决定于2026年3月上旬至4月中旬…开展…专项检查 was an event
    doc = extract_bytes("关于开展专项检查的通知\n各县局：\n一、市局决定于2026年3月上旬至4月中旬在全市开展校园食品安全专项检查。\n"
                        "二、定于9月14日至20日集中开展科普宣传活动。\n某市局\n2026年3月1日\n".encode(), path="case.txt")
    assert [(d.kind, d.date_from, d.date) for d in doc.dates] == [("period", "2026-03-01", "2026-04-20"), ("event", "2026-09-14", "2026-09-20")]


def test_a_season_a_stage_and_a_window_heading_name_their_bracketed_or_bare_range() -> None:
    # probes36 h03 (汛期（5月1日至9月30日）实行…), t05 (一、动员部署（3月中旬至3月底）, a range alone under 禁渔时间):
    # periods with no cue word in their sentence; a meeting's bracketed days and a bare 时间 heading stay events
    doc = extract_bytes("关于做好禁渔和防汛工作的通知\n各县（市、区）农业农村局：\n一、汛期（5月1日至9月30日）实行24小时值班制度。\n"
                        "二、动员部署（3月中旬至3月底）。各县制定计划。\n三、禁渔时间\n2026年3月1日至6月30日。\n"
                        "四、颁奖大会（6月15日至16日）在市会议中心举行。\n五、时间\n2026年5月21日至28日。\n"
                        "某市农业农村局\n2026年2月20日\n".encode(), path="case.txt")
    assert [(d.kind, d.date_from, d.date) for d in doc.dates] == [
        ("period", "2026-05-01", "2026-09-30"), ("period", "2026-03-11", "2026-03-31"), ("period", "2026-03-01", "2026-06-30"),
        ("event", "2026-06-15", "2026-06-16"), ("event", "2026-05-21", "2026-05-28")]


def test_a_contests_round_a_result_made_known_and_a_limit_after_each_quarter() -> None:
    # probes37 t07 (初赛（5月中旬至6月上旬）), t09 (結果於2026年9月28日公佈), t08 and t11 (每季度结束后5日内报送): a stage's
    # period, the day of an announcement, a day that comes back each quarter
    doc = extract_bytes("关于开展职业技能大赛的通知\n各县（市、区）人社局：\n一、初赛（5月中旬至6月上旬）。各县组织选拔。\n"
                        "二、结果于2026年9月28日公布。\n三、各县每季度结束后5日内报送上季度数据。\n"
                        "某市人社局\n2026年3月1日\n".encode(), path="case.txt")
    assert [(d.kind, d.date_from, d.date, d.text) for d in doc.dates] == [
        ("period", "2026-05-11", "2026-06-10", "5月中旬至6月上旬"), ("event", None, "2026-09-28", "2026年9月28日"),
        ("recurring", None, None, "每季度结束后5日内")]


def test_a_media_headline_above_the_title_sets_no_date_a_labelled_field_there_does() -> None:
    # probes37 h06 (腾讯新闻): the repost's headline 岳麓区发布文明养犬管理通告，11月1日起施行 gave a second effective date;
    # corpus-dev 048's 生效时间: 2019-01-23, a field of the page's metadata table above the title, is kept
    doc = extract_bytes("岳麓区发布文明养犬管理通告，11月1日起施行\n岳麓发布 2026-10-15 11:02\n长沙市岳麓区人民政府关于加强城区文明养犬管理的通告\n"
                        "一、养犬人应当为犬只办理登记。\n二、本通告自2026年11月1日起施行。\n长沙市岳麓区人民政府\n2026年10月14日\n".encode(),
                        path="case.txt")
    assert [(d.kind, d.date, d.text) for d in doc.dates] == [("effective", "2026-11-01", "2026年11月1日起")]
    doc = extract_bytes("生效时间: 2019-01-23\n太湖县人民政府关于印发《太湖县人民政府工作规则》的通知\n各乡镇人民政府：\n一、现印发给你们。\n"
                        "太湖县人民政府\n2019年1月23日\n".encode(), path="case.txt")
    assert [(d.kind, d.date) for d in doc.dates] == [("effective", "2019-01-23")]


def test_a_date_opening_its_clause_and_a_range_after_a_run_in_time_heading() -> None:
    # probes39 t07 (（一）集中宣传咨询日。6月中旬，各县（市、区）要…), t12 (一、普查时间。9月中旬至11月上旬，11月10日前…): no
    # cue word before the date in its own sentence; a past day so opening a report's sentence stays none
    doc = extract_bytes("关于开展安全生产月活动的通知\n各县（市、区）应急管理局：\n一、集中宣传咨询日。6月中旬，各县（市、区）要开展集中宣传咨询活动。\n"
                        "二、普查时间。9月中旬至11月上旬，11月10日前完成普查数据审核上报。\n三、3月15日，全市共排查隐患120处。\n"
                        "某市应急管理局\n2026年5月20日\n".encode(), path="case.txt")
    assert [(d.kind, d.date_from, d.date) for d in doc.dates] == [
        ("event", "2026-06-11", "2026-06-20"), ("period", "2026-09-11", "2026-11-10"), ("deadline", None, "2026-11-10")]
