"""Numbers as policy texts write them, located and converted span by span.

Only the quantity span is converted, never the sentence around it: converting whole
sentences corrupts words (cn2an turns 一般 into 1般 and 一线 into 1线). A Chinese numeral
counts as a quantity only when a unit, 分之, a comparator or a percent sign stands
next to it, so 一般, 一线, 统一 and 进一步 are never numbers.

>>> [(q.text, q.value, q.value_max, q.unit) for q in find_quantities("培育3-5个示范项目，四分之三以上理事，增加15%以上")]
[('3-5个', 3, 5, '个'), ('四分之三', 0.75, None, '比例'), ('15%', 15, None, '%')]
>>> [(q.text, q.value, q.unit) for q in find_quantities("个人会员不足2万人的，一般不超过一百五十人，至少有一名")]
[('2万人', 20000, '人'), ('一百五十人', 150, '人'), ('一名', 1, '名')]
>>> [(q.value, q.value_max, q.unit) for q in find_quantities("给予50—100万元、5万元至10万元资助，6个月至12个月，缴费额的2/3，1月至12月")]
[(500000, 1000000, '元'), (50000, 100000, '元'), (6, 12, '月'), (0.6667, None, '比例')]
>>> find_quantities("坚持一般原则，深入一线，进一步统一思想")
[]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from extractor.data.vocab import COMPARATOR_AFTER, COMPARATOR_BEFORE, LATIN_UNITS, UNIT_CANONICAL, UNITS
from extractor.errors import ParseError
from extractor.segment.numbering import parse_cn_int
from extractor.recache import compile_re

_CN = "〇零一二两三四五六七八九十百千"
_MAG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
# a private-use glyph between digits stands for the decimal point on some sites (corpus-dev 013:
# 每立方米0\ue01018元 is 0.18元; the gold reads it so)
_DOT = "[.\ue000-\uf8ff]"
_NUM = rf"(?:\d+(?:{_DOT}\d+)?|[{_CN}]+)"
_UNIT_ALT = "|".join([*sorted(map(re.escape, UNITS), key=len, reverse=True),
                      *(re.escape(u) + "(?![A-Za-z])" for u in sorted(LATIN_UNITS, key=len, reverse=True))])
_AFTER_ALT = "|".join(sorted((re.escape(w) for w, _ in COMPARATOR_AFTER), key=len, reverse=True))

_QUANTITY_RE = compile_re(
    # every alternative starts with a digit, a Chinese numeral or 半: checking that first spares the
    # engine trying seven alternatives at each character of running text
    rf"(?=[\d{_CN}半])(?:"
    # 百分之六十五 / 三分之一 / 3分之1
    rf"(?P<half>一半|半数)"  # 占总课时一半以上 (corpus 01), 过半数
    r"|(?P<half_year>半年)(?=以上|以内|内|以下)"  # 居住半年以上 = 0.5 年 (corpus-dev 002, 015); not 上半年
    rf"|(?P<pct_cn>百分之(?P<pc>{_NUM}))"
    rf"|(?P<frac>(?P<den>{_NUM})分之(?P<numr>{_NUM}))"
    # 实际缴费额的2/3 (corpus 12); dates with slashes are masked before
    r"|(?P<slash>(?P<sn>\d{1,2})/(?P<sd>\d{1,3})(?![\d/]))"
    # 按不低于1∶1的比例配套 (a probe's 会议纪要): a ratio, by its ratio sign or the 比例 after it
    # … or a ratio's noun right before it, a colon being no clock there: 护理人员与失能人员配比不低于1:4 (probes38 t11)
    r"|(?P<ratio>(?:(?P<rn>\d{1,3})\s*(?:∶|[:：](?=\s*\d{1,3}\s*的?比例))"
    r"|(?:(?<=比)|(?<=比为)|(?<=比例为)|(?<=比不低于)|(?<=比不高于)|(?<=比不少于)|(?<=比达到))(?P<rn2>\d{1,3})\s*[:：])"
    r"\s*(?P<rd>\d{1,3})(?![\d:：∶]))"
    # 15-20个, 四至五年, 3～5, 5万元至10万元, 6个月至12个月 (corpus 10); 75分（含）至90分 with its masked
    # inclusion note before 至 (a 评估 通报's bands, probes27 t13)
    rf"|(?P<range>(?P<lo>{_NUM})(?P<lom>[万萬亿億]?)[%％]?(?P<lounit>{_UNIT_ALT})?[\s\x00]*(?:-|－|—|~|～|至|到)\s*(?P<hi>{_NUM})(?P<him>[万萬亿億]?)(?P<rpct>[%％])?(?P<runit>{_UNIT_ALT})?)"
    # 2万人, 65%, 150人, 一名
    rf"|(?P<single>(?P<n>{_NUM})(?P<mag>[万萬亿億]?)(?P<pct>[%％‰])?(?: ?(?P<unit>{_UNIT_ALT}))?))"
)
_AFTER_RE = compile_re(rf"(?:{_AFTER_ALT})")
# a character every quantity starts with: a text without one holds none (a cheap pre-check, issue 18)
NUMERAL_RE = compile_re(rf"[\d{_CN}半]")
# Where a quantity can start (issue 18: the threshold scan asks once per document, then bisects per
# piece): a run of digits, 半, or a run of Chinese numerals followed by what makes a Chinese numeral
# a quantity in _QUANTITY_RE and _build: 分之, a magnitude or percent sign, a unit (Latin ones without
# their no-letter-after guard), a range mark, a comparator after it. Every quantity find_quantities
# finds in a piece starts inside a run that one of these starts, within the piece or, for a run the
# piece opens inside of, before it (see has_quantity_start); the converse need not hold (一 of 一般
# before 般 is no start, 一个 is one, and _build may still refuse it).
_QUANTITY_START_RE = compile_re(
    rf"(?=[\d半{_CN}])(?:\d+|半|[{_CN}]+(?=分之|[万萬亿億%％‰]|\s*(?:-|－|—|~|～|至|到)|(?:{_AFTER_ALT})"
    rf"| ?(?:{'|'.join(sorted(map(re.escape, (*UNITS, *LATIN_UNITS)), key=len, reverse=True))})))"
)


def has_quantity_start(starts: list[int], masked: str, a: int, b: int) -> bool:
    """May ``find_quantities(masked, a, b)`` find anything? ``starts``: quantity_starts(masked).
    False only when it finds nothing: no start in ``[a, b)``, and ``masked[a]`` no numeral (a run
    of them starting before ``a`` and running into the piece)."""
    k = bisect_left(starts, a)
    return (k < len(starts) and starts[k] < b) or (a < b and NUMERAL_RE.match(masked, a) is not None)


def quantity_starts(text: str) -> list[int]:
    """Sorted offsets where a quantity of ``text`` may start: find_quantities over a piece without
    one of them finds nothing.

    >>> t = "坚持一般原则，进一步统一思想，不超过一百五十人"
    >>> [t[i:i + 5] for i in quantity_starts(t)]
    ['一百五十人']
    """
    return [m.start() for m in _QUANTITY_START_RE.finditer(text)]


# a bound word just before: 至少公开一次, 限推荐一位, 只能登记一个名称 (corpus-dev 019, 043, 017)
_BOUND_LEAD_RE = compile_re(
    "(?:" + "|".join(sorted((re.escape(w) for w, _ in COMPARATOR_BEFORE if len(w) > 1), key=len, reverse=True))
    + r"|限|只能|仅|只)[\u4e00-\u9fff]{0,3}$"
)
# a period just before: 每年分上、下半年两次 (corpus-dev 019), 每年召开两次会议 (corpus 01): a frequency
# the rule sets, not a vague count
# … or per so many hours or days: 每2小时开展一次巡查 (probes40 t08)
_FREQUENCY_LEAD_RE = compile_re(r"每(?:年度?|半年|季度|季|月|周|[\d一二三四五六七八九十两]{1,2}个?(?:小时|天|日|周|月|年))[^，,；;。\d]{0,8}$")
# 取得第一名, 荣获第二名 (corpus-dev 015): a rank won in a competition, a quantity the rule sets
_RANK_LEAD_RE = compile_re(r"(?:取得|获得|荣获|获)第$")
# Chinese numerals inside words that are not quantities even before a unit-like
# character: 一次性, 一体化, 一把手, 十佳; and ordinals 第一, 一是; categories 市级一类技能竞赛 (corpus-dev 015),
# 一类门诊特定病种 (corpus 17).
# … and 一 after these: 同一 (the same), 统一, 唯一, 单一, 逐一, 专一, 划一, 万一
_ONE_IN_WORD_BEFORE = frozenset("同统唯单逐专划万")
_CN_WORD_AFTER = compile_re(r"(?:次性|体化|把手|佳|强|好|大|流|些|般|线|起|致|切|定|带一路|同|并|直|道|律|旦|再|手|级|类)")


@dataclass(frozen=True)
class Quantity:
    """A number located in a string: ``start``/``end`` are offsets into that string."""

    start: int
    end: int
    text: str
    value: float | int
    value_max: float | int | None
    unit: str | None
    kind: str  # count | percent | ratio | range

    @property
    def is_share(self) -> bool:
        return self.unit in ("%", "比例")


# parse_number's patterns, compiled once (it runs for every figure read; issue 18)
_PUA_DOT_RE = compile_re(r"(?<=\d)[\ue000-\uf8ff](?=\d)")
_INT_RE = compile_re(r"\d+")
_DECIMAL_RE = compile_re(r"\d+\.\d+")


def parse_number(s: str) -> float | int:
    """Value of an Arabic or Chinese number with an optional 万/亿 suffix.

    >>> [parse_number(x) for x in ("15", "2.5", "十五", "一百五十", "两", "2万", "1萬", "三千")]
    [15, 2.5, 15, 150, 2, 20000, 10000, 3000]
    """
    mag = 1
    s = _PUA_DOT_RE.sub(".", s)
    if s and s[-1] in _MAG:
        mag, s = _MAG[s[-1]], s[:-1]
    if not s:
        raise ParseError("empty number")
    if _INT_RE.fullmatch(s):
        return int(s) * mag
    if _DECIMAL_RE.fullmatch(s):
        v = float(s) * mag
        return int(v) if v.is_integer() else v
    if "万" in s or "亿" in s:
        raise ParseError(f"compound magnitude not supported: {s!r}")
    return parse_cn_int(s.replace("两", "二")) * mag


def _clean(v: float | int) -> float | int:
    if isinstance(v, float):
        v = round(v, 4)
        return int(v) if v.is_integer() else v
    return v


def _is_cn(s: str) -> bool:
    return bool(s) and all(c in _CN for c in s)


# 上一年度, 下一届, 上一个季度: the one before or after (written for the tests: a 科协's 评估 notice)
_ADJACENT_PERIOD_RE = compile_re(r"一(?:个)?(?:年度|年|季度|月|周|届|轮|批|阶段|学年|学期)")


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities in ``text[start:end]``, left to right; offsets are into ``text``.

    Masked characters (anything outside CJK, digits and units) never join a number, so
    callers blank out dates, citations and phone numbers first.
    """
    end = len(text) if end is None else end
    out: list[Quantity] = []
    for m in _QUANTITY_RE.finditer(text, start, end):
        s, e = m.span()
        before = text[s - 1] if s > 0 else ""
        if before.isdigit() or before == "." or (before != "" and before in _CN and m.group()[0] in _CN):
            continue  # the tail of a longer number or a masked one
        if before == "第" and not (_RANK_LEAD_RE.search(text, max(0, s - 3), s) and m.group().endswith("名")):
            continue  # ordinal: 第一, 第3; but a rank won: 取得第一名 (corpus-dev 015)
        if before == "每" and m.group()[0] in "十百千万":
            continue  # the base of a rate: 每千人口, 每万人, 每百户
        if before in ("上", "下") and m.group()[0] == "一" and text[s - 2:s - 1] not in ("以", "") and _ADJACENT_PERIOD_RE.match(text, s):
            continue  # 上一年度年检合格, 下一届: the period before or after, no count (not 以上一…: a bound then a word)
        try:
            q = _build(m, text, s, e)
        except ParseError:
            continue
        if q is not None:
            if q.unit == "℃" and (sign := _BELOW_ZERO_RE.search(text, max(0, s - 2), s)) is not None:
                # 应当在-20℃以下贮存, 零下20℃ (probes35 t12): a temperature below zero (not 10-20℃, a range)
                q = replace(q, start=sign.start(), text=text[sign.start():q.end], value=-q.value,
                            value_max=None if q.value_max is None else -q.value_max)
            out.append(q)
    return out


