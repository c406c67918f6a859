"""Numeric requirements and targets inside sentences.

Works on a *masked* copy of the text: dates, citations, 发文字号, phone numbers, page
counts, grades (5A级), plan names (十三五), anniversaries and the like are blanked out
first (:func:`build_number_mask`), so their digits can never become thresholds. The
quantity spans come from :mod:`extractor.extract.quantities`; this module decides the
comparator, subject, condition and baseline around each.

Seed 000 and 001 motivate most rules: banded conditions (个人会员不足2万人的，理事会人数一般
不超过150人), growth against a baseline (在2016年底的基础上整体增加15%以上), a share
stated for a list (理事会成员的四分之三、常务理事会成员的三分之二应为…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractor.data.vocab import (
    AGE_UNITS, APPROXIMATE_WORDS, COMPARATOR_AFTER, EXTREME_TERMS, COMPARATOR_BEFORE, COUNT_VERBS, EXACT_CUES, EXTRA_MODAL_WORDS,
    BASELINE_WORDS, GROWTH_WORDS, HEDGE_WORDS, MODAL_WORDS, PER_BASES, PER_HEAD, REPORT_TITLE_WORDS, REPORTED_WORDS, REVIEW_HEADINGS, SCOPE_UNITS,
    SCOPE_VERBS, SELF_STRUCTURE_NOUNS, SUBJECT_LEAD_STRIP, TIME_UNITS, UNIT_CANONICAL,
)
from extractor.extract.quantities import NUMERAL_RE, Quantity, find_quantities, has_quantity_start
from extractor.extract.tables import column_of, header_cells, table_line
from extractor.recache import compile_re

MASK = "\x00"


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of literal words, longest first (so 应当 is tried before 应)."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# Numbers that are never thresholds. Each pattern names the trap that motivated it.
NOT_THRESHOLD_PATTERNS: tuple[tuple[str, str], ...] = (
    ("date", r"(?:19|20)\d{2}\s*年\s*(?:\d{1,2}\s*[月\-/.]\s*(?:\d{1,2}\s*[日号]?)?)?(?:底|末|初|上半年|下半年|前|以来)?"
             # 2019-05-10, 2019.5: but not 每人每月1963.5元 (corpus 19), an amount with a decimal
             r"|(?:19|20)\d{2}\s*[\-/.]\s*(?:\d{1,2}(?:\s*[\-/.]\s*\d{1,2}\s*[日号]?)?)?(?![\d元万亿%％个人])(?:底|末|初|前|以来)?"),
    ("month_day", r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}\s*月(?:底|末|份|中旬|上旬|下旬)|每月\s*\d{1,2}\s*[日号]"),  # 每月25日前 (corpus-dev 019)
    # a date in Chinese numerals: 於二〇二三年九月三十日前 is a deadline, not 30 days of lead time (a helper's probe, 繁体)
    ("cn_date", r"(?:[〇零○一二三四五六七八九]{2,4}年)?[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号]"),
    ("clock", r"\d{1,2}:\d{2}(?::\d{2})?"),
    # 每周五下午5点前, 4月10日17时, 17时前 (written for the tests: a 防火 notice): a time of day, no figure
    ("clock_cn", r"(?:(?<=[午上晨日号])|(?<=[午上晨日号]\s))\d{1,2}\s*[点时](?:\s*\d{1,2}\s*分|半|整)?"
                 # 每日8时至22时禁止燃放 (probes31 h06): hours of the day from … to …
                 r"(?:\s*(?:至|到|—|－|-)\s*\d{1,2}\s*[点时](?:\s*\d{1,2}\s*分|半|整)?)?"
                 r"|\d{1,2}\s*[点时](?:\s*\d{1,2}\s*分|半|整)?(?=\s*(?:前|之前|以前))"),
    # 每季度结束后第一个月15日前 (written for the tests: a database export): a day of the month after 个月
    ("day_of_month", r"(?:(?<=个月)|(?<=末月)|(?<=首月)|(?<=次月))\d{1,2}\s*[日号]"),  # 每季度末月20日前 (probes32 t12)
    ("url", r"(?:https?://|www\.)[^\s\u4e00-\u9fff，。；）)]+"),
    ("email", r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,}"),  # bounded: 10^5 × '1.' stays linear
    ("phone", r"(?:\(?0\d{2,3}\)?[-－—\s]?)?\d{7,8}(?:[-－—]\d{1,4})?|(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)12345(?!\d)|(?<!\d)\d{3,4}-\d{5}(?!\d)"),
    ("postcode", r"(?:邮编|邮政编码)[:：]?\s*\d{6}"),
    ("page", r"第\s*\d+\s*页|共\s*\d+\s*页|\d+\s*/\s*\d+\s*页|全文共\s*\d+\s*字|显示\s*\d+\s*字|省略\s*\d+\s*字"),
    ("plan_name", r"[“\"]?[十一二三四五六七八九]{1,2}五[”\"]?(?=规划|时期|期间|计划|”|\")|“[一二三四五六七八九十\d\-+]+”"),
    # a slogan named by its count: “六个百分之百”要求 (probes30 t10, a 扬尘 notice), “两个确保”, “三个一批”
    # … and 百分之百 so counted, quoted or not: 渣土车密闭运输六个百分之百 (probes38 h05)
    ("slogan", r"“[一二三四五六七八九十两]{1,2}个[^”\n]{1,8}”|[一二三四五六七八九十两]{1,2}个百分之百"),
    # the one thing a rate is paid per, after its act: 每免疫1头（只）家畜补助0.5元 (probes38 t12), 每收购1吨
    # (not a bound's: 每户限养1只犬)
    ("per_one", r"每(?:(?![限不超最至仅只])[\u4e00-\u9fff]){1,3}?[1一]\s*(?:头|只|户|家|吨|亩|台|辆|株|羽|尾)(?![\d.])"),
    ("number_chain", r"\d{1,20}(?:-\d{1,20}){2,}"),  # bounded: backtracked over a long digit run from each start  # 1-9-6-1 工作部署
    ("scientific", r"\d+(?:\.\d+)?\s*[×xX]\s*10\d*(?:/[A-Za-z]+)?"),  # 4×109/L in a medical standard (corpus 17)
    ("grade", r"[1-5]\s*A\s*级?"),  # 5A级学会, 3A级以上: a grade, not a count
    ("anniversary", r"[\d一二三四五六七八九十百]+\s*周年"),
    ("ordinal", r"(?<!取得)(?<!获得)(?<!荣获)第\s*[\d一二三四五六七八九十百千]+\s*(?:条|款|项|章|节|号|批|次|届|期|个|名|部分)?"),
    ("counter", r"(?:浏览|阅读|点击|访问)(?:次数|量|数)?[:：]?\s*\d+"),
    # (含6万元) / (含1万元，不含3万元): which end of a band is included, not a limit of its own (corpus 14)
    ("inclusion_note", r"[(（](?:不)?含[^()（）]{0,20}[)）]"),
    ("serial_number", r"(?:索引号|编号|文号|代码|序号)[:：]?\s*[\w\-/]+"),
    ("score", r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]"),
    ("formula", r"[×*xX]\s*100\s*[%％]"),  # 签约居民人数/常住人口数×100% (corpus 02, 13): how a rate is computed  # （0.5分）: the points of an item in a scoring table (issue 12)
    # 附件：促进3岁以下婴幼儿照护服务发展工作部门职责分工, and that title again under a bare 附件 line
    # (corpus-dev 005), at the start of a line: the names of attached documents set nothing
    ("attachment_title", r"(?<![^\n])附\s*件\s*\d{0,2}\s*[:：][^\n]{1,80}|(?<![^\n])附\s*件\s*\d{0,2}\s*[:：]?[ \t]*\n[ \t]*[^\n]{1,60}(?=\n)"),
)
# Every pattern above starts with one of these characters. Checking it first spares the
# regex engine trying 17 alternatives at each of the text's characters (7x faster).
_NOT_THRESHOLD_FIRST = r"\dA-Za-z._%+\-“\"(（第共全显省浏阅点访邮索编文代序每一二三四五六七八九十百千附〇零○两"
# The names document the patterns; as groups they cost a fifth of the scan and nothing reads them (issue 18).
_NOT_THRESHOLD_RE = compile_re(
    f"(?=[{_NOT_THRESHOLD_FIRST}])(?:" + "|".join(f"(?:{rx})" for _, rx in NOT_THRESHOLD_PATTERNS) + ")"
)


def build_number_mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans (citations) and every non-threshold number blanked out.

    >>> m = build_number_mask("于2018年5月10日前，拨打020-12345，培育15-205A级学会", [])
    >>> [q.text for q in find_quantities(m)]
    ['15-20']
    """
    # the union of the spans, then one join of text and blanks (a list of every character of the
    # text, written span by span, cost as much as the pattern's scan; issue 18)
    pieces: list[str] = []
    pos = 0
    for s, e in sorted((s, e) for s, e in spans if s < e):
        if e <= pos:
            continue
        s = max(s, pos)
        pieces.append(text[pos:s])
        pieces.append(MASK * (e - s))
        pos = e
    pieces.append(text[pos:])
    masked = "".join(pieces)
    return _NOT_THRESHOLD_RE.sub(lambda m: MASK * (m.end() - m.start()), masked)


_BEFORE_ALT = "|".join(sorted((re.escape(w) for w, _ in COMPARATOR_BEFORE), key=len, reverse=True))
_AFTER_ALT = "|".join(sorted((re.escape(w) for w, _ in COMPARATOR_AFTER), key=len, reverse=True))
_GROWTH_ALT = "|".join(GROWTH_WORDS)
_BEFORE = dict(COMPARATOR_BEFORE)
_AFTER = dict(COMPARATOR_AFTER)
# comparator (optionally after a growth word), then an optional 有/为 or a base "X的"
_PER_ALT = "|".join(PER_BASES)
_CMP_BEFORE_RE = compile_re(
    # the 每X run between a bound and its figure: 不超过每人每月500元, 不得超过每小时30公里
    # …, and a per-head word: 按不低于人均1元的标准 (written for the tests: a county 科协's 工作要点)
    rf"(?P<growth>{_GROWTH_ALT})?(?P<cmp>{_BEFORE_ALT})(?P<gap>有|为|是|(?:每(?:{_PER_ALT})){{1,2}}|{'|'.join(PER_HEAD)}|(?<=至少|最少|最多|至多|只限)[\u4e00-\u9fff]{{1,10}}|(?<=最高|最低|提前)[\u4e00-\u9fff]{{1,4}})?"
    # (a base may hold a masked year: 不得高于我市2023年城镇非私营单位在岗职工月平均工资的3倍, probes27 h06)
    rf"(?P<base>[^，,；;。：:、]{{1,24}}?的)?$"
)
# 不低于特困人员基本生活供养金20%的标准 (corpus-dev 018): a share of a base written without 的; a bound, not 约, which
# words end in (脱贫人口签约率保持100%, probes37 t08: 签约 made the rate approximate)
_BOUND_BEFORE_ALT = "|".join(sorted((re.escape(w) for w, _ in COMPARATOR_BEFORE if w not in APPROXIMATE_WORDS), key=len, reverse=True))
_CMP_SHARE_BASE_RE = compile_re(rf"(?P<growth>)(?P<cmp>{_BOUND_BEFORE_ALT})(?P<gap>)(?P<base>[^\x00，,；;。：:、\d]{{2,14}})$")
# 不得低于我市最低工资标准2060元 (probes27 h06): an amount bounded as the standard it names
_CMP_STANDARD_BASE_RE = compile_re(rf"(?P<growth>)(?P<cmp>{_BEFORE_ALT})(?P<gap>)(?P<base>[^\x00，,；;。：:、\d]{{2,14}}标准)$")
# terms that open with 最低/最高 and bound nothing (data.vocab.EXTREME_TERMS)
_TERM_AFTER_EXTREME_RE = compile_re("(?:" + "|".join(EXTREME_TERMS) + ")")
# a short label ending where a colon follows: 1．公民具备科学素质的比例
_LABEL_BEFORE_RE = compile_re(r"(?:^|[\s，,；;。:：.．、)）])([\u4e00-\u9fff()（）]{2,20})$")


