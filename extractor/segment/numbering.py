"""Numbering markers of Chinese official documents (GB/T 9704) and Chinese numerals.

Markers are recognised on normalized text (brackets already half-width). The level of
a marker comes from its type, never from how deep it happens to sit:

=====  ===========  ==================
rank   marker       example
=====  ===========  ==================
0      chapter      第一章 第一部分
1      part         第一节
2      article      第十二条
3      clause       第二款
4      cn_comma     一、 一.
4      num_pad      01 综合  01 / 指导思想
5      cn_paren     (一) ㈠
6      num_dot      1. 1、
7      num_paren    (1) ⑴
8      circled      ①
9      cn_shi       一是 二是
10     cn_yao       一要 二要
=====  ===========  ==================

Also read: the dot variants 1． and 1﹒ (U+FE52); [1] at the start of a line. Two-digit
headings at the start of a line (num_pad) are a layout's section numbers, above (一)
(corpus-dev 025: 01综合 … 10科学技术与教育; 066, a WeChat article: 01 / 指导思想 over (一)…(四));
with 一、 they are siblings. 一是/一要 are
the lowest levels: they enumerate points inside whatever heading holds them.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.errors import ParseError
from extractor.model import MarkerKind
from extractor.recache import compile_re

RANK: dict[MarkerKind, int] = {
    "chapter": 0, "part": 1, "article": 2, "clause": 3, "cn_comma": 4, "num_pad": 4,
    "cn_paren": 5, "num_dot": 6, "num_paren": 7, "circled": 8, "cn_shi": 9, "cn_yao": 10,
}

_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUM = "〇零一二三四五六七八九十百千两"
_ONE_CHAR = {**_DIGITS, **_UNITS}  # a numeral of one character: its digit, or 1 of its unit (十 is 10)


def parse_cn_int(s: str) -> int:
    """Value of a Chinese or Arabic integer as used in labels.

    Digits without units are read by position, as years are written (二〇一九, 二○一二).

    >>> [parse_cn_int(x) for x in ("一", "十", "十二", "二十", "二十四", "一百零五", "三百", "17", "二〇一九", "二○一二")]
    [1, 10, 12, 20, 24, 105, 300, 17, 2019, 2012]
    """
    if s.isdigit():
        return int(s)
    if len(s) == 1 and s in _ONE_CHAR:  # most labels: 一 … 十 (no generators for them; issue 18)
        return _ONE_CHAR[s]
    if not s or any(c not in _DIGITS and c not in _UNITS for c in s):
        raise ParseError(f"not a Chinese integer: {s!r}")
    if len(s) > 1 and not any(c in _UNITS for c in s):
        return int("".join(str(_DIGITS[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in _DIGITS:
            digit = _DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _UNITS[c]
            digit = None
    return total + (digit or 0)


@dataclass(frozen=True)
class Marker:
    """A label found in the text: ``text[start:label_end]`` is the label as written,
    ``text[label_end:end]`` its separator (、 . or white space)."""

    kind: MarkerKind
    number: int
    start: int
    label_end: int
    end: int

    @property
    def rank(self) -> int:
        return RANK[self.kind]


_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ①-⑳
_PAREN_DIGIT = {chr(0x2474 + i): i + 1 for i in range(20)}  # ⑴-⒇
_PAREN_IDEO = {chr(0x3220 + i): i + 1 for i in range(10)}  # ㈠-㈩

_YEAR_AHEAD = r"(?=(?:19|20)\d\d年)"
_MARKER_RE = compile_re(
    # 第一部分 opens a plan's parts at the start of a line, above its 一、 (ranked with 第一章)
    rf"(?P<art>第(?P<artn>[{CN_NUM}]+|\d{{1,3}})(?P<artk>[章节条款]|部分))(?P<artsep>[ \t]*(?:[：:][ \t]*)?)"  # 第一部分：一类门诊特定病种 (corpus 17)
    # 一、 and, at the start of a line, 一. (一． folded): the house style of offices that number
    # with a dot (bench/eval_perturbations.py "paragraph numbers restyled": 10 of 12 text notices
    # lost their items); never inside a line, where 一.5 or 统一.后 are no labels
    rf"|(?P<cnc>(?P<cncn>[一二三四五六七八九十]{{1,3}}))(?P<cncsep>、|[.﹒](?![\d.]))"
    rf"|(?P<cnp>\((?P<cnpn>[一二三四五六七八九十]{{1,3}})\))(?P<cnpsep>[、.]?)"
    rf"|(?P<shi>(?P<shin>[一二三四五六七八九十]{{1,3}})(?P<shik>[是要]))(?P<shisep>[，,:：]?)(?=[\u4e00-\u9fff“\"])"
    # 1. but not 1.5倍; yet 1.2020年6月11日前 is item 1 and a year (corpus-dev 065)
    rf"|(?P<nd>(?P<ndn>\d{{1,3}}))(?P<ndsep>[.、．﹒](?:(?!\d)|{_YEAR_AHEAD}))"
    # 01 指导思想, and 01 / 指导思想 as an article of a WeChat account sets it (corpus-dev 066)
    r"|(?P<zp>(?P<zpn>0[1-9]|[1-9][0-9]))(?P<zpsep>[ \t]*(?:/[ \t]*)?)(?=[\u4e00-\u9fff])"
    r"|(?P<sq>\[(?P<sqn>\d{1,2})\])(?P<sqsep>[ \t]*)(?=[\u4e00-\u9fff])"
    r"|(?P<np>\((?P<npn>\d{1,3})\))(?P<npsep>[、.]?)"
    r"|(?P<circ>[\u2460-\u2473\u2474-\u2487\u3220-\u3229])(?P<circsep>[、.]?)"
)
_ART_KIND: dict[str, MarkerKind] = {"章": "chapter", "部分": "chapter", "节": "part", "条": "article", "款": "clause"}


def match_marker(text: str, pos: int) -> Marker | None:
    """The marker starting exactly at ``pos``, if any.

    >>> m = match_marker("(三)实施原则", 0); (m.kind, m.number, m.label_end, m.end)
    ('cn_paren', 3, 3, 3)
    >>> match_marker("1.5倍", 0) is None, match_marker("第十二条 学会", 0).kind
    (True, 'article')
    >>> m = match_marker("1.2020年6月11日前,户籍在龙马潭区的适龄儿童", 0); (m.number, m.end)
    (1, 2)
    """
    m = _MARKER_RE.match(text, pos)
    if m is None:
        return None
    # each branch ends with its separator group, which always takes part (maybe empty): the last group
    # closed names the branch, one comparison each instead of a group looked up by name per branch (issue 18)
    g = m.lastgroup
    if g == "artsep":
        kind = _ART_KIND[m.group("artk")]
        num = parse_cn_int(m.group("artn"))
        end = m.end()
        # 第三条 must be followed by text, not by 规定/的 as in "第三条规定"; so must 第一款 (corpus-dev 002:
        # 违反本办法第八条第一款规定，有关单位… cites a paragraph, it opens none)
        nxt = text[end : end + 2]
        if not m.group("artsep") and kind in ("article", "clause") and nxt in ("规定", "的规", "所称"):
            return None
        # 第二款修改为：… / 第十条改为第十一条 (corpus-dev 002, an amendment): a reference
        if not m.group("artsep") and kind in ("article", "clause") and nxt[:2] in ("修改", "改为", "中的", "增加", "删去", "删除"):
            return None
        return Marker(kind, num, m.start(), m.end("art"), end)
    if g == "cncsep":
        return Marker("cn_comma", parse_cn_int(m.group("cncn")), m.start(), m.end("cnc"), m.end())
    if g == "cnpsep":
        return Marker("cn_paren", parse_cn_int(m.group("cnpn")), m.start(), m.end("cnp"), m.end())
    if g == "shisep":
        return Marker("cn_shi" if m.group("shik") == "是" else "cn_yao", parse_cn_int(m.group("shin")), m.start(), m.end("shi"), m.end())
    if g == "ndsep":
        return Marker("num_dot", int(m.group("ndn")), m.start(), m.end("nd"), m.end())
    if g == "zpsep":
        return Marker("num_pad", int(m.group("zpn")), m.start(), m.end("zp"), m.end())
    if g == "sqsep":
        return Marker("num_dot", int(m.group("sqn")), m.start(), m.end("sq"), m.end())
    if g == "npsep":
        return Marker("num_paren", int(m.group("npn")), m.start(), m.end("np"), m.end())
    if g == "circsep":
        c = m.group("circ")
        if c in _CIRCLED:
            return Marker("circled", _CIRCLED[c], m.start(), m.end("circ"), m.end())
        if c in _PAREN_DIGIT:
            return Marker("num_paren", _PAREN_DIGIT[c], m.start(), m.end("circ"), m.end())
        return Marker("cn_paren", _PAREN_IDEO[c], m.start(), m.end("circ"), m.end())
    raise AssertionError(g)  # pragma: no cover


# Characters a label may follow inside a line: the end of a sentence or of an
# introduction (seed 003 runs whole pages together: "…制定本方案。一、指导思想…").
INLINE_BOUNDARY = set("。；;！？!?：:")
# (the lookahead first: the five alternatives are tried only where one of them can start; issue 18)
_INLINE_CANDIDATE_RE = compile_re(
    r"(?=[第一二三四五六七八九十(\d\u2460-\u2487\u3220-\u3229])"
    rf"(?:第(?:[{CN_NUM}]+|\d{{1,3}})[章节条款]|[一二三四五六七八九十]{{1,3}}[、是要]|\([一二三四五六七八九十\d]{{1,3}}\)|\d{{1,3}}[.、](?:(?!\d)|{_YEAR_AHEAD})|[\u2460-\u2487\u3220-\u3229])"
)


_ITEM_REF_RE = compile_re(r"[项款](?![目])")  # (四)项所要求, not (二)项目 or (二)目标


def find_inline_candidates(text: str, start: int, end: int) -> list[Marker]:
    """Markers inside a line (not at its start); the structure stage decides which
    of them open items."""
    out = []
    for m in _INLINE_CANDIDATE_RE.finditer(text, start, end):
        if m.start() == start:
            continue
        prev = text[m.start() - 1]
        if prev.isdigit() or prev in "第.()〔【[<《“\"'-—/" or (prev.isascii() and prev.isalpha()):
            continue
        mk = match_marker(text, m.start())
        if mk is None or mk.end >= end:
            continue
        # 第五条(二)、(三)、(四)项所要求 (corpus-dev 016): references to items, not items
        if _ITEM_REF_RE.match(text, mk.label_end) or (prev == "、" and text[mk.end : mk.end + 1] in "、("):
            continue
        out.append(mk)
    return out
