"""Requirements: who must do what, how strongly, by when, under which condition.

One record per clause that carries a modal word (须 应 要 不得 鼓励 可 …) or a
threshold; a numbered item with no modal word at all (an imperative such as
``制定兼职人员行为准则``) gives one record for the whole item, modality obligation,
trigger ``None``. Modal words and actors are found on jieba tokens by the spaCy
pipeline of :mod:`extractor.segment.tokens`, so 要求, 重要 and 主要 never read as 要.
Sentences without an actor inherit it from the enclosing heading, then from the
notice's 主送机关.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from extractor.data.vocab import MODAL_WORDS, MODALITY_RANK
from extractor.model import Clause, Deadline, Located
from extractor.normalize.offsets import AlignedText
from extractor.segment.tokens import get_nlp

# only clauses holding a modal word (or a glued 积极…/努力…) go through spaCy
_MODAL_PREFILTER = re.compile("|".join(sorted({w for w, _ in MODAL_WORDS}, key=len, reverse=True)))
# bounded: on a long run of digits an unbounded count backtracked from every start (10 KB of digits
# took 14 s, issue 15); no count of days or months has more than ten digits
_NUM = r"[\d一二三四五六七八九十两]{1,10}"
# blanks between the parts bounded (a text layer may put one between every character): two \s* around an
# optional group made each start inside a long blank run cubic (issue 15)
_DEADLINE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 于5月10日前 / 2018年6月30日之前
    ("day", re.compile(r"(?:于|在|至|到)?\s{0,4}(?:(?P<y>(?:19|20)\d{2})\s{0,4}年)?\s{0,4}(?P<m>\d{1,2})\s{0,4}月\s{0,4}(?P<d>\d{1,2})\s{0,4}日\s{0,4}(?:之)?(?:前|以前)")),
    # 6月底前 / 2017年底前 / 2017年前
    ("month_end", re.compile(r"(?:于|在)?\s{0,4}(?:(?P<y>(?:19|20)\d{2})\s{0,4}年)?\s{0,4}(?P<m>\d{1,2})\s{0,4}月\s{0,4}(?:底|末)\s{0,4}(?:之)?前")),
    ("year_end", re.compile(r"(?:于|在)?\s{0,4}(?P<y>(?:19|20)\d{2})\s{0,4}年\s{0,4}(?:底|末|年底)?\s{0,4}(?:之)?(?:前|以前)|(?P<y2>(?:19|20)\d{2})\s{0,4}年内")),
    # 在2017年须认真完成 (seed 000): a year-only deadline, last day of the year
    ("year_in", re.compile(r"在\s{0,4}(?P<y>(?:19|20)\d{2})\s{0,4}年(?=\s{0,4}(?:须|要|必须|应|务必|完成|全面完成|基本完成|内))")),
    ("relative", re.compile(rf"(?:提前|前)\s{{0,4}}{_NUM}\s{{0,4}}(?:个)?(?:工作日|天|日|个月)|{_NUM}\s{{0,4}}(?:个)?(?:工作日|天|日|个月)(?:内|以内)")),
    ("recurring", re.compile(r"每(?:年|季度|半年|月|周|学年)(?:度)?")),
)
# every deadline pattern holds a digit, a 每, or a Chinese count before its unit
_DEADLINE_GATE = re.compile(r"\d|每|[一二三四五六七八九十两]\s*(?:个|工作日|天|日)")
_CONDITION_RE = re.compile(
    r"^(?P<c>[^，,；;。]{2,40}?的(?:学会|全国学会|省级学会|单位|机构|会员|人员|个人|家庭|对象|企业|地区|部门|分支机构|学校|幼儿园))"
    r"|^(?P<c2>[^，,；;。]{2,40}的)[，,]"
)


def find_deadline(text: str, a: int, b: int, doc_date: str | None) -> Deadline | None:
    """The deadline phrase in ``text[a:b]``; its ``raw_span`` is a copy of ``span`` until the
    caller maps it. Dates without a year take the year of the notice's own date (seed 001:
    5月10日前, dated 2018-04-23).

    >>> d = find_deadline("并于5月10日前将学会年度改革方案提交", 0, 18, "2018-04-23")
    >>> d.kind, d.date, d.resolved_from
    ('date', '2018-05-10', 'document_date')
    """
    if not _DEADLINE_GATE.search(text, a, b):
        return None
    for kind, rx in _DEADLINE_PATTERNS:
        m = rx.search(text, a, b)
        if not m:
            continue
        phrase = m.group().strip()
        s = m.start() + (len(m.group()) - len(m.group().lstrip()))
        span = (s, s + len(phrase))
        if kind in ("recurring", "relative"):
            return Deadline(text=phrase, kind=kind, span=span, raw_span=span)
        rec = re.search(r"每(?:年|季度|月)\s*$", text[max(a, m.start() - 4):m.start()])
        if rec:  # 每年1月底前: a yearly deadline, not one date
            s0 = max(a, m.start() - 4) + rec.start()
            return Deadline(text=text[s0:span[1]], kind="recurring", span=(s0, span[1]), raw_span=(s0, span[1]))
        gd = m.groupdict()
        year = gd.get("y") or gd.get("y2")
        resolved = "text"
        if year is None:
            if not doc_date:
                return Deadline(text=phrase, kind="relative", span=span, raw_span=span)
            year, resolved = doc_date[:4], "document_date"
        y = int(year)
        if kind == "day":
            mo, d = int(gd["m"]), int(gd["d"])
        elif kind == "month_end":
            mo = int(gd["m"])
            d = calendar.monthrange(y, mo)[1] if 1 <= mo <= 12 else 0
            resolved = "month_end" if resolved == "text" else resolved
        else:
            mo, d = 12, 31
            resolved = "year_end"
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        return Deadline(text=phrase, kind="date", date=f"{y:04d}-{mo:02d}-{d:02d}", resolved_from=resolved, span=span, raw_span=span)
    return None


@dataclass
class ClauseReading:
    """What the spaCy pipeline read in one clause (document offsets)."""

    modality: str | None
    trigger: str | None
    trigger_span: tuple[int, int] | None
    actor: tuple[str, int, int] | None
    first_actor: tuple[str, int, int] | None


def read_clause(text: str, a: int, b: int) -> ClauseReading:
    """Modal word and actor of the clause ``text[a:b]``.

    >>> r = read_clause("市民政局要会同有关部门制定实施细则。", 0, 17)
    >>> r.modality, r.trigger, r.actor[0]
    ('obligation', '要', '市民政局')
    >>> read_clause("加强重要领域的主要工作。", 0, 12).modality is None
    True
    """
    return read_clauses(text, [(a, b)])[0]


_NOTHING = ClauseReading(None, None, None, None, None)


def read_clauses(text: str, spans: list[tuple[int, int]]) -> list[ClauseReading]:
    """:func:`read_clause` for many clauses of one text, with one spaCy Doc for all of them.

    The clauses that hold a modal word are joined by newlines, which no segmenter word,
    actor phrase or modal word crosses; one Doc instead of one per clause halves the
    spaCy time. Each span found is handed back to its clause by its offset.

    >>> s = "学会要加强自律。各级科协不得干预。"
    >>> [(r.modality, s[slice(*r.trigger_span)], s[r.actor[1]:r.actor[2]]) for r in read_clauses(s, [(0, 8), (8, 17)])]
    [('obligation', '要', '学会'), ('prohibition', '不得', '各级科协')]
    """
    todo = [i for i, (a, b) in enumerate(spans) if _MODAL_PREFILTER.search(text, a, b)]
    out = [_NOTHING] * len(spans)
    if not todo:
        return out
    modals: list[list[Any]] = [[] for _ in todo]
    actors: list[list[Any]] = [[] for _ in todo]
    for group in _chunks([(k, *spans[i]) for k, i in enumerate(todo)]):
        starts: list[int] = []
        pos = 0
        for _, a, b in group:
            starts.append(pos)
            pos += b - a + 1
        doc = get_nlp()("\n".join(text[a:b] for _, a, b in group))
        for sp in doc.spans["modal"]:
            g = bisect_right(starts, sp.start_char) - 1
            modals[group[g][0]].append(_Hit.of(sp, group[g][1] - starts[g]))
        for e in doc.ents:
            if e.label_ == "ACTOR":
                g = bisect_right(starts, e.start_char) - 1
                actors[group[g][0]].append(_Hit.of(e, group[g][1] - starts[g]))
    for k, i in enumerate(todo):
        out[i] = _reading(0, spans[i][0], modals[k], actors[k])
    return out


# Characters per spaCy Doc. Clauses are read in clause-aligned chunks of at most this size, so a
# notice of any length is read in full and spaCy's max_length (10^6) is never reached (issue 18).
CHUNK_CHARS = 100_000


def _chunks(items: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """(clause, start, end) items grouped so that each group joined by newlines stays under
    :data:`CHUNK_CHARS`. A clause longer than that (no 。；！？ nor line break in 100,000
    characters: not prose) is cut into pieces, and a word may be split at a cut."""
    groups: list[list[tuple[int, int, int]]] = [[]]
    size = 0
    for k, a, b in items:
        for s in range(a, b, CHUNK_CHARS):
            e = min(b, s + CHUNK_CHARS)
            if groups[-1] and size + e - s + 1 > CHUNK_CHARS:
                groups.append([])
                size = 0
            groups[-1].append((k, s, e))
            size += e - s + 1
    return groups


@dataclass(frozen=True)
class _Hit:
    """A modal span or an actor entity moved off its spaCy Doc, in text offsets."""

    label_: str
    id_: str
    text: str
    start_char: int
    end_char: int

    @classmethod
    def of(cls, sp: Any, shift: int) -> _Hit:
        return cls(sp.label_, sp.id_, sp.text, sp.start_char + shift, sp.end_char + shift)


def _reading(shift: int, doc_start: int, modals: list[Any], actors: list[Any]) -> ClauseReading:
    """A clause's reading from its modal spans and actor entities. The clause starts at
    ``doc_start`` in the Doc; ``shift`` maps Doc offsets to the text's."""
    best = None
    for sp in modals:
        rank = MODALITY_RANK[sp.label_]
        if best is None or rank > MODALITY_RANK[best.label_]:
            best = sp
    first = (actors[0].text, shift + actors[0].start_char, shift + actors[0].end_char) if actors else None
    if best is None:
        return ClauseReading(None, None, None, None, first)
    before = [e for e in actors if e.end_char <= best.start_char]
    actor = None
    if before:
        e = before[0] if before[0].start_char - doc_start <= 2 else before[-1]
        actor = (e.text, shift + e.start_char, shift + e.end_char)
    word = best.id_ or best.text  # the modal word itself, also when glued to its verb (积极参与 → 积极)
    return ClauseReading(best.label_, word, (shift + best.start_char, shift + best.start_char + len(word)), actor, first)


def condition_in(text: str, a: int, b: int) -> tuple[str, int, int] | None:
    """A leading condition of applicability: 2017年换届改选的学会…, 制度不健全的学会…, 个人会员不足2万人的，…"""
    m = _CONDITION_RE.match(text, a, b)
    if not m:
        return None
    g = "c" if m.group("c") else "c2"
    return (m.group(g), m.start(g), m.end(g))


def action_of(text: str, start: int, b: int) -> str | None:
    s = text[start:b].strip().rstrip("。；;，,！!？?")
    s = re.sub(r"^[，,、\s]+", "", s)
    return (s[:80] + "…") if len(s) > 80 else (s or None)


@dataclass
class Context:
    """Actor and condition a heading hands down to its items."""

    actor: Located | None = None
    condition: Located | None = None


def located(aligned: AlignedText, value: tuple[str, int, int], source: str) -> Located:
    return Located(text=value[0], span=(value[1], value[2]), raw_span=aligned.to_raw_span(value[1], value[2]), source=source)  # type: ignore[arg-type]


def clauses_by_section(clauses: list[Clause]) -> dict[str | None, list[Clause]]:
    out: dict[str | None, list[Clause]] = {}
    for c in clauses:
        out.setdefault(c.section, []).append(c)
    return out