# an indicator cell with its unit in brackets: 公民具备科学素质的比例（%）, 科普专职人员数（人）
_ROW_UNIT_CELL_RE = compile_re(r"(?:^|\t)(?P<name>[^\t\n]{2,40}?)\s*[(（](?P<unit>%|‰|[\u4e00-\u9fff/]{1,4})[)）]\s*(?=\t)")


def _unit_from_row(text: str, sa: int, at: int, f: Found) -> None:
    """A figure in a table's row with no unit of its own takes the unit its row's indicator cell gives
    in brackets, and that indicator as its subject (a plan's 主要指标 table: 1 | 公民具备科学素质的比例（%） |
    10.56 | ＞15 | 预期性; written for the tests)."""
    row_start = max(sa, text.rfind("\n", 0, at) + 1)
    cells = list(_ROW_UNIT_CELL_RE.finditer(text, row_start, at))
    if cells:
        m = cells[-1]
        f.unit = m.group("unit")
        f.subject = m.group("name").strip()
        f.kind = kind_of(f.unit, f.per, f.comparator_word, False, False, False)


# a column's header with its unit in brackets at its end: 人均年可支配收入（元）, 家庭财产总额（万元）, 面积(平方米)
# (a per of two bases joined by a middle dot: 单科补考费（元/人·科）, 票价上限（元/人·次）, probes39 h02, h04)
_COLUMN_UNIT_RE = compile_re(r"\s*(?P<name>[^\t]{0,30}?)\s*[(（](?P<mag>[万亿])?(?P<unit>%|‰|[\u4e00-\u9fff/·・]{1,6})[)）]\s*")
_BARE_NUMBER_CELL_RE = compile_re(r"\s*[\d.,．]+\s*(?:[—\-~～]\s*[\d.,．]+\s*)?(?:及|或)?(?:以下|以上|以内)?\s*")


def _unit_from_column(text: str, at: int, f: Found) -> None:
    """A bare number alone in a table's cell takes its column's unit from the header, scaled (（万元）: ×10,000 元), the
    header's name as its subject and the row's first cell as its condition (probes29 h02, a Word table of income
    limits: 家庭人口⇥人均年可支配收入（元）⇥家庭财产总额（万元） / 1人户⇥52800以下⇥30以下)."""
    line = table_line(text, at)
    if line is None:
        return
    ls, le = line
    head = header_cells(text, ls)
    if head is None:
        return
    cells = text[ls:le].split("\t")
    i = text.count("\t", ls, at)
    cs = ls + sum(len(c) + 1 for c in cells[:i])
    j = column_of(head, cells, i)
    if j < 0 or not _BARE_NUMBER_CELL_RE.fullmatch(cells[i]) or not (cs <= f.value_span[0] and f.value_span[1] <= cs + len(cells[i])):
        return
    col = _column_unit(head[j])
    if col is None:
        return
    unit, per, scale, name = col
    if scale != 1:
        f.value = f.value * scale if isinstance(f.value, (int, float)) else f.value
        f.value_max = f.value_max * scale if f.value_max is not None else None
    f.unit, f.per = unit, per or f.per
    f.subject = name or f.subject
    f.condition = _row_label(cells, i, j) or f.condition
    f.kind = kind_of(f.unit, f.per, f.comparator_word, False, False, False)
    f.notes.append(f"unit from the column: {head[j].strip()}")


def _column_unit(head: str) -> tuple[str, str | None, int, str] | None:
    """(unit, per, scale, name) a column's header gives in brackets: 家庭财产总额（万元） → (元, None, 10000, 家庭财产总额),
    月最低工资标准（元/月） → (元, 月, 1, 月最低工资标准); None without one, or with 万 of another unit (万人)."""
    m = _COLUMN_UNIT_RE.fullmatch(head)
    if m is None:
        return None
    unit, per = re.sub(r"[·・]", "/", m.group("unit")), None
    if "/" in unit:
        unit, per = unit.split("/", 1)
        if not unit or not per:
            return None
    scale = 1
    if m.group("mag"):
        if unit != "元":
            return None  # 万人, 万吨 read as written would need a unit of their own
        scale = 10_000 if m.group("mag") == "万" else 100_000_000
    return UNIT_CANONICAL.get(unit, unit), per, scale, _clean_subject(m.group("name"))


def _row_label(cells: list[str], i: int, j: int) -> str | None:
    """The row's label (its first cell that is no number: not a 序号) as the condition of a value in a later column."""
    if j <= 0:
        return None
    return next((c.strip() for c in cells[:i] if c.strip() and not _BARE_NUMBER_CELL_RE.fullmatch(c)), None)


_BARE_VALUE_CELL_RE = compile_re(r"\s*(?P<v>\d+(?:\.\d+)?)\s*")


def _table_values(text: str, a: int, b: int, out: list[Found]) -> None:
    """The bare values of a table's row whose column header gives a unit: each the value its row fixes (==),
    with the header's name as subject and the row's label as condition (probes30 h04, a wage table:
    类别⇥月最低工资标准(元/月)⇥…小时最低工资标准(元/小时) / 一类地区⇥2000⇥20.8; the quantity reading sees no unit
    in 2000). A 序号 column names no unit, so its numbers stay out."""
    ls = a
    while ls < b:
        le = text.find("\n", ls, b)
        le = b if le < 0 else le
        line = table_line(text, ls) if text.find("\t", ls, le) >= 0 else None
        head = header_cells(text, line[0]) if line else None
        if line and head:
            cells = text[line[0]:line[1]].split("\t")
            cs = line[0]
            for i, cell in enumerate(cells):
                m = _BARE_VALUE_CELL_RE.fullmatch(cell)
                j = column_of(head, cells, i)
                if m and j >= 0 and a <= cs + m.start("v") < b and (col := _column_unit(head[j])) is not None:
                    vs, ve = cs + m.start("v"), cs + m.end("v")
                    if not any(f.value_span[0] <= vs < f.value_span[1] for f in out):
                        unit, per, scale, name = col
                        raw = float(m.group("v"))
                        value: float | int = int(raw) if raw.is_integer() else raw
                        value = value * scale
                        f = Found((a, b), (vs, ve), value, None, unit, "==", kind_of(unit, per, None, False, False, False),
                                  name or None, condition=_row_label(cells, i, j), per=per)
                        f.notes.append(f"unit from the column: {head[j].strip()}")
                        out.append(f)
                cs += len(cell) + 1
        ls = le + 1
    out.sort(key=lambda f: f.value_span[0])


def _no_term(window: str, m: re.Match[str] | None) -> re.Match[str] | None:
    """``m``, unless its comparator is the 最低/最高 of a term (最低工资标准的80%: no bound)."""
    return None if m and m.group("cmp") in ("最低", "最高") and _TERM_AFTER_EXTREME_RE.match(window, m.end("cmp")) else m


_GROWTH_ONLY_RE = compile_re(rf"(?P<growth>{_GROWTH_ALT})(?P<cmp>)(?P<gap>)(?P<base>)$")
_CMP_AFTER_RE = compile_re(rf"(?:{_AFTER_ALT})")
# 35周岁（含）以下, 5000元（含）以上: the inclusive mark between the figure and its comparator (masked as a note)
_INCLUSIVE_RE = compile_re(r"\s*[(（]\s*含\s*[)）]\s*")
# sub-clauses end at punctuation, and before a bracketed 其中: 推荐名额共有6名(其中…的不少于2名) is a total
# and a share of it (corpus-dev 069), not one condition
# (a colon between digits is a ratio's, 按1:2的比例, and cuts nothing). Runs of plain characters are taken
# whole and only a bracket is checked for 其中: a third less time than a lookahead at every character
_SUBCLAUSE_RE = compile_re(r"(?:[(（]其中)?(?:[^，,；;：:。！？!?\n(（]+|(?![(（]其中)[(（]|(?<=\d)[:：](?=\d))+")
_TIME_FRAME_RE = compile_re(r"^\s*(?:到|至|截至|在)?\s*((?:19|20)\d{2})\s*年(?:底|末)?\s*$")
_BASELINE_RE = compile_re(r"在?([^，,；;在]{1,20}?)的?基础上")
# 比上年增长10%, 较2020年提高5个百分点: the base of a growth, written before it
_COMPARED_RE = compile_re(r"(?:同比|环比|比|较)\s*((?:上年|去年|上一年|上年度|上一年度|前一年|同期|上年同期|(?:19|20)\d{2}\s*年(?:底|末|同期)?)(?:同期)?)\s*$|(同比|环比)\s*$")
# The modal words of data/vocab.py that open or close a subject without being part of it (issue 17 point 5:
# one modal vocabulary): 理事会人数一般不超过150人 → 理事会人数, 确保…比例达到 → 比例. Obligations, soft
# limits and 努力 lead; these and permissions trail, with the verb a quota governs (可推荐1人, 只能登记一个名称,
# corpus-dev 070, 017). Not 请 (申请 ends in it), 负责/主管 (负责人, 主管部门 head a subject) or the
# encouragements that take an object (鼓励/支持…企业 is whom, not a modal on the figure).
_LEAD_MODALS = _alternation(sorted(
    {w for w, m in (*MODAL_WORDS, *EXTRA_MODAL_WORDS) if m in ("obligation", "recommendation")} - {"请", "负责", "主管"} | {"努力"}
))
_TRAIL_MODALS = _alternation(sorted(
    {w for w, m in (*MODAL_WORDS, *EXTRA_MODAL_WORDS) if m in ("obligation", "recommendation", "permission")}
    - {"请", "负责", "主管", "适当放宽"} | {"只能", "能够"}
))
_QUOTA_VERBS = "推荐|申报|担任|登记|享受|补贴"
# the verbs that change a figure to a new value (由2.44万元下降至1.708万元, 由10个增加到15个): what stands
# before them is the status quo, and they end no subject
_CHANGED_TO = ("降到|降至|下降至|下降到|调整为|调整到|提高到|提高至|提升到|提升至|上调至|上调到|下调至|减少到|减少至|增加到|增加至"
               "|增长到|增长至|增至|扩大到|扩大至|上升到|上升至|上涨至")
_LEAD_STRIP = compile_re(rf"^(?:经(?=理事|常务|会员|到会|出席|全体|代表)|{_alternation(SUBJECT_LEAD_STRIP)}|且|和|及|或者|或|使|让|推动|实现|{_LEAD_MODALS}|按照|按|对|由|的)+")
_TRAIL_STRIP = compile_re(
    rf"(?:共|一式|(?<![摘纲概提纪])(?:{_TRAIL_MODALS})(?:{_QUOTA_VERBS})?|只限|控制在|稳定在|保持在|保持|维持在|分别|每个|每家|每项|每所|每名|每位|最长|最短|最多|最少|最高|最低|给予|{_CHANGED_TO}|每人每月"
    r"|每人每年|每月|每年|每人|为|按|整体|总体|(?<!人)均|各|都|将|的|有|占|数量|基本|连续|停止|(?<![存现所实正内外潜自旨])在)+$"
)
_PREDICATE_RE = compile_re(r"(?:应当|应|须|必须|要)?(?:为|是)([^，,；;。、]{2,30})$")
_PREDICATE_REACH = 33  # the longest match of _PREDICATE_RE
_NOUN_AHEAD_RE = compile_re(r"([^，,；;。、\x00]{1,30}?)(?=、|应|须|要|为|是|$)")
_PER_REACH = 24  # how far before a figure its 每X is looked for
# an award's place by its name: 一等奖, 金奖, 优秀奖 (the places a call lists, and the money each carries)
_AWARD_PLACE = r"(?:特等|一等|二等|三等|四等|优秀|金|银|铜|鼓励|入围)奖"
# … and the money a prize or grant carries: 一等奖奖金30万元 (written for the tests: a 实施细则's prizes)
_AMOUNT_CUE = compile_re(r"(?:为|按|给予|发放|补助|补贴|奖励|资助|奖补|标准|调整为|提高到|提高至|每人每月|每人每年|每月|每年|每人"
                         r"|奖金|奖励金|资助金|补助金"
                         # what each party pays into a fund: 个人缴纳40元，医保统筹基金划转60元 (probes38 t11)
                         r"|缴纳|缴费|划转|划拨|拨付|筹集"
                         # what an award's place carries: 一等奖项目10万元，二等奖项目5万元 (probes40 t09)
                         rf"|{_AWARD_PLACE}(?:项目|作品|论文)?)"
                         r"(?:各|均|分别)?\s*$")  # 奖金各5000元 (probes40 t07): each place's
