"""Requirements: who must do what, how strongly, by when, under which condition.

One record per clause that carries a modal word (须 应 要 不得 鼓励 可 …) or a
threshold; a numbered item with no modal word at all (an imperative such as
``制定兼职人员行为准则``) gives one record for the whole item, modality obligation,
trigger ``None``. Modal words and actors are found on jieba tokens by the word reader of
:mod:`extractor.segment.tokens` (the rules of its spaCy pipeline, without spaCy), so 要求, 重要 and 主要 never read as 要.
Sentences without an actor inherit it from the enclosing heading, then from the
notice's 主送机关.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any, NamedTuple

from extractor.config import Reader
from extractor.data.levels import classify_level, names_body
from extractor.data.vocab import (
    ACTOR_FUNCTIONS, ACTOR_ROLES, CRITERIA_INTRO_WORDS, DEFINITION_PHRASES, RULES_INTRO_WORDS, NOT_IMPERATIVE_PHRASES, NOT_IMPERATIVE_STARTS, NOT_REQUIREMENT_PHRASES,
    ACTOR_HEAD_ENDINGS, MEASURE_VERBS, ACTOR_HEAD_EXCLUDE, ACTOR_HEAD_WORDS, ACTOR_LEAD_VERBS, EXTRA_MODAL_WORDS, MODAL_WORDS, MODALITY_RANK,
    CAP_WORDS, EXTREME_TERMS, FIRST_PERSON_BODIES, GOAL_STARTS, OBJECT_TRIGGERS, ORG_SUFFIXES, RESPONSIBLE_COLUMN_RE, STANDARD_IS_RE, SUBJECT_GAP_STARTS, SUBJECT_LEAD_STRIP, SUBJECT_ONLY_HEADS, TAG_LABELS, TOPIC_HEADING_RE, CRITERIA_HEADING_RE, VALUES_HEADING_RE,
)
from extractor.extract.tables import column_of, forget as forget_tables, header_cells, table_line
from extractor.model import Actor, Clause, Deadline, Located
from extractor.normalize.offsets import AlignedText
from extractor.segment.tokens import get_reader, get_segmenter
from extractor.recache import compile_re

# only clauses holding a modal word (or a glued 积极…/努力…) go through the word reader
_MODAL_PREFILTER = compile_re("|".join(sorted({w for w, _ in MODAL_WORDS + EXTRA_MODAL_WORDS}, key=lambda w: (-len(w), w))))
# bounded: on a long run of digits an unbounded count backtracked from every start (10 KB of digits
# took 14 s, issue 15); no count of days or months has more than ten digits
_NUM = r"[\d一二三四五六七八九十两]{1,10}"
# blanks between the parts bounded (a text layer may put one between every character): two \s* around an
# optional group made each start inside a long blank run cubic (issue 15)
# Each pattern that may start with an optional word opens with a lookahead on the characters a match can start
# with: without it the engine tried the pattern at every character of every clause (issue 18).
_DEADLINE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 于5月10日前 / 2018年6月30日之前
    ("day", compile_re(r"(?=[于在至到\s\d])(?:于|在|至|到)?\s{0,4}(?:(?P<y>(?:19|20)\d{2})\s{0,4}年)?\s{0,4}(?P<m>\d{1,2})\s{0,4}月\s{0,4}(?P<d>\d{1,2})\s{0,4}日\s{0,4}(?:[(（]含[)）]\s{0,4})?(?:之)?(?:前|以前)(?!后)")),  # not 5月30日前后 (about then)
    # 6月底前 / 2017年底前 / 2017年前
    ("month_end", compile_re(r"(?=[于在\s\d])(?:于|在)?\s{0,4}(?:(?P<y>(?:19|20)\d{2})\s{0,4}年)?\s{0,4}(?P<m>\d{1,2})\s{0,4}月\s{0,4}(?:底|末)\s{0,4}(?:之)?前(?!后)")),
    ("year_end", compile_re(r"(?=[于在\s\d])(?:(?:于|在)?\s{0,4}(?P<y>(?:19|20)\d{2})\s{0,4}年\s{0,4}(?:底|末|年底)?\s{0,4}(?:之)?(?:前|以前)(?!后)|(?P<y2>(?:19|20)\d{2})\s{0,4}年内)")),
    # 在2017年须认真完成 (seed 000): a year-only deadline, last day of the year
    ("year_in", compile_re(r"在\s{0,4}(?P<y>(?:19|20)\d{2})\s{0,4}年(?=\s{0,4}(?:须|要|必须|应|务必|完成|全面完成|基本完成|内))")),
    ("relative", compile_re(rf"(?=[提前\d一二三四五六七八九十两])(?:(?:提前|前)\s{{0,4}}{_NUM}\s{{0,4}}(?:个)?(?:工作日|天|日|个月)|{_NUM}\s{{0,4}}(?:个)?(?:工作日|天|日|个月)(?:内|以内))")),
    ("recurring", compile_re(r"每(?:年|季度|半年|月|周|学年)(?:度)?")),
)
# Characters each pattern cannot match without: one of each group (a membership test on the clause is
# cheaper than the pattern's scan, and most clauses lack them; issue 18). day: 月…日…前; month_end: 月…底/末…前;
# year_end: 年…前 or 年内; year_in: 在…年; relative: 日/天/个月 (工作日 holds 日); recurring: 每.
_DEADLINE_NEEDS: dict[str, tuple[str, ...]] = {
    "day": ("月", "日", "前"), "month_end": ("月", "底末", "前"), "year_end": ("年", "前内"), "year_in": ("在", "年"),
    "relative": ("日天月",), "recurring": ("每",),
}
# the same as sets, and every character any of them names: a clause's few such characters are picked
# once, then each pattern's groups are tested against them in C (issue 18)
_DEADLINE_NEED_SETS: dict[str, tuple[frozenset[str], ...]] = {k: tuple(map(frozenset, gs)) for k, gs in _DEADLINE_NEEDS.items()}
_DEADLINE_NEED_CHARS = "".join(sorted({ch for gs in _DEADLINE_NEEDS.values() for g in gs for ch in g}))
# every deadline pattern holds a digit, a 每, or a Chinese count before its unit
# (the lookahead first: the engine tries the three alternatives only where one can start; issue 18)
_DEADLINE_GATE = compile_re(r"(?=[\d每一二三四五六七八九十两])(?:\d|每|[一二三四五六七八九十两]\s*(?:个|工作日|天|日))")
_CONDITION_RE = compile_re(
    r"^(?P<c>[^，,；;。]{2,40}?的(?:学会|全国学会|省级学会|单位|机构|会员|人员|个人|家庭|对象|企业|地区|部门|分支机构|学校|幼儿园))"
    r"|^(?P<c2>[^，,；;。]{2,40}的)[，,]"
)


def find_deadline(aligned: AlignedText, a: int, b: int, doc_date: str | None) -> Deadline | None:
    """The deadline phrase in ``text[a:b]``. Dates without a year take the year of the notice's
    own date (seed 001: 5月10日前, dated 2018-04-23).

    >>> d = find_deadline(AlignedText("并于5月10日前将学会年度改革方案提交"), 0, 18, "2018-04-23")
    >>> d.kind, d.date, d.resolved_from
    ('date', '2018-05-10', 'document_date')
    """
    text = aligned.text
    if not _DEADLINE_GATE.search(text, a, b):
        return None
    present = set(filter(text[a:b].__contains__, _DEADLINE_NEED_CHARS))
    for kind, rx in _DEADLINE_PATTERNS:
        if any(map(present.isdisjoint, _DEADLINE_NEED_SETS[kind])):
            continue  # a character the pattern cannot match without is missing: no need to run it
        m = rx.search(text, a, b)
        if not m:
            continue
        phrase = m.group().strip()
        s = m.start() + (len(m.group()) - len(m.group().lstrip()))
        span = (s, s + len(phrase))
        if kind in ("recurring", "relative"):
            return aligned.build(Deadline, text=phrase, kind=kind, span=span)
        rec = re.search(r"每(?:年|季度|月)\s*$", text[max(a, m.start() - 4):m.start()])
        if rec:  # 每年1月底前: a yearly deadline, not one date
            s0 = max(a, m.start() - 4) + rec.start()
            return aligned.build(Deadline, text=text[s0:span[1]], kind="recurring", span=(s0, span[1]))
        gd = m.groupdict()
        year = gd.get("y") or gd.get("y2")
        resolved = "text"
        if year is None:
            if not doc_date:
                return aligned.build(Deadline, text=phrase, kind="relative", span=span)
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
        return aligned.build(Deadline, text=phrase, kind="date", date=f"{y:04d}-{mo:02d}-{d:02d}", resolved_from=resolved, span=span)
    return None


@dataclass
class ClauseReading:
    """What the word reader read in one clause (document offsets)."""

    modality: str | None
    trigger: str | None
    trigger_span: tuple[int, int] | None
    actor: tuple[str, int, int] | None
    first_actor: tuple[str, int, int] | None
    # every modal word of the clause in order: (modality, word, start, end), document offsets
    modals: tuple[tuple[str, str, int, int], ...] = ()


def read_clause(text: str, a: int, b: int, reader: Reader = "words") -> ClauseReading:
    """Modal word and actor of the clause ``text[a:b]``.

    >>> r = read_clause("市民政局要会同有关部门制定实施细则。", 0, 17)
    >>> r.modality, r.trigger, r.actor[0]
    ('obligation', '要', '市民政局')
    >>> read_clause("加强重要领域的主要工作。", 0, 12).modality is None
    True
    """
    return read_clauses(text, [(a, b)], reader)[0]


_NOTHING = ClauseReading(None, None, None, None, None)


def read_clauses(text: str, spans: list[tuple[int, int]], reader: Reader = "words",
                 actors_of: set[int] | None = None) -> list[ClauseReading]:
    """:func:`read_clause` for many clauses of one text, with one reading for all of them.

    The clauses that hold a modal word are joined by newlines, which no segmenter word,
    actor phrase or modal word crosses; one reading instead of one per clause saves the
    per-call cost. Each span found is handed back to its clause by its offset.
    ``actors_of``: the indices of the clauses whose actors the caller reads (None: all); the
    others get their modal words only, ``actor`` and ``first_actor`` None (issue 18).

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
        reading = get_reader(kind=reader)("\n".join(text[a:b] for _, a, b in group))
        for sp in reading.modals:
            g = bisect_right(starts, sp.start_char) - 1
            shift = group[g][1] - starts[g]
            modals[group[g][0]].append(_Hit(sp.label, sp.word, sp.text, sp.start_char + shift, sp.end_char + shift))
        for e in reading.actors:
            g = bisect_right(starts, e.start_char) - 1
            if actors_of is None or todo[group[g][0]] in actors_of:
                shift = group[g][1] - starts[g]
                actors[group[g][0]].append(_Hit(e.label, e.word, e.text, e.start_char + shift, e.end_char + shift))
    for k, i in enumerate(todo):
        out[i] = _reading(0, spans[i][0], modals[k], actors[k])
    return out


