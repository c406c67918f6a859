"""The CPU savings of the extraction stage keep its results (issue 18).

Each shortcut is checked against the slower form it replaced: the number mask against writing
every character into a list, the lookahead-led patterns against the same patterns without the
lookahead, rows validated as one list against models built one by one, the pre-check of the
threshold scan against the scan itself.
"""

from __future__ import annotations

import random
import re

import pytest

from extractor.extract import requirements
from extractor.extract.quantities import NUMERAL_RE
from extractor.extract.thresholds import MASK, _NOT_THRESHOLD_RE, build_number_mask, find_thresholds
from extractor.model import Clause, Requirement
from extractor.normalize.offsets import AlignedText, LocalEdit, TextSpan
from extractor.segment import numbering
from extractor.segment.sentences import row_of


def _mask_by_characters(text: str, spans: list[tuple[int, int]]) -> str:
    """The number mask as it was built before: every character in a list, each span written over."""
    chars = list(text)
    for s, e in spans:
        chars[s:e] = MASK * (e - s)
    return _NOT_THRESHOLD_RE.sub(lambda m: MASK * (m.end() - m.start()), "".join(chars))


def test_number_mask_joined_from_the_spans_union_equals_the_character_list() -> None:
    rng = random.Random(18)
    text = "于2018年5月10日前，拨打020-12345，培育15-205A级学会，第三条规定理事会不超过150人。"
    for _ in range(3000):
        spans = []
        for _ in range(rng.randint(0, 6)):  # overlapping, nested, touching and empty spans
            a = rng.randint(0, len(text))
            spans.append((a, rng.randint(a, min(len(text), a + 12))))
        assert build_number_mask(text, spans) == _mask_by_characters(text, spans), spans