# 给予每个5万元经费支持 (probes27 t13): the unit an amount is given for, between the cue and the amount
_EACH_END_RE = compile_re(r"每(?:个|家|项|所|名|位|人|户|次|台|套)$")
# 公示期为2024年7月8日至7月12日（5个工作日） (written for the tests: a 名单公示): the length of the period its
# dates (masked) give, in brackets after them
_PERIOD_LENGTH_RE = compile_re(r"(?P<cue>公示期|公示时间|公告期|征求意见时间|征求意见期|受理时间|申报时间|报名时间|期限)(?:为|是|:|：)?"
                               r"\s*\x00[\x00\s至到—\-~－]*$")
_OBLIGATION_RE = compile_re(r"应|须|必须|要|确保")
_EXTENT_UNITS = frozenset({"平方米", "平方公里", "公顷", "亩", "米", "千米", "公里"})
# a fee or payment right after an amount: 120元会费, 200元的报名费
_AMOUNT_NOUN_AFTER_RE = compile_re(r"的?(?:会费|报名费|培训费|注册费|资料费|参会费|会务费|评审费|奖金|补贴|补助金|资助金|奖励金|罚款)")  # 处200元罚款 (probes29)
# a list of values after its cue: 奖励标准为：一等奖10万元，二等奖5万元，三等奖2万元; 补助标准如下：省级50万元、
# 市级20万元. Each item is a label and its value, fixed by the rule
# …, and a fee's label: 注册费：会员1800元/人，非会员2000元/人 (written for the tests: a society's 年会 notice)
_LIST_CUE_RE = compile_re(r"(?:标准|金额|额度|数额|名额|比例|[\u4e00-\u9fff]{0,3}费(?:用)?(?:标准)?)(?:分别)?(?:为|是|如下)?\s*[:：]")
_LIST_ITEM_RE = compile_re(r"[，,；;、：:\s]*(?P<label>[\u4e00-\u9fff()（）]{1,10})\s*$")
_COVERAGE_RE = compile_re(r"全覆盖")
_CONDITIONAL_END = compile_re(
    r"的(?=\s*$|(?!为|评为|定为)[\u4e00-\u9fff]{1,3}\s*$|(?:可|应|须|要|一般|原则上|则|均|至少|最多|不少于|不超过|按)[^的]*$)"
)  # 个人会员不足2万人的， / 户籍人口不超过100万的城市，; not a band's name: 75分（含）至90分的为良好 (probes27 t13)
# a band of scores a rating names: 75分（含）至90分的为良好 (probes27 t13, a 评估 通报)
_BAND_NAMED_RE = compile_re(r"\s*的?\s*(?:为|评为|定为|属于)")
# a piece that grants (给予…的补助) states the grant, it is no condition
_GRANT_LEAD_RE = compile_re(r"\s*(?:并|再|可|均|一次性)?(?:给予|予以)")
# before these the figure is what is had or given (应有5000元以上的资金, 处10万元以下的罚款), not a group bound
_HAVING_END = compile_re(r"(?:、|以上|以下|有|处|给予|提供|配备|安排|达到|达|设置|建设|容纳|补贴|补助|奖励)$")
_TIME_LEAD = compile_re(r"^(?:力争|争取|计划)?((?:到|至|在)?(?:19|20)\d{2}\s*年(?:度|底|末)?)")  # 2026年度 whole (probes30 t08)
_VERB_END = compile_re("(?:" + "|".join(sorted(COUNT_VERBS, key=len, reverse=True)) + ")$")
# a duration after these defines who is meant (毕业2年内高校毕业生), it is not a time limit
_GROUP_DURATION_LEAD = compile_re(r"(?:毕业|离校|注册|登记注册|成立|退役|连续居住|居住)$")
# 每人每月, 每千人口, 每季度: what a rate is counted per (a run of 每X before the number)
_PER_RE = compile_re(rf"每(?:一)?((?:[1-9]\d{{0,4}})?(?:{_PER_ALT}))")  # 每300户配备1名 (a staffing ratio; written for the tests)
# 1000元/年, 500元/人: a per written after the unit
_PER_AFTER_RE = compile_re(rf" ?/({_PER_ALT})")  # 30元 /年 (corpus-dev 072)
_EXACT_RE = compile_re("(?:" + "|".join(sorted(map(re.escape, EXACT_CUES), key=len, reverse=True)) + r")(?:为|是|:|：)?[“\"]?$")
_SCOPE_RE = compile_re("(?:" + "|".join(sorted(map(re.escape, SCOPE_VERBS), key=len, reverse=True)) + r")(?:各|约)?$")
# 设金奖10项、银奖20项 (probes34 t09), 设一等奖10篇 (probes33 h02), 评选优秀论文50篇: how many awards a call sets, named
# between the verb and the count (not 设区市, a kind of city)
_AWARD_SCOPE_RE = compile_re(r"(?:(?<![建假开预增])设(?!区|市|县|有|在)|设立|设置|评选出?|评出|表彰)(?P<name>(?!设)[\u4e00-\u9fff]{1,6})$")
# … or by its name alone opening the list's item: 一等奖2名，奖金各5000元；二等奖6名，… (probes40 t07; not 获得一等奖2名)
_AWARD_NAMED_RE = compile_re(rf"(?<![\u4e00-\u9fff])(?P<name>{_AWARD_PLACE})$")
# 可推荐1人, 各单位可申报2项: a quota a body may fill, at most so many (corpus-dev 070)
# ... and 每人限提名1项, 每单位限报2个 (probes30 h03): a limit on what each may put forward
# ... and 每期限150人, 限报名 (probes32 h02): a limit on how many
_QUOTA_RE = compile_re(r"(?:(?:可|可以|可再)(?:推荐|申报|提名|报送|选送|申请)|每[\u4e00-\u9fff]{0,3}限(?:推荐|申报|提名|报送|选送|申请|报|推|额)?)$")  # 每X限: not 有效期限, nor a form's (限300字)
# 只能登记一个名称 (corpus-dev 017): exactly so many
_ONLY_RE = compile_re(r"(?:只能|仅能|只可|仅可|只)[\u4e00-\u9fff]{1,3}$")  # 只发放一张 (corpus-dev 014)
# (60%) right after a noun: the weight of an item in a score (日常监测（60%）)
_WEIGHT_AROUND = ("(", ")")
# 由2.44万元下降至1.708万元: what comes before the new value is the status quo (gold README)
# (also the wording an amendment replaces: 将第八条中的“30个工作日”修改为“20个工作日”, probes27 t12)
_STATUS_QUO_RE = compile_re(rf"\s*[”’\"]?\s*(?:{_CHANGED_TO}|修改为|改为)[“‘\"]?")
# the 由/从 that opens a status quo, and the words between it and the old value (由现行的每立方米0.2元)
_FROM_END_RE = compile_re(r"(?:由|从)(?:现行的?|原来的?|原有的?|目前的?|现在的?)?(?:每[\u4e00-\u9fff]{1,4})?\s*$")
# the events a lead time counts back from (届满前3个月, 活动开始前15天)
_LEAD_EVENT_RE = compile_re(r"(?:届满|期满|到期|结束|截止|开始|开展|举办|举行|召开|活动|会议)$")
# what follows a lead time (在开展活动前15天，/ 前15天报送): punctuation or a verb of notice
# … or of withdrawing and booking, done at least so long before (患者可在就诊前24小时取消预约, probes37 t11)
_LEAD_FOLLOW_RE = compile_re(r"[，,。；;、]|向|将|提交|报送|报|通知|告知|公告|公示|发布|提出|申请|书面|取消|撤回|退订|变更|预约|登记")
# Values a rule fixes that the words around the figure, not a cue right before it, make fixed (gold README:
# "a value the rule fixes is =="):
# 连续3次被推荐为…有效候选人 (corpus-dev 043), 连续3个月没有老年人就餐 (corpus 21): the length of a run
_RUN_LEAD_RE = compile_re(r"连续$")
# 取消其申请资格5年 (corpus-dev 015), 停止1次被推荐和提名的资格 (043): how long or how often a sanction holds
# (暂停其申报省科协项目资格1年: probes27 t13, the sanction's object may be long)
_SANCTION_LEAD_RE = compile_re(r"(?:取消|停止|暂停)[\u4e00-\u9fff]{0,12}$")
# 有效期顺延至疫情解除后3个月, 顺延至一级响应终止之日后的60天止 (corpus-dev 014): an extension counted from an event
_EXTENSION_LEAD_RE = compile_re(r"(?:顺延|延长|延期|延续)[^，,；;。\x00]{0,24}?后的?$")
# 居住每满一年之日前一个月内 (corpus-dev 002): a cycle, every full year (gold: == 1 年); not 每满1年计8分
# (corpus 14), the step of a score
_CYCLE_AFTER_RE = compile_re(r"之日|之时")
# 每次停留180天 (corpus-dev 013): how long each occasion may last
_EXTENDED_TO_RE = compile_re(r"(?:至[^，,；;。]*?后的?|每满)$")
_PER_OCCASION_LEAD_RE = compile_re(r"每次[\u4e00-\u9fff]{0,4}$")
# 办理5年有效、多次入境…的人才签证 (corpus-dev 013), 设置2年有效期 (corpus 18): a validity written after the figure
_VALID_AFTER_RE = compile_re(r"有效")
# 24小时畅通 (corpus-dev 014): the hours a service is open; not 24小时便利店, the name of a kind of shop
# 供暖期按6个月计算 (probes31 t11): the length or amount a rule counts a thing as
_COUNTED_AS_AFTER_RE = compile_re(r"\s{0,2}(?:计算|计|核定|确定)")
_SERVICE_HOURS_AFTER_RE = compile_re(r"(?:畅通|值班|值守|在线|受理|服务)")
# 力争1条列入国家级…示范步行街 (corpus-dev 007): a target count, hedged
_TARGET_LEAD_RE = compile_re(r"(?:力争|争取)$")
# 全区各类小学拟招收一年级新生4480人 (corpus-dev 065, a 招生计划): a count a plan sets, its verb after
# 拟/计划/力争/确保 and what it counts between the verb and the figure; not 已招收 (a report)
_PLANNED_COUNT_RE = compile_re(
    r"(?:拟|计划|力争|争取|确保)(?:在[^，,。；;\d]{0,12})?(?:" + "|".join(sorted((v for v in COUNT_VERBS if len(v) > 1), key=len, reverse=True))
    + r"|新建|招生)(?P<object>[^，,。；;\d]{0,14})$"
    # a recruitment's places: 决定面向社会公开招聘编外工作人员3名 (written for the tests: a 招聘公告)
    r"|(?:公开|面向社会|择优)?(?:招聘|选聘|招募|录用)(?P<hired>[^，,。；;\d]{0,14})$")
_QUOTA_WORD_RE = compile_re(r"名额|指标数?|限额")
# 到2021年全省引进高端商业品牌和高端零售品牌30个 (corpus-dev 007): a count closing a clause framed by a target year
_TARGET_FRAME_RE = compile_re(r"\s*(?:力争|争取)?(?:到|至)(?:19|20)\d{2}\s*年(?:底|末)?")
# 新建乡村科普e站5个, 表彰县级优秀科技工作者10名 (written for the tests: a county 科协's 工作要点): a clause that
# opens with what is to be made or named and closes with how many (not 建设 or 开展, which a report opens with
# as often: 全市开展活动120场)
# ... and the units a year's plan completes: 2025年完成农村户厕改造提升3000户 (probes30 t07, a 户厕改造 方案; not 已完成)
_COUNT_CLAUSE_RE = compile_re(r"\s*(?:全年|年内|今年|本年度|(?:19|20)\d{2}年(?:度|底前)?)?(?:新建|新增|新培育|新发展|培育|打造|创建|组建|表彰|评选|命名|遴选|完成)"
                              r"[^，,。；;\d\x00]{1,20}"
                              # … and the items of a list it opens: 新建或改造提升体育公园3个、社会足球场8块、… (probes28 t09)
                              r"(?:\d+(?:\.\d+)?[^\d、，,。；;\x00]{1,3}、[^，,。；;\d\x00]{1,20})*")