# Characters per reading. Clauses are read in clause-aligned chunks of at most this size, so a
# notice of any length is read in full in bounded memory (spaCy's max_length, 10^6, when the spaCy
# pipeline read them; issue 18).
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


class _Hit(NamedTuple):
    """A modal word or an actor moved off its reading, in text offsets (a tuple: thousands per notice,
    built faster than a frozen dataclass; issue 18)."""

    label_: str
    id_: str
    text: str
    start_char: int
    end_char: int


def _reading(shift: int, doc_start: int, modals: list[Any], actors: list[Any]) -> ClauseReading:
    """A clause's reading from its modal spans and actor entities. The clause starts at
    ``doc_start`` in the Doc; ``shift`` maps Doc offsets to the text's."""
    best = None
    for sp in modals:
        rank = MODALITY_RANK[sp.label_]
        if best is None or rank > MODALITY_RANK[best.label_]:
            best = sp
    first = (actors[0].text, shift + actors[0].start_char, shift + actors[0].end_char) if actors else None
    found = tuple((sp.label_, sp.id_ or sp.text, shift + sp.start_char, shift + sp.start_char + len(sp.id_ or sp.text)) for sp in modals)
    if best is None:
        return ClauseReading(None, None, None, None, first)
    before = [e for e in actors if e.end_char <= best.start_char]
    actor = None
    if before:
        e = before[0] if before[0].start_char - doc_start <= 2 else before[-1]
        actor = (e.text, shift + e.start_char, shift + e.end_char)
    word = best.id_ or best.text  # the modal word itself, also when glued to its verb (积极参与 → 积极)
    return ClauseReading(best.label_, word, (shift + best.start_char, shift + best.start_char + len(word)), actor, first, found)


def condition_in(text: str, a: int, b: int) -> tuple[str, int, int] | None:
    """A leading condition of applicability: 2017年换届改选的学会…, 制度不健全的学会…, 个人会员不足2万人的，…"""
    m = _CONDITION_RE.match(text, a, b)
    if not m:
        return None
    g = "c" if m.group("c") else "c2"
    return (m.group(g), m.start(g), m.end(g))


_ACTION_LEAD = compile_re(r"^[，,、\s]+")


def action_of(text: str, start: int, b: int) -> str | None:
    s = text[start:b].strip().rstrip("。；;，,！!？?")
    s = _ACTION_LEAD.sub("", s)
    return (s[:80] + "…") if len(s) > 80 else (s or None)


@dataclass
class Context:
    """Actor and condition a heading hands down to its items."""

    actor: Located | None = None
    condition: Located | None = None


def located(aligned: AlignedText, value: tuple[str, int, int], source: str) -> Located:
    return aligned.build(Located, text=value[0], span=(value[1], value[2]), source=source)


def clauses_by_section(clauses: list[Clause]) -> dict[str | None, list[Clause]]:
    out: dict[str | None, list[Clause]] = {}
    for c in clauses:
        out.setdefault(c.section, []).append(c)
    return out


# --- actors: an ordered choice with evidence (issue 19) -----------------------------------------
# 1. the clause's own subject before the modal word; the party encouraged or permitted (鼓励各地…);
# 2. the agent of a 由-phrase (由有关部门提供…) or a responsibility tag closing the clause;
# 3. the subject carried from an earlier clause of the same item;
# 4. the item's responsibility tag （责任单位：…）; 5. the heading; 6. the 主送 line.

_SEG_BREAK = compile_re(r"[，,：:]")
# a parenthesis closing a subject: （以下称登记机关）; bounded, no nesting, so linear
_TRAILING_PAREN = compile_re(r"[（(][^（()）]{0,40}[)）]\s*$")
_ANY_PAREN = compile_re(r"[（(][^（()）]{0,40}[)）]")
_NP_CONTINUE = frozenset({"、", "和", "及", "与", "或", "或者", "以及", "尤其是", "特别是", "尤其", "特别", "是", "暨", "（", "(", "）", ")", "〔", "〕"})
_SUBJECT_STOP_WORDS = frozenset({"由", "对", "向", "在", "按", "按照", "根据", "依照", "通过", "经", "将", "把", "为", "从", "自", "于"})
_SINGLE_HEADS = frozenset({"厅", "局", "委", "部", "办", "署", "组", "院"})  # 省质检院 cuts as 省/质检/院
_MODAL_LEADS = frozenset(w for w, _ in MODAL_WORDS + EXTRA_MODAL_WORDS)
# words at the start of a clause that make it a condition or an adverbial, never a subject
_NON_SUBJECT_LEADS = frozenset({"对", "为", "按照", "根据", "通过", "在", "经", "以", "凡", "如", "若", "当", "由", "将", "把",
                                "从", "自", "随着", "围绕", "依托", "针对", "按", "依照", "依据", "结合", "除", "到", "至", "会同",
                                "《", "“", "现", "已经", "经过"})


@dataclass(frozen=True)
class ActorPick:
    """An actor read off the text: the phrase, its offsets, where it came from and how sure the reading is."""

    text: str
    start: int
    end: int
    source: str
    clean: bool = True