def _without_lookahead(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern with its leading first-character lookahead removed."""
    m = re.match(r"\(\?=\[[^\]]*\]\)", rx.pattern)
    assert m, f"{rx.pattern[:40]} does not open with a lookahead"
    return re.compile(rx.pattern[m.end():])


_DEADLINE_WORDS = ["于", "在", "至", "到", "提前", "前", "2018", "2020", "年", "6", "30", "12", "月", "日", "之", "以前", "底",
                   "末", "内", "以内", " ", "\t", "个", "工作日", "天", "个月", "十五", "两", "每", "年度", "须", "要", "第", "(", "1.", "（三）"]


def _deadline_like(rng: random.Random) -> tuple[str, int, int]:
    """A short string of deadline words, often with a deadline-shaped phrase, and a window into it."""
    s = "".join(rng.choice(_DEADLINE_WORDS) for _ in range(rng.randint(0, 5)))
    if rng.random() < 0.6:  # 于 2018年6月30日之前, 6月底前, 前15个工作日
        s += "".join(rng.choice(xs) for xs in (("于", "在", "到", "提前", "前", ""), ("2018年", "2020 年", " ", ""), ("6", "12", "十五", "两"),
                                               ("月", "个月", "个工作日", "天", ""), ("30日", "底", "末", ""), ("之前", "以前", "前", "内", "以内", "")))
    if rng.random() < 0.3:  # 在2017年底前, 2020年内, 每季度
        s += "".join(rng.choice(xs) for xs in (("于", "在", "每", ""), ("2017", "2020 ", "季度"), ("年",), ("底", "末", "年底", ""), ("之前", "以前", "前", "内")))
    s += "".join(rng.choice(_DEADLINE_WORDS) for _ in range(rng.randint(0, 4)))
    a, b = rng.randint(0, min(3, len(s))), len(s) - rng.randint(0, min(3, len(s)))
    return s, a, max(a, b)


@pytest.mark.parametrize("kind", ["day", "month_end", "year_end", "relative"])
def test_deadline_lookaheads_change_no_match(kind: str) -> None:
    rx = dict(requirements._DEADLINE_PATTERNS)[kind]
    bare = _without_lookahead(rx)
    rng = random.Random(kind)
    hits = 0
    for _ in range(20000):
        s, a, b = _deadline_like(rng)
        got, want = rx.search(s, a, b), bare.search(s, a, b)
        assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict())), s
        hits += want is not None
    assert hits > 50  # the strings do reach the patterns


@pytest.mark.parametrize("kind", [k for k, _ in requirements._DEADLINE_PATTERNS])
def test_deadline_patterns_match_only_where_their_needed_characters_are(kind: str) -> None:
    """find_deadline skips a pattern when the clause lacks one of the characters _DEADLINE_NEEDS lists for it."""
    rx = dict(requirements._DEADLINE_PATTERNS)[kind]
    rng = random.Random(kind + "needs")
    hits = 0
    for _ in range(20000):
        s, a, b = _deadline_like(rng)
        if rx.search(s, a, b):
            hits += 1
            assert all(any(ch in s[a:b] for ch in group) for group in requirements._DEADLINE_NEEDS[kind]), (kind, s[a:b])
    assert hits > 20


def test_inline_label_lookahead_changes_no_match() -> None:
    rx = numbering._INLINE_CANDIDATE_RE
    bare = _without_lookahead(rx)
    rng = random.Random(15)
    words = ["第", "三", "十", "条", "章", "、", "是", "要", "(", ")", "（", "2", "12", ".", "2020年", "①", "⑴", "加强", "。", " "]
    hits = 0
    for _ in range(20000):
        s = "".join(rng.choice(words) for _ in range(rng.randint(0, 10)))
        got, want = [m.span() for m in rx.finditer(s)], [m.span() for m in bare.finditer(s)]
        assert got == want, s
        hits += len(want)
    assert hits > 1000


def test_rows_validated_as_one_list_equal_models_built_one_by_one() -> None:
    from pydantic import TypeAdapter

    a = AlignedText("（一）各學(xué)會要在2018年6月30日前完成換屆。")
    a = a.apply([LocalEdit(0, 1, "(", "fold_width"), LocalEdit(2, 3, ")", "fold_width"), LocalEdit(4, 5, "学", "t2s")])
    a = a.apply([LocalEdit(5, 10, "", "drop_pinyin_gloss")])
    assert a.text == "(一)各学會要在2018年6月30日前完成換屆。"
    one = a.build(Clause, id="d#c1", section=None, span=(3, 25), end="。")
    (row,) = TypeAdapter(list[Clause]).validate_python([a.build(row_of(Clause), id="d#c1", section=None, span=(3, 25), end="。")])
    assert row == one and row.raw_span == one.raw_span != one.span
    fields = dict(id="d#r1", section=None, clauses=["d#c1"], span=TextSpan.at(a.text, 3, 25), modality="obligation",
                  trigger="要", trigger_span=(6, 7), actor=None, action="完成换届", deadline=None, condition=None)
    req = a.build(Requirement, **fields)
    (req_row,) = TypeAdapter(list[Requirement]).validate_python([a.build(row_of(Requirement), thresholds=[], **fields)])
    assert req_row == req and req_row.model_dump_json() == req.model_dump_json()
    with pytest.raises(TypeError):  # the row takes no raw span either: build fills it
        a.build(row_of(Clause), id="d#c1", section=None, span=(3, 25), raw_span=(3, 25), end="。")


def test_threshold_precheck_changes_no_sentence_of_the_seeds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every clause of the seed notices gives the same thresholds with the pre-check and without it."""
    from pathlib import Path

    from extractor.extract import thresholds
    from extractor.pipeline import extract_bytes

    texts = [extract_bytes(f.read_bytes(), path=str(f)).text for f in sorted((Path(__file__).parent.parent / "corpus" / "seeds").glob("*.txt"))]
    texts.append("各地要加强组织领导。理事会人数一般不超过一百五十人；到2020年实现全覆盖。评为一、二级的重度残疾人，每人每月补贴半数。")
    sentences = [(t, build_number_mask(t, []), m.start(), m.end()) for t in texts for m in re.finditer(r"[^。；\n]+[。；]?", t)]
    with_check = [find_thresholds(*s) for s in sentences]
    monkeypatch.setattr(thresholds, "NUMERAL_RE", re.compile(r"[\s\S]"))  # every sentence goes through the scan
    without = [find_thresholds(*s) for s in sentences]
    assert with_check == without
    assert sum(map(len, without)) > 20 and sum(1 for t, _, a, b in sentences if not NUMERAL_RE.search(t, a, b)) > 20


def test_count_differences_agrees_with_a_count_per_character() -> None:
    """The big-integer count of differing characters (normalize.text.count_differences) against the
    plain count, on random strings mixing ASCII, Chinese and characters outside the BMP."""
    from extractor.normalize.text import count_differences

    rng = random.Random(18)
    alphabet = "ab学會网絡\U00020000\U0002a6d6\x00"
    for _ in range(500):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        b = "".join(c if rng.random() < 0.6 else rng.choice(alphabet) for c in a)
        assert count_differences(a, b) == sum(map(str.__ne__, a, b))
    with pytest.raises(ValueError):
        count_differences("ab", "a")


_QUANTITY_WORDS = ["一", "两", "三", "十", "百", "千", "半", "年", "个", "人", "名", "万", "%", "分之", "至", "-", "以上", "不超过", "左右",
                   "一般", "进一步", "统一", "级", "全覆盖", "到2020年", "，", "。", "；", "(其中", "（", "）", " ", "\n", "5", "12", "3.5",
                   "h", "ml", "元", "岁", "第", "每", "天内", "评为", "残疾", "实现", "的", "应", "理事会人数", "\x00"]


def test_quantity_starts_miss_no_quantity_of_any_piece() -> None:
    """has_quantity_start is False only where find_quantities finds nothing, for any window of random
    strings of numerals, units, comparators, punctuation and masked characters."""
    from extractor.extract.quantities import find_quantities, has_quantity_start, quantity_starts

    rng = random.Random(18)
    skipped = 0
    for _ in range(4000):
        s = "".join(rng.choice(_QUANTITY_WORDS) for _ in range(rng.randint(0, 12)))
        starts = quantity_starts(s)
        for _ in range(4):
            a = rng.randint(0, len(s))
            b = rng.randint(a, len(s))
            if not has_quantity_start(starts, s, a, b):
                assert find_quantities(s, a, b) == [], (s, a, b)
                skipped += 1
    assert skipped > 3000


def test_thresholds_with_document_quantity_starts_equal_the_scan_of_every_piece() -> None:
    """find_thresholds given the document's quantity starts (as the pipeline calls it) against the scan
    of every piece, on every sentence of the seeds and the corpus and on random sentences."""
    from pathlib import Path

    from extractor.extract.quantities import quantity_starts
    from extractor.pipeline import expand_inputs, extract_bytes

    root = Path(__file__).parent.parent / "corpus"
    texts = [extract_bytes(f.read_bytes(), path=str(f)).text for f in expand_inputs([root])]
    rng = random.Random(18)
    texts += ["".join(rng.choice(_QUANTITY_WORDS) for _ in range(rng.randint(0, 30))) for _ in range(1500)]
    n = found = skipped = 0
    for t in texts:
        masked = build_number_mask(t, [])
        starts = quantity_starts(masked)
        for m in re.finditer(r"[^。；\n]+[。；]?", t):
            want = find_thresholds(t, masked, m.start(), m.end())
            got = find_thresholds(t, masked, m.start(), m.end(), starts=starts)
            assert got == want, t[m.start():m.end()]
            n, found = n + 1, found + len(want)
            skipped += not any(m.start() <= s < m.end() for s in starts)
    assert found > 500 and skipped > 1000, (n, found, skipped)


def test_number_mask_without_group_names_equals_the_named_pattern() -> None:
    """The mask's pattern without its named groups blanks what the named one did, on the corpus texts
    and on random strings of the trap words."""
    from pathlib import Path

    from extractor.extract.thresholds import _NOT_THRESHOLD_FIRST, NOT_THRESHOLD_PATTERNS
    from extractor.pipeline import expand_inputs, extract_bytes

    named = re.compile(f"(?=[{_NOT_THRESHOLD_FIRST}])(?:" + "|".join(f"(?P<{n}>{rx})" for n, rx in NOT_THRESHOLD_PATTERNS) + ")")
    texts = [extract_bytes(f.read_bytes(), path=str(f)).text for f in expand_inputs([Path(__file__).parent.parent / "corpus"])]
    rng = random.Random(18)
    words = ["2018", "年", "5", "月", "10", "日", "-", ".", "/", ":", "第", "页", "共", "十三五", "“", "”", "(", "含", ")", "周年", "@", "a.cn",
             "www.", "邮编", "123456", "×", "100", "%", "附件", "：", "\n", "5A级", "浏览次数", "编号", "1-9-6-1", "0755-12345678"]
    texts += ["".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    blank = lambda m: MASK * (m.end() - m.start())  # noqa: E731
    assert all(_NOT_THRESHOLD_RE.sub(blank, t) == named.sub(blank, t) for t in texts)
    assert sum(len(named.findall(t)) for t in texts) > 3000


def test_label_rows_need_a_colon_in_their_line() -> None:
    """find_label_rows skips lines without a colon: the row pattern matches nothing in them, on every
    line of the corpus texts and of random strings of labels, blanks and values."""
    from pathlib import Path

    from extractor.extract.metadata import _LABEL_ROW_RE, find_label_rows
    from extractor.pipeline import expand_inputs, extract_bytes

    texts = [extract_bytes(f.read_bytes(), path=str(f)).text for f in expand_inputs([Path(__file__).parent.parent / "corpus"])]
    rng = random.Random(18)
    words = ["发文字号", "发布时间", "来源", "标题", "索引号", "：", ":", " ", "\u3000", "\n", "•", "2023-06-20", "穗府办[2016]29号", "关于X的通知"]
    texts += ["".join(rng.choice(words) for _ in range(rng.randint(0, 10))) for _ in range(3000)]
    lines = [(t, m.start(), m.end()) for t in texts for m in re.finditer(r"[^\n]+", t)]
    without_colon = [(t, a, b) for t, a, b in lines if ":" not in t[a:b] and "：" not in t[a:b]]
    assert len(without_colon) > 3000 and not any(_LABEL_ROW_RE.search(t, a, b) for t, a, b in without_colon)
    assert sum(bool(find_label_rows(t)) for t in texts) > 100


def test_deadline_needs_as_sets_equal_the_character_test() -> None:
    """find_deadline's test of the needed characters by sets against the test it replaced, per pattern."""
    rng = random.Random(18)
    skipped = 0
    for _ in range(20000):
        s, a, b = _deadline_like(rng)
        clause = s[a:b]
        present = set(filter(clause.__contains__, requirements._DEADLINE_NEED_CHARS))
        for kind, _ in requirements._DEADLINE_PATTERNS:
            old = all(any(ch in clause for ch in group) for group in requirements._DEADLINE_NEEDS[kind])
            assert (not any(map(present.isdisjoint, requirements._DEADLINE_NEED_SETS[kind]))) == old, (kind, clause)
            skipped += not old
    assert skipped > 20000


def test_quantity_alternative_is_the_last_group_closed() -> None:
    """quantities._build tells the alternative by ``lastgroup``: exactly the one outer group that
    matched, the test it replaced, on random strings of numerals, units and marks."""
    from extractor.extract.quantities import _QUANTITY_RE

    rng = random.Random(18)
    words = ["一半", "半数", "半年", "以上", "百分之", "三", "分之", "一", "2", "/", "3", "15", "-", "至", "万", "元", "%", "个月", "人", "上",
             "，", " ", "5.5", "两", "十", "mg", "h", "周岁"]
    n = 0
    for _ in range(20000):
        s = "".join(rng.choice(words) for _ in range(rng.randint(1, 6)))
        for m in _QUANTITY_RE.finditer(s):
            assert [g for g in ("half", "half_year", "pct_cn", "frac", "slash", "range", "single") if m.group(g)] == [m.lastgroup], s
            n += 1
    assert n > 20000


def test_actor_rows_validated_in_requirement_rows_equal_actor_models() -> None:
    """An actor handed to its requirement as a row gives the requirement that an Actor model gave."""
    from pydantic import TypeAdapter

    from extractor.extract.requirements import ActorPick, build_actor
    from extractor.model import Actor

    a = AlignedText("（一）省財政厅要在2018年6月30日前完成。")
    a = a.apply([LocalEdit(0, 1, "(", "fold_width"), LocalEdit(2, 3, ")", "fold_width"), LocalEdit(4, 5, "财", "t2s")])
    pick = ActorPick("省财政厅", 3, 7, "sentence")
    fields = dict(id="d#r1", section=None, clauses=["d#c1"], span=TextSpan.at(a.text, 3, 21), modality="obligation",
                  trigger="要", trigger_span=(7, 8), action="完成", deadline=None, condition=None)
    model = build_actor(a, pick)
    row = build_actor(a, pick, row_of(Actor))
    assert isinstance(model, Actor) and isinstance(row, dict) and model.raw_span == (3, 7) and model.organization
    ta = TypeAdapter(list[Requirement])
    (with_model,) = ta.validate_python([a.build(row_of(Requirement), thresholds=[], actor=model, **fields)])
    (with_row,) = ta.validate_python([a.build(row_of(Requirement), thresholds=[], actor=row, **fields)])
    assert with_row == with_model and with_row.model_dump_json() == with_model.model_dump_json()


def test_later_rules_without_a_later_modal_equal_the_full_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """later_rules returns at once when no modal word stands after the first rule's trigger. Every call of
    the corpus extraction gives what the full loop gives: the same call with a modal word at the end of
    the sentence, which no piece holds, passes the check and reads every piece."""
    from pathlib import Path

    from extractor.extract import knowledge
    from extractor.pipeline import expand_inputs, extract_bytes

    calls: list[tuple] = []
    real = requirements.later_rules

    def spy(text, a, b, modals, first):  # noqa: ANN001, ANN202
        calls.append((text, a, b, modals, first))
        return real(text, a, b, modals, first)

    monkeypatch.setattr(knowledge, "later_rules", spy)
    for f in expand_inputs([Path(__file__).parent.parent / "corpus"]):
        extract_bytes(f.read_bytes(), path=str(f))
    returned_at_once = 0
    for text, a, b, modals, first in calls:
        got = real(text, a, b, modals, first)
        assert got == real(text, a, b, (*modals, ("obligation", "要", b, b + 1)), first)
        returned_at_once += all(m[2] < (first.trigger_span[1] if first.trigger_span else b) for m in modals)
    assert len(calls) > 1000 and returned_at_once > 500 and sum(bool(real(*c)) for c in calls) > 50


def test_clause_readings_without_actors_keep_the_modal_words() -> None:
    """read_clauses asked for the actors of some clauses only: those get the full reading, the others
    the same modal words with no actor, on every clause of the corpus."""
    from pathlib import Path

    from extractor.pipeline import expand_inputs, extract_bytes

    rng = random.Random(18)
    n = with_actor = 0
    for f in expand_inputs([Path(__file__).parent.parent / "corpus"]):
        doc = extract_bytes(f.read_bytes(), path=str(f))
        spans = [tuple(c.span) for c in doc.clauses]
        wanted = {i for i in range(len(spans)) if rng.random() < 0.5}
        full = requirements.read_clauses(doc.text, spans)
        part = requirements.read_clauses(doc.text, spans, actors_of=wanted)
        for i, (x, y) in enumerate(zip(full, part)):
            if i in wanted:
                assert y == x
            else:
                assert (y.modality, y.trigger, y.trigger_span, y.modals, y.actor, y.first_actor) == (x.modality, x.trigger, x.trigger_span, x.modals, None, None)
                with_actor += x.first_actor is not None
            n += 1
    assert n > 3000 and with_actor > 300


def test_read_requirement_without_a_modal_word_outside_an_item_equals_the_full_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """read_requirement gives up at once on a clause with no modal word, no threshold and no item (or a
    listed or guiding one). Every call of the corpus extraction gives what the full reading gives: the
    same call with a modal word past the clause's end, which first_modal skips, reads it through."""
    from pathlib import Path

    from extractor.extract import knowledge
    from extractor.pipeline import expand_inputs, extract_bytes

    calls: list[tuple] = []
    real = requirements.read_requirement

    def spy(text, a, b, modals, **kw):  # noqa: ANN001, ANN003, ANN202
        calls.append((text, a, b, modals, kw))
        return real(text, a, b, modals, **kw)

    monkeypatch.setattr(knowledge, "read_requirement", spy)
    for f in expand_inputs([Path(__file__).parent.parent / "corpus"]):
        extract_bytes(f.read_bytes(), path=str(f))
        requirements.forget_text()
    given_up = 0
    for text, a, b, modals, kw in calls:
        got = real(text, a, b, modals, **kw)
        assert got == real(text, a, b, (*modals, ("obligation", "要", b, b + 1)), **kw), text[a:b]
        given_up += not modals and not kw["has_threshold"] and (not kw["in_item"] or kw["listed"] or kw["guiding"])
    assert len(calls) > 3000 and given_up > 1000