# labels, and the inline enumerators of a paragraph (一是…三是新建市级科普教育基地5个, probes25 t14)
_LABEL_LEAD = compile_re(r"^\s*(?:第[一二三四五六七八九十百零〇]+[条章节款]\s*|\(?[一二三四五六七八九十]+\)|\(\d+\)|\d+[.．、]|[一二三四五六七八九十]+、|[①-⑳]"
                         r"|[一二三四五六七八九十]{1,2}是(?=[\u4e00-\u9fff]))+\s*")


_REPORT_TITLE_RE = compile_re("|".join(REPORT_TITLE_WORDS))
_REPORTED_RE = compile_re("|".join(sorted(REPORTED_WORDS, key=len, reverse=True)))
# what makes a sentence state a rule or a target even among reported figures
# and the bounds only a rule sets (a report states the figure reached): 全年举办科普活动不少于50场次，受众人数较上年
# 增长10%以上 (a county 科协's 工作要点; written for the tests) is a target with its baseline, not a report
_RULE_RE = compile_re(r"应|须|要|确保|力争|争取|目标|不得|可以|鼓励|推动|计划|预计|将|到(?:19|20)\d{2}年|以上的|以下的"
                      r"|不少于|不低于|不超过|不高于|不多于|至少|控制在")
# 规模以上工业统计范围为年主营业务收入2000万元及以上的工业企业 (corpus-dev 024 注释): a bulletin's
# definition of what it counts is a threshold, the figures it reports are not
_DEFINITION_RE = compile_re(r"统计范围|范围为|范围包括|统计口径|口径为|是指|指的是")


# a sentence that opens with a year, before the notice's (written for the tests: a county 科协's 工作要点 opening
# with what its last year did)
_PAST_YEAR_OPENING_RE = compile_re(r"\s*(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?((?:19|20)\d{2})\s*年(?:度)?\s*(?:[，,]|以来|全年|上半年|全县|全市|全省|全区)")
# the words of what was done, which a baseline word alone does not make a report
_DONE_RE = compile_re("|".join(w for w in REPORTED_WORDS if w not in BASELINE_WORDS))


def reports_statistics(title: str | None) -> bool:
    """Whether a document reports statistics as a whole (统计公报, corpus-dev 023–025).

    The title must be the report's own: it ends with the report's word (a bracketed note after it aside),
    reports it (…经济运行情况的通报) or prints it (关于印发2023年工作总结的通知). A notice about a report is none:
    关于做好全国学会2025年度工作报告和财务审计工作的通知 (probes37 h03: a 年检 notice, every figure of it a rule), nor one
    that prints what is to be done about it (…政府工作报告重点工作责任分工的通知, corpus-dev 012).

    >>> reports_statistics("万载县2022年国民经济和社会发展统计公报"), reports_statistics("关于印发统计工作要点的通知")
    (True, False)
    >>> reports_statistics("关于做好全国学会2025年度工作报告和财务审计工作的通知"), reports_statistics("关于印发2023年工作总结的通知")
    (False, True)
    """
    if not title:
        return False
    for m in _REPORT_TITLE_RE.finditer(title):
        after = title[m.end():]
        if _OWN_REPORT_AFTER_RE.match(after) or (_PRINTS_RE.search(title, 0, m.start()) and _PRINTED_AFTER_RE.match(after)):
            return True
    return False


# what may follow a report's word in its own title: nothing but a note in brackets, or 的通报/的公告 that reports it
_OWN_REPORT_AFTER_RE = compile_re(r"\s*(?:[(（][^()（）]{0,12}[)）])?\s*(?:的(?:通报|公告|报告))?\s*$")
_PRINTS_RE = compile_re(r"印发|转发|发布|公布")
_PRINTED_AFTER_RE = compile_re(r"[》〉」”]?\s*的通知\s*$")


def reported_reason(text: str, a: int, b: int, whole_document: bool, stance: str | None = None,
                    directive_item: bool = False, doc_year: int | None = None) -> str | None:
    """Why the figures of the sentence ``text[a:b]`` are reported facts, or None when it sets a rule;
    ``stance``: what the nearest heading above it that says (:func:`heading_stance`) says: ``review``
    (发展基础, 取得的成就: its figures were reached) or ``goals`` (主要目标: its figures are targets,
    even those counted from a baseline, 较上年增长10%). ``directive_item``: the sentence stands in a
    numbered item of a notice that directs (a 工作要点, 方案, 通知 …), whose items are what is to be
    done: there a figure counted from last year (较上年提高5个百分点) is a target too, and only the words
    of what was done make a report. ``doc_year``: the notice's year; a sentence that opens with an
    earlier one (2023年，全县…共开展各类科普活动126场) tells what happened then.

    >>> t = "全年地区生产总值比上年增长8.2%。力争地区生产总值比上年增长8%。"
    >>> reported_reason(t, 0, 16, False), reported_reason(t, 16, len(t), False), reported_reason(t, 0, 16, False, "goals")
    ('reported_sentence', None, None)
    >>> t = "2023年，全县共开展科普活动126场。组建率较上年提高5个百分点。"
    >>> reported_reason(t, 0, 18, False, doc_year=2024), reported_reason(t, 18, len(t), False, directive_item=True)
    ('reported_sentence', None)
    """
    if whole_document:
        return None if _DEFINITION_RE.search(text, a, b) else "statistical_report"
    if stance == "goals":
        return None
    if stance == "review" and not _RULE_RE.search(text, a, b):
        return "review_section"
    if doc_year is not None and (y := _PAST_YEAR_OPENING_RE.match(text, a, b)) and int(y.group(1)) < doc_year \
            and not _RULE_RE.search(text, a, b):
        return "reported_sentence"
    reported = _REPORTED_RE.search(text, a, b)
    if reported and not _RULE_RE.search(text, a, b):
        if directive_item and reported.group() in BASELINE_WORDS and not _DONE_RE.search(text, a, b):
            return None
        return "reported_sentence"
    return None


def heading_stance(title: str | None) -> str | None:
    """``review`` for a heading over what a plan reports of the past (发展基础, “十三五”发展成就, 工作回顾: a
    规划's first chapter; written for the tests), ``goals`` for one over what it sets out to reach (主要目标,
    工作目标, 发展目标和主要指标: a 工作要点's or 规划's targets), else None. Only the whole heading counts:
    a task that names one is neither (夯实学会发展基础, seed 002; 实现…目标).

    >>> [heading_stance(t) for t in ("“十三五”发展成就", "2024年工作回顾", "夯实学会发展基础", "主要目标", "2025年工作目标")]
    ['review', 'review', None, 'goals', 'goals']
    """
    if not title:
        return None
    if _REVIEW_HEADING_RE.search(title):
        return "review"
    if _GOALS_HEADING_RE.search(title):
        return "goals"
    return None


# the whole heading: a period, the review's word, another short topic (发展基础和面临形势); not a task that
# names one (夯实学会发展基础, seed 002; 筑牢…事业发展基础, corpus-dev 008) or an indicator (…的工作成效, corpus 02)
_REVIEW_HEADING_RE = compile_re(r"^\s*(?:“?十[一二三四五六]五”?(?:时期|期间)?|过去五年|近五年|近年来|(?:19|20)\d{2}年(?:度)?)?(?:" + "|".join(REVIEW_HEADINGS)
                                + r")(?:[和与及][\u4e00-\u9fff]{2,6})?\s*$")

# the whole heading, as above: 主要目标, 总体目标, 2025年工作目标, 发展目标和主要指标, 目标任务
_GOALS_HEADING_RE = compile_re(r"^\s*(?:(?:19|20)\d{2}年(?:度)?)?(?:主要|总体|工作|发展|预期|具体|年度|奋斗)?(?:目标|指标)(?:任务|要求)?"
                               r"(?:[和与及](?:主要)?(?:任务|指标|目标))?\s*[。.]?\s*$")


@dataclass
class Found:
    """A threshold found in a sentence (document offsets)."""

    span: tuple[int, int]
    value_span: tuple[int, int]
    value: float | int | str
    value_max: float | int | None
    unit: str | None
    comparator: str
    kind: str
    subject: str | None
    condition: str | None = None
    baseline: str | None = None
    approximate: bool = False
    hedge: str | None = None
    comparator_word: str | None = None
    notes: list[str] = field(default_factory=list)
    per: str | None = None


@dataclass
class _Q:
    q: Quantity
    cmp: str | None
    cmp_word: str | None
    cmp_start: int  # where the comparator phrase starts (or the quantity)
    expr_end: int  # end of quantity + trailing comparator
    growth: str | None
    base: str | None
    qualifier: bool  # 45岁以下 defines who is counted
    verb_gap: bool = False  # 至少安排300名指标: the count is of the verb's object


def _read(masked: str, text: str, q: Quantity, lo: int) -> _Q:
    window = masked[max(lo, q.start - 32):q.start]
    m = _no_term(window, _CMP_BEFORE_RE.search(window)) or _GROWTH_ONLY_RE.search(window)
    if q.is_share and not (m and (m.group("cmp") or m.group("growth"))):
        m = _no_term(window, _CMP_SHARE_BASE_RE.search(window))
    elif q.unit == "元" and not (m and (m.group("cmp") or m.group("growth"))):
        m = _no_term(window, _CMP_STANDARD_BASE_RE.search(window))
    cmp = cmp_word = growth = base = None
    cmp_start = q.start
    if m and (m.group("cmp") or m.group("growth")):
        if m.group("base") and not (q.is_share or q.unit == "倍" or m.re is _CMP_STANDARD_BASE_RE):
            m = None  # "X的" base only for shares and multiples: 不超过理事会人数的三分之一, 不得高于…工资的3倍
    if m and m.group("cmp") in ("满", "届满") and window[:m.start()].endswith("每"):
        m = None  # 每满50小时计2分: a scoring step, not a bound (corpus 14)
    if m and (m.group("cmp") or m.group("growth")):
        cmp_word = m.group("cmp")
        cmp = _BEFORE.get(cmp_word) if cmp_word else None
        growth = m.group("growth")
        base = m.group("base").removesuffix("的").removeprefix("其") if m.group("base") else None  # 其本人…: its
        cmp_start = q.start - len(window) + m.start()
    elif q.text == "半数" and masked[q.start - 1:q.start] == "过":
        cmp, cmp_word, cmp_start = ">", "过", q.start - 1  # 过半数: more than half
    elif q.unit == "名" and masked[q.start - 1:q.start] == "第":
        cmp, cmp_word, cmp_start = "==", "第", q.start - 1  # 取得第一名: the rank itself (corpus-dev 015)
    inclusive = _INCLUSIVE_RE.match(text, q.end)
    after = _CMP_AFTER_RE.match(masked, inclusive.end() if inclusive else q.end)
    expr_end = q.end
    qualifier = False
    if after:
        expr_end = after.end()
        word = after.group()
        if cmp is None or word in ("左右", "上下"):
            cmp, cmp_word = _AFTER[word], word
    elif q.end < len(masked) and masked[q.end] == "内" and q.unit in TIME_UNITS:
        cmp, cmp_word, expr_end = "<=", "内", q.end + 1
    elif masked.startswith("范围内", q.end) and q.unit in ("米", "千米", "公里"):
        cmp, cmp_word, expr_end = "<=", "范围内", q.end + 3  # 距林缘100米范围内: a distance bound
    if cmp is None and masked[q.start - 1:q.start] == "前" and q.start - 1 >= lo \
            and masked[q.start - 2:q.start - 1] not in ("目", "之", "当", "此", "以", "从", "年", "月", "日"):
        if q.unit in TIME_UNITS and (_LEAD_FOLLOW_RE.match(text, q.end) or _LEAD_EVENT_RE.search(masked, max(lo, q.start - 5), q.start - 1)):
            # 在开展活动前15天: a lead time (gold README); so is one before an event, whatever follows
            # (应当在届满前3个月启动换届工作, written for the tests: a 民政部 复函)
            cmp, cmp_word, cmp_start = ">=", "前", q.start - 1
        elif q.unit in ("名", "位"):
            cmp, cmp_word, cmp_start = "<=", "前", q.start - 1  # 取得前三名 (corpus-dev 015)
        elif q.unit in TIME_UNITS and text[q.end:q.end + 1] != "内" and q.value != 1:
            # 本人前12个月的月均经济收入 (corpus-dev 019): a look-back window; not 前一日 (the day before: 每日16时前报送
            # 前一日业务量数据, probes39 t10)
            cmp, cmp_start = "==", q.start - 1
    if q.unit in TIME_UNITS and masked[expr_end:expr_end + 1] == "前" and (cmp is None or cmp_word in ("满", "届满")) \
            and _LEAD_FOLLOW_RE.match(text, expr_end + 1):
        cmp, cmp_word, expr_end = ">=", "前", expr_end + 1  # 届满3个月前提交申请: a lead time (gold README)
    quota = _QUOTA_RE.search(masked, max(lo, q.start - 6), q.start) if cmp is None else None
    if quota:
        cmp, cmp_word = "<=", quota.group()
    elif cmp is None and _ONLY_RE.search(masked, max(lo, q.start - 6), q.start):
        cmp, cmp_word = "==", None
    nxt = text[expr_end:expr_end + 1]
    noun_follows = bool(_HAN_RE.match(nxt)) and nxt not in "的"
    lead = masked[max(lo, cmp_start - 8):cmp_start]
    if q.unit in AGE_UNITS:
        # 45岁以下青年科技工作者, 16—24岁失业青年, 年满60周岁不满65周岁的老年人: an age defines the
        # group counted; only an age stated of 年龄 itself (年龄一般不超过70周岁) is a limit
        qualifier = "年龄" not in masked[max(lo, q.start - 12):q.start]
    elif q.unit in TIME_UNITS and (lead.endswith(("近", "最近")) or (noun_follows and _GROUP_DURATION_LEAD.search(lead))):
        qualifier = True  # 近5年内 (a look-back window), 毕业2年内高校毕业生
    elif after and text[expr_end:expr_end + 1] == "的" and re.match(r"的[\u4e00-\u9fff]", text[expr_end:expr_end + 2]) \
            and not re.match(r"的(?:目标|要求|标准|水平|规定|原则|范围|比例|幅度)", text[expr_end:expr_end + 4]) \
            and lead.strip("\x00") and not _HAVING_END.search(lead) and q.value_max is None:
        qualifier = True  # 单户担保金额500万元及以下的小微企业: the bound picks out whom the rule is about
    if growth and cmp is None and (q.is_share or q.unit in ("个百分点", "百分点")):
        cmp, cmp_word = "==", None
    verb_gap = bool(m and m.group("gap") and m.group("gap") not in ("有", "为", "是") and not m.group("gap").startswith("每"))
    return _Q(q, cmp, cmp_word, cmp_start, expr_end, growth, base, qualifier, verb_gap)