# a minus sign or 零下 right before a temperature, not the dash of a range after a number (10-20℃)
_BELOW_ZERO_RE = compile_re(r"(?:(?<![\d.])[-－−]|零下)$")


def _build(m: re.Match[str], text: str, s: int, e: int) -> Quantity | None:
    after = text[e:e + 4]
    # the alternative that matched: the outermost group closes last, and none matches empty (one
    # lookup instead of up to six group calls per number, issue 18)
    kind = m.lastgroup
    if kind == "half":
        return Quantity(s, e, m.group(), 0.5, None, "比例", "ratio")
    if kind == "half_year":
        if text[s - 1:s] in ("上", "下", "每", "后", "前"):
            return None  # 上半年, 每半年: a period of the calendar or a frequency
        return Quantity(s, e, m.group(), 0.5, None, "年", "count")
    if kind == "pct_cn":
        return Quantity(s, e, m.group(), _clean(parse_number(m.group("pc"))), None, "%", "percent")
    if kind == "frac":
        den, num = parse_number(m.group("den")), parse_number(m.group("numr"))
        if not den or num > den:
            return None
        return Quantity(s, e, m.group(), _clean(num / den), None, "比例", "ratio")
    if kind == "ratio":
        num, den = int(m.group("rn") or m.group("rn2")), int(m.group("rd"))
        if not den:
            return None
        return Quantity(s, e, m.group(), _clean(num / den), None, "比例", "ratio")
    if kind == "slash":
        num, den = int(m.group("sn")), int(m.group("sd"))
        if not 0 < num < den:
            return None
        return Quantity(s, e, m.group(), _clean(num / den), None, "比例", "ratio")
    if kind == "range":
        lo_s, hi_s = m.group("lo"), m.group("hi")
        unit = "%" if m.group("rpct") else _canonical(m.group("runit"))
        if m.group("lounit") and (_canonical(m.group("lounit")) != unit or m.group("lounit") in ("月", "日", "号")):
            return None  # 1月至12月, 4月26日至4月28日: calendar dates, not an amount
        if unit == "年" and text.startswith("级", e):
            return None  # 面向三至六年级学生 (probes27 h07): school grades, no span of years
        cn = _is_cn(lo_s) or _is_cn(hi_s)
        if cn and unit is None:
            return None  # 一至二 without a unit is not a quantity
        if re.match(r"\d{4}$", lo_s) and re.match(r"\d{4}$", hi_s) and unit is None:
            return None  # 2014-2018: a span of years
        hi = parse_number(hi_s + (m.group("him") or ""))
        lo = parse_number(lo_s + (m.group("lom") or ""))
        if not m.group("lom") and m.group("him") and parse_number(lo_s + m.group("him")) < hi:
            lo = parse_number(lo_s + m.group("him"))  # 50—100万元: both ends in 万
        if hi <= lo:
            return None
        return Quantity(s, e, m.group(), _clean(lo), _clean(hi), unit, "range")
    n, mag, pct, unit = m.group("n"), m.group("mag"), m.group("pct"), m.group("unit")
    if unit == "年" and text.startswith("级", e):
        return None  # 拟招收一年级新生4480人 (corpus-dev 065): a school grade, no span of time
    if _is_cn(n):
        if not (unit or pct or mag or _AFTER_RE.match(after)):
            return None
        if _CN_WORD_AFTER.match(text, s + len(n)):
            return None
        if n == "一" and s > 0 and text[s - 1] in _ONE_IN_WORD_BEFORE:
            return None  # 同一年度申请3项以上的 (probes37 h01: 1 年 made the condition 同==一年且度申请>=3项), 统一, 逐一
        if n in ("一", "两", "二") and unit in ("个", "项", "次", "批", "种", "条", "件", "位", "支", "场", "张") and not _AFTER_RE.match(after) \
                and not _BOUND_LEAD_RE.search(text, max(0, s - 8), s) \
                and not (unit == "次" and _FREQUENCY_LEAD_RE.search(text, max(0, s - 12), s)):
            # 一个, 一项, 两种: articles and vague counts unless a comparator stands next to them
            return None
    value = parse_number(n + (mag or ""))
    if unit in ("岁", "周岁") and not float(value).is_integer():
        return None  # 1.80周岁及以上: a list label run into the age (corpus 20); ages are whole years
    if pct == "‰":
        return Quantity(s, e, m.group(), _clean(value / 10), None, "%", "percent")
    if pct:
        return Quantity(s, e, m.group(), _clean(value), None, "%", "percent")
    return Quantity(s, e, m.group(), _clean(value), None, _canonical(unit), "count")


def _canonical(unit: str | None) -> str | None:
    return UNIT_CANONICAL.get(unit, unit) if unit else unit
