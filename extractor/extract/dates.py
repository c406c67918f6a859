"""Dates the rules of a notice set: what must be done by when, from when a text applies, what
happens on which day.

Every calendar expression of the body is found (2018年6月30日, 6月30日, 2020年底, 2020年, 2020-03-01,
二〇一九年十月十日, a range 1月1日至3日), and the words around it say what the date sets; a date
with no such words (a signature, a date of the past) is no rule and is left out. The cues, each a
class of phrase seen in a real notice:

=============  ==========  ================================================================
kind           comparator  cue (example, where seen)
=============  ==========  ================================================================
date_bound     >= / <=     …(含)以后出生 / 以前出生 (corpus-dev 043)
recurring      == / <=     每年 / 每月 before the date: 每年4月1日至6月20日 (019), 每月25日前 (018); no calendar day;
                           a weekly or quarterly day by its hour or 前: 每周五下午5点前, 每季度结束后第一个月15日前
                           (probes26 h02, t08)
holiday        range / ==  the sentence says 放假: 2月11日至17日放假调休 (062, 063)
workday        ==          a date with its weekday in a sentence saying 上班: 2月7日(星期日) (062)
event          ==          召开 / 举行 / 举办 after it, or 时间: before it (040); a 纪要's 2024年4月12日下午，…主持召开…会议
                           (probes26 t12)
period         range       a range in a sentence of 施行 / 期 / 有效: 自2012年2月1日至2017年1月31日施行 (020); a
                           方案's stage, 动员部署阶段（2023年11月1日至11月10日） (probes26 t14)
period_end     <=          …之日起至2020年12月底 (014)
effective      >=          起 / 起施行 / 起实施 after it (002, 014, 021); 自印发之日起施行 with no day (001)
expiry         <=          有效期至 before it, 失效 / 废止 after it; a 失效日期 label (015)
deadline       <=          前 / 之前 / 为止 after it; 截止 / 不迟于 before it (021, 043); a target
                           year after 到 / 力争 / 确保 (004, 005: 到2020年末，…建成)
=============  ==========  ================================================================

A date without its year takes the year of the last full date of a rule before it, or the next
year where it would come more than half a year before that date (the 2021 holidays notice names
2021年1月1日 once, then 2月11日 … 10月1日, 062; the 2019 one ends its first item with
2018年12月29日(星期六)上班, and its 2月4日 is 2019's, corpus 09), else the year of the notice's
own date (or of its posting date, 发文字号 or title). Dates inside a citation (《…》(2007年9月13日…
公布)) are the cited text's, those in the title line are what the notice is about, and a statistical
bulletin reports facts (截至…): none of them sets a rule. A date's cue is looked for within 60
characters of it, in its sentence. Measured by ``polex eval`` on the ``deadlines`` of corpus-dev/gold
(P 0.95 / R 0.93, written while reading it).
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass

from extractor.data.vocab import DOC_TYPE_ALT
from extractor.model import Clause, DateRule, Metadata, Requirement
from extractor.normalize.layers import Mark
from extractor.normalize.offsets import AlignedText
from extractor.segment.numbering import parse_cn_int
from extractor.recache import compile_re

_Y = r"(?:19|20)\d{2}|[一二][〇零○一二三四五六七八九]{3}"
_MD = r"[0-3]?\d|[一二三四五六七八九十]{1,3}"
_S = r"\s{0,2}"
# one calendar expression; blanks between its parts bounded (a text layer may space every character)
_DATE_RE = compile_re(
    # every alternative opens with a digit or a Chinese numeral: the lookahead lets the engine skip to
    # those characters instead of trying the optional year at every one (5-6 % of extraction, issue 18)
    r"(?=[\d〇零○一二三四五六七八九十])(?:"
    # the day's 日 may come only after the range's last day: 2022年5月21—28日 (corpus-dev 068)
    rf"(?:(?P<y>{_Y}){_S}年{_S})?(?P<m>{_MD}){_S}月{_S}(?:(?P<d>{_MD})(?:{_S}[日号]|(?={_S}(?:之)?前)"
    rf"|(?={_S}(?:至|到|－|—|–|-|~|～){_S}(?:{_MD}){_S}[日号]))|(?P<mend>底|末|份)|(?P<xun>[上中下])旬)"
    rf"|(?P<y3>{_Y}){_S}年{_S}(?P<m3>{_MD}){_S}月(?![\d一二三四五六七八九十])"
    # a range of months with no year: 主汛期（6月至9月） (probes34 h05), read as the notice's year where a period's name
    # or words place it (below); the second month is no day's (6月至9月10日 is a range of days)
    rf"|(?P<m6>{_MD}){_S}月份?(?={_S}(?:至|到|－|—|–|~|～){_S}(?:{_MD}){_S}月份?(?!{_S}(?:{_MD}|[上中下底末])))"
    # a quarter's end: 2021年第一季度末前, 2021年三季度 (its last day)
    rf"|(?P<yq>{_Y}){_S}年{_S}第?(?P<q>[一二三四1-4]){_S}季度(?:末|底)?"
    # a half year, its last day: 2021年上半年 (written for the tests)
    rf"|(?P<yh>{_Y}){_S}年{_S}(?P<half>[上下])半年"
    rf"|(?P<y2>{_Y}){_S}年(?:{_S}(?P<yend>年底|底|末|度))?"
    rf"|(?P<iy>(?:19|20)\d{{2}})[-/.](?P<im>[01]?\d)[-/.](?P<id>[0-3]?\d)(?!\d)"
    r")"
)
_RANGE_SEP = compile_re(rf"{_S}(?:起至|起到|至|到|－|—|–|-|~|～){_S}")  # 自2021年1月1日起至2021年12月31日止
_DAY_ONLY = compile_re(rf"(?P<d>{_MD}){_S}[日号]")
_TIME_RE = compile_re(rf"{_S}(?P<half>上午|下午|晚上|早上)?{_S}(?P<h>[0-2]?\d){_S}[:：点时]{_S}(?P<mi>[0-5]\d)?")
_BORN_WITHIN_AFTER = compile_re(rf"^{_S}(?:[(（]含[)）])?{_S}(?:期间|之间)?{_S}出生")
_NEXT_YEAR_RE = compile_re(rf"{_S}次年{_S}")
_NAMED_PERIOD_AFTER = compile_re(rf"^{_S}(?:为|是){_S}[\u4e00-\u9fff]{{0,12}}?期")
_HOUR_BOUND_RE = compile_re(r"\s{0,2}(?:整|之前|以前|前|止)")
_WEEKDAY_AFTER = compile_re(rf"{_S}[(（]{_S}(?:星期|周|礼拜)[一二三四五六日天]{_S}[)）]")

_BOUND_AFTER = compile_re(rf"^{_S}(?:[(（]含[)）])?{_S}(?:及|或)?(?P<w>以后|之后|以前|之前)出生")  # 1983年1月1日及以后出生
_RECURRING_BEFORE = compile_re(r"每(?:年|月|季度|学年|半年)(?:度)?\s{0,2}(?:的)?\s{0,2}$")
# 市局决定于2026年3月上旬至4月中旬在全市开展…专项检查 (probes35 h02, t12): a campaign's window is a period; what 定于
# schedules and 召开/举办 names stays an event (corpus-dev 040: 定于10月10日召开全市科协主席会议), so does an activity
# (定于9月14日至20日集中开展…活动)
_DECIDED_BEFORE = compile_re(r"定于\s{0,2}$")
_CAMPAIGN_AFTER = compile_re(r"[^，。；,;]{0,16}?(?:开展|集中开展|组织开展|实施|进行)(?![^，。；,;]{0,16}活动)")  # not …活动: an event
_EVENT_AFTER = compile_re(rf"^(?:{_S}[^，。；,;]{{0,12}}?)(?:召开|举行|举办|开幕|开班|报到)")
# a day a result is made known, 于 it: 结果于2026年9月28日公布 (probes37 t09)
_ANNOUNCED_AFTER = compile_re(rf"^{_S}(?:在[^，。；,;]{{1,12}}?)?(?:公布|揭晓|公示)")
# an item's label opening a line or clause: 一、 （二） 3. (one pattern for the cues below)
_ITEM_LABEL = r"(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s{0,2})"
# 时间: opening its line (a meeting notice's 时间:2019年10月10日上午9:00, corpus-dev 040) or named for an
# event; not a page's 时间:/日期:/发布日期: after other fields (作者:法律资料网 时间:2024-07-09, 050-057)
_EVENT_BEFORE = compile_re(rf"^\s{{0,2}}{_ITEM_LABEL}?(?:(?:会议|活动|报到|培训|考试|举办|开幕)?时间|会期)\s{{0,2}}[:：为]\s{{0,2}}$"
                           r"|定于\s{0,2}$")
# 将于6月上旬公布, 拟于7月举行: a day the notice schedules (written for the tests: a 大赛 notice); a range so
# announced is the days a step takes (拟于9月4日-5日反馈获推名单, corpus-dev 070's gold: a period)
# ... also 预计于 and 将会同…于 (probes30 t12 考试成绩预计于7月下旬发布, h02 县科协将会同县财政局于10月中旬…)
_SCHEDULED_BEFORE = compile_re(r"(?:将|拟|预计)(?:会同[^，。；,;]{1,20}?)?于\s{0,2}$")
# a heading naming a time: 时间, 会议时间 (an event's), 禁渔时间, 申报时间 (a window's: probes36 t05)
_TIME_HEADING = compile_re(r"\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、])?\s*"
                           r"(?P<what>[\u4e00-\u9fff]{0,4}?时间)\s*[。:：]?\s*$")
# a window a step is open in: 申报时间为2020年12月1日至12月15日, 报名时间：… (a range); a stage of a
# schedule, 申报阶段：2023年2月20日—3月31日 (written for the test: a contest's 时间安排), 起止时间
_PERIOD_CONTEXT = compile_re(r"施行|实施|执行|有效|期为|期限|公告期|公示期|期间|起止时间|阶段\s{0,2}[:：]"
                             # … and the windows of what applicants do (申领时间为2024年7月1日至7月31日, 培训时间为…至…;
                             # probes27 h02, h01)
                             r"|(?:申报|报名|申请|受理|征集|报送|提交|评审|征求意见|申领|领取|办理|登记|填报|培训|考试|评选|推荐)(?:时间|日期)"
                             # … and of what the insured pay or claim (集中缴费时间为1月20日至6月30日, probes34 h03)
                             r"|(?:缴费|缴纳|补缴|参保|投保|认证|发放|预约|采集)(?:时间|日期|期)"
                             # … and any other window named X时间为 / X时间： (外摆经营时间为2026年6月1日至9月30日, probes35 h06),
                             # not an event's (会议时间, 活动时间, 报到时间: _EVENT_BEFORE)
                             r"|[\u4e00-\u9fff]{2}(?<!会议|活动|报到|举办|开幕|比赛|展览|演出)时间\s{0,2}(?:为|[:：])")
# a stage of a 实施方案/工作方案 with its days in brackets after its name: （一）动员部署阶段（2023年11月1日至
# 11月10日） (probes26 t14, a 专项整治 方案; the standard form of a 方案's 实施步骤)
# … and a season so bracketed: 汛期（5月1日至9月30日）实行24小时值班 (probes36 h03), 禁渔期（…）
_STAGE_BEFORE = compile_re(r"(?:阶段|[\u4e00-\u9fff]期)\s{0,2}[(（]\s{0,2}$")
# a step of a schedule named by a short label opening its line, its days in brackets: 一、动员部署（3月中旬至3月底）
# (probes36 t05, a 方案's 实施步骤 without the word 阶段), a contest's round (初赛（5月中旬至6月上旬）, probes37 t07); not a
# meeting's or a ceremony's (颁奖大会（6月15日至16日）)
_STEP_LABEL_LINE = compile_re(rf"\s*{_ITEM_LABEL}?[\u4e00-\u9fff]{{2,8}}(?<![会式礼展坛座])\s*[(（]\s*")


def _staged(text: str, start: int) -> bool:
    """Does a date at ``start`` open the brackets after the name of a stage (动员部署阶段（, 一、动员部署（) or of a
    season (汛期（)?"""
    if _STAGE_BEFORE.search(text, max(0, start - 8), start):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return start - line_start <= 18 and _STEP_LABEL_LINE.fullmatch(text, line_start, start) is not None
# a step of a schedule named by a short label and a colon: 初评：3月下旬至4月上旬, 个人申报：6月1日至6月30日 (probes31 h01, h04)
# (not 时间：/日期：/会期：, which time an event: _EVENT_BEFORE)
_STEP_LABEL_BEFORE = compile_re(rf"(?:^|[\n。；;，,])\s{{0,2}}{_ITEM_LABEL}?[\u4e00-\u9fff]{{2,6}}(?<!时间)(?<!日期)(?<!会期)"
                                r"\s{0,2}[:：]\s{0,2}$")
# a season or term of the year named, not the year's end (为确保2024年秋季学期…, probes27 h07)
_SEASON_AFTER = compile_re(r"^\s{0,2}(?:春季|夏季|秋季|冬季|春节|寒假|暑假|学期|上学期|下学期|高考|中考)")
# a day's name in brackets after it: （除夕）, （星期五）, （正月初一）
_DAY_LABEL_RE = compile_re(r"\s{0,2}[(（][^()（）\n]{1,6}[)）]")
# nothing before a date in its clause but an item's label (一、6月中旬，…), and a field's label before it (生效时间: …)
_LABEL_ONLY = compile_re(rf"\s{{0,2}}{_ITEM_LABEL}?")
_LABELLED_BEFORE = compile_re(r"[:：]\s{0,2}$")
_STEP_WINDOW_BEFORE = compile_re(r"(?<![已定])于\s{0,2}$")  # (定于 names an event: 定于9月14日至20日集中开展…活动)
# the day a meeting was held, opening a 会议纪要 (probes26 t12: 2024年4月12日下午，副市长刘卫东在市政府7楼第3会议室
# 主持召开专题会议): its half day, a comma, who 主持召开/召开 a 会议 in the same clause
_MEETING_AFTER = compile_re(r"^\s{0,2}(?:上午|下午|晚上)?\s{0,2}[，,][^。；;，,]{0,30}?(?:主持)?(?:召开|举行)[^。；;，,]{0,12}?会议")
# a year named relative to the notice's: 于次年1月底前 is the next year's
_RELATIVE_YEAR = {"次年": 1, "明年": 1, "翌年": 1, "下一年": 1, "下年": 1, "上年": -1, "去年": -1, "上一年": -1}
_RELATIVE_YEAR_RE = compile_re("(?:" + "|".join(sorted(_RELATIVE_YEAR, key=len, reverse=True)) + r")(?:度)?\s{0,2}$")
_EFFECTIVE_AFTER = compile_re(rf"^{_S}(?:起|开始)(?!{_S}至)")
_EFFECTIVE_RELATIVE = compile_re(r"自(?:本(?:办法|通知|规定|决定|细则|意见|方案))?\s{0,2}(?:印发|公布|发布|颁布|批复|下发|发文|施行)之日起"
                                 r"(?P<to>至)?(?:施行|实施|执行|生效|试行)?")
_PERIOD_END_BEFORE = compile_re(r"(?:之日|即日|今日|现在)起\s{0,2}(?:至|到)\s{0,2}$")  # 报送时间：即日起至2020年12月31日
_EXPIRY_BEFORE = compile_re(r"有效期(?:至|到|截至)\s{0,2}$")
_EXPIRY_AFTER = compile_re(rf"^{_S}(?:起)?{_S}(?:失效|废止|停止执行|停止施行)")
_DEADLINE_AFTER = compile_re(rf"^{_S}(?:[(（]含[)）]{_S})?(?:之|以)?(?:前(?!后)|为止)")  # not 5月30日前后 (about then)
# 截止 (a deadline), not 截至 (as of: 截至2019年底，全省共有… reports a fact)
_DEADLINE_BEFORE = compile_re(r"(?:截止|截稿)(?:日期|时间)?\s{0,2}(?:为|是|[:：])?\s{0,2}$|(?:不迟于|不得晚于|不晚于|最迟(?:于|在)?|最晚)\s{0,2}$")  # 不得晚于4月20日17:00 (probes30 t12)
# not 截至 (as of: 截至2020年底，全省共有学会100个 reports a fact)
_TARGET_BEFORE = compile_re(r"(?:到|(?<!截)至|力争|争取|确保|计划|预计|力争在|争取在|确保在|到了)\s{0,2}(?:在\s{0,2})?$")
_META_EFFECTIVE = compile_re(r"(?:生效日期|施行日期|实施日期|生效时间|施行时间|实施时间)\s{0,2}[:：]?\s{0,3}$")
_META_EXPIRY = compile_re(r"(?:失效日期|废止日期|失效时间|废止时间|有效期至)\s{0,2}[:：]?\s{0,3}$")
_RECURRING_DAY = compile_re(rf"每(?:个)?月{_S}(?:{_MD}){_S}[日号](?P<before>{_S}(?:之|以)?前)?")
# a weekly day, with its hour or 前: 每周五下午5点前 (probes26 h02), 每周五前汇总 (t14); a day of a quarter's month:
# 每季度结束后第一个月15日前 (t08). No calendar day; the hour is the date's time
_RECURRING_WEEKLY = compile_re(r"每(?:周|星期|个星期)[一二三四五六日天]|每(?:日|天)(?=\s{0,2}(?:上午|下午|晚上)?\s{0,2}\d)")  # 每日8时前 (probes29)
_RECURRING_QUARTER = compile_re(rf"每(?:个)?季度(?:结束后|终了后|末月|首月|末|初)?(?:的)?(?:第[一二三1-3]个月)?(?:的)?{_S}(?:{_MD}){_S}[日号]")
# a time limit counted from the end of each period: 每季度结束后10日内报送 (probes37 t08, t11)
_RECURRING_AFTER_END = compile_re(rf"每(?:个)?(?:年度?|半年|季度|季|月)(?:结束|终了)后{_S}(?:[\d一二三四五六七八九十两]{{1,3}}){_S}个?{_S}"
                                  r"(?:工作日|日|天|月)内")
_BEFORE_RE = compile_re(rf"{_S}(?:之|以)?前")
_FORWARD = compile_re(r"拟|将|应|须|需|要|(?<![申邀提])请|按照|务必|必须")  # not the 请 of 申请 (corpus-dev 022: 审批申请作出了审批决定)
_SENTENCE_END = compile_re(r"[。；;！？!?\n]")
_HOLIDAY = "放假"
_NEAR = 60  # characters on each side of a date in which its cue is looked for


@dataclass
class _Date:
    start: int
    end: int
    date: str | None  # the day, YYYY-MM-DD
    year_written: bool
    full: bool  # a day with its month (sets the year of later dates)
    resolved: str | None
    date_from: str | None = None


# a title line ending in a document type and its span of years in brackets: …实施方案(2021—2025年)
_TITLED_SPAN_RE = compile_re(rf"\s*[^。，,；;：:\n]{{4,80}}?(?:{DOC_TYPE_ALT})\s*(?P<span>[(（][^()（）\n]{{2,20}}[)）])\s*(?:\n|$)")
_MONTH_AFTER_RANGE = compile_re(rf"(?:(?P<y>{_Y}){_S}年{_S})?(?P<m>{_MD}){_S}月(?!{_S}(?:{_MD}){_S}[日号])(?:{_S}(?:底|末))?")
_YEAR_BEFORE_RANGE = compile_re(rf"(?P<ya>(?:19|20)\d{{2}}){_S}年?{_S}(?:—|–|－|-|~|～|至|到){_S}$")


def _month_range(text: str, m: re.Match[str], r: re.Match[str], hi: int, first: str) -> tuple[int, int, str, str] | None:
    """(start, end, first day, last day) of 2023年12月至2024年3月 or 2024年3月—4月 (or 6月至9月, in the year of
    ``first``, the day the first month resolved to); None when no month follows."""
    m2 = _MONTH_AFTER_RANGE.match(text, r.end(), hi)
    if m2 is None:
        return None
    if m.group("m6"):
        y1, mo1 = int(first[:4]), parse_cn_int(m.group("m6"))
    else:
        y1, mo1 = parse_cn_int(m.group("y3")), parse_cn_int(m.group("m3"))
    y2 = parse_cn_int(m2.group("y")) if m2.group("y") else y1
    first, last = _day(y1, mo1, 1), _day(y2, parse_cn_int(m2.group("m")), None)
    if first is None or last is None or last < first:
        return None
    return m.start(), m2.end(), first, last


_XUN_FIRST = {"上": "01", "中": "11", "下": "21"}
_XUN_LAST = {"上": 10, "中": 20}
# the end of a range that opened with a 旬: 2月上旬, 次年1月下旬, 4月底, 4月10日
_XUN_AFTER_RANGE = compile_re(rf"(?P<next>次年{_S})?(?:(?:(?P<y>{_Y}){_S}年{_S})?(?P<m>{_MD}){_S}月{_S})?(?:(?P<xun>[上中下])旬|(?P<mend>底|末)|(?P<d>{_MD}){_S}[日号])")


def _xun_range(text: str, m: re.Match[str], d: _Date, r: re.Match[str], hi: int) -> tuple[str, str, int] | None:
    """(first day, last day, end) of a range opened by a 旬 (3月中旬至4月上旬), or None when none follows."""
    m2 = _XUN_AFTER_RANGE.match(text, r.end(), hi)
    if m2 is None or d.date is None:
        return None
    y, mo1 = int(d.date[:4]), int(d.date[5:7])
    if m2.group("m") is None and not m2.group("xun"):
        return None  # a bare 10日 after 至 is read by the day's own range rule
    mo2 = parse_cn_int(m2.group("m")) if m2.group("m") else mo1  # 9月中旬至下旬 (probes31 t08): the same month
    if m2.group("y"):
        y = parse_cn_int(m2.group("y"))
    elif m2.group("next") or mo2 < mo1:
        y += 1  # 11月下旬至次年2月上旬
    day = parse_cn_int(m2.group("d")) if m2.group("d") else _XUN_LAST.get(m2.group("xun") or "")
    first, last = d.date[:8] + _XUN_FIRST[m.group("xun")], _day(y, mo2, day)
    return (first, last, m2.end()) if last and last >= first else None


def _day(y: int, m: int, d: int | None) -> str | None:
    if not 1 <= m <= 12:
        return None
    last = calendar.monthrange(y, m)[1]
    d = last if d is None else d
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= d <= last else None


def _resolve(m: re.Match[str], year: int | None, how: str, after: str | None = None) -> _Date | None:
    """The day a match names, with ``year`` (and how it was found) where it writes none; with
    ``after`` (YYYY-MM-DD), the year of that day, or the next where the day would come more than
    half a year before it (after 2018年12月29日, 2月4日 is 2019's; after 2019年10月10日, 10月9日 is 2019's)."""
    g = m.groupdict()
    if g["iy"]:
        d = _day(int(g["iy"]), int(g["im"]), int(g["id"]))
        return _Date(m.start(), m.end(), d, True, True, "text") if d else None
    if g["y2"]:
        y = parse_cn_int(g["y2"])
        if g["yend"] in ("底", "末", "年底") or g["yend"] is None:
            return _Date(m.start(), m.end(), f"{y:04d}-12-31", True, False, "year_end")
        return None  # 2020年度: a year of accounts, not a day
    if g["yh"]:  # 2021年上半年: 6月30日; 下半年: 12月31日
        y = parse_cn_int(g["yh"])
        return _Date(m.start(), m.end(), f"{y:04d}-{'06-30' if g['half'] == '上' else '12-31'}", True, False, "month_end")
    if g["yq"]:  # 2021年第一季度末: the quarter's last day
        y, mo = parse_cn_int(g["yq"]), 3 * parse_cn_int(g["q"])
        d = _day(y, mo, None)
        return _Date(m.start(), m.end(), d, True, False, "month_end") if d else None
    if g["y3"]:  # 2022年9月举办: a month, its last day
        y, mo = parse_cn_int(g["y3"]), parse_cn_int(g["m3"])
        d = _day(y, mo, None)
        return _Date(m.start(), m.end(), d, True, False, "month_end") if d else None
    if g["m6"]:  # the first month of 6月至9月, in the year of the date before it or of the notice
        y = int(after[:4]) if after is not None else year
        if y is None:
            return None
        d = _day(y, parse_cn_int(g["m6"]), None)
        return _Date(m.start(), m.end(), d, False, False, how) if d else None
    written = g["y"] is not None
    mo = parse_cn_int(g["m"])
    if written:
        y = parse_cn_int(g["y"])
    elif after is not None:  # the context's year, or the next when that would put it half a year before
        y = int(after[:4])
        back = (int(after[5:7]) - mo) * 31 + int(after[8:10]) - (parse_cn_int(g["d"]) if g["d"] else 31)
        y += back > 183
    elif year is not None:
        y = year
    else:
        return None
    if g["mend"] or g["xun"]:  # a month's end, or the end of its first, middle or last ten days (上旬: the 10th)
        d = _day(y, mo, {"上": 10, "中": 20}.get(g["xun"] or ""))
        resolved = "month_end"
    else:
        d = _day(y, mo, parse_cn_int(g["d"]))
        resolved = "text" if written else how
    return _Date(m.start(), m.end(), d, written, bool(g["d"]), resolved) if d else None


def _time(text: str, end: int) -> tuple[str | None, int]:
    t = _TIME_RE.match(text, end)
    # a bare hour is a time when a bound follows it: 1月10日(星期日)12时前 (written for the tests)
    if not t or (t.group("mi") is None and not t.group("half") and not _HOUR_BOUND_RE.match(text, t.end())):
        return None, end
    h = int(t.group("h"))
    if t.group("half") in ("下午", "晚上") and h < 12:
        h += 12
    return (f"{h:02d}:{t.group('mi') or '00'}" if h < 24 else None), t.end()


class _Where:
    """The clause, section and requirement holding an offset."""

    def __init__(self, clauses: list[Clause], requirements: list[Requirement]) -> None:
        self.clauses = sorted(clauses, key=lambda c: c.span[0])
        self.starts = [c.span[0] for c in self.clauses]
        self.reqs = sorted(requirements, key=lambda r: r.span[0])
        self.req_starts = [r.span[0] for r in self.reqs]

    def section(self, p: int) -> str | None:
        k = bisect_right(self.starts, p) - 1
        return self.clauses[k].section if k >= 0 and p < self.clauses[k].span[1] else None

    def requirement(self, p: int) -> str | None:
        k = bisect_right(self.req_starts, p) - 1
        return self.reqs[k].id if k >= 0 and p < self.reqs[k].span[1] else None


def _kind(before: str, after: str, after_time: str, sentence: str, is_range: bool, full: bool, is_meta: bool,
          bulletin: bool, year_only: bool = False, staged: bool = False) -> tuple[str, str, int] | None:
    """(kind, comparator, how many characters after the date the phrase takes; for recurring, where
    its 每 starts in ``before``) of a date between ``before`` and ``after`` in its sentence, or None."""
    if bulletin:
        return None  # a statistical bulletin reports what was (截至2022年末，…; 数据从2022年7月起改为…口径), it sets nothing
    # a label row of the page, in its metadata table or its text: 生效日期 / 失效日期 (corpus-dev 015),
    # 实施日期:2001-8-1 (052), 废止时间: 2020-01-23 (048)
    if _META_EFFECTIVE.search(before):
        return "effective", ">=", 0
    if _META_EXPIRY.search(before):
        return "expiry", "<=", 0
    if is_meta:
        return None
    if (b := _BOUND_AFTER.match(after)) is not None:
        return "date_bound", ">=" if b.group("w") in ("以后", "之后") else "<=", b.end()
    if is_range and (b := _BORN_WITHIN_AFTER.match(after)) is not None:
        return "date_bound", "range", b.end()  # 1988年5月1日至2006年5月1日期间出生 (written for the tests: a 招聘公告)
    if (rec := _RECURRING_BEFORE.search(before)) is not None:
        # 每年1月31日前: due by that day each year (a helper's probe; gold README: 每月25日前 is <=)
        return "recurring", "<=" if _DEADLINE_AFTER.match(after_time) else "==", rec.start()
    if "上班" in sentence and _WEEKDAY_AFTER.match(after):
        return "workday", "==", 0
    if _HOLIDAY in sentence and (is_range or _HOLIDAY in after[:8]):
        return "holiday", "range" if is_range else "==", 0
    # … and a range 从 opens (防火期从2024年10月1日到2025年4月30日), or one 于 puts a step in (企业于2024年4月15日至5月6日
    # 登录…填报, not 已于…: done; probes27 t14, h03)
    if is_range and (_PERIOD_CONTEXT.search(sentence) or before.rstrip().endswith(("自", "从")) or _NAMED_PERIOD_AFTER.match(after)
                     or _STEP_LABEL_BEFORE.search(before)
                     or (_DECIDED_BEFORE.search(before) and _CAMPAIGN_AFTER.match(after_time))
                     or staged or (_STEP_WINDOW_BEFORE.search(before) and not _EVENT_AFTER.match(after_time))):
        # 自…起至…止: a period by its words; and a range a sentence names: 2022年10月1日至2023年4月30日为全县森林
        # 防火期 (a helper's probe)
        return "period", "range", 0
    if _EXPIRY_BEFORE.search(before) or _EXPIRY_AFTER.match(after):
        return "expiry", "<=", 0
    if _PERIOD_END_BEFORE.search(before):
        return "period_end", "<=", 0
    if not is_range and (eff := _EFFECTIVE_AFTER.match(after)) is not None:
        return "effective", ">=", eff.end()
    if (dl := _DEADLINE_AFTER.match(after_time)) is not None:
        return "deadline", "<=", len(after) - len(after_time) + dl.end()  # before the event words: 6月30日前召开换届大会 is due by then
    if _DEADLINE_BEFORE.search(before):
        return "deadline", "<=", 0  # 截止日期：… (before 日期： of an event)
    if (_EVENT_BEFORE.search(before) or _EVENT_AFTER.match(after_time) or (not is_range and _SCHEDULED_BEFORE.search(before))
            or (not is_range and _STEP_WINDOW_BEFORE.search(before) and _ANNOUNCED_AFTER.match(after_time))
            or (full and not is_range and _MEETING_AFTER.match(after))) and not year_only:
        return "event", "range" if is_range else "==", 0  # not 2022年是党的二十大召开之年: an event has its month
    if not full and _TARGET_BEFORE.search(before) and not _SEASON_AFTER.match(after):  # not 确保2024年秋季学期顺利开学
        return "deadline", "<=", 0  # 到2020年末，…建成; 力争2020年底
    if not is_range and not year_only and _LABEL_ONLY.fullmatch(before) and after.lstrip().startswith(("，", ",")) \
            and _FORWARD.search(sentence):
        # 6月中旬，各县（市、区）要开展集中宣传咨询活动 (probes39 t07): the day or the ten days a step is set for, opening its clause
        return "event", "==", 0
    if is_range and _FORWARD.search(sentence):
        # 拟于9月4日-5日反馈获推名单 (corpus-dev 070): the days a step takes; not what was done in a past
        # range (2020年2月1日－2020年2月29日我市…作出了审批决定, 022)
        return "period", "range", 0
    return None


_YEAR_IN = compile_re(r"(?:19|20)\d{2}")


def document_year(metadata: Metadata) -> int | None:
    """The year a date without one falls back on: the notice's date, else the site's posting date,
    the year of its 发文字号 (新质监办发〔2012〕24号, corpus-dev 021) or of its title."""
    for f in (metadata.date, metadata.posted, metadata.doc_number, metadata.title):
        value = getattr(f, "value", None)
        m = _YEAR_IN.search(value) if isinstance(value, str) else None
        if m:
            return int(m.group(0))
    return None


_WORK_YEAR_RE = compile_re(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")


def _working_year(text: str, body: list[tuple[int, int]], skip: list[tuple[int, int]]) -> int | None:
    """The year a notice with no date, 发文字号 or dated title works in: the latest year its body names
    alone (2024年度, 2024年), outside citations. Corpus-dev 070 is a university's forward cut from its
    page: 组织开展2024年度山东省青年科技人才托举工程推荐工作 … 报送截止日期:9月3日 is 2024's."""
    years = [int(m.group(1)) for a, b in body for m in _WORK_YEAR_RE.finditer(text, a, b)
             if not any(s <= m.start() < e for s, e in skip)]
    return max(years) if years else None