def _condition_of(text: str, a: int, b: int, qs: list[_Q]) -> str:
    """个人会员2万以上且不足10万人的 → 个人会员>=2万且<10万人."""
    parts: list[str] = []
    subject = ""
    for k, r in enumerate(qs):
        pre = text[(qs[k - 1].expr_end if k else a):r.cmp_start]
        pre = re.sub(r"^(?:且|并且|和|或|、)", "", pre).strip()
        if k == 0:
            subject = pre
            pre = ""
        # a range says its bounds itself: 面积在50平方米至100平方米之间的 (no == before it)
        cmp = "" if r.cmp is None and r.q.value_max is not None else r.cmp or "=="
        parts.append(f"{pre}{cmp}{text[r.q.start:r.q.end]}")
    tail = text[qs[-1].expr_end:b]
    tail = re.sub(r"的\s*$", "", tail)
    tail = "" if re.fullmatch(r"[人名个家万]*", tail) else tail
    return subject + "且".join(parts) + tail


def _band_of(text: str, a: int, b: int, qs: list[_Q], i: int) -> str:
    """The i-th band of a list in a condition, with the words the list shares: 首次突破10亿元、50亿元的 → the
    second band is 首次突破>50亿元 (the comparator of the first carries to the rest)."""
    r = qs[i]
    tail = re.sub(r"的\s*[，,]?\s*$", "", text[qs[-1].expr_end:b])
    return f"{text[a:qs[0].cmp_start].strip()}{r.cmp or qs[0].cmp or '=='}{text[r.q.start:r.q.end]}{tail}"


# patterns of the per-figure helpers, compiled once (issue 18)
_HAN_RE = compile_re(r"[\u4e00-\u9fff]")
_YEAR_LEAD_RE = compile_re(r"^(?:到|至|在)?(?:19|20)\d{2}年(?:度|底|末)?")
_PER_END_RE = compile_re(rf"每(?:一)?(?:{_PER_ALT})$")
_GROWTH_END_RE = compile_re(rf"(?:{_GROWTH_ALT})$")


def _clean_subject(s: str) -> str:
    if "\t" in s:
        # a subject never crosses a table's cell: the value's own cell, else the indicator cell before it (corpus 13's
        # 指标体系: 7.医联体内…预留号源的比例⇥到2023年底达到30%)
        return next((c for c in map(_clean_subject, reversed(s.split("\t"))) if c), "")
    s = _LABEL_LEAD.sub("", s)
    s = s.strip(" \t\n、，,()")
    # a quotation mark whose partner is outside the subject (“流动人口在居住地居住半年以上, an amendment's
    # quoted wording; 将第八条中的“30个工作日”修改为“20个工作日”, probes27 t12), not a quoted name's (“双师型”教师)
    while s and s[0] in "“‘" and "”’"["“‘".index(s[0])] not in s:
        s = s[1:].strip()
    while s and s[-1] in "”’“‘" and (s[-1] in "“‘" or "“‘"["”’".index(s[-1])] not in s):
        s = s[:-1].strip()
    if not _HAN_RE.search(s):
        return ""
    s = s[s.rfind("但") + 1:]  # 可适当提高但最高不超过…: what comes before 但 is a clause of its own (corpus 12)
    s = _LEAD_STRIP.sub("", s)
    s = _YEAR_LEAD_RE.sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = _TRAIL_STRIP.sub("", s).strip()
    return s


def find_thresholds(text: str, masked: str, a: int, b: int, time_frame: str | None = None,
                    starts: list[int] | None = None) -> list[Found]:
    """Thresholds in the sentence ``text[a:b]`` (document offsets; ``masked`` as from build_number_mask).
    ``starts``: :func:`~extractor.extract.quantities.quantity_starts` of the whole ``masked``, when
    the caller scans a document sentence by sentence: pieces without a start skip the quantity scan.

    >>> t = "个人会员不足2万人的,理事会人数一般不超过150人；个人会员超过10万人的,理事会人数一般不超过200人。"
    >>> [(f.comparator, f.value, f.unit, f.subject, f.condition, f.hedge) for f in find_thresholds(t, build_number_mask(t, []), 0, len(t))]
    [('<=', 150, '人', '理事会人数', '个人会员<2万人', '一般'), ('<=', 200, '人', '理事会人数', '个人会员>10万人', '一般')]
    """
    out: list[Found] = []
    if starts is not None and not has_quantity_start(starts, masked, a, b) and text.find("级", a, b) < 0 and text.find("全覆盖", a, b) < 0:
        # no quantity can start in the sentence (most of those with a numeral only in a word: 进一步, 统一),
        # and neither a grade (_grades needs 级) nor a coverage (_coverage needs 全覆盖) stands in it (issue 18)
        return out
    if time_frame is None and not NUMERAL_RE.search(text, a, b):
        # no digit, Chinese numeral or 半: no quantity, no year to frame one and no grade (corpus/: 40 % of
        # the sentences, such as 各地要加强组织领导。), so nothing below can match (issue 18)
        return out
    subs = [m.span() for m in _SUBCLAUSE_RE.finditer(text, a, b) if m.group().strip()]
    obligation = bool(_OBLIGATION_RE.search(text, a, b))
    # a conditional clause waiting for the limit it conditions: (condition text, its span, its quantities)
    pending: tuple[str, int, int, list[_Q]] | None = None

    def flush() -> None:
        """A conditional clause with no limit after it is itself the threshold:
        个人会员数年增幅超过30%的可适当放宽 (seed 000)."""
        nonlocal pending
        if pending is not None:
            _, psa, psb, pqs = pending
            for f in _sentence_part(text, masked, psa, psb, pqs, obligation):
                f.notes.append("stated as the condition of what follows (…的)")
                f.condition = f.condition or time_frame
                out.append(f)
            pending = None

    for sa, sb in subs:
        if _TIME_FRAME_RE.match(text[sa:sb]):
            time_frame = text[sa:sb].strip()  # 2018年, / 到2018年, : the frame of what follows
            continue
        quantities = find_quantities(masked, sa, sb) if starts is None or has_quantity_start(starts, masked, sa, sb) else []
        if not quantities:
            # no figure in the piece (most pieces, issue 18): what the general path below does with an
            # empty list, without its conditional-clause search and its reading of no figures. A
            # pending condition has no limit here (the piece is not blank: blank ones are not in subs)
            if pending is not None:
                flush()
            out.extend(_framed(_coverage(text, sa, sb, time_frame) + _grades(text, masked, sa, sb), time_frame))
            continue
        qs = [_read(masked, text, q, sa) for q in quantities]
        # a total before its bracketed share (预留30%的号源(其中专家号源不低于30%), corpus 13) is no condition
        # nor is a grant of a share (给予不超过项目总投资30%的补助，最高不超过100万元; written for the tests: a 资助 notice)
        cond_m = None if text.startswith(("(其中", "（其中"), sb) or _GRANT_LEAD_RE.match(text, sa) else _CONDITIONAL_END.search(text, sa, sb)
        cond_end = cond_m.start() if cond_m and qs and any(r.q.end <= cond_m.start() for r in qs) else None
        if cond_end is not None:
            flush()
            cond_qs = [r for r in qs if r.q.end <= cond_end]
            pending = (_condition_of(text, sa, cond_end, cond_qs), sa, sb, cond_qs)
            qs = [r for r in qs if r.q.start > cond_end]
            sa = cond_end + 1
            if not qs:
                continue
        found_here = _sentence_part(text, masked, sa, sb, qs, obligation, lo=a)
        if pending is not None and found_here:
            pqs = pending[3]
            paired = len(pqs) > 1 and len(found_here) == len(pqs) and text.find("分别", sa, sb) >= 0 \
                and all(text[pqs[i].expr_end:pqs[i + 1].q.start] in ("、", "和", "或") for i in range(len(pqs) - 1))
            for i, f in enumerate(found_here):
                # 首次突破10亿元、50亿元的，分别给予100万元、300万元奖励 (a probe's TRS page): the i-th band
                # conditions the i-th value, not all the bands together
                f.condition = _band_of(text, pending[1], pending[2], pqs, i) if paired else pending[0]
            found_here = _ranks(text, pending[1], pending[3]) + found_here
            pending = None
        elif pending is not None and text[sa:sb].strip():
            flush()
        found_here.extend(_coverage(text, sa, sb, time_frame))
        found_here.extend(_grades(text, masked, sa, sb))
        if text.find("级", sa, sb) >= 0:
            levels = _scale_levels(text, masked, sa, sb)
            if levels:
                found_here = [f for f in found_here if not any(v.value_span[0] <= f.value_span[0] < v.value_span[1] for v in levels)]
                found_here = sorted(found_here + levels, key=lambda f: f.value_span[0])
        out.extend(_framed(found_here, time_frame))
    flush()
    if "\t" in text[a:b]:
        _table_values(text, a, b, out)
    return out


def _framed(found: list[Found], time_frame: str | None) -> list[Found]:
    """A piece's thresholds under the time frame a sentence opened with (2018年, …), where no
    condition of their own names one."""
    if time_frame:
        for f in found:
            if f.condition is None:
                f.condition = time_frame
    return found


_MONEY = frozenset({"元", "万元", "亿元", "千元", "美元"})
_MEASURE = frozenset({"米", "平方米", "公里", "千米", "公顷", "亩", "㎡", "毫米", "厘米", "公斤", "千克", "吨", "克", "毫升", "升", "分贝", "平方公里", "立方米", "千瓦", "千瓦时"})


def kind_of(unit: str | None, per: str | None, cmp_word: str | None, growth: bool, scope: bool, weight: bool) -> str:
    """The sort of quantity a threshold bounds (the ``kind`` taxonomy of the Threshold model).

    >>> kind_of("元", "人/月", None, False, False, False), kind_of("周岁", None, "满", False, False, False)
    ('rate', 'age')
    >>> kind_of("天", None, "前", False, False, False), kind_of("个", None, None, False, True, False)
    ('lead_time', 'scope')
    """
    if growth:
        return "growth"
    if weight:
        return "weight"
    if per:
        return "rate"
    if cmp_word in ("提前", "前") and unit in TIME_UNITS:
        return "lead_time"
    if unit in AGE_UNITS:
        return "age"
    if unit in _MONEY:
        return "amount"
    if unit in ("%", "比例", "个百分点", "百分点"):
        return "share"
    if unit in TIME_UNITS or unit == "年":
        return "duration"
    if scope:
        return "scope"
    if unit in _MEASURE:
        return "measure"
    return "count"


