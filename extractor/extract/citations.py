"""Citations: 《titles》 and 发文字号, joined when they stand together.

Titles may run across a line break (seed 001) and nest 〈…〉, <…> or ‹…› inside
《…》 (seed 003); the inner title is reported on its own as well. A 发文字号 is
decomposed into 机关代字, year and serial and the 代字 resolved through
:mod:`extractor.data.doc_codes`. The document's own 发文字号 is kept apart
(``role="self"``), and references inside site chrome are left out of the list
(they are still masked, so their numbers never become thresholds).

>>> cs = find_citation_spans("深入落实《中共中央关于加强和改进党的群团工作的意见》(中发〔2015〕4号)要求")
>>> [(c.title, c.doc_number, c.code, c.year, c.serial) for c in cs]
[('中共中央关于加强和改进党的群团工作的意见', '中发〔2015〕4号', '中发', 2015, 4)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from extractor.data.levels import opens_with_place
from extractor.data.regions import NATIONAL_MINISTRIES
from extractor.data.vocab import ORG_SUFFIXES
from extractor.extract.quantities import parse_number
from extractor.model import Citation, Document
from extractor.recache import compile_re

_OPEN, _CLOSE = "《〈<‹", "》〉>›"
_MAX_TITLE = 150
# 机关代字 + bracketed year + serial + 号, every bracket form (〔〕【】[]()［］（）); 令 numbers
# (国务院令第706号, 主席令第二十九号); announcements (国家税务总局公告2018年第60号).
_SERIAL = r"(?:\d{1,5}|[一二三四五六七八九十百零〇]{1,8})"
DOC_NO_RE = compile_re(
    r"(?P<code>[\u4e00-\u9fff*＊ＸX]{1,12}?)[ \t]*[〔【\[(（［][ \t]*(?P<year>(?:19|20)\d{2})[ \t]*[〕】\])）］][ \t]*第?[ \t]*(?P<serial>\d{1,5})[ \t]*号"
    # a joint order names each ministry, spaced: 教育部　国家市场监督管理总局　国家卫生健康委员会令第45号 (probes35 h02)
    rf"|(?P<ling>(?:中华人民共和国)?(?:[\u4e00-\u9fff]{{1,14}}?(?:部|总局|局|委员会|委|署|银行)[ \t\u3000]{{1,2}}){{0,3}}"
    # a ministry order since about 2019 carries its year: 交通运输部令2023年第18号 (probes36 t12)
    rf"[\u4e00-\u9fff]{{1,14}}?令)[ \t]*(?:\(|（)?[ \t]*(?:(?P<lyear>(?:19|20)\d{{2}})[ \t]*年[ \t]*)?第[ \t]*(?P<lserial>{_SERIAL})[ \t]*号"
    r"|(?P<gcode>[\u4e00-\u9fff]{1,14}?公告)[ \t]*(?P<gyear>(?:19|20)\d{2})[ \t]*年[ \t]*第[ \t]*(?P<gserial>\d{1,5})[ \t]*号"
)
# Words that end the running text before a 代字: 根据中发〔2015〕4号 → 中发.
_AND_BODIES = tuple(sorted((n for n in NATIONAL_MINISTRIES if "和" in n), key=len, reverse=True))
_CODE_LEAD = compile_re(r"^.*(?:根据|按照|依照|依据|参照|落实|贯彻|执行|现将|印发|转发|见|即|和|及|与|以|的|、|文件|精神|要求)")


@dataclass
class CitationSpan:
    """A citation located in a string (offsets into it)."""

    start: int
    end: int
    title: str | None = None
    title_span: tuple[int, int] | None = None
    doc_number: str | None = None
    doc_number_span: tuple[int, int] | None = None
    code: str | None = None
    year: int | None = None
    serial: int | None = None
    nested_in: CitationSpan | None = None  # the enclosing title


def _titles(text: str) -> list[tuple[int, int, int | None]]:
    """(start, end, parent index) of every 《…》 and the titles nested in it."""
    out: list[tuple[int, int, int | None]] = []
    i = text.find("《")
    while i >= 0:
        local: list[list[int]] = [[i, -1, -1]]  # start, end, parent (local index)
        stack = [0]
        j = i + 1
        while j < len(text) and stack and j - i <= _MAX_TITLE:
            c = text[j]
            if c in "。！？" or (c == "\n" and text[j + 1:j + 2] == "\n"):
                break
            if c in _OPEN:
                local.append([j, -1, stack[-1]])
                stack.append(len(local) - 1)
            elif c in _CLOSE:
                want = _OPEN[_CLOSE.index(c)]
                # an inner opener that never closed (a stray <) is dropped
                while stack and text[local[stack[-1]][0]] != want and c == "》":
                    stack.pop()
                if stack and text[local[stack[-1]][0]] == want:
                    local[stack.pop()][1] = j + 1
            j += 1
        if local[0][1] < 0:  # the outer title never closed: not a title
            i = text.find("《", i + 1)
            continue
        base = len(out)
        remap: dict[int, int] = {}
        for k, (s, e, parent) in enumerate(local):
            if e > 0:
                remap[k] = len(out)
                out.append((s, e, None if parent < 0 else remap.get(parent, base)))
        i = text.find("《", local[0][1])
    return out


def _code_of(code: str) -> str:
    if "中华人民共和国" in code:  # 中华人民共和国国务院令: its 和 is not a conjunction
        return code[code.index("中华人民共和国"):]
    for body in _AND_BODIES:  # 劳动和社会保障部令, 住房和城乡建设部令: the 和 of a ministry's name (probes30 h04)
        if code.endswith(body + "令"):
            return body + "令"
    m = _CODE_LEAD.match(code)
    return code[m.end():] if m and m.end() < len(code) else code


# What a 代字 can be glued to when the text runs a history line together (probes26 t11:
# （2024年2月5日厦门市科学技术局厦科规〔2024〕1号印发…）): the 年/月/日 of a date, and the full name of
# the body that issued it. A body's name opens with a place (opens_with_place) and ends with a
# body's suffix; what follows it, two characters or more, is the 代字 (科协办发 alone stays whole: 科协
# names no place).
_DATE_GLUE = compile_re(r"^[年月日](?=[\u4e00-\u9fff])")
_BODY_END = compile_re("(?:" + "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True)) + ")(?:办公室|办公厅)?")
_GLUE_REACH = 40  # the longest body name looked back for


def _unglued(text: str, start: int, code: str) -> tuple[int, str]:
    """(start, code) of a 代字 without a date's 日 or a body's full name glued before it.

    >>> t = "（2024年2月5日厦门市科学技术局厦科规〔2024〕1号印发）"
    >>> k = t.index("日厦"); _unglued(t, k, t[k:t.index("〔")])
    (18, '厦科规')
    >>> _unglued("根据科协办发〔2020〕1号", 2, "科协办发")
    (2, '科协办发')
    """
    end = start + len(code)
    if _DATE_GLUE.match(code) and start > 0 and (text[start - 1].isdigit() or text[start - 1] in "〇零一二三四五六七八九十"):
        start, code = start + 1, code[1:]
    lo = start
    while lo > max(0, start - _GLUE_REACH) and "\u4e00" <= text[lo - 1] <= "\u9fff":
        lo -= 1  # the body's name may begin before the 12 characters the pattern allows a 代字
    run = text[lo:end]
    best = None
    for m in _BODY_END.finditer(run):
        k = m.end()
        if k <= start - lo or len(run) - k < 2:
            continue  # the split must fall inside the 代字 as matched, with two characters or more after it
        if any(opens_with_place(run[j:k]) for j in range(0, k - 2)):
            best = k  # the first: 中国科协办公厅科协办发 is 中国科协办公厅 + 科协办发
            break
    if best is None:
        return start, code
    return lo + best, run[best:]


_NUMBER_CORE = compile_re(r"[〔【\[(（［][ \t]*(?:19|20)\d{2}[ \t]*[〕】\])）］]|令[ \t]*(?:\(|（)?[ \t]*(?:(?:19|20)\d{2}[ \t]*年[ \t]*)?第|公告[ \t]*(?:19|20)\d{2}[ \t]*年[ \t]*第")


def _doc_number_matches(text: str) -> list[re.Match[str]]:
    """DOC_NO_RE matches, tried only around a bracketed year, a 令…第 or a 公告…年第 (the lazy 代字 prefix is slow on long pages)."""
    out: list[re.Match[str]] = []
    end = 0
    for core in _NUMBER_CORE.finditer(text):
        start = max(end, core.start() - 30)
        m = DOC_NO_RE.search(text, start, min(len(text), core.end() + 12))
        while m is not None and m.end() <= core.start():
            m = DOC_NO_RE.search(text, m.end(), min(len(text), core.end() + 12))
        if m is not None and m.start() <= core.start() < m.end():
            out.append(m)
            end = m.end()
    return out


def find_doc_numbers(text: str) -> list[CitationSpan]:
    """发文字号 and 令 numbers in ``text``.

    >>> [(c.doc_number, c.code, c.year, c.serial) for c in find_doc_numbers("根据中发【2015】4号和穗府办规〔2019〕5号文件")]
    [('中发【2015】4号', '中发', 2015, 4), ('穗府办规〔2019〕5号', '穗府办规', 2019, 5)]
    >>> [(c.code, c.year, c.serial) for c in find_doc_numbers("依据中华人民共和国主席令第二十九号和国家税务总局公告2018年第60号")]
    [('中华人民共和国主席令', None, 29), ('国家税务总局公告', 2018, 60)]
    >>> [(c.doc_number, c.code, c.year, c.serial) for c in find_doc_numbers("（交通运输部令2023年第18号）")]
    [('交通运输部令2023年第18号', '交通运输部令', 2023, 18)]
    """
    out = []
    for m in _doc_number_matches(text):
        group, year, serial = next((g, y, n) for g, y, n in (("code", "year", "serial"), ("ling", "lyear", "lserial"), ("gcode", "gyear", "gserial"))
                                   if m.group(g) is not None)
        code = _code_of(m.group(group))
        s = m.end(group) - len(code)
        if group == "code":
            s, code = _unglued(text, s, code)
        out.append(CitationSpan(s, m.end(), doc_number=text[s:m.end()], doc_number_span=(s, m.end()), code=code,
                                year=int(m.group(year)) if year and m.group(year) else None, serial=int(parse_number(m.group(serial)))))
    return out


_GAP_RE = compile_re(r"\s*[(（〔]?\s*")  # between a title and its number: 《…》(国发〔2019〕4号)
_CLOSE_RE = compile_re(r"\s*[)）〕]")


def find_citation_spans(text: str) -> list[CitationSpan]:
    """Titles and doc numbers of ``text``, a doc number joined to the title it follows."""
    cits: list[CitationSpan] = []
    found: list[CitationSpan | None] = []
    for s, e, parent in _titles(text):
        title = re.sub(r"\s*\n\s*", "", text[s + 1:e - 1]).strip()
        if not title:
            found.append(None)
            continue
        c = CitationSpan(s, e, title=title, title_span=(s + 1, e - 1),
                         nested_in=found[parent] if parent is not None else None)
        found.append(c)
        cits.append(c)
    numbers = find_doc_numbers(text)
    # Found by position, not by a scan of every title per number (quadratic, issue 18): the outer
    # titles are disjoint and in text order, and a nested title lies inside its outer one, so a
    # number is inside a title when it is inside the last outer title starting before it (or the
    # one before that, which may have grown over its own number); and only the last outer title
    # ending before a number can be its host, since the gap to any earlier one holds a 《.
    outer = [c for c in cits if c.nested_in is None]
    outer_starts = [c.start for c in outer]
    outer_ends = [c.end for c in outer]
    for n in numbers:
        k = bisect_right(outer_starts, n.start) - 1
        if any(outer[j].start <= n.start < outer[j].end for j in (k - 1, k) if j >= 0):
            continue  # a number written inside a title belongs to the title
        k = bisect_right(outer_ends, n.start) - 1
        host = outer[k] if k >= 0 and outer[k].doc_number is None and _GAP_RE.fullmatch(text, outer[k].end, n.start) else None
        if host is not None:
            host.doc_number, host.doc_number_span = n.doc_number, n.doc_number_span
            host.code, host.year, host.serial = n.code, n.year, n.serial
            close = _CLOSE_RE.match(text, n.end)  # no slice to the end of the text per number
            host.end = (close.end() if close else n.end)
        else:
            cits.append(n)
    cits.sort(key=lambda c: (c.start, c.nested_in is not None))
    return cits


# 为贯彻落实《X》: the words before a citation that say this document carries X out (seed 002, corpus 13)
IMPLEMENT_CUES = compile_re(r"(?:为了?|深入)?(?:贯彻落实|贯彻|落实|根据|按照|依据|依照|遵照|执行)[^。；;，,]{0,12}$")


def citation_relation(doc: Document, c: Citation) -> tuple[str, str | None]:
    """('implements', cue) when the words before the citation say this document carries it out."""
    line_start = max(doc.text.rfind("\n", 0, c.span[0]), doc.text.rfind("。", 0, c.span[0])) + 1
    before = doc.text[line_start:c.span[0]]
    before = re.sub(r"《[^》]*》(?:[(（][^)）]*[)）])?[、和及与]?", "", before)  # earlier titles of the same list
    m = IMPLEMENT_CUES.search(before)
    if m:
        return "implements", m.group().strip()
    return "cites", None