def _occurrences(text: str, needle: str) -> list[int]:
    out, k = [], text.find(needle)
    while k >= 0:
        out.append(k)
        k = text.find(needle, k + 1)
    return out


# the 版记's 印发 date: 广州市人民政府办公厅 2021年4月16日印发 (corpus-dev 018)
_PRINTED_ON_RE = compile_re(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*印发")
_ON_ISSUE_RE = compile_re(r"(?:印发|下发|发文)之日起")


def _resolve_on_issue(text: str, found: list[tuple[int, int, dict]], meta: list[tuple[int, int]]) -> None:
    """自印发之日起施行 given its day when the notice says the day it was printed (its 版记: …2021年4月16日
    印发); a 生效日期/实施日期 row of the page's metadata table on that day is then the same fact and goes
    (corpus-dev 018's gold). Without a printed day it stays unknown and the row stays apart (015's gold)."""
    relative = [f for f in found if f[2].get("kind") == "effective" and f[2].get("date") is None and _ON_ISSUE_RE.search(text, f[0], f[1])]
    printed = list(_PRINTED_ON_RE.finditer(text)) if len(relative) == 1 else []
    day = _day(int(printed[-1]["y"]), int(printed[-1]["m"]), int(printed[-1]["d"])) if printed else None
    if day is None:
        return
    relative[0][2].update(date=day, resolved_from="print_date")
    found[:] = [f for f in found if not (f[2].get("kind") == "effective" and f[2].get("date") == day and f is not relative[0]
                                         and any(a <= f[0] < b for a, b in meta))]


def find_dates(doc_id: str, aligned: AlignedText, layers: list[Mark], clauses: list[Clause], requirements: list[Requirement],
               metadata: Metadata, skip: list[tuple[int, int]], bulletin: bool) -> list[DateRule]:
    """The dates the body's rules set (module docstring: the cues), in text order; ``skip`` holds
    the citations' spans."""
    text = aligned.text
    body = sorted((m.start, m.end) for m in layers if m.kind == "body")
    meta = sorted((m.start, m.end) for m in layers if m.kind == "meta")
    skip = sorted(skip)
    skip_starts = [s for s, _ in skip]
    where = _Where(clauses, requirements)
    doc_year = document_year(metadata)
    signed = metadata.date.value if metadata.date and isinstance(metadata.date.value, str) and len(metadata.date.value) == 10 else None
    year_from: str = "document_date"
    if doc_year is None:
        doc_year = _working_year(text, body, skip)
        year_from = "body_year"
    # the title names what the notice is about (海口市水务局关于2020年2月1日—2020年2月29日生产建设项目…的公告,
    # corpus-dev 022): a date there is no rule, on whichever line the title stands
    title = metadata.title.value if metadata.title and isinstance(metadata.title.value, str) else None
    title_at = metadata.title.span[0] if title and metadata.title and metadata.title.span else None
    title_line_at = text.rfind("\n", 0, title_at) + 1 if title_at is not None else None  # dates above it: a headline's
    found: list[tuple[int, int, dict]] = []
    context: str | None = None  # the last full date of a rule, as written or completed from the one before

    def in_skip(p: int) -> bool:
        k = bisect_right(skip_starts, p) - 1
        return k >= 0 and p < skip[k][1]

    def add(s: int, e: int, **fields: object) -> None:
        found.append((s, e, fields))

    meta_set = set(meta)
    for lo, hi in sorted(body + meta):
        is_meta = (lo, hi) in meta_set
        stops = [x.end() for x in _SENTENCE_END.finditer(text, lo, hi)]  # sentence starts, found once (linear)
        pos = lo
        while True:
            m = _DATE_RE.search(text, pos, hi)
            if m is None:
                break
            pos = m.end()
            if in_skip(m.start()):
                continue
            if not is_meta and title_line_at is not None and m.start() < title_line_at \
                    and not _LABELLED_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                # above the title's line: a media headline's copy (…通告，11月1日起施行, probes37 h06), no rule; a field of
                # the page's metadata printed there stays (生效时间: 2019-01-23, corpus-dev 048)
                continue
            if title and len(title) >= 8:
                ls = text.rfind("\n", 0, m.start()) + 1
                le = text.find("\n", m.end())
                line = text[ls:le if le >= 0 else len(text)]
                # the paragraph the title itself runs into (a page pasted as one paragraph, corpus-dev 043
                # joined): only the title's own characters; a line quoting it (030: 《…》是为了…) as before
                runs_on = title_at is not None and ls <= title_at < ls + len(line) and len(line) > len(title) + 60
                if title in line and (not runs_on or any(ls + k <= m.start() < ls + k + len(title) for k in _occurrences(line, title))):
                    continue
            if context is not None:
                d = _resolve(m, None, "context_year", after=context)
                if d is not None and signed and not d.year_written and d.date and d.date[:4] > context[:4] \
                        and (own := _day(int(signed[:4]), int(d.date[5:7]), int(d.date[8:10]))) and own >= signed:
                    # 注册有效期将于2026年12月31日前届满 … 即日起至5月15日 in a notice of 2026-04-20 (probes32 h02): a day
                    # still ahead in the notice's own year is that year's, not the year after a later date's
                    d.date, d.resolved = own, "document_date"
            else:
                d = _resolve(m, doc_year, year_from)
            if d is None:
                continue
            if d.date and not d.year_written and context is None and (rel := _RELATIVE_YEAR_RE.search(text, max(lo, d.start - 4), d.start)):
                shifted = _day(int(d.date[:4]) + _RELATIVE_YEAR[rel.group().rstrip("度 　")], int(d.date[5:7]), int(d.date[8:10]))
                if shifted is None:
                    continue
                d.date = shifted
            # a range: 1月1日至3日, 2020年3月1日－2020年3月31日, 10月1日至7日
            end, date_from = d.end, None
            r = _RANGE_SEP.match(text, d.end, hi)
            if r is None and d.full:
                # 2024年6月3日9:00至6月7日17:00, 1月28日（除夕）18时至1月29日（正月初一）2时 (probes28 h02, t12): a
                # day's label and its hour between the first day and 至
                k = (lab.end() if (lab := _DAY_LABEL_RE.match(text, d.end, hi)) else d.end)
                t = _TIME_RE.match(text, k, hi)
                r = _RANGE_SEP.match(text, t.end(), hi) if t else (_RANGE_SEP.match(text, k, hi) if lab else None)
            # a range of months or of years: 2023年12月至2024年3月, 2024年3月—4月; 2024—2026年 (written for the
            # tests: an activity's and a plan's spans), from the first day of the first to the last of the second
            span = _month_range(text, m, r, hi, d.date) if r and (m.group("y3") or m.group("m6")) and d.date else None
            if span is None and m.group("y2") and not m.group("yend") and (ya := _YEAR_BEFORE_RANGE.search(text, max(lo, m.start() - 12), m.start())):
                y_from, y_to = parse_cn_int(ya.group("ya")), parse_cn_int(m.group("y2"))
                span = (ya.start(), m.end(), f"{y_from:04d}-01-01", f"{y_to:04d}-12-31") if y_from < y_to else None
            if span is not None:
                s_, e_, date_from, last = span
                d = _Date(s_, e_, last, True, False, d.resolved, date_from)
                end, r, pos = e_, None, max(pos, e_)
            if r and m.group("xun") and d.date and (x := _xun_range(text, m, d, r, hi)) is not None:
                # 2026年1月中旬至2月上旬, （3月中旬至4月上旬） (probes30 h01, t07: a 方案's stages in 旬): from the first
                # day of the first 旬 to the last of the second, the year carried across 至
                date_from, last, end = x
                d = _Date(d.start, end, last, d.year_written, True, d.resolved, date_from)
                r, pos = None, max(pos, end)
            if r is None and d.full and d.date and text.startswith("、", d.end) and (k2 := _DAY_ONLY.match(text, d.end + 1, hi)):
                # 定于6月13日、14日举行 (probes30 t12, an exam's two days): two days that follow each other are the event's span
                day2 = _day(int(d.date[:4]), int(d.date[5:7]), parse_cn_int(k2.group("d")))
                if day2 is not None and int(day2[8:]) == int(d.date[8:]) + 1:
                    date_from, end = d.date, k2.end()
                    d = _Date(d.start, end, day2, d.year_written, True, d.resolved, d.date)
                    pos = max(pos, end)
            if r and d.full:
                # 12月1日至次年3月31日 (a helper's probe): the range's end in the next year
                nxt_year = _NEXT_YEAR_RE.match(text, r.end(), hi)
                m2 = _DATE_RE.match(text, nxt_year.end() if nxt_year else r.end(), hi)
                d2 = _resolve(m2, int(d.date[:4]) + (1 if nxt_year else 0), "text") if m2 else None
                if d2 is None:
                    k = _DAY_ONLY.match(text, r.end(), hi)
                    if k:
                        day = _day(int(d.date[:4]), int(d.date[5:7]), parse_cn_int(k.group("d")))
                        d2 = _Date(k.start(), k.end(), day, False, True, "text") if day else None
                if d2 is not None and d2.date and d2.date >= d.date:
                    date_from, end = d.date, d2.end
                    d = _Date(d.start, d2.end, d2.date, d.year_written, True, d.resolved, d.date)
                    pos = end
            if m.group("xun") and date_from is None and d.date and not _BEFORE_RE.match(text, end, hi) \
                    and (_STEP_WINDOW_BEFORE.search(text, max(lo, d.start - 3), d.start)
                         or _staged(text, d.start)) \
                    and not _SCHEDULED_BEFORE.search(text, max(lo, d.start - 24), d.start):  # 将于…: an event, below
                # 要于5月下旬开展, 第一批于5月下旬入库 (probes31 t10, t12): the ten days a step takes; so are a stage's
                # (准备阶段（3月上旬）, probes34 t07)
                date_from = d.date[:8] + _XUN_FIRST[m.group("xun")]
            if m.group("y3") and date_from is None and d.date and _staged(text, d.start):
                # 总结评估阶段（2026年12月） (probes31 t07): a stage of a month is the month
                date_from = d.date[:8] + "01"
            tl = _TITLED_SPAN_RE.match(text, text.rfind("\n", 0, d.start) + 1) if d.start and text[d.start - 1] in "(（" else None
            if tl is not None and tl.start("span") < d.start < tl.end("span"):
                continue  # a part's title and its years: 南昌市…实施方案(2021—2025年) (corpus-dev 045's attachment), no rule
            wk = _WEEKDAY_AFTER.match(text, end, hi)
            time, t_end = _time(text, wk.end() if wk else end)
            # the sentence around it
            k = bisect_right(stops, d.start) - 1
            s0 = stops[k] if k >= 0 else lo
            k = bisect_right(stops, end)  # the first sentence end at or after the date's end
            s1 = stops[k] - 1 if k < len(stops) else hi
            # the words around the date, within its sentence and at most _NEAR characters away: a cue is
            # near its date, and a bounded window keeps a paragraph of many dates linear
            s0, s1 = max(s0, d.start - _NEAR), min(s1, end + _NEAR)
            before, after, sentence = text[s0:d.start], text[end:s1], text[s0:s1]
            if not before.strip() and (nl := text.rfind("\n", lo, d.start)) > lo and not text[nl:d.start].strip() and (th := _TIME_HEADING.match(
                    text, text.rfind("\n", lo, nl) + 1, nl)):
                # the date alone under a 时间 heading: (一)时间。 / 2022年5月21—28日 (corpus-dev 068) times an event, as
                # 会议时间 does; 禁渔时间 / 2026年3月1日0时至6月30日24时 is a window (probes36 t05), read as 禁渔时间：…
                before = th.group("what") + "："
                sentence = before + sentence
            elif not before.strip() and (th := _TIME_HEADING.match(text, text.rfind("\n", 0, d.start) + 1, d.start)):
                # … or run in before it on its line: 一、普查时间。9月中旬至11月上旬，11月10日前… (probes39 t12)
                before = th.group("what") + "："
                sentence = before + sentence
            fields = dict(date=d.date, date_from=date_from, time=time, resolved_from=d.resolved)
            kind = _kind(before, after, text[t_end:max(t_end, s1)] if t_end > end or wk else after, sentence, date_from is not None, d.full,
                         is_meta, bulletin, year_only=d.resolved == "year_end", staged=_staged(text, d.start))
            if kind is None:
                continue
            # a rule's full date sets the year of those after it (not a past date), and so does a date that
            # took its year so: after 2018年12月29日, 2月4日 is 2019's and so are 9月13日 and 10月1日 after it
            # (corpus 09, the 2019 holidays: 中秋 and 国庆 were 2018's when only written years counted)
            # A date of birth bounds who may apply, it is no day of the notice's running year (年龄不超过40周岁
            # (1983年1月1日及以后出生) … 请于9月15日前: 9月15日 stays the notice's year; written for the tests)
            # Nor does the day a notice expires, years ahead (有效期至2026年12月31日 … 请于3月底前: 3月底 is the
            # notice's, not 2027's; written for the tests: a 大赛 notice)
            # Nor a day before the notice's own year (2022年12月31日前评定的… in a 2025 notice: who qualifies, not
            # when; 6月30日前 after it is 2025's, not 2023's: probes29 h06)
            if d.full and (d.year_written or d.resolved == "context_year") and kind[0] not in ("date_bound", "expiry") \
                    and not (d.year_written and doc_year is not None and int(d.date[:4]) < doc_year):
                context = d.date
            kind, comparator, extra = kind
            if kind == "recurring":
                fields.update(date=None, date_from=None, resolved_from=None)
                add(s0 + extra, end, kind=kind, comparator=comparator, **fields)
                continue
            if kind == "effective" and d.resolved in ("year_end", "month_end"):
                fields["date"] = d.date[:8] + _XUN_FIRST.get(m.group("xun") or "", "01") if d.resolved == "month_end" \
                    else d.date[:5] + "01-01"  # 自2020年起: its first day; 3月中旬开始: the 11th
            elif m.group("xun") and date_from is None and kind in ("event", "period"):
                # 将于2026年4月下旬举行 (probes30 h03): the ten days, not their last
                fields["date_from"], comparator = d.date[:8] + _XUN_FIRST[m.group("xun")], "range"
            add(d.start, max(end + extra, t_end if kind == "event" else end), kind=kind, comparator=comparator, **fields)
    # 每月25日前, 每年3月31日前: a day that comes back, no calendar day (corpus-dev 018 发放时间为每月25日前)
    for lo, hi in body:
        for m in _RECURRING_DAY.finditer(text, lo, hi):
            if not any(s <= m.start() < e for s, e, _ in found):
                add(m.start(), m.end(), kind="recurring", comparator="<=" if m.group("before") else "==", date=None, date_from=None,
                    time=None, resolved_from=None)
    # 每周五下午5点前, 每季度结束后第一个月15日前: a weekly or quarterly day, by its 前 or its hour (a weekday
    # alone, 每周五召开例会, is a habit the gold does not list)
    for lo, hi in body:
        for rx in (_RECURRING_WEEKLY, _RECURRING_QUARTER):
            for m in rx.finditer(text, lo, hi):
                if any(s <= m.start() < e for s, e, _ in found) or in_skip(m.start()):
                    continue
                time, t_end = _time(text, m.end())
                bound = _BEFORE_RE.match(text, t_end, hi)
                if bound is None and time is None:
                    continue
                add(m.start(), bound.end() if bound else t_end, kind="recurring", comparator="<=" if bound else "==", date=None,
                    date_from=None, time=time, resolved_from=None)
        for m in _RECURRING_AFTER_END.finditer(text, lo, hi):
            if not any(s <= m.start() < e for s, e, _ in found) and not in_skip(m.start()):
                add(m.start(), m.end(), kind="recurring", comparator="<=", date=None, date_from=None, time=None, resolved_from=None)
    # 自印发之日起施行: in force from a day the text does not print
    for lo, hi in body:
        for m in _EFFECTIVE_RELATIVE.finditer(text, lo, hi):
            if not m.group("to") and not in_skip(m.start()):
                add(m.start(), m.end(), kind="effective", comparator=">=", date=None, date_from=None, time=None, resolved_from=None)
    _resolve_on_issue(text, found, meta)
    found.sort(key=lambda f: (f[0], f[1]))
    out = []
    for i, (s, e, fields) in enumerate(found, 1):
        out.append(aligned.build(DateRule, id=f"{doc_id}#d{i}", section=where.section(s), requirement=where.requirement(s),
                                 span=(s, e), text=text[s:e], **fields))
    return out