def _found(text: str, r: _Q, sa: int, sb: int, subject: str | None, per: str | None = None, scope: bool = False) -> Found:
    q = r.q
    if subject and per and per[0] not in "十百千万亿0123456789" and (base := "每" + "每".join(per.split("/"))) in subject:
        # 补贴标准为每亩102元, 伙食补助费每人每天100元 (probes29 h03, probes30 t11): the base is the rate's, not the
        # subject's: 补贴标准, per 亩. Not a density's base: 每千常住人口基层卫生人员数 names the indicator (corpus 13)
        trimmed = subject.replace(base, "", 1)
        # and the words a subject never ends with are taken off what stood before the base: 获奖论文分别给予(每篇) →
        # 获奖论文 (probes33 h02); its brackets are kept (夜间(20:00—次日7:00))
        prev = None
        while prev != trimmed:
            prev, trimmed = trimmed, _TRAIL_STRIP.sub("", trimmed).strip()
        subject = trimmed or subject
    weight = q.is_share and text[q.start - 1:q.start] in "(（" and text[q.end:q.end + 1] in ")）" and r.cmp == "=="
    kind = kind_of(q.unit, per, r.cmp_word, bool(r.growth), scope, weight)
    cmp = "range" if q.value_max is not None else (r.cmp or "==")
    if r.growth and subject and not re.search(r"增幅|增速|增长率|增长$", subject):
        subject += "增幅"
    unit = q.unit.split("/", 1)[0] if q.unit and q.unit.startswith("元/") else q.unit  # 500元/人: 元, per 人
    return Found((sa, sb), (q.start, q.end), q.value, q.value_max, unit, cmp, kind, subject,
                 approximate=r.cmp_word in APPROXIMATE_WORDS, comparator_word=r.cmp_word, per=per)


def _cue_start(text: str, prev_end: int, sa: int, lo: int | None, pos: int) -> int:
    """Where to look for a cue word before ``pos``: back to the previous figure, or over a colon
    that opens the clause (我校推荐名额:3人, corpus-dev 070)."""
    start = prev_end
    if prev_end == sa and lo is not None and sa > lo and text[sa - 1] in ":：":
        start = max(lo, sa - 10)
    return max(start, pos - 12)


def _before_per(text: str, a: int, b: int) -> str:
    """``text[a:b]`` without a trailing 每X run: 补贴标准为建筑面积每平方米37元 → …标准为建筑面积."""
    s = text[a:b]
    while True:
        m = _PER_END_RE.search(s)
        if m is None:
            return s
        s = s[:m.start()]


def _per_of(text: str, sa: int, q: Quantity) -> str | None:
    """What a figure is counted per: 每人每月500元 → 人/月, 每千人口不少于10个 → 千人口,
    生均公用经费不低于1000元/年 → 生/年 (corpus-dev 005, 006, 019; issue 12)."""
    parts: list[str] = []
    head = text[max(sa, q.start - _PER_REACH):q.start]  # bounded: a clause of 10^5 figures stays linear
    if q.is_share:
        return None  # 每月按照…比例不低于20%: a share is of its base, not per a period
    if q.unit in _MONEY:
        parts += [v for k, v in PER_HEAD.items() if k in head]
    parts += [m.group(1) for m in _PER_RE.finditer(head)]
    if q.unit and "/" in q.unit and q.unit.startswith("元"):
        parts.append(q.unit.split("/", 1)[1])
    after = _PER_AFTER_RE.match(text, q.end)
    if after:
        parts.append(after.group(1))
    if q.unit in parts or (q.unit in TIME_UNITS and parts == ["次"]):
        return None  # 每年…3天, 每次停留180天 (corpus-dev 013): a length of time, no rate
    out = list(dict.fromkeys(parts))
    return "/".join(out) if out else None


_RANK_SUBJECT_RE = compile_re(r"^(?:以及|或者|或|及|和)?(?:在|于)?(.*?)(?:中)?(?:取得|获得|荣获|获)?$")


def _ranks(text: str, sa: int, qs: list[_Q]) -> list[Found]:
    """Ranks won in a competition inside a condition (…取得前三名或…取得第一名的人员，年龄需在45周岁以下):
    the condition picks who qualifies by them, so each is a threshold of its own too (corpus-dev 015, gold
    README), unlike a band of the limit that follows it (个人会员不足2万人的，理事会人数…, seed 000)."""
    out: list[Found] = []
    prev = sa
    last_age: _Q | None = None
    for r in qs:
        if r.q.unit in AGE_UNITS and r.cmp is None and r.q.value_max is None and last_age is not None \
                and text[last_age.expr_end:r.q.start] == "、":
            # 年满70周岁、75周岁、80周岁的，…分别再增加10元、20元、30元 (probes34 t11): the bound word governs the list
            r = replace(r, cmp=last_age.cmp, cmp_word=None)
        if r.q.unit == "名" and r.cmp_word in ("前", "第"):
            m = _RANK_SUBJECT_RE.match(_clean_subject(text[prev:r.cmp_start]))
            f = _found(text, r, sa, r.expr_end, f"{m.group(1)}名次" if m and m.group(1) else "名次")
            f.notes.append("a rank that picks who qualifies")
            out.append(f)
        elif r.q.unit in AGE_UNITS and (r.cmp is not None or r.q.value_max is not None) and not r.growth:
            # an age band that picks who gets what follows (80周岁至89周岁的老年人，每人每月100元: probes28 t10; gold
            # README: eligibility ages are thresholds)
            f = _found(text, r, sa, r.expr_end, "年龄")
            f.notes.append("an age that picks who qualifies")
            out.append(f)
            last_age = r
        prev = r.expr_end
    return out


def _in_value_list(text: str, lo: int, label_at: int) -> bool:
    """A list cue (标准为：) before ``label_at`` with only earlier items of the list between: each piece
    between separators holds a value (一等奖10万元，二等奖…). With the value closing its item (checked
    by the caller), not 诊断标准：非同日3次测量血压… (corpus 17). Or a list that 按 opens and 的标准
    closes: 按初级工1000元、中级工1500元、高级工2000元的标准给予培训补贴 (written for the tests: a
    county's 稳就业 measures)."""
    cues = list(_LIST_CUE_RE.finditer(text, lo, label_at))
    if cues:
        cue = cues[-1]  # the nearest cue: what lies between it and the label is the list so far
        return _all_values(text, cue.end(), label_at)
    by = text.rfind("按", lo, label_at)
    if by < 0 or not _all_values(text, by + 1, label_at):
        return False
    close = _BY_LIST_END_RE.search(text, label_at, min(len(text), label_at + 60))
    return close is not None and close.group().endswith("标准") and _all_values(text, label_at, close.start())


def _after_by(item: re.Match[str]) -> int:
    """Where a list item's label starts: after the 按 that opens the list (按初级工1000元、…)."""
    k = item.group("label").rfind("按")
    return item.start("label") + (k + 1 if k >= 0 else 0)


_BY_LIST_END_RE = compile_re(r"[。；;]|的?标准")


def _all_values(text: str, a: int, b: int) -> bool:
    """Whether every piece of ``text[a:b]`` between list separators holds a figure."""
    return all(re.search(r"\d", p) for p in re.split(r"[，,、；;]", text[a:b]) if p.strip())


def _fixed_by_context(text: str, masked: str, r: _Q, sa: int, sb: int, prev_end: int) -> tuple[str, str] | None:
    """Why a figure with no comparator word is a value the rule fixes, read off the words around it
    (the ``_*_LEAD_RE``/``_*_AFTER_RE`` classes above), and where its subject is: ``after`` the
    figure (连续3次被推荐…: what is counted follows), ``before`` it, or a ``fixed`` word; None when
    the context fixes nothing."""
    q = r.q
    before = masked[max(prev_end, q.start - 30):q.start]
    timed = q.unit in TIME_UNITS
    if (timed or q.unit == "次") and (m := _RUN_LEAD_RE.search(before) or _SANCTION_LEAD_RE.search(before)):
        return ("a run the rule counts (连续)" if m.re is _RUN_LEAD_RE else "how long or how often a sanction holds"), "after"
    if timed and _EXTENSION_LEAD_RE.search(before):
        return "an extension counted from an event", "before"
    if timed and before.endswith("每满") and _CYCLE_AFTER_RE.match(text, r.expr_end):
        return "a cycle: every full period", "before"
    if timed and _PER_OCCASION_LEAD_RE.search(before):
        return "how long each occasion may last", "after"
    if timed and _VALID_AFTER_RE.match(text, r.expr_end):
        return "a validity period", "有效期"
    if q.unit == "小时" and _SERVICE_HOURS_AFTER_RE.match(text, r.expr_end):
        return "the hours a service is open", "before"
    if before.endswith("按") and _COUNTED_AS_AFTER_RE.match(text, r.expr_end):
        return "what a rule counts a thing as (按6个月计算)", "before"
    if q.unit in SCOPE_UNITS and _TARGET_LEAD_RE.search(before):
        return "a target count", "after"
    if q.unit in SCOPE_UNITS and (m := _PLANNED_COUNT_RE.search(before)):
        obj = m.group("object") if m.group("object") is not None else m.group("hired")
        return ("a count a plan sets" if m.group("hired") is None else "the places a recruitment fills"), \
            "before" if len(obj.strip()) >= 2 else "after"
    closes = r.expr_end >= sb or not text[r.expr_end:sb].strip()
    if q.unit in SCOPE_UNITS and closes and _TARGET_FRAME_RE.match(text, sa):
        return "a target count closing a clause framed by its year", "before"
    if q.unit in SCOPE_UNITS and (closes or text.startswith("、", r.expr_end)) \
            and _COUNT_CLAUSE_RE.fullmatch(_LABEL_LEAD.sub("", masked[sa:q.start].lstrip(MASK))):
        return "a count closing a clause its verb opens", "before"
    return None


def _object_noun(text: str, masked: str, start: int, end: int) -> tuple[str, int]:
    """The noun phrase a count governs (举办1次学术会议 → 学术会议) and where it ends."""
    m = re.match(r"[\x00\s的]*((?:\([^)]*\))?[^，,；;。、\x00]{1,30})", masked[start:min(end, start + 64)])
    if not m:
        return "", start
    noun = re.sub(r"\([^)]*\)?", "", text[start + m.start(1):start + m.end(1)])
    return _clean_subject(noun), start + m.end(1)


def _changes_from(text: str, qs: list[_Q], i: int) -> bool:
    """Is ``qs[i]`` a value a rule changes (the status quo): right before a verb that sets the new one
    (由2.44万元下降至1.708万元), or in a list of such values (由0.54万元、2.59万元下降至…, corpus-dev 014)."""
    while True:
        if _STATUS_QUO_RE.match(text, qs[i].expr_end):
            return True
        if i + 1 >= len(qs) or qs[i + 1].cmp is not None or text[qs[i].expr_end:qs[i + 1].q.start] not in ("、", "和", "及", "与"):
            return False
        i += 1


_PAID_SHARE_RE = compile_re(r"((?:拨付|预拨|发放|支付|兑付)(?:剩余)?)(?:的)?$")
_RATE_CHANGED_RE = compile_re(r"(?P<verb>降低|下调|下浮|提高|上调)(?P<what>[\u4e00-\u9fff]{1,8}(?:比例|费率|比率))$")
# What is counted over a span of time: a running total, an amount or length measured, events that happen in it
_WINDOW_CUE_RE = compile_re(r"累计|合计|共计|总|量|时长|时间|次数|受到|受过|发生|出现|连续")
_WORDS_BETWEEN_RE = compile_re(r"[\u4e00-\u9fff]{1,16}")  # words only: no break, no other figure