@lru_cache(maxsize=1024)
def clause_segments(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The comma-separated pieces of ``text[a:b]``. Memoized (a clause is cut up to three times: to read
    its requirement, its first modal word, its later rules; issue 18): callers never change the list.

    >>> s = "学生集体户口人员结束学业后2年内，须将户籍及时迁出本市"
    >>> [s[x:y] for x, y in clause_segments(s, 0, len(s))]
    ['学生集体户口人员结束学业后2年内', '须将户籍及时迁出本市']
    """
    out: list[tuple[int, int]] = []
    s = a
    for m in _SEG_BREAK.finditer(text, a, b):
        if m.start() > s:
            out.append((s, m.start()))
        s = m.end()
    if b > s:
        out.append((s, b))
    return out


def forget_text() -> None:
    """Empty the memos keyed by a document's text (clause_segments, leading_actor): another document never
    hits them, and they would keep the last texts alive (a 20 MB notice among them)."""
    clause_segments.cache_clear()
    _leading_actor.cache_clear()
    forget_tables()


def is_actor_head(word: str, first: bool = False) -> bool:
    """Does ``word`` end an actor phrase (各级财政部门, 省融资担保公司, 各方)?

    >>> [is_actor_head(w) for w in ("财政部门", "公司", "住所", "全部", "各方", "举办")]
    [True, True, False, False, True, False]
    """
    if word in ACTOR_HEAD_WORDS:
        return True
    if word in ACTOR_HEAD_EXCLUDE:
        return False
    if len(word) == 1:
        return word in _SINGLE_HEADS and not first
    return word.endswith(ACTOR_HEAD_ENDINGS)


def _words(s: str) -> tuple[tuple[str, str, int, int], ...]:
    """(word, tag, start, end) of ``s``; the same piece is read several times per clause, so cached."""
    return _words_cached(s)


@lru_cache(maxsize=4096)
def _words_cached(s: str) -> tuple[tuple[str, str, int, int], ...]:
    tagged = get_segmenter().tag(s)
    ends = list(accumulate(len(w) for w, _ in tagged))
    out = [(w, t, e - len(w), e) for (w, t), e in zip(tagged, ends)]
    pos = ends[-1] if ends else 0
    if pos != len(s):  # a backend that drops characters: fall back to plain words, untagged
        out, pos = [], 0
        for w in get_segmenter().cut(s):
            out.append((w, "x", pos, pos + len(w)))
            pos += len(w)
    return tuple(out)


# the lead of an amendment and the quote it opens: the rule quoted is read (corpus-dev 002:
# 将第六条修改为：“公安机关负责…; 增加一条，作为第九条：“流动人口租住房屋的，房屋出租人应当…;
# 将第十条改为第十一条，第二款修改为：“…; a later paragraph of the quote opens with “ alone)
_N = "[一二三四五六七八九十百零〇\\d]+"
_AMENDMENT_LEAD_RE = compile_re(
    rf"(?:将第{_N}条(?:改为第{_N}条)?[，,]?)?(?:第{_N}[款项](?:第{_N}项)?)?(?:修改为|改为)[:：]\s*“"
    rf"|增加(?:一|{_N})[条款项][，,]\s*作为第{_N}条(?:第{_N}款)?[:：]\s*“"
    r"|“(?=[^”]{16})"  # not a quoted term: “三支一扶”人员在基层服务… (corpus 12) keeps its quote
)


def _strip_lead(text: str, a: int, b: int) -> int:
    """Skip blanks, an amendment's lead and a leading connective (同时、此外、原则上) before a subject."""
    while a < b and text[a] in " \t\u3000":
        a += 1
    m = _AMENDMENT_LEAD_RE.match(text, a)  # the lookahead may see past b: a subject ends at its verb
    if m and m.end() < b:
        a = m.end()
    if text.startswith(SUBJECT_LEAD_STRIP, a):  # one C call first: most clauses open with none of them
        for w in SUBJECT_LEAD_STRIP:
            if text.startswith(w, a) and b - a > len(w):
                a += len(w)
                break
    if (t := _PERIOD_BEFORE_PARTIES.match(text, a, b)) is not None:
        a = t.end()
    while a < b and text[a] in "，, \t":
        a += 1
    return a


# a period opening the clause before the parties it binds: 主汛期（6月至9月）各地要安排专人值守 (probes34 h05),
# 节日期间各单位要…; only before 各, so that 二期工程指挥部 or 本学期 stay what they are
_PERIOD_BEFORE_PARTIES = compile_re(r"[\u4e00-\u9fff]{0,4}(?:期间|期|时段|阶段)(?:[（(][^）)\n]{1,20}[）)])?(?=各)")


def leading_actor(text: str, a: int, b: int, verb_led_ok: bool = False) -> ActorPick | None:
    """The actor phrase at the start of ``text[a:b]``, or None.

    Clean when its head word is followed by a verb, adverb or preposition; weak (``clean=False``)
    when a noun or 的 follows (市场主体的注册资本…: the party the thing belongs to). A phrase led
    by a verb (落实…, 探索…) is a bare measure, not a subject, unless a 的 makes it a relative
    clause (举办营利性婴幼儿照护服务机构的 …, 符合…条件的引进人员).

    >>> s = "各级财政部门根据本级政府授权，履行好国有金融资本出资人职责"
    >>> leading_actor(s, 0, len(s)).text
    '各级财政部门'
    >>> s = "落实中小企业融资担保机构担保赔偿准备金政策"
    >>> leading_actor(s, 0, len(s)) is None
    True
    """
    return _leading_actor(text, a, b, verb_led_ok)


_DIVISION_LEVEL = {"省": "provincial", "市": "municipal", "州": "municipal", "盟": "municipal", "县": "county", "区": "county", "旗": "county"}
_TOPIC_HEADING = compile_re(TOPIC_HEADING_RE)
# what after 请 is a way or a place, not the party asked: 请径向市民政局反映 (015, 14-20: the 主送 line asks)
_ASKED_NOT_PARTY = compile_re(r"\s*(?:径|直接|向|按|于|在|将|对|与|到|从|及时|尽快|务必|认真|严格)")
_EACH_CAPPED_RE = compile_re(r"每[^，,；;。]{1,10}?(?:最高|最多|不超过|不得超过|不高于|至多|累计)")
_YOU_OUTSIDE_BRACKETS_RE = compile_re(r"[^(（]*由")  # a 由 before any bracket opens
# the divisions of two levels at once: 各市州要…, 各县市区要… (a helper's probe: the tagger reads 各市 and 州)
_DIVISION_SET_RE = compile_re(r"各(?:市州|市县区|县市区|县(?:市|区)|市县|区县|乡镇街道|镇街|乡镇)(?=\s*(?:要|应|须|必须|可|不得|务必|负责|抓紧|认真|切实|均|都))")
_QUALIFIED_PARTY = r"[^，,；;。]{1,40}的[^，,；;。的]{1,20}?"  # 在我市注册的科技型中小企业
_EVERY_WHO_RE = compile_re(rf"凡(?P<np>{_QUALIFIED_PARTY})\s*(?:均|都|皆|一律|亦)?\s*")
# the same phrase at the head of a clause, up to the adverb or modal word after it
_EVERY_WHO_LEAD_RE = compile_re(rf"凡{_QUALIFIED_PARTY}(?=\s*(?:均|都|皆|一律|亦|可|应|须|要|不得|必须))")


# who a permission lets act, named before it with its qualifying phrase: 符合下列条件之一，来本市创业或就业的
# 人员，可申请…; 对符合条件的在国家级开发区自主创业人员均可申请…; 符合第五条有关条件的引进人才，准予其配偶…
# (corpus-dev 015 and 013's gold-req: rule 1, the party permitted, with its modifiers)
_WHO_MAY_RE = compile_re(r"(?:对|凡)?(?P<np>[^。；;]{2,50}?的[^。；;，,的]{1,16}?)[，,\s]*(?:均|都|亦|也)?\s*$")
_MAY_ACT_AFTER = compile_re(r"\s*(?:其|申请|申报|享受|办理|参加|报名|随|将|按|在|凭|向)")


def _who_may(text: str, a: int, ms: int, me: int) -> ActorPick | None:
    """The party a permission (可, 准予) lets apply or act, as the sentence names it before the trigger."""
    if not _MAY_ACT_AFTER.match(text, me):
        return None
    m = _WHO_MAY_RE.fullmatch(text, _strip_lead(text, a, ms), ms)
    if m is None:
        return None
    ws = _words(m.group("np"))
    if not ws or not is_actor_head(ws[-1][0], False):
        return None
    # "object": the party a permission names, as 允许X… does; it is not carried to the sentences after it
    # (gold-req: a beneficiary's or a permitted party's subject does not carry)
    return ActorPick(m.group("np"), m.start("np"), m.end("np"), "object")


def _names_its_party(text: str, a: int, b: int) -> bool:
    """An item whose one sentence opens with 鼓励/支持/允许 and names the party it encourages is a measure,
    not a lead phrase (一、鼓励各学会积极承接政府转移职能。; written for the tests). The first of several
    sentences stays a lead phrase (corpus-dev 005 4.鼓励用人单位提供福利性婴幼儿照护服务。发挥…)."""
    a = _strip_lead(text, a, b)
    trigger = next((t for t in OBJECT_TRIGGERS if text.startswith(t, a)), None)
    if trigger is None:
        return False
    party = object_party(text, a + len(trigger), b)
    return party is not None and party.clean


def _every_who(text: str, a: int, b: int) -> ActorPick | None:
    """凡在我市注册的科技型中小企业均可申报 (written for the tests): the party is the whole relative phrase
    after 凡 (gold-req rule 1: actors with their modifiers), its head a body or a person."""
    every = _EVERY_WHO_RE.fullmatch(text, a, b)
    if every is None:
        return None
    ws = _words(every.group("np"))
    if ws and is_actor_head(ws[-1][0], False):
        return ActorPick(every.group("np"), every.start("np"), every.end("np"), "sentence")
    return None
# 各县(市、区), 各乡(镇), 各乡镇(街道) (written for the tests: a county's 主送 set as a subject)
# … and the one where it happens: 发现火点后，所在乡（镇）须立即组织扑救 (written for the tests: a 防火 notice)
_LEVEL_SET_RE = compile_re(r"(?:各|所在|当地)(?:乡镇|县市区|县区|区县|[省市县区乡镇州盟旗])[(（](?:[省市县区乡镇州盟旗、]|街道|开发区|园区){1,10}[)）]"
                           r"(?:[\u4e00-\u9fff]{0,8}?(?:人民政府|政府|党委|科协|部门|单位|局|委员会|委|办公室))?")


# a pure function of its arguments (the text's hash is computed once per string): one clause asks for the
# same piece up to four times (its first piece as the subject, the imperative's subject, the 由 agent; 23 % of
# the calls over corpus/ repeat one), and each reading tags the words (issue 18)
@lru_cache(maxsize=4096)
def _leading_actor(text: str, a: int, b: int, verb_led_ok: bool) -> ActorPick | None:
    a = _strip_lead(text, a, b)
    if a >= b:
        return None
    # 各县(市、区)要…, 各乡(镇)要…, 各县(市、区)人民政府要…: the divisions of a level with their bracketed
    # alternatives are one subject (the tagger reads 各县 as a pronoun and the bracket as a gap; a county
    # notice addresses 各乡(镇), corpus-dev 021 各地、州、市)
    if _EACH_CAPPED_RE.match(text, a, b):
        return None  # 每家企业最高不超过10万元 (written for the tests): the scope of a cap, no party
    if text.startswith("凡", a):
        m = _EVERY_WHO_LEAD_RE.match(text, a, b)
        every = _every_who(text, a, m.end()) if m else None
        if every is not None:
            return every
    lv = _LEVEL_SET_RE.match(text, a, b) or _DIVISION_SET_RE.match(text, a)
    if lv is not None and lv.end() < b and text[lv.end()] not in "的、，,":
        return ActorPick(text[a:lv.end()], a, lv.end(), "sentence")
    ws = _words(text[a:b])
    if not ws or ws[0][0] in _NON_SUBJECT_LEADS or ws[0][1] == "p":
        return None
    w0, t0 = ws[0][0], ws[0][1]
    if w0 in _MODAL_LEADS or (w0.startswith(MEASURE_VERBS) and not is_actor_head(w0, True)):
        return None  # 建立健全…机构安全管理制度: a bare measure, whatever the tagger says
    need_de = (not verb_led_ok and t0[:1] in ("v", "a", "d", "c", "i", "l") and t0 != "vn" and w0 not in ACTOR_LEAD_VERBS
               and not is_actor_head(w0, True))  # 融资担保业协会: 融资 (vn) leads a noun phrase
    seen_de = False
    weak: ActorPick | None = None
    weak_before_noun = False
    pending = 0  # end of a head a coordination or a closing bracket follows (…院校（含技工院校）根据…)
    for j, (w, t, s, e) in enumerate(ws):
        if e > 48:
            break
        if w in ("）", ")", "〕") and pending == s:
            pending = e
            continue
        if w == "的":
            seen_de = True
            continue
        if j > 0 and (w in _SUBJECT_STOP_WORDS or t == "p") and w not in _NP_CONTINUE:
            break  # 钨与稀土国家质检中心: 与 (tagged p) joins, 对 / 由 / 在 end the subject
        if not is_actor_head(w, j == 0) or (t == "v" and not _body_noun_tagged_verb(ws, j)) or (need_de and not seen_de):
            continue  # 合伙创业或组织共同创业的: 组织 tagged as a verb is no body
        nxt = ws[j + 1] if j + 1 < len(ws) else None
        if nxt is None:
            return ActorPick(text[a:a + e], a, a + e, "sentence")
        if _body_noun_tagged_verb(ws, j + 1):
            continue  # the head goes on into 组织: 各级科协组织要…
        if nxt[0].startswith("性"):
            continue  # 支持政府性融资担保、再担保机构发展 (corpus-dev 004): 政府性 qualifies, the head comes later
        if nxt[0] in _NP_CONTINUE:
            pending = e
            continue
        pending = 0
        if nxt[0].startswith(SUBJECT_GAP_STARTS):
            return ActorPick(text[a:a + e], a, a + e, "sentence")
        if nxt[0] == "的" and j + 2 == len(ws):
            # 举办营利性婴幼儿照护服务机构的，… (005 三（一）): the party of a conditional rule, 的 included
            return ActorPick(text[a:a + nxt[3]], a, a + nxt[3], "sentence")
        if nxt[0] == "的" and (weak is None or weak_before_noun):
            # 市场主体的注册资本…: the party the thing belongs to, preferred to a head a noun follows
            weak, weak_before_noun = ActorPick(text[a:a + e], a, a + e, "sentence", clean=False), False
            continue
        if nxt[1][:1] in ("n", "j", "b") or nxt[1] in ("ng", "vn"):
            if weak is None:
                weak, weak_before_noun = ActorPick(text[a:a + e], a, a + e, "sentence", clean=False), True
            continue
        return ActorPick(text[a:a + e], a, a + e, "sentence")
    if pending and ws and (weak is None or weak.end - a < pending):
        return ActorPick(text[a:a + pending], a, a + pending, "sentence")
    return weak


def _body_noun_tagged_verb(ws: list[tuple[str, str, int, int]], j: int) -> bool:
    """Whether ``ws[j]``, tagged a verb, is a body's own noun: an actor head right after a body's head
    and before a modal word or a conjunction (各级科协组织要…, 各级科协组织及所属团体…: corpus-dev 041;
    not 组织共同创业, where a verb's object follows)."""
    if j <= 0 or j + 1 >= len(ws) or ws[j][1] != "v" or ws[j - 1][1] == "v":
        return False
    nxt = ws[j + 1][0]
    return (is_actor_head(ws[j][0], False) and is_actor_head(ws[j - 1][0], j == 1)
            and (nxt.startswith(SUBJECT_GAP_STARTS) or nxt in _NP_CONTINUE))


def subject_before(text: str, seg_start: int, modal_start: int) -> ActorPick | None:
    """The subject standing before the modal word in its segment: the last actor phrase that
    only adverbs, prepositional phrases or a parenthesis separate from the modal word.

    >>> s = "银行业金融机构无正当原因不得单方面削减融资担保机构的授信额度"
    >>> subject_before(s, 0, s.index("不得")).text
    '银行业金融机构'
    >>> s = "县级以上地方人民政府承担市场主体登记工作的部门（以下称登记机关）应当优化流程"
    >>> subject_before(s, 0, s.index("应当")).text
    '县级以上地方人民政府承担市场主体登记工作的部门'
    """
    a = _strip_lead(text, seg_start, modal_start)
    b = modal_start
    while b > a and text[b - 1] in " \t":
        b -= 1
    lv = _LEVEL_SET_RE.match(text, a, b)  # 各乡(镇)要…: its bracket is no parenthesis to drop
    if lv is None and (ds := _DIVISION_SET_RE.match(text, a)) is not None and ds.end() <= b:
        lv = ds  # (its lookahead reads the modal word at b)
    if lv is not None and (lv.end() == b or text[lv.end():b].strip().startswith(SUBJECT_GAP_STARTS)):
        return ActorPick(text[a:lv.end()], a, lv.end(), "sentence")
    every = _every_who(text, a, b)
    if every is not None:
        return every
    m = _TRAILING_PAREN.search(text, a, b)
    if m:
        b = m.start()
    if b <= a:
        return None
    ws = _words(text[a:b])
    if ws and (ws[0][0] in _NON_SUBJECT_LEADS or ws[0][1] == "p"):
        return None
    if ws and (ws[0][0] in _MODAL_LEADS or ws[0][0].startswith(("应", "须", "要"))) and not is_actor_head(ws[0][0], True):
        return None  # 应从国家级开发区实际工作需要出发 (013): a modal word (cut as 应从) opens no subject
    if ws and ws[0][0].startswith(MEASURE_VERBS) and not is_actor_head(ws[0][0], True):
        return None  # 坚持自我发展和政府支持相结合 (seed 003): a measure, its nouns are no subject
    hedged = text.startswith("原则上", modal_start)  # 相关专业教师原则上从…公开招聘 (corpus 01): whom the colleges recruit
    for j in range(len(ws) - 1, -1, -1):
        w, _t, _s, e = ws[j]
        # a role's suffix jieba cuts off (购机|者, 群测群防|员) ends one word with the noun before it
        role = ws[j - 1][0] + w if len(w) == 1 and j > 0 else w
        if not (is_actor_head(w, j == 0) or (_subject_only_head(role) and not (hedged and w.endswith("教师")))):
            continue
        gap = _ANY_PAREN.sub("", text[a + e:b]).strip()
        if not gap or gap.startswith(SUBJECT_GAP_STARTS):
            return ActorPick(text[a:a + e], a, a + e, "sentence")
    if (each := _EACH_BODY_RE.fullmatch(text, a, b)) is not None:
        # 各省级化学会要…, 各自然资源所要… (probes36): 各 and a name ending in a body's character (会, 所, 站…) right
        # before the modal word name the parties it binds, however jieba cuts them (化学|会, 自然资源|所); not 各项工作
        return ActorPick(each.group(), a, each.end(), "sentence")
    return leading_actor(text, a, b, verb_led_ok=True)


def _subject_only_head(word: str) -> bool:
    return len(word) >= 2 and word.endswith(SUBJECT_ONLY_HEADS)


def object_party(text: str, trigger_end: int, seg_end: int) -> ActorPick | None:
    """The party a clause-initial 鼓励 / 支持 / 允许 names: 鼓励各地出台… → 各地; 支持通过重组… → None.

    >>> s = "鼓励银行业金融机构对小微企业融资担保业务降低利率"
    >>> object_party(s, 2, len(s)).text
    '银行业金融机构'
    """
    a = trigger_end
    moved = True
    while moved:  # 鼓励支持有条件的民办幼儿园, 支持并指导国家级开发区…: past the chained triggers
        moved = False
        for w in (*sorted(OBJECT_TRIGGERS, key=len, reverse=True), "指导", "并", "和"):
            if text.startswith(w, a) and seg_end - a > len(w):
                a += len(w)
                moved = True
    # 鼓励利用低效土地…建设…机构: a verb after the trigger is the encouraged act, not a party
    p = leading_actor(text, a, seg_end, verb_led_ok=a > trigger_end)
    return ActorPick(p.text, p.start, p.end, "object", p.clean) if p else None


def agent_of_you(text: str, a: int, b: int) -> ActorPick | None:
    """The agent of a 由-phrase: 由有关部门提供上门服务 → 有关部门, 薪酬结构和水平由董事会确定 → 董事会.
    由于 (because), 理由, 自由, 事由 and 经由 are not it.

    >>> s = "薪酬结构和水平由董事会确定，并报同级财政部门备案"
    >>> agent_of_you(s, 0, len(s)).text
    '董事会'
    """
    i = text.find("由", a, b)
    while i >= 0:
        prev = text[i - 1] if i > a else ""
        if text[i + 1:i + 2] != "于" and prev not in ("理", "自", "事", "缘", "经", "来"):
            seg_end = next((e for s, e in clause_segments(text, i, b)), b)
            p = leading_actor(text, i + 1, seg_end, verb_led_ok=True)
            if p is not None and p.clean:
                return ActorPick(p.text, p.start, p.end, "agent")
        i = text.find("由", i + 1, b)
    return None


@dataclass(frozen=True)
class Tag:
    """A responsibility tag: its label word, where the label and the units stand, and whether the
    clause is nothing but the tag."""

    label: str
    label_span: tuple[int, int]
    units: tuple[int, int]
    standalone: bool


def responsibility_tag(text: str, a: int, b: int) -> Tag | None:
    """A responsibility tag: （责任单位：省财政厅、省金融监管局）, (牵头部门:宣传文化部), （人力资源社会保障部、
    财政部负责）. Returns (label, label span, units span) when ``text[a:b]`` is one, or ends with one.

    >>> s = "（责任单位：省财政厅、省金融监管局）"
    >>> t = responsibility_tag(s, 0, len(s)); t.label, s[slice(*t.units)], t.standalone
    ('责任单位', '省财政厅、省金融监管局', True)
    >>> s = "加强统筹协调（人力资源社会保障部、财政部负责）。"
    >>> t = responsibility_tag(s, 0, len(s)); t.label, s[slice(*t.units)], t.standalone
    ('负责', '人力资源社会保障部、财政部', False)
    """
    e = b
    while e > a and text[e - 1] in "。；;， \t":
        e -= 1
    if e <= a or text[e - 1] not in ")）":
        return None
    # the opening bracket matching the closing one (units may hold 〔区〕 or (联合社))
    depth, o = 0, -1
    for k in range(e - 1, a - 1, -1):
        ch = text[k]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            depth -= 1
            if depth == 0:
                o = k
                break
    if o < 0:
        return None
    return _tag_inside(text, o, e, text[a:o].strip() == "")


def _tag_inside(text: str, o: int, e: int, alone: bool) -> Tag | None:
    """The tag ``text[o:e]`` (brackets included) holds, if it is one."""
    inner_a, inner_b = o + 1, e - 1
    for lab in TAG_LABELS:
        if text.startswith(lab, inner_a):
            k = inner_a + len(lab)
            while k < inner_b and text[k] in " ：:":
                k += 1
            if k > inner_a + len(lab) and k < inner_b:
                return Tag(lab, (inner_a, inner_a + len(lab)), (k, inner_b), alone)
    for lab in ("负责", "牵头"):
        if text.endswith(lab, inner_a, inner_b) and inner_b - len(lab) - inner_a >= 2:
            ue = inner_b - len(lab)
            for tail in ("按职责分工", "按职能分工", "按职责", "分别", "共同"):  # 007: （省商务厅、…按职责分工负责）
                if text.endswith(tail, inner_a, ue) and ue - len(tail) > inner_a:
                    ue -= len(tail)
                    break
            units = text[inner_a:ue]
            words = _words(units)
            if "，" not in units and "。" not in units and words and is_actor_head(words[-1][0]):
                return Tag(lab, (inner_b - len(lab), inner_b), (inner_a, ue), alone)
    return None


def leading_tag(text: str, a: int, b: int) -> tuple[Tag, int] | None:
    """A responsibility tag opening ``text[a:b]`` and the offset after it: the tag closes the
    previous measure when a page runs the measures together (corpus 06: …产品技术标准。（市场监管总局、
    工业和信息化部负责）推广一批…; corpus-dev 007 （省商务厅负责）支持各地…).

    >>> s = "（省商务厅负责）支持各地将废旧厂房改造"
    >>> t, end = leading_tag(s, 0, len(s)); s[slice(*t.units)], s[end:end + 2]
    ('省商务厅', '支持')
    """
    if a >= b or text[a] not in "(（":
        return None
    depth = 0
    for k in range(a, min(b, a + 120)):
        ch = text[k]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth -= 1
            if depth == 0:
                t = _tag_inside(text, a, k + 1, True)
                return (t, k + 1) if t is not None and text[k + 1:b].strip() else None
    return None


@dataclass(frozen=True)
class RequirementUnit:
    """What makes one clause a requirement: modality, trigger and the actor the clause itself names
    (None: the actor is carried, the item's tag, the heading's or the 主送 line's)."""

    modality: str
    trigger: str | None
    trigger_span: tuple[int, int] | None
    actor: ActorPick | None
    carry_ok: bool = True
    party: ActorPick | None = None  # the party a leading condition names: the actor when none is carried


def _phrase_re(words: tuple[str, ...]) -> re.Pattern[str]:
    return compile_re("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _filters() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return _phrase_re(NOT_REQUIREMENT_PHRASES), _phrase_re(NOT_IMPERATIVE_PHRASES)


# 地点：成都市金牛区蜀西路46号…, 报到时间：10月14日 (probes28 h06): a label and its value tell, they bid nothing
_LABEL_VALUE_START = compile_re(r"[\u4e00-\u9fff]{2,6}[：:](?!\s*$)")
_DUE_RELATIVE = compile_re(r"(?:缴纳|交纳|缴|支付|承担|补缴|领取|提交|提供|报送|履行|具备)的(?![，,。；;])")
# a cap in the clause; 最高/最低 opening a term (最低生活保障, 最低工资标准: data.vocab.EXTREME_TERMS) is none
_CAP = compile_re("|".join(w if w not in ("最高", "最低") else w + "(?!" + "|".join(EXTREME_TERMS) + ")" for w in CAP_WORDS))
_PURPOSE_LEAD = compile_re(r"\s*(?:为了|为)(?:进一步|切实|更好地?|全面|深入|有效)?(?:鼓励|支持|确保|保障|推动|促进|加快|加强|落实|贯彻|做好|规范|引导)")
# under a heading of values, still a rule: a quota (每个推荐单位限推荐1名), what is no longer or not to be done (已命名的
# 省级基地不再申报, 同一人选不可同时通过两个渠道推荐: corpus-dev 070), a standard applied (按照财政部规定的…标准执行;
# gold-req counts 参照执行 as an obligation)
_RULE_UNDER_VALUES = compile_re(r"限(?:报|推荐|提名|申报|推选)?[\d一二三四五六七八九十两]|不再|执行(?!期|时间)|不可|不能"
                                # … and a time limit: 验收合格后20个工作日内拨付到户 (probes31 t07, under 补助标准)
                                r"|[\d一二三四五六七八九十]+个?(?:工作日|日|天|小时|个月)内"
                                # … and a cap on what each addressee puts forward (各市科协推荐不超过5人, 推荐作品不超过6部:
                                # probes25 t13, probes34 t09), a frequency a party keeps (每半年不少于1次, probes26 t14); not the
                                # count the issuer itself sets (会士推选名额不超过20名, 拟认定…不超过40家, 每年评选不超过10人)
                                r"|(?:推荐|申报|报送|提名|选送|上报)(?:数量|人数|作品|项目|案例)?(?:均|原则上)?(?:不超过|不得超过|不多于|最多|至少|不少于)"
                                r"|每(?:年|半年|季度|月|周)[^，,；;。]{0,12}?(?:不少于|至少)[\d一二三四五六七八九十两]+次")
_EACH_BODY_RE = compile_re(r"各(?![项类种个])(?:[\u4e00-\u9fff]{1,10}[会所站队组院校馆社室处科股团协委局厅办]"
                           r"|[\u4e00-\u9fff]{0,4}[镇乡])")  # 各镇要… (probes37 h02; 各乡镇 is a word jieba keeps)
_NEED_RELATIVE = compile_re(r"[\u4e00-\u9fff]{1,12}的[\u4e00-\u9fff]")
_BARRED_RELATIVE = compile_re(r"[\u4e00-\u9fff]{1,2}的")  # 在禁止燃放的时间: 禁止 inside a relative clause
# the words that bar or bind on their own after a comma (a rule of its own: later_rules)
_BARS_OR_BINDS = frozenset({"不得", "严禁", "禁止", "不准", "不许", "须", "必须", "应当", "应"})
# a bar another word governs: 确保…不得, 要求…不得, a note quoted (备注“不得分割登记…”, corpus 16)
_GOVERNED_BAR = compile_re(r"的\s*$|确保|保证|要求|做到|实现|达到|规定|[“\"]")
_NEEDED_THING = compile_re(r"的?(?:资金|经费|费用|材料|资料|物资|设备|场地|人员|时间|证明|手续|条件)")
_SHORT_RELATIVE = compile_re(r"[\u4e00-\u9fff]{1,4}的")
_ADJECTIVAL_KE = compile_re(r"[\u4e00-\u9fff]{1,2}(?:、可[\u4e00-\u9fff]{1,2})*的")


def first_modal(text: str, a: int, b: int, modals: tuple[tuple[str, str, int, int], ...]) -> tuple[str, str, int, int] | None:
    """The clause's first normative predicate (gold-req convention: a unit is described by its first
    one; later constructions are secondary). A modal word inside a condition (依法须经批准的，…;
    依法应当清算的，…) governs nothing and is skipped.

    >>> s = "市场主体注销依法须经批准的，应当经批准后申请注销登记"
    >>> first_modal(s, 0, len(s), (("obligation", "须", 8, 9), ("obligation", "应当", 14, 16)))[1]
    '应当'
    """
    segs = clause_segments(text, a, b)
    for m in modals:
        if not (a <= m[2] < b):
            continue
        if text.rfind("《", a, m[2]) > text.rfind("》", a, m[2]):
            continue  # 《关于…切实支持小微企业…的若干措施》: a word of a title, not of the clause
        seg = next(((s, e) for s, e in segs if s <= m[2] < e), None)
        # a piece ending in 的 is a condition (依法须经批准的，…), but not when the 的 is the noun 目的
        # (corpus 13 三（二） 医联体应以强基层能力和下沉资源为目的，…: 应 rules the clause)
        if seg is not None and seg != segs[-1] and text[seg[1] - 1] == "的" and not text.endswith("目的", seg[0], seg[1]):
            continue
        # 为鼓励企业加大研发投入，…; 为确保2024年秋季学期顺利开学，… (probes27 h03, h07): a purpose clause before the
        # main one says why, its 鼓励/确保 governs nothing
        if seg is not None and seg != segs[-1] and _PURPOSE_LEAD.match(text, seg[0], seg[1]):
            continue
        # 用人单位应当缴纳的基本养老保险费, 申请人应当提交的材料 (probes30 h04): a modal word inside a relative
        # clause names what is due; it governs nothing of the clause
        if _DUE_RELATIVE.match(text, m[3], b) or text.startswith("的", m[3]):
            continue  # ... and one that ends a relative clause: 学会各项工作有人负责的良好局面 (seed 000 一4)
        # 能够确保供应试点地区采购量的企业可以入围 (issue 19): 能够 + modal describes the party, the rule is 可以
        if text.endswith("能够", a, m[2]):  # not 能 alone: 职能可根据… (013)
            continue
        # 建设能负责可问责的现代科技社团 (seed 004), 探索可借鉴、可推广的典型经验 (corpus 11): 可 + a short verb + 的
        # describes a thing (accountable, replicable), it permits nothing
        if m[1] == "可" and _ADJECTIVAL_KE.match(text, m[3], b):
            continue
        # 调动服务基层积极性 (corpus 13 三（二）): 积极性 is a noun, not the adverb 积极
        if m[1] == "积极" and text.startswith("性", m[3]):
            continue
        # 建设能负责可问责的现代科技社团 (seed 004 三（二）): 能负责 / 可负责 is "accountable", not a duty
        if m[1] == "负责" and m[2] > a and text[m[2] - 1] in "能可":
            continue
        # 调整所需资金从…基金中列支 (probes34 t11): 所 + a modal word makes a noun (what is needed), it binds no one
        if m[1] in ("需", "需要") and m[2] > a and text[m[2] - 1] == "所" and _NEEDED_THING.match(text, m[3]):
            continue  # (not 科研院所要…, 场所必须…, 律师事务所可以…: 所 ends a party's name there)
        # 单个维保人员负责维保的电梯原则上不超过30台 (probes34 t12): 负责 + a short verb + 的 names what a party
        # looks after; the clause's rule is a later modal word of the same piece
        if m[1] == "负责" and seg is not None and (rel := _SHORT_RELATIVE.match(text, m[3], seg[1])) is not None \
                and any(rel.end() <= o[2] < seg[1] for o in modals):
            continue
        # 经营体外诊断试剂等需冷链储运医疗器械的批发企业 (probes35 t12): 需 after a verb or a list's 等, in a phrase
        # closed by 的, describes what the party handles
        if m[1] in ("需", "需要") and seg is not None and m[2] > seg[0] and _NEED_RELATIVE.match(text, m[3], seg[1]) \
                and (ws := _words(text[seg[0]:m[2]])) and (ws[-1][1] in ("v", "vn") or ws[-1][0] == "等"):
            continue
        # 引进特殊需要的人员 (015 第五条（八）): 需要 before 的 is an adjective
        if m[1] in ("需要", "需") and text.startswith("的", m[3]):
            continue
        # 依法须经批准的许可经营项目 (017 第十四条): a modal inside a relative clause describes, it does not require
        if seg is not None and text.endswith("依法", seg[0], m[2]) and text.find("的", m[3], seg[1]) >= 0:
            continue
        return m
    return None


def is_lead_phrase(text: str, marker: str, cls_spans: list[tuple[int, int]], index: int, kind: str = "item") -> bool:
    """Does the clause look like an item's lead phrase (做强做大省融资担保股份有限公司。 / 加大奖补支持力度。)?
    Articles (第X条) have none. The caller still keeps a lead-shaped clause that names its own subject."""
    if index != 0 or marker in ("article", "chapter", "part"):
        return False
    a, b = cls_spans[0]
    s = text[a:b].strip()
    if len(cls_spans) == 1:
        # a heading with sub-items: its one clause is its title (005 三、建立健全婴幼儿照护服务的供给体系。)
        return kind == "heading" or not s.endswith(("。", "；", ";")) or (len(s) <= 16 and not _names_its_party(text, a, b))
    return s.endswith("。") and len(s) <= 31 and "，" not in s and "," not in s


def is_criteria_intro(intro: str) -> bool:
    """Does a list's introduction make its items conditions or circumstances (no duties of their own)?

    >>> is_criteria_intro("符合下列条件之一，来本市创业或就业的人员，可申请将户籍迁入本市：")
    True
    >>> is_criteria_intro("下列事项应当向登记机关办理备案：")
    False
    """
    return any(w in intro for w in CRITERIA_INTRO_WORDS)


def is_criteria_heading(title: str | None) -> bool:
    """Does a heading name who qualifies, so that what stands under it is conditions (申报条件, 评估对象)?

    >>> [is_criteria_heading(t) for t in ("申报条件", "评估对象", "申报对象和条件：", "工作要求", "实施步骤")]
    [True, True, True, False, False]
    """
    return bool(title and _CRITERIA_HEADING.fullmatch(title))


_CRITERIA_HEADING = compile_re(CRITERIA_HEADING_RE)


def is_values_heading(title: str | None) -> bool:
    """Does a heading name values the notice sets (调整水平, 奖项设置, 推荐名额), so that what stands under it
    without a modal word or a cap states them?

    >>> [is_values_heading(t) for t in ("调整水平", "三、奖项设置", "资金来源。", "提高补助标准", "工作要求", "二、支持额度")]
    [True, True, True, False, False, True]
    """
    if not title:
        return False
    t = title.strip()
    t = _LABEL_PREFIX.sub("", t)
    # led by a measure's verb as a word: 提高补助标准 is a measure, 研究生国家助学金 (研究|生) no; a topic's name is none
    # either (支持额度, 补助标准: probes37 h05, t10)
    return bool(_VALUES_HEADING.fullmatch(t)) and (_TOPIC_HEADING.fullmatch(t) is not None
                                                   or not ((ws := _words(t)) and ws[0][0] in MEASURE_VERBS))


_VALUES_HEADING = compile_re(VALUES_HEADING_RE)
_LABEL_PREFIX = compile_re(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、])\s*")


def is_rules_intro(intro: str) -> bool:
    """Does a list's introduction announce rules (按以下规定办理：), each item a requirement of its own?

    >>> is_rules_intro("参保人员享受门诊特定病种待遇应当按以下规定办理确认手续，并到指定定点医疗机构门诊就医：")
    True
    """
    return any(w in intro for w in RULES_INTRO_WORDS)


def read_requirement(text: str, a: int, b: int, modals: tuple[tuple[str, str, int, int], ...], in_item: bool, listed: bool,
                     lead: bool, has_threshold: bool, guiding: bool = False, criteria: bool = False,
                     values: bool = False) -> RequirementUnit | None:
    """The requirement clause ``text[a:b]`` states, or None.

    A clause is a requirement when it has a modal word, a threshold, or (inside a numbered item) an
    imperative form; not when it is a lead phrase, a definition, a statement of the notice itself,
    an item of a colon-introduced list, a goal or principle without a modal word. An item of a list of
    conditions (``criteria``: 符合下列条件之一的…) and a definition or entry into force are never one,
    even with a threshold or a modal word (年龄需在50周岁以下 qualifies, it does not oblige); the caller
    keeps their thresholds on no requirement.

    >>> s = "各级财政部门根据本级政府授权，履行好国有金融资本出资人职责。"
    >>> u = read_requirement(s, 0, len(s), (), in_item=True, listed=False, lead=False, has_threshold=False)
    >>> u.modality, u.trigger, u.actor.text, u.actor.source
    ('obligation', None, '各级财政部门', 'sentence')
    """
    if b <= a:
        return None
    tag = responsibility_tag(text, a, b)
    if tag is not None and tag.standalone:
        us, ue = tag.units
        return RequirementUnit("obligation", tag.label, tag.label_span, ActorPick(text[us:ue], us, ue, "tag"), carry_ok=False)
    row_actor = None
    if text.find("\t", max(0, a - 200), b) >= 0:  # a test in C first: most clauses are prose
        row, row_actor = _table_row_reading(text, a, b)
        own_modal = any(a <= m[2] < b for m in modals)
        if row == "header" or (row == "none" and not own_modal):
            return None
        if row == "duty" and not own_modal:
            return RequirementUnit("obligation", None, None, row_actor, carry_ok=False)
    if not modals and not has_threshold and (not in_item or listed or guiding):
        return None  # what the checks below come to without a modal word: no imperative outside an item (issue 18)
    if criteria or _TOPIC_HEADING.fullmatch(text, a, b):
        return None
    not_req, not_imp = _filters()
    # a definition (本办法所称的未成年，指年龄不满18周岁), entry into force (有效期5年): no requirement even
    # with a threshold (015 第十四条, 第十六条); the threshold stays, on no requirement
    found_not = not_req.search(text, a, b)
    if found_not and (not has_threshold or found_not.group() in DEFINITION_PHRASES):
        return None
    segs = clause_segments(text, a, b)
    if not segs:
        return None
    modal = first_modal(text, a, b, modals)
    if modal is None and (_PERIOD_LINE.match(text, _strip_lead(text, a, b), b) is not None):
        return None  # 即日起至2026年6月30日。 秋季禁烧时段为即日起至11月30日。 (probes31 h02, h06): a period told, no act
    if modal is None and _tells_what_one_has(text, segs):
        return None
    if modal is None and values and not _RULE_UNDER_VALUES.search(text, a, b):
        # under 调整水平 / 奖项设置 (``values``): 全国总体调整水平为…的2%, 设金奖10项… state what is set; so do the caps of a
        # standard (补贴期限最长不超过3年, 每户最高不超过800元, 单家企业年度补助不超过30万元: probes37 h05, t10)
        return None
    if modal is None and has_threshold and (_states_a_value(text, a, b) or _is_goal(text, _strip_lead(text, a, b), b)):
        # its threshold stays, on no requirement; so does a goal's without a trigger word (gold-req: 005 到2025年，…均建成
        # 不少于1个…, not annotated; probes30 t07 到2025年底，全区农村卫生厕所普及率达到85%以上)
        return None
    if modal is None and not has_threshold:
        body = text[a:b].rstrip()
        if not in_item or listed or guiding or body.endswith(("：", ":")) or not body.endswith(("。", "；", ";", "！")):
            return None
        if any(a <= m[2] < b and _DUE_RELATIVE.match(text, m[3], b) for m in modals):
            return None  # …包含用人单位应当缴纳的…保险费: it says what a thing holds (probes30 h04)
        # …引进在职人才（包括国〔境〕外留学人员）入户由…审核办理 (015 第四条): a parenthesis defines nothing
        lead_at = _strip_lead(text, a, b)
        if not_imp.search(_ANY_PAREN.sub("", text[a:b])) or text.startswith(NOT_IMPERATIVE_STARTS, lead_at) \
                or _LABEL_VALUE_START.match(text, lead_at, b) or _COPULA_STATEMENT.search(text, a, b):
            return None
    # the subject of the first piece, read only where a branch below needs it (leading_actor is cached)
    # a lead phrase names a task (加大奖补支持力度。); a sentence that binds with 须/应当/不得 is a rule, whoever it
    # names (考生须持身份证进入考场。 as an item of its own, probes30 t12), a title is not (（二）禁止燃放的场所)
    if lead and not has_threshold and not (modal is not None and modal[1] in _BINDING_WORDS and text[a:b].rstrip().endswith(("。", "；", ";"))) \
            and not _names_a_party(text, a, segs, modal):
        return None
    carry_ok = True
    own: ActorPick | None = None
    party: ActorPick | None = None
    if modal is None:
        modality, trigger, tspan = "obligation", None, None
        # a passive measure names its agent: 市场主体名称由申请人依法自主申报 → 申请人 (017 第十条); only in
        # the main predicate, not in a later construction (…，薪酬结构和水平由董事会确定: 004 一4)
        own = agent_of_you(text, a, _main_end(text, segs)) or _imperative_subject(text, segs) or leading_actor(text, *segs[0])
        if own is not None and own.source == "sentence" and "所需" in own.text:
            own = None  # 服务资助所需资金纳入市、区年度部门预算 (corpus 20): what a thing needs is no party, whatever noun ends it
        if own is not None and own.source == "sentence" and _WILL_DO.match(text, own.end) and not _DATED_ACT.search(text, a, b):
            # 县科协将会同县财政局于11月上旬对…进行绩效评价 (probes30 t09): what a body says it will do, no bid; not
            # the 将 that fronts an object (各地将…纳入规划 is a measure), nor a commitment by a day (corpus 08
            # 国务院办公厅将于2020年4月底前组织…验收总结)
            return None
    else:
        modality, trigger, ms, me = modal
        tspan = (ms, me)
        if modality == "encouragement" and ms >= segs[0][1] and _opens_measure(text, *segs[0]):
            # 大力实施…计划，…积极…: the first predicate is the bare measure (gold-req convention), the
            # encouragement a later construction of the same clause
            return RequirementUnit("obligation", None, None, agent_of_you(text, a, b) or leading_actor(text, *segs[0]), True)
        seg = next(((s, e) for s, e in segs if s <= ms < e), segs[0])
        lead_at = _strip_lead(text, seg[0], ms)
        if trigger in ("原则上", "一般") and _only_adverbs(text, lead_at, ms):
            # 原则上银行业金融机构承担的风险责任比例不低于20% (004 四13): the bearer named after the hedge
            own = leading_actor(text, me, seg[1], verb_led_ok=True) or subject_before(text, seg[0], ms)
        elif trigger in OBJECT_TRIGGERS and modality in ("encouragement", "permission") and _only_adverbs(text, lead_at, ms):
            own = object_party(text, me, seg[1])
            carry_ok = False  # 支持通过重组… names no party: the 主送 line, not the last subject
        elif trigger in ("严禁", "禁止") and _only_adverbs(text, lead_at, ms) \
                and (barred := leading_actor(text, me, seg[1])) is not None and barred.clean:
            # 严禁考务工作人员携带手机进入考场 (probes30 t12): the party barred, as 鼓励/允许 name theirs
            own = ActorPick(barred.text, barred.start, barred.end, "object")
            carry_ok = False
        elif trigger == "请" and _only_adverbs(text, lead_at, ms) and not _ASKED_NOT_PARTY.match(text, me) \
                and (asked := leading_actor(text, me, seg[1])) is not None and asked.clean:
            # 请各单位于5月10日前报送 names the party asked (gold-req rule 1); 请认真贯彻执行 names none: the 主送 line
            own = ActorPick(asked.text, asked.start, asked.end, "object")
        else:
            own = subject_before(text, seg[0], ms)
            if own is not None and _YOU_OUTSIDE_BRACKETS_RE.match(own.text) and (agent := agent_of_you(text, seg[0], ms)) is not None:
                own = agent  # 本办法由省科协负责解释: the agent of 由, not the phrase it stands in (a helper's probe)
            if (own is None or not own.clean) and seg != segs[0] and (first := leading_actor(text, *segs[0])) is not None:
                own = first if first.clean or own is None else own
            if modality == "permission" and (own is None or not own.clean):
                own = _who_may(text, a, ms, me) or own
            if own is None and seg != segs[0] and _only_adverbs(text, lead_at, ms):
                own = _relative_subject(text, segs, seg)
                party = None if own is not None else _party_of_condition(text, segs, seg, me)
        if listed and not has_threshold and not (own and own.clean):
            return None
    weak = own if own is not None and not own.clean else None
    if weak is not None:
        own = None
    if own is None:  # a 由-phrase in the main predicate: 已通过入户审核的，由入户审核部门注销… (015 第十五条)
        own = agent_of_you(text, a, _main_end(text, segs) if modal is None else max(tspan[1], _main_end(text, segs)))
    if own is None and tag is not None:
        us, ue = tag.units
        own = ActorPick(text[us:ue], us, ue, "tag")
    if own is None and row_actor is not None:  # 各区要…: a 责任分工 row's own sentence, of its 牵头单位
        own = row_actor
    if own is not None and "\t" in own.text:  # an actor never crosses a table's cell (丰富服务内涵⇥6.基层医疗卫生机构, corpus 13)
        cut = own.text.rfind("\t") + 1
        rest = _CELL_LABEL.sub("", own.text[cut:])  # the cell's own label: 6.基层医疗卫生机构
        own = ActorPick(rest, own.end - len(rest), own.end, own.source, own.clean) if rest else None
    if own is None and weak is not None:
        own = weak
    return RequirementUnit(modality, trigger, tspan, own, carry_ok, party if own is None else None)


_RESPONSIBLE_COLUMN = compile_re(rf"\s*{RESPONSIBLE_COLUMN_RE}(?:[（(][^）)]{{0,8}}[）)])?\s*")
_STANDARD_IS = compile_re(STANDARD_IS_RE)
# a table's cell alone on its line: 52800以下, 3人及以上户 (probes29 h02, a Word table of income limits), 3万—6万元 (corpus 14's
# 积分 rubric, its brackets removed)
_VALUE_CELL = compile_re(r"\s*[\d.,．]+(?:\s*[—\-~～]\s*[\d.,．]+)?\s*[\u4e00-\u9fff%％]{0,3}?"
                         r"(?:\s*[—\-~～]\s*[\d.,．]+\s*[\u4e00-\u9fff%％]{0,3}?)?(?:及|或)?(?:以下|以上|以内)?[\u4e00-\u9fff]?\s*[。；;，,]?\s*")
# a deadline in the clause: what it dates is an act (结果公布：6月20日前公布录取结果。 probes25), not a value
_DATED_ACT = compile_re(r"[日月底末年]\s*(?:之|以)?前(?!后)")
_CELL_LABEL = compile_re(r"^\s*(?:\d{1,3}[.．、]|[（(][\d一二三四五六七八九十]{1,3}[)）])?\s*")
# a deeming consequence after a condition: 连续2年未缴纳会费的，视为自动退会 (probes29 h05), corpus 18's …的，视为无履行义务能力
# when the notice itself comes into force, with its term: 本通知自2026年8月1日起执行，有效期5年。 (probes32 t11)
_IN_FORCE = compile_re(r"本(?:通知|办法|规定|细则|意见|方案|决定|公告|通告|措施|规则)[^，,。；;]{0,24}起(?:执行|施行|实施|生效)")
_DEEMS = compile_re(r"[，,]\s*(?:即|均|一律)?(?:视为|视同)")


def _table_row_reading(text: str, a: int, b: int) -> tuple[str, ActorPick | None]:
    """How a table's row that holds ``text[a:b]`` is read: ("prose", None) when it is on no row.

    A table's row bids nothing by itself ("none" without a modal word; "prose" with one): its cells are values,
    criteria, names (probes29 h02's income limits, a 科普基地 notice's 认定标准 table), and its first row names the
    columns ("header", never a requirement). Only a 责任分工 table gives each row's task to a body ("duty"): the cell
    under 牵头单位 (probes27 t08: 序号⇥重点任务⇥牵头单位⇥配合单位⇥完成时限) is the row's actor. A row with fewer cells
    than the header has its first cells merged with the row above (rowspan: corpus 13's 任务分工表), so its cells are
    aligned from the right; one that holds no cell before the 牵头单位 column names bodies only and bids nothing."""
    line = table_line(text, a)
    if line is None:
        return "prose", None
    ls, le = line
    head = header_cells(text, ls)
    if head is None:
        return "header", None  # names of the columns (可容纳集中培训人数(人) permits nothing)
    col = next((i for i, h in enumerate(head) if _RESPONSIBLE_COLUMN.fullmatch(h)), None)
    if col is None:
        return "none", None
    cells = text[ls:le].split("\t")
    at = next((i for i in range(len(cells)) if column_of(head, cells, i) == col), -1)
    if at < 0 or (at == 0 and col > 0):
        return "header", None  # bodies only, or a row the columns do not fit
    cs = ls + sum(len(c) + 1 for c in cells[:at])
    if a >= cs - 1:
        return "header", None  # the clause after a row's last sentence: the bodies' cells alone
    ce = cs + len(cells[at])
    while cs < ce and text[cs].isspace():
        cs += 1
    while ce > cs and text[ce - 1].isspace():
        ce -= 1
    return "duty", (ActorPick(text[cs:ce], cs, ce, "tag") if ce > cs else None)


def _states_a_value(text: str, a: int, b: int) -> bool:
    """Does a clause without a modal word state a value rather than bid an act? A table's cell alone on its line; a
    clause with no verb at all; the notice's own entry into force with its term;
    a label and its value or a standard and its value, with no cap (学生会员：每人每年50元；corpus 19's 全市城乡最低
    生活保障标准为每人每月1309元。: the threshold says it; 贷款额度最高不超过15万元 stays a rule, as gold-req has it); a
    deeming consequence (…的，视为自动退会)."""
    s = _strip_lead(text, a, b)
    if _VALUE_CELL.fullmatch(_ANY_PAREN.sub("", text[s:b])):
        return True
    if _DEEMS.search(text, a, b) or _IN_FORCE.search(text, a, b):
        return True
    if _CAP.search(text, a, b) is None and not any(tag.startswith("v") for _, tag, _, _ in _words(text[s:b])):
        return True  # no verb and no cap: 夜间(20:00—次日7:00)每次3元。 培训费每人1200元 (probes32 t11, a 停车收费 notice)
    return bool(_LABEL_VALUE_START.match(text, s, b) or _STANDARD_IS.match(text, s, b)) and _CAP.search(text, a, b) is None \
        and _DATED_ACT.search(text, a, b) is None


# what the authority does to the party a condition names: 依法追究, 吊销, 不予受理, 处…罚款 (the party is their object)
_SANCTION_VERB = compile_re(r"\s*(?:依法|依规|一律|立即|及时|从严|严肃|由[^，,；;。]{1,20})?(?:追究|吊销|撤销|取消|收回|追回|追缴|处以|处\d|处[一二三四五六七八九十百千万]"
                            r"|给予|予以|不予|责令|没收|通报|记入|纳入|列入|暂停|终止|注销|退回其|停止其)")
# a condition that is a circumstance, not a party: 情节严重的, 逾期的, 确有困难的, 因…的, 对…的, 属本市户籍申请的, 有剩余房源的
_CIRCUMSTANCE_LEAD = compile_re(r"\s*(?:情节|如|若|如果|因|对于?|在|当|经|凡是?因|逾期|确有|特殊|其他|有|属|存在以上|发生)")
# ... or one that says what happened or how much (排放浓度超过许可限值的, 大中型水库出现险情的, 确需修改的, 线上申请困难的:
# probes29 t10, t11; corpus 16; corpus 21)
_CIRCUMSTANCE_WORD = compile_re(r"超过|低于|高于|不足|出现|发生|导致|确需|确因|困难|缺失|未能|无法")
# what a party does that a rule is conditioned on: who applies, runs, provides, receives, leaves (corpus 18 申请支出型临时
# 救助的，应当提供…; corpus 20 提供机构养老服务的，应依法办理备案; probes29 t07 服务期未满离开本市的; 005's 举办…的)
_PARTY_ACT = compile_re(r"申请|申领|申报|办理|举办|开办|提供|设立|从事|换领|补领|领取|骗取|冒领|套取|离开|迁出|迁入|参加|参保|经营"
                        r"|招用|聘用|引进|购买|承租|转让|出售|挖掘|占用|符合|持有|需要[^，,；;。的]{0,12}服务")


_OBJECT_LEAD = compile_re(r"\s*(?:对于|对|针对|向|为|给)")


def _relative_subject(text: str, segs: list[tuple[int, int]], seg: tuple[int, int]) -> ActorPick | None:
    """The subject a relative clause names before the comma of the modal word's piece: 实行计件工资或提成工资等工资
    形式的用人单位，应当… (probes30 h04; it had become the 用人单位 carried from the sentence before). The piece is one
    noun phrase: …的 + a body or a person that ends an actor."""
    s0, e0 = segs[0]
    if segs.index(seg) != 1 or e0 - s0 > 40 or _OBJECT_LEAD.match(text, s0):
        return None  # 对生活不能自理…的特困人员，应当…: what 对 names is the rule's object (corpus 18: the 区民政部门's duty)
    k = text.rfind("的", s0, e0)
    if k < 0 or k + 1 >= e0:
        return None
    head = _words(text[k + 1:e0])
    if not head or not (is_actor_head(head[-1][0]) or _subject_only_head(text[k + 1:e0])) or len(head) > 3:
        return None
    s0 = _strip_lead(text, s0, e0)
    return ActorPick(text[s0:e0], s0, e0, "sentence")


def _party_of_condition(text: str, segs: list[tuple[int, int]], seg: tuple[int, int], me: int) -> ActorPick | None:
    """The party a leading condition names, when the rule after it binds that party (gold-req actor rule 1: the
    party of a conditional rule, 005 举办营利性婴幼儿照护服务机构的，…注册登记): 服务期未满离开本市的，应当退回已领取的
    补贴 (probes29 t07). Not a circumstance (情节严重的，应当依法吊销…), and not when what follows is what the authority
    does to the party (…的，不予受理; 追回, 吊销, 处…罚款): the addressee or the agent acts there. Only where no
    subject is carried (017 第十九条 登记机关…。不能当场登记的，应当在3个工作日内予以登记: the 登记机关's)."""
    s0, e0 = segs[0]
    if segs.index(seg) != 1 or text[e0 - 1] != "的" or e0 - s0 < 5:
        return None
    s0 = _strip_lead(text, s0, e0)
    if _CIRCUMSTANCE_LEAD.match(text, s0) or _CIRCUMSTANCE_WORD.search(text, s0, e0) or not _PARTY_ACT.search(text, s0, e0):
        return None
    if _SANCTION_VERB.match(text, me) or text.endswith(("不予", "予以", "给予"), 0, me):
        return None
    return ActorPick(text[s0:e0], s0, e0, "sentence")


# what a thing is to the work, a statement: 治理结构和治理方式改革是学会改革工作的重点和难点 (seed 000 一, its first
# sentence), …是推动高质量发展的重要保障
_COPULA_STATEMENT = compile_re(r"是[^，,；;。]{0,24}的(?:重点|难点|关键|核心|基础|前提|保障|重要内容|重要组成部分|重要抓手|重要举措|重要途径"
                               r"|根本|灵魂|生命线|主体|主阵地|主力军"
                               # 省政府工作报告是省政府贯彻落实…的具体安排，也是…的任务表和计划书 (corpus-dev 012)
                               r"|具体安排|重要依据|依据|任务表|计划书|必然要求|重要体现|重要任务)")
_WILL_DO = compile_re(r"\s{0,2}将(?:会同|联合|于|在|对|组织|开展|进行|适时|择优|视情|另行|陆续|统一|及时)")
# what a thing comprises: 大赛设一等奖5名、二等奖10名 (probes29 h04), 年会设大会特邀报告… (probes31 h03); not 设立/设置/设计,
# measures
_COMPOSED_OF = compile_re(r"[^，,；;。\s]{1,16}?(?<![建开增新另])设(?![立置计施定备法区])")
# what a party is entitled to: 入库企业享受研发费用加计扣除政策 (probes31 t12); not what it is denied (不再…重复享受, 不享受:
# an exclusion, corpus 15, 21)
# (not 享受 inside a relative clause or a condition: 对冒用他人的…卡享受…补贴的组织或个人，由…处理 (corpus 21), 符合享受…待遇的
# 服务对象, 享受购房补贴的人才服务期不少于5年 (probes29 t07))
_ENTITLED = compile_re(r"[^，,；;。的不]{0,20}?(?<!符合)(?<!申请)(?<!冒用)(?<!骗取)(?:依法|按规定|按照规定|可|均)?享受(?![^，,；;。]{0,24}的[\u4e00-\u9fff])")


def _tells_what_one_has(text: str, segs: list[tuple[int, int]]) -> bool:
    """Does a clause without a modal word tell what a thing comprises or what a party is entitled to, with its main
    piece (past a leading condition …的)? Neither bids an act."""
    for s, e in segs:
        if text[e - 1] == "的":
            continue
        s = _strip_lead(text, s, e)
        return bool(_COMPOSED_OF.match(text, s, e) or _ENTITLED.match(text, s, e))
    return False


def _is_goal(text: str, at: int, b: int) -> bool:
    """Does the clause at ``at`` open with a goal's horizon (到2025年，…达到…), not a deadline (到2023年12月31日前，完成…:
    corpus t14, a dated act)?"""
    return text.startswith(GOAL_STARTS, at) and not _DATED_ACT.search(text, at, min(b, at + 16))


_DAY_RE = r"(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号](?:\s*\d{1,2}[:：]\d{2})?"
_PERIOD_LINE = compile_re(rf"\s*(?:[\u4e00-\u9fff]{{0,10}}(?:时段|时间|期限|日期|期间|期)为)?(?:自|从)?(?:即日|{_DAY_RE})起?\s*(?:至|到|—|－|-|~|～)\s*"
                          rf"{_DAY_RE}\s*止?\s*[。；;]?\s*$")
_BINDING_WORDS = frozenset({"须", "应", "应当", "必须", "务必", "不得", "严禁", "禁止", "不准", "不应"})


def names_the_issuer(name: str, issuers: list[str]) -> bool:
    """Does ``name`` (a clause's subject or agent) call the notice's own issuer: by its name, a short form
    (:func:`~extractor.data.levels.names_body`: 市科协 for 襄阳市科学技术协会), the body word it ends with (学会 in a
    中国汽车工程学会 notice) or the first person (本会, 我局)? probes31 h01, t09.

    >>> names_the_issuer("市科协", ["襄阳市科学技术协会"]), names_the_issuer("学会", ["中国科学技术协会"])
    (True, False)
    """
    name = name.strip()
    if name in FIRST_PERSON_BODIES:
        return True
    return len(name) >= 2 and any(name == i or names_body(i, name) or (name in ORG_SUFFIXES and i.endswith(name)) for i in issuers)


def _names_a_party(text: str, a: int, segs: list[tuple[int, int]], modal: tuple[str, str, int, int] | None) -> bool:
    """Does an item's first sentence name who acts, which makes it a measure rather than the item's lead
    phrase? By a subject at its head; by a subject of :func:`_subject_only_head` right before its modal
    word (各村要把…, probes27 t14); by the party a 请 asks (请贵局于6月30日前提供…, probes27 t11); or by
    the agent of 由 (一、由县教体局负责资金拨付。, a helper's probe)."""
    s0, e0 = segs[0]
    if (first := leading_actor(text, s0, e0)) is not None and first.clean:
        return True
    if modal is not None and modal[2] < e0:
        own = subject_before(text, s0, modal[2])
        if own is not None and own.clean and (_subject_only_head(own.text) or _EACH_BODY_RE.fullmatch(own.text)):
            return True
        if modal[1] == "请" and (asked := leading_actor(text, modal[3], e0)) is not None and asked.clean:
            return True
    return agent_of_you(text, a, _main_end(text, segs)) is not None


def _main_end(text: str, segs: list[tuple[int, int]]) -> int:
    """End of the first piece of a clause that is not a leading condition (…的，) or adverbial."""
    for s, e in segs:
        if text[e - 1] == "的" or text.endswith(("时", "后", "前"), s, e):
            continue
        return e
    return segs[-1][1]


def _opens_measure(text: str, a: int, b: int) -> bool:
    s = text[_strip_lead(text, a, b):b]
    return s.startswith(MEASURE_VERBS)


def _imperative_subject(text: str, segs: list[tuple[int, int]]) -> ActorPick | None:
    """The subject of a clause without a modal word, past leading conditions: 已经入户的，公安机关根据…
    予以注销 → 公安机关 (015 第十五条). Stops at the first piece that is neither a condition nor a subject."""
    for s, e in segs:
        p = leading_actor(text, s, e)
        if p is not None and p.clean:
            return p
        if text[e - 1] == "的" or text.endswith(("时", "后", "前"), s, e):
            continue
        w = _words(text[s:min(e, s + 4)])
        if w and (w[0][0] in _NON_SUBJECT_LEADS or w[0][1] == "p"):
            continue
        return None
    return None


_ADVERB_ONLY = ("积极", "大力", "进一步", "继续", "更加", "着力", "充分", "要", "也", "还", "并", "同时", "重点")


def _only_adverbs(text: str, a: int, b: int) -> bool:
    s = text[a:b].strip()
    while s:
        for w in _ADVERB_ONLY:
            if s.startswith(w):
                s = s[len(w):]
                break
        else:
            return False
    return True


@lru_cache(maxsize=8192)  # a pure function of the name; actor names repeat within and across notices
def normalize_actor(name: str) -> tuple[str | None, str | None, str | None]:
    """(organization, level, role) of an actor name, where the data can tell; one body only
    (a coordination 省财政厅、省金融监管局 names several and is left as written).

    >>> normalize_actor("省财政厅")
    ('finance department', 'provincial', None)
    >>> normalize_actor("各试点城市")
    (None, None, 'pilot cities')
    >>> normalize_actor("国务院市场监督管理部门")
    ('market regulation department', 'national', None)
    >>> normalize_actor("省财政厅、省金融监管局"), normalize_actor("各县(市、区)人民政府")
    ((None, 'provincial', None), ('government', 'county', None))
    """
    head = name.rsplit("的", 1)[-1]  # 县级以上地方人民政府承担市场主体登记工作的部门: the body is 部门
    role = next((r for k, r in ACTOR_ROLES if k in head), None)
    if _LEVEL_SET_RE.fullmatch(name):  # 各县(市、区)人民政府: the bodies of one level, its alternatives in brackets
        rest = name[name.find(")" if ")" in name else "）") + 1:]
        return (_function_of(rest) if rest else None), _DIVISION_LEVEL.get(name[1]), role
    if any(x in name for x in ("、", "和", "及", "与", "，")):
        # several bodies: no one organization, but one level when every body has it (corpus-dev 004
        # （责任单位：省财政厅、省金融监管局）: provincial), so "what must provincial bodies do" finds the tags
        parts = [x for x in re.split(r"[、，,]|和|及|与", name) if x]
        levels = {_level_of(x, None) for x in parts}
        return None, (levels.pop() if len(levels) == 1 and len(parts) > 1 else None), role
    org = _function_of(head)
    level = _level_of(name, role)
    if role is not None:
        org = None
    return org, level, role


def _level_of(name: str, role: str | None) -> str | None:
    """The administrative level a body's name says (省财政厅 → provincial), or None."""
    level: str | None = None
    if role is not None or name.startswith(("县级以上", "各级", "省级以下", "市级以下", "国家级")):
        # 国家级开发区 (corpus-dev 013) is a zone of national rank in a province, not a national body
        level = None
    elif name.startswith(("国务院", "国家", "全国", "中央")):
        level = "national"
    elif re.match(r"(?:全?省)(?!份)", name):
        level = "provincial"
    elif re.match(r"全?市(?![场民])", name):
        level = "municipal"
    elif re.match(r"(?:全?县|全?区)(?![域])", name):
        level = "county"
    elif name.endswith("部门") and not re.search(r"[省市县区镇乡]", name.replace("市场", "")):
        # corpus 24 教育部门, corpus-dev 019 民政部门: a function, no body at a level (教育部门 is not 教育部)
        level = None
    elif not name.startswith(("各", "有关", "相关", "市场")):
        lv, _ = classify_level(name)
        level = lv if lv != "unknown" else None
    return level


def _function_of(head: str) -> str | None:
    """The function a body's name ends on: of the vocabulary keys found, the one ending last, then
    the longest (镇人民政府 → government, not the 民政 inside 人民政府; 各级人民政府财政部门 → finance).

    >>> _function_of("镇人民政府"), _function_of("各级人民政府财政部门"), _function_of("区民政部门")
    ('government', 'finance department', 'civil affairs department')
    """
    best: tuple[int, int, str] | None = None
    for k, o in ACTOR_FUNCTIONS:
        i = head.rfind(k)
        if i >= 0 and (best is None or (i + len(k), len(k)) > best[:2]):
            best = (i + len(k), len(k), o)
    return best[2] if best else None


def build_actor(aligned: AlignedText, pick: ActorPick, factory: Callable[..., Any] = Actor) -> Any:
    """An :class:`~extractor.model.Actor` from a pick, with its raw span and normalized organization;
    ``factory`` ``row_of(Actor)`` gives its row instead, for a caller that validates it inside a list
    of requirement rows (issue 18)."""
    org, level, role = normalize_actor(pick.text)
    return aligned.build(factory, text=pick.text, span=(pick.start, pick.end),
                         source=pick.source, organization=org, level=level, role=role)


def later_rules(text: str, a: int, b: int, modals: tuple[tuple[str, str, int, int], ...],
                first: RequirementUnit) -> list[tuple[int, RequirementUnit]]:
    """Further rules of one sentence, each from the piece where it starts: a later piece that
    opens with a modal word of another modality (…，不得为政府债券发行提供担保 after 要…; …，鼓励用人单位…
    after a bare measure) or that names its own subject before its modal word (…，银行业金融机构不得…).
    Two rules give two requirements, each with its modality and actor (issue 19).

    >>> s = "省融资担保公司要严格以融资担保业务为主业，不得偏离主业，鼓励市级机构设立分支机构"
    >>> u = read_requirement(s, 0, len(s), (("obligation", "要", 7, 8), ("prohibition", "不得", 21, 23), ("encouragement", "鼓励", 28, 30)), True, False, False, False)
    >>> [(s[st:st + 4], r.modality, r.actor and r.actor.text) for st, r in later_rules(s, 0, len(s), (("obligation", "要", 7, 8), ("prohibition", "不得", 21, 23), ("encouragement", "鼓励", 28, 30)), u)]
    [('不得偏离', 'prohibition', None), ('鼓励市级', 'encouragement', '市级机构')]
    """
    segs = clause_segments(text, a, b)
    start_after = first.trigger_span[1] if first.trigger_span else segs[0][1]
    out: list[tuple[int, RequirementUnit]] = []
    if all(m[2] < start_after for m in modals):
        return out  # no modal word in a piece the loop below reads (most sentences: one rule; issue 18)
    last_modality = first.modality
    by_start = sorted(modals, key=lambda m: m[2])
    starts = [m[2] for m in by_start]
    for s, e in segs:
        if s < start_after:
            continue
        # the piece's own modal words only: handing each piece all of the sentence's was quadratic
        # in a long sentence of many pieces
        m = first_modal(text, s, e, tuple(by_start[bisect_left(starts, s):bisect_left(starts, e)]))
        if m is None:
            continue
        modality, word, ms, me = m
        if word in ("积极", "努力", "大力") or (word == "支持" and first.modality != "encouragement" and first.trigger is None):
            continue  # …，积极探索… continues the measure (gold-req: no rule of its own)
        lead_at = _strip_lead(text, s, ms)
        own: ActorPick | None = None
        if word in OBJECT_TRIGGERS and modality in ("encouragement", "permission") and _only_adverbs(text, lead_at, ms):
            own = object_party(text, me, e)
        elif not _only_adverbs(text, lead_at, ms):
            own = subject_before(text, s, ms)
            if own is None or not own.clean:
                if not (modality != last_modality and word in _BARS_OR_BINDS
                        and not _GOVERNED_BAR.search(text, lead_at, ms) and not _BARRED_RELATIVE.match(text, me, e)
                        and not text[s:e].rstrip().endswith("的")):
                    continue  # a modal word inside a phrase (…的要求, …可能…): no rule of its own
                # …须全部进入监管账户，单个学员预收费不得超过5000元; …必须严格执行作业审批制度，未经审批严禁作业
                # (probes34 h04, t08): a bar after a duty, on a thing or under a condition, binds the same party;
                # so does a duty after a bar (定点医院不得拒收患者，重症病例须在2小时内组织会诊, probes35 h04)
                own = None
        if modality == last_modality and own is None:
            continue
        out.append((s, RequirementUnit(modality, word, (ms, me), own, carry_ok=own is None or own.source != "object")))
        last_modality = modality
    return out