def _is_window(text: str, qs: list[_Q], i: int, sb: int) -> bool:
    """Is ``qs[i]`` a span of time another bound of its clause is counted over, not a limit itself?

    24小时内累计驾驶时间不得超过8小时 (probes36 t12), 当24小时降雨量达到50毫米以上或1小时降雨量达到20毫米以上时
    (probes36 h03), 两年内受到3次以上行政处罚的: the span is followed, with no break, by what is counted (a
    total, an amount, events) and a bound of its own. A time limit keeps its reading: 企业应在24小时内上报,
    30日内缴纳不低于500元的保证金 (no count in between: a deadline and an amount).

    >>> text = "24小时内累计驾驶时间不得超过8小时"
    >>> from extractor.extract.quantities import find_quantities
    >>> qs = [_read(text, text, q, 0) for q in find_quantities(text)]
    >>> _is_window(text, qs, 0, len(text)), _is_window(text, qs, 1, len(text))
    (True, False)
    """
    r = qs[i]
    q = r.q
    if q.unit not in TIME_UNITS or q.value_max is not None or q.is_share or i + 1 >= len(qs):
        return False
    if r.cmp is not None and r.cmp_word not in ("内", "以内"):
        return False
    nxt = qs[i + 1]
    if nxt.cmp is None or nxt.q.start > sb:
        return False
    between = text[r.expr_end:nxt.cmp_start if nxt.cmp_start < nxt.q.start else nxt.q.start]
    return _WORDS_BETWEEN_RE.fullmatch(between) is not None and bool(_WINDOW_CUE_RE.search(between))


def _sentence_part(text: str, masked: str, sa: int, sb: int, qs: list[_Q], obligation: bool, lo: int | None = None) -> list[Found]:
    """Thresholds of one sub-clause ``text[sa:sb]``; ``lo`` is where its sentence starts."""
    out: list[Found] = []
    group: list[str] = []  # bounds that pick out whom the rule is about: 年龄<=45岁, 单户担保金额<=500万元
    group_qs: list[tuple[_Q, int]] = []  # … and where the text before each starts
    prev_end = sa
    carried: _Q | None = None
    carried_subject = ""
    status_quo: tuple[str, str] | None = None  # the words before a value a rule changes, and that value
    windows: dict[int, str] = {}  # index in qs → the span of time its bound is counted over (_is_window)
    k = 0
    while k < len(qs):
        r = qs[k]
        q = r.q
        k += 1
        if q.unit is None and q.value_max is not None and not re.match(r"\x00", masked[q.end:q.end + 1]):
            prev_end = r.expr_end
            continue  # 3-5级, 4-6Hz: a range without a unit we know is not a target we can read
        if _is_window(text, qs, k - 1, sb):
            # 24小时内累计驾驶时间不得超过8小时, 1小时降雨量达到20毫米以上 (probes36 t12, h03): the span of time a
            # later bound is counted over, no limit of its own; the bound is per that span
            windows[k] = f"{q.value:g}{q.unit}"
            prev_end = r.expr_end
            continue
        if r.qualifier:
            bound = f"{q.value}-{q.value_max}" if q.value_max is not None else f"{r.cmp or '=='}{q.value}"
            if q.unit in AGE_UNITS:
                group.append(f"年龄{bound}岁")
                group_qs.append((r, prev_end))
            elif r.cmp is not None and q.unit in TIME_UNITS:
                group.append(f"{_clean_subject(text[prev_end:r.cmp_start])}{r.cmp}{text[q.start:q.end]}")
                if not masked[max(lo if lo is not None else sa, r.cmp_start - 2):r.cmp_start].endswith(("近", "最近")):
                    # 正常经营6个月以上的高校毕业生 (a probe's 稳就业 notice): a bound on how long, as a bound on how
                    # much (the gold's 满1年未复核的, 居住时间在十五日以下的); not a look-back window (近5年内)
                    group_qs.append((r, prev_end))
            elif r.cmp is not None:
                group.append(f"{_clean_subject(text[prev_end:r.cmp_start])}{r.cmp}{text[q.start:q.end]}")
                group_qs.append((r, prev_end))
            prev_end = r.expr_end
            continue
        if r.cmp is None and text[r.expr_end:min(sb, r.expr_end + 16)].lstrip().startswith(SELF_STRUCTURE_NOUNS):
            prev_end = r.expr_end
            continue  # 5项重点工作, 四个方面: the plan's own structure
        notes: list[str] = []
        subject_at = ""  # where a context-fixed value has its subject (_fixed_by_context)
        scope = False
        per = windows.get(k - 1) or _per_of(text, sa, q)
        pre = text[prev_end:r.cmp_start]
        if r.cmp is None and _changes_from(text, qs, k - 1):
            if status_quo is None or text[prev_end:r.cmp_start].strip("、和及与 "):
                # the first of a list of old values has the words (分别由0.54万元、2.59万元下降至0.378万元、1.81万元)
                status_quo = (text[prev_end:r.cmp_start], text[q.start:q.end])
            prev_end = r.expr_end
            continue  # 由现行的每立方米0.2元降到0.18元 (corpus-dev 013): the value a rule changes is no threshold
        if r.cmp is None and q.unit == "分" and (q.value_max is None or not _BAND_NAMED_RE.match(text, r.expr_end)):
            prev_end = r.expr_end
            continue  # 每次减10分: points of a scoring table (corpus 14), not a limit; a band a rating names is one (75分（含）至90分的为良好)
        if r.cmp is None and q.start > 0 and text[q.start - 1] == "\t" and text[r.expr_end:r.expr_end + 1] in ("\t", "\n", ""):
            prev_end = r.expr_end
            continue  # a table's cell holding a bare figure (2020年 10.56, 0.08 …): a value, read by no rule of its row
        award = None
        if r.cmp is None and q.value_max is None:
            gap = text[prev_end:q.start]
            # 不得超过5000元或60课时 (probes34 h04): a bound right before, in another unit, bounds this value too
            if carried is not None and (re.fullmatch(r"[、和及]?[^，,；;。]{0,12}", gap) and q.unit == carried.q.unit
                                        or gap in ("或", "或者") and carried.cmp in ("<=", "<", ">=", ">") and q.unit is not None):
                r.cmp, r.cmp_word = carried.cmp, None
                notes.append(f"comparator carried over from '{carried.cmp_word}' earlier in the list")
                if not _clean_subject(pre) and carried_subject:
                    pre = carried_subject  # 分别为2413元、2512元: the subject carries over too
            elif q.is_share and (paid := _PAID_SHARE_RE.search(pre)) is not None:
                # 完成检验后拨付70%，正常运行满1年后拨付剩余30% (probes37 t10): the share of the money each step pays
                r.cmp, pre = "==", paid.group(1)
            elif q.is_share and (changed := _RATE_CHANGED_RE.search(pre)) is not None:
                # 降低存储比例50% (probes40 t12): the change a rule makes to a rate named between its verb and the figure,
                # as 存储比例降低50% (gold README: 降低20% is ==)
                r.cmp, pre = "==", changed.group("what") + changed.group("verb")
            elif q.is_share and (re.search(r"为[^，,；;为]*$|按照?[^，,；;按]*的$|占(?!比)[^，,；;占]*$|(?:承担|负担|分担)$"
                                           # 拨付至项目总投资的97% (probes40 h04): the share of a base a rule brings it to
                                           r"|(?:拨付|调整|提高|降低|下调|上调)(?:至|到)[^，,；;至到]{1,16}的$", pre)
                                 or (q.kind == "ratio" and re.search(r"按照?$", pre))):  # 按1:2的比例配套
                # …; 其中市级承担50% (written for the tests: a 会议纪要's cost split)
                # …; 笔试成绩占总成绩的40% (a weight; written for the tests), not 占比 (a ratio bounded by its word)
                # 补贴标准为…的四分之一, 岗位补贴按当地最低工资标准的80%执行 (written for the tests): a
                # definition of the amount, not a floor
                r.cmp = "=="
            elif q.is_share and (obligation or _PREDICATE_RE.search(text, max(sa, sb - _PREDICATE_REACH), sb)):
                r.cmp = ">="
                notes.append("no comparator word; a required share is read as a minimum")
            elif q.unit in ("元", "万元", "千元", "美元") and (_AMOUNT_CUE.search(_EACH_END_RE.sub("", text[max(sa, q.start - 9):q.start]))
                                                         or _AMOUNT_NOUN_AFTER_RE.match(text, r.expr_end)):
                r.cmp = "=="  # 第七届理事会期间(4年)120元会费 (corpus-dev 072): an amount named by its fee
            elif q.is_share and text[q.start - 1:q.start] in "(（" and text[q.end:q.end + 1] in ")）" \
                    and re.search(r"[\u4e00-\u9fff]$", text[sa:q.start - 1]):
                r.cmp = "=="  # 日常监测（60%）: the weight of an item in a score (issue 12)
            elif (q.unit is not None or q.is_share) and (cue := _EXACT_RE.search(_before_per(text, _cue_start(text, prev_end, sa, lo, q.start), q.start))) \
                    and (not cue.group().startswith("共") or q.unit in TIME_UNITS or _QUOTA_WORD_RE.search(text, max(sa, q.start - 10), q.start)):
                # not 共66套: an inventory, only 共7天 (corpus-dev 062) is a fixed length, and a quota: 分配给我省的
                # 推荐名额共有6名 (corpus-dev 069)
                r.cmp = "=="
                notes.append("a value the rule fixes")
            elif q.unit in TIME_UNITS and text[q.start - 1:q.start] in ("(", "（") \
                    and (span_cue := _PERIOD_LENGTH_RE.search(masked, max(sa, q.start - 48), q.start - 1)):
                r.cmp = "=="
                notes.append("the length of the period its dates give")
                subject_at = span_cue.group("cue")
            elif q.unit == "倍" or ((q.unit in TIME_UNITS or q.unit in _EXTENT_UNITS)
                                   and re.search(r"(?:为|是)$", _before_per(text, max(prev_end, q.start - 4), q.start))):
                # …; 规划面积为18.56平方公里 (a helper's probe): an extent the rule fixes
                r.cmp = "=="  # 按…标准的1.6倍 (corpus-dev 018), 顶岗实习时间一般为6个月 (corpus 01)
                notes.append("a value the rule fixes")
            elif q.unit in SCOPE_UNITS and (_SCOPE_RE.search(text, max(prev_end, q.start - 6), q.start)
                                            or (award := _AWARD_SCOPE_RE.search(text, max(prev_end, q.start - 9), q.start))
                                            or (not text.startswith(("等级", "档", "个等级"), q.end)  # 三等奖三个等级: the levels
                                                and (award := _AWARD_NAMED_RE.search(text, max(prev_end, q.start - 9), q.start)))):
                if award is not None:
                    pre = award.group("name")  # 金奖, not 大赛设金奖
                r.cmp = "=="
                scope = True
                notes.append("scope count: how many the measure covers")
            elif per is not None and not q.is_share and _PER_RE.search(text, max(sa, q.start - _PER_REACH), q.start):
                r.cmp = "=="  # 每人每月500元, 每半年考评一次: a rate the rule fixes
            elif q.unit is not None and (item := _LIST_ITEM_RE.match(text, max(prev_end, sa if lo is None else lo, q.start - 14), q.start)) \
                    and _in_value_list(text, max(sa if lo is None else lo, q.start - 60), _after_by(item)) \
                    and re.match(r"\s*(?:[，,、；;。）)（(]|的?标准|$)", text[r.expr_end:r.expr_end + 3]):  # the value closes its item (or a note follows)
                r.cmp = "=="
                notes.append("a value of a list the rule fixes")
                subject_at = text[_after_by(item):item.end("label")]
            elif fixed := _fixed_by_context(text, masked, r, sa, sb, prev_end):
                r.cmp = "=="
                notes.append(fixed[0])
                subject_at = fixed[1]
            else:
                prev_end = r.expr_end
                continue
        # 1倍以上5倍以下: two bounds side by side are one range
        nxt = qs[k] if k < len(qs) else None
        range_end = None
        if (nxt is not None and r.cmp in (">=", ">") and nxt.cmp in ("<=", "<") and nxt.q.unit == q.unit
                and (nxt.cmp_start == r.expr_end or text[r.expr_end:nxt.cmp_start] in ("、", "，", ",", "且"))  # 18周岁以上、35周岁以下
                and q.value_max is None and nxt.q.value_max is None):
            range_end = nxt
            k += 1
        if r.cmp is not None and q.value_max is None and (not notes or notes == ["a value the rule fixes"]
                                                          or scope and text.startswith("、", r.expr_end)):
            carried = r  # 下降至0.378万元、1.81万元 (corpus-dev 014): a fixed value carries over the list too
        baseline = None
        bm = _BASELINE_RE.search(pre) or (_COMPARED_RE.search(pre) if r.growth else None)
        if bm:
            baseline = next(g for g in bm.groups() if g).strip()
            pre = pre[:bm.start()] + pre[bm.end():]
        if status_quo is not None and _STATUS_QUO_RE.fullmatch(pre.rstrip()):
            # 农村科普示范基地由10个增加到15个: what the new value is of stands before the old one
            pre = _FROM_END_RE.sub("", status_quo[0])
            notes.append(f"changed from {status_quo[1]} (the status quo)")
        status_quo = None
        frame = _TIME_LEAD.match(pre.strip())
        hedge = next((h for h in HEDGE_WORDS if h in pre[-6:]), None)
        if r.growth:
            pre = _GROWTH_END_RE.sub("", pre)
        subject = _clean_subject(pre)
        if subject_at == "before":
            subject = _clean_subject(_EXTENDED_TO_RE.sub("", subject))  # 有效期顺延至疫情解除后 → 有效期顺延
        elif subject_at not in ("", "after"):
            subject = subject_at
        owner = None
        if pre.rstrip().endswith("的"):
            owner = _clean_subject(pre.rstrip()[:-1])
        end_of_expr = range_end.expr_end if range_end else r.expr_end
        # the predicate ends the clause and is at most 33 characters long: searching only that far
        # back finds the same match and keeps a clause of many figures linear (helper H's inputs)
        noun = _NOUN_AHEAD_RE.match(text, end_of_expr, sb)
        pred = _PREDICATE_RE.search(text, max(end_of_expr, sb - _PREDICATE_REACH), sb)
        consumed = end_of_expr
        if q.is_share and pred and (owner or (noun and not subject)):
            holder = owner or (_clean_subject(noun.group(1)) if noun else None)
            subject = f"{holder}中{pred.group(1).strip()}" if holder else pred.group(1).strip()
            if not owner and noun:  # 四分之三以上理事、…: the noun belongs to this share
                consumed = noun.end(1) + (1 if text[noun.end(1):noun.end(1) + 1] == "、" else 0)
        elif (not subject or r.verb_gap or subject_at == "after" or _VERB_END.search(pre.rstrip())
              or text.startswith("的", end_of_expr)) and not q.is_share:
            # 举办1次学术会议、2次科普活动 / 应有5000元以上的资金: the count governs the noun after it
            obj, obj_end = _object_noun(text, masked, end_of_expr, sb)
            if obj:
                subject = obj
                consumed = obj_end + (1 if text[obj_end:obj_end + 1] == "、" else 0)
        if not subject and sa > 0 and text[sa - 1] in "：:" and (label := _LABEL_BEFORE_RE.search(text, max(0, sa - 24), sa - 1)):
            # 公民具备科学素质的比例：18%以上, 申报人年龄：45周岁以下 (a plan's 专栏 of indicators, a call's
            # conditions; written for the tests): the label before the colon is what is bounded
            subject = _clean_subject(label.group(1)) or subject
        if r.base and q.is_share:
            subject = f"{subject}占{r.base}比例" if subject else f"占{r.base}比例"
        f = _found(text, r, sa, sb, subject or None, per, scope)
        if f.unit is None and "\t" in text[max(sa, q.start - 80):q.start]:
            _unit_from_row(text, sa, q.start, f)
            if f.unit is None:
                _unit_from_column(text, q.start, f)
        if carried is r:
            carried_subject = subject
        if range_end is not None:
            f.comparator, f.value_max, f.value_span = "range", range_end.q.value, (q.start, range_end.q.end)
            f.notes.append(f"{r.cmp_word}…{range_end.cmp_word}: a range")
        f.baseline = baseline
        f.hedge = hedge
        if frame:
            f.condition = frame.group(1)
        if q.unit is None and q.value_max is not None:
            f.unit = "个"
            f.notes.append("unit missing before a grade (15-205A级 = 15-20个5A级); 个 assumed")
        f.notes.extend(notes)
        out.append(f)
        prev_end = consumed
    _respectively(text, lo, sa, sb, out)
    # 单户担保金额500万元及以下的小微企业 (corpus-dev 004), 其他十六周岁以上的流动人口 (002): the bound
    # that picks out whom the rule is about is a threshold of its own (gold README); an age does so
    # only when nothing else in the clause is bounded (seed 002: 45岁以下…占比 is the share's condition)
    emitted: list[Found] = []
    for r, start in group_qs:
        if r.growth or (r.q.unit in AGE_UNITS and out):
            continue
        obj, _ = _object_noun(text, masked, r.expr_end, sb)
        own = _clean_subject(text[start:r.cmp_start])  # 单户担保金额, but 其他十六周岁以上的流动人口: 流动人口
        f = _found(text, r, sa, sb, (obj or own if r.q.unit in AGE_UNITS else own or obj) or None)
        f.notes.append("bound that picks out whom the rule is about")
        emitted.append(f)
    if group:
        for f in out:
            f.condition = "且".join(([f.condition] if f.condition else []) + group)
    if emitted:
        out = sorted(out + emitted, key=lambda f: f.value_span[0])
    return out


_QUOTED_RE = compile_re(r"“([^”]{1,12})”")
# 服务评估为优秀、良好、合格等级的，每年每个分别给予…: the list is in the condition before
_LIST_CONDITION_RE = compile_re(
    r"(?:为|是|达到|评为|^)((?:[^，,；;。、为是]{1,6}、)+[^，,；;。、]{1,6}?)(等级|级别|档次|类别)?的[，,\s]*$"
)


def _respectively(text: str, lo: int | None, sa: int, sb: int, out: list[Found]) -> None:
    """A…、B…、C…分别不少于60万元、40万元、5万元: the i-th value holds for the i-th item.

    The item becomes the condition of its threshold and the list leaves the subject.
    Nothing changes unless the items and the values pair up one to one.
    """
    pos = text.find("分别", sa, sb)
    values = [f for f in out if f.value_span[0] > pos] if pos >= 0 else []
    if len(values) < 2:
        return
    head = text[sa:pos]
    found = _quoted_items(head, len(values)) or _listed_items(head, len(values))
    if found is None and lo is not None and not _clean_subject(head):
        found = _condition_items(text[lo:sa], len(values))
    if found is None:
        return
    items, subject = found
    subject = subject or next((f.subject for f in values if f.subject), "")
    for k, (f, item) in enumerate(zip(values, items)):
        f.subject = subject or None
        f.condition = "且".join(x for x in (f.condition, item) if x)
        f.notes.append(f"分别: value {k + 1} of {len(values)} holds for '{item}'")


def _quoted_items(head: str, n: int) -> tuple[list[str], str] | None:
    """实现“小升规”“规改股”“股上市”三个梯度发展目标的港澳青年企业分别给予… (corpus 23)."""
    quoted = list(_QUOTED_RE.finditer(head))
    if len(quoted) != n:
        return None
    return [m.group(1) for m in quoted], _clean_subject(head[: quoted[0].start()] + head[quoted[-1].end():])


def _listed_items(head: str, n: int) -> tuple[list[str], str] | None:
    """区级、街道(镇)级、社区(村)级社区养老服务设施每年每个分别… (corpus 20): the items, and the
    head noun written once after the last item as the subject of all."""
    parts = head.split("、")
    if len(parts) == n - 1:  # A、B和C
        last = re.split(r"和|及|与", parts[-1], maxsplit=1)
        parts[-1:] = last if len(last) == 2 else [parts[-1]]
    if len(parts) != n:
        return None
    parts[0] = _LEAD_STRIP.sub("", parts[0])
    if not parts[0] or len(parts[0]) > 12:
        return None
    subject = ""
    end = parts[0][-1]
    cut = parts[-1].find(end) if all(x.endswith(end) for x in parts[:-1]) else -1
    if cut >= 0 and len(parts[-1]) - cut > 2:
        subject = _clean_subject(parts[-1][cut + 1:])
        parts[-1] = parts[-1][: cut + 1]
    items = [x.strip() for x in parts]
    return (items, subject) if all(items) else None


def _condition_items(before: str, n: int) -> tuple[list[str], str] | None:
    """服务评估为优秀、良好、合格等级的，每年每个分别给予… (corpus 20): the list closes the condition before."""
    m = _LIST_CONDITION_RE.search(before)
    if m is None or m.group(1).count("、") + 1 != n:
        return None
    return [x + (m.group(2) or "") for x in m.group(1).split("、")], ""


_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4}
# 残疾等级被评为一、二级的重度残疾人, 一至四级的重度残疾军人, 三级智力、精神残疾的 (corpus-dev 018, 019):
# disability grades (GB/T 26341: 一级 is the most severe) bound who is eligible
_GRADE_RE = compile_re(r"(?<![第\d一二三四五六七八九十])([一二三四])(?:、([一二三四])|至([一二三四]))?级(?=[^，,；;。]{0,8}残疾|的重度)")


def _grades(text: str, masked: str, sa: int, sb: int) -> list[Found]:
    """Disability grades that bound who is eligible: 一、二级 → range 1–2 级, 三级 → == 3 级.

    >>> [(f.comparator, f.value, f.value_max) for f in _grades("评为一、二级的重度残疾人", "评为一、二级的重度残疾人", 0, 12)]
    [('range', 1, 2)]
    """
    out: list[Found] = []
    if text.find("级", sa, sb) < 0:
        return out
    for m in _GRADE_RE.finditer(text, sa, sb):
        if MASK in masked[m.start() + 1:m.end()]:
            continue  # inside a citation
        lo = _CN_DIGIT[m.group(1)]
        hi = _CN_DIGIT[m.group(2) or m.group(3)] if (m.group(2) or m.group(3)) else None
        if hi is not None and hi <= lo:
            continue
        subject = _clean_subject(re.sub(r"(?:被)?评为$", "", text[max(sa, m.start() - 24):m.start()])) or "残疾等级"
        f = Found((sa, sb), (m.start(), m.end()), lo, hi, "级", "range" if hi else "==", "grade", subject)
        f.notes.append("disability grade: who is eligible")
        out.append(f)
    return out


# A level on the scale of a physical measure: 风力3级以下时进行, 风力达到4级以上时不得进行 (probes30 h05, a 森林草原
# 防火 notice; t10), 震级6级以上. Not a grade of a body (5A级, 一级医院), which names no measure before it.
_SCALE_LEVEL_RE = compile_re(r"(?P<subj>风力|风速|阵风|震级|地震烈度|烈度)(?:达到|达|在|为)?\s{0,2}(?P<n>\d{1,2}(?:\.\d)?)\s{0,2}级"
                             r"(?P<cmp>及以上|以上|及以下|以下)?")


def _scale_levels(text: str, masked: str, sa: int, sb: int) -> list[Found]:
    """Levels on the scale of a physical measure (风力N级以上), unit 级: == without a bound word.

    >>> [(f.comparator, f.value, f.unit, f.subject) for f in _scale_levels("风力3级以下时进行", "风力3级以下时进行", 0, 9)]
    [('<=', 3, '级', '风力')]
    """
    out: list[Found] = []
    for m in _SCALE_LEVEL_RE.finditer(text, sa, sb):
        if MASK in masked[m.start("n"):m.end("n")]:
            continue
        raw = float(m.group("n"))
        cmp_word = m.group("cmp")
        cmp = ">=" if cmp_word and "上" in cmp_word else "<=" if cmp_word else "=="
        out.append(Found((sa, sb), (m.start("n"), m.end("n")), int(raw) if raw.is_integer() else raw, None, "级", cmp, "measure",
                         m.group("subj"), comparator_word=cmp_word))
    return out


def _coverage(text: str, sa: int, sb: int, time_frame: str | None) -> list[Found]:
    """实现…全覆盖 with a time frame is a 100 % coverage target (seed 004)."""
    out = []
    if time_frame is None:
        return out
    for m in _COVERAGE_RE.finditer(text, sa, sb):
        pre = text[sa:m.start()]
        subject = _clean_subject(re.sub(r"^.*?实现", "", pre)) + "覆盖率"
        f = Found((sa, sb), (m.start(), m.end()), 100, None, "%", ">=", "coverage", subject)
        f.notes.append("全覆盖 read as 100% coverage")
        out.append(f)
    return out
