"""Year-over-year diff of reform points: what changed in the requirements, not only in the characters.

Items are the numbered points (the leaves of the numbering tree) and are aligned by
content, never by number: between the 2017 and 2018 学会改革工作要点 points are renumbered,
moved between sections, split and merged.

Similarity is the cosine of TF-IDF vectors of jieba words (the policy segmenter, words of
two or more Han characters), the IDF taken over both documents' points. Character bigrams
and a best-sentence score were tried as well and mixed in at several weights; on the gold
alignment none beat words alone. Alignment is global: a maximum-weight bipartite matching
(networkx) over pairs scoring at least ``MATCH_FLOOR`` gives each point its partner; every
other pair scoring at least ``LINK_FLOOR`` is added as a further link, which is how one point
can split into several or several merge into one.

The relation of a pair follows the gold's rule: ``split`` when the old point has more than
one link, else ``merged`` when the new point receives more than one, else ``unchanged``
(same text), ``moved`` (same text, other heading), ``reworded`` (near-identical text and
the same thresholds and modal words) or ``modified``.

The two floors were chosen on the one hand-aligned pair we have (../shared/gold
diff_2017_2018.json); there is no second pair to check them on.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable

from extractor.model import (
    DiffPair, DiffReport, DocRef, Document, ItemRef, Section, TextOp, Threshold, ThresholdChange, ThresholdSide,
)
from extractor.views.outline import format_threshold
from extractor.kb.similarity import cosine, dice, norm_condition, tfidf, words

MATCH_FLOOR = 0.13  # a one-to-one partner needs at least this much in common
LINK_FLOOR = 0.2  # any further link (split / merge) needs this …
EXTRA_RATIO = 0.4  # … and this share of the better of the two points' best scores, so that a
# point with an identical counterpart does not also link to a look-alike (self-diff of seed 000)
STRONG_FLOOR = 0.2  # below it a link that is not the point's best only carries a secondary clause
REWORDED_RATIO = 0.9  # char ratio above which an edit with the same requirements is wording only
THRESHOLD_MATCH = 0.5  # subject similarity (plus bonuses) for two thresholds to be the same requirement


def items_of(doc: Document) -> list[Section]:
    """The numbered points: sections without children, in document order."""
    parents = {s.parent for s in doc.sections}
    return [s for s in doc.sections if s.id not in parents]


def _ref(doc: Document, s: Section, by_id: dict[str, Section]) -> ItemRef:
    parent = by_id.get(s.parent) if s.parent else None
    return ItemRef(section=s.id, path=s.path, label=s.label, heading=(parent.title or parent.text[:20]) if parent else None,
                   text=s.text, span=s.span, raw_span=s.raw_span)










def similarity_matrix(old: list[str], new: list[str]) -> list[list[float]]:
    """Word TF-IDF cosine of every old point with every new one.

    >>> m = similarity_matrix(["建立监事会。各学会选举产生监事会", "加强智库建设"], ["加强学会智库建设工作", "建立学会监事会"])
    >>> m[0][1] > m[0][0], m[1][0] > m[1][1]
    (True, True)
    """
    vw = tfidf([words(t) for t in old + new])
    k = len(old)
    return [[cosine(vw[i], vw[k + j]) for j in range(len(new))] for i in range(k)]


def align(sim: list[list[float]]) -> list[tuple[int, int, float]]:
    """Links (old index, new index, score): a global one-to-one matching, plus every strong extra link."""
    import networkx as nx

    g = nx.Graph()
    for i, row in enumerate(sim):
        for j, v in enumerate(row):
            if v >= MATCH_FLOOR:
                g.add_edge(("o", i), ("n", j), weight=v)
    links: set[tuple[int, int]] = set()
    for u, v in nx.max_weight_matching(g):
        if u[0] == "n":
            u, v = v, u
        links.add((u[1], v[1]))
    best_old = [max(row) for row in sim]
    best_new = [max(col) for col in zip(*sim)]
    for i, row in enumerate(sim):
        for j, v in enumerate(row):
            if v >= LINK_FLOOR and v >= EXTRA_RATIO * max(best_old[i], best_new[j]):
                links.add((i, j))
    return sorted((i, j, sim[i][j]) for i, j in links)


def _norm(text: str) -> str:
    return re.sub(r"[\s,，、;；。:：!！?？()（）“”\"'《》]", "", text)


def _modal_words(doc: Document, section: str) -> Counter[str]:
    return Counter(r.trigger or "(imperative)" for r in doc.requirements if r.section == section)


def _threshold_keys(doc: Document, section: str) -> set[tuple]:
    return {(t.comparator, str(t.value), str(t.value_max), t.unit, norm_condition(t.condition), t.baseline)
            for t in doc.thresholds if t.section == section}




# half-width punctuation read as its full-width twin when comparing: seed 000 writes "," where
# 001 writes "，"; the ops still quote each side's own characters (the mapping is one to one)
_PUNCT_TWINS = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})


def _ops(a: str, b: str) -> tuple[list[TextOp], float]:
    # autojunk would treat the most common CJK characters as junk and hide real edits
    sm = difflib.SequenceMatcher(None, a.translate(_PUNCT_TWINS), b.translate(_PUNCT_TWINS), autojunk=False)
    ops = [TextOp(op=tag, old=a[i1:i2], new=b[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes()]  # type: ignore[arg-type]
    return ops, sm.ratio()


def _changes(old: Document, new: Document, a: ItemRef, b: ItemRef, ops: list[TextOp]) -> list[str]:
    out: list[str] = []
    if a.label != b.label:
        out.append(f"renumbered {'/'.join(a.path)} → {'/'.join(b.path)}")
    if a.heading and b.heading and _norm(a.heading) != _norm(b.heading):
        out.append(f"heading {a.heading} → {b.heading}")
    ta, tb = _threshold_keys(old, a.section), _threshold_keys(new, b.section)
    if ta != tb:
        out.append(f"thresholds {len(ta - tb)} gone, {len(tb - ta)} new")
    ma, mb = _modal_words(old, a.section), _modal_words(new, b.section)
    if set(ma) != set(mb):
        gone, came = sorted(set(ma) - set(mb)), sorted(set(mb) - set(ma))
        out.append("modal words" + (f" −{'、'.join(gone)}" if gone else "") + (f" +{'、'.join(came)}" if came else ""))
    deleted = sum(len(o.old) for o in ops if o.op in ("delete", "replace"))
    inserted = sum(len(o.new) for o in ops if o.op in ("insert", "replace"))
    if deleted or inserted:
        out.append(f"text −{deleted} +{inserted} characters")
    return out


def _relation(old: Document, new: Document, a: ItemRef, b: ItemRef, ratio: float, n_old_links: int, n_new_links: int) -> str:
    if n_old_links > 1:
        return "split"
    if n_new_links > 1:
        return "merged"
    if _norm(a.text) == _norm(b.text):
        if a.heading and b.heading and _norm(a.heading) != _norm(b.heading):
            return "moved"
        return "unchanged"
    same_requirements = (_threshold_keys(old, a.section) == _threshold_keys(new, b.section)
                         and set(_modal_words(old, a.section)) == set(_modal_words(new, b.section)))
    return "reworded" if ratio >= REWORDED_RATIO and same_requirements else "modified"


def _side(t: Threshold) -> ThresholdSide:
    return ThresholdSide(id=t.id, text=t.text, subject=t.subject, comparator=t.comparator, value=t.value, value_max=t.value_max,
                         unit=t.unit, condition=t.condition, baseline=t.baseline, hedge=t.hedge, comparator_word=t.comparator_word,
                         summary=format_threshold(t))




_COMPARED = ("comparator", "value", "value_max", "unit", "condition", "baseline", "hedge", "comparator_word")


def _differs(a: Threshold, b: Threshold) -> list[str]:
    out = []
    for f in _COMPARED:
        x, y = getattr(a, f), getattr(b, f)
        if f == "condition":
            x, y = norm_condition(x), norm_condition(y)
        if x != y:
            out.append(f)
    return out


def compare_thresholds(old: Iterable[Threshold], new: Iterable[Threshold]) -> tuple[list[ThresholdChange], list[ThresholdChange]]:
    """(changes, unchanged): thresholds paired by subject, unit and value, then compared field by field.

    A pair differing only in how the bound is worded (四分之三 … 应为 vs 四分之三以上) is a
    change of ``comparator_word``: the gold counts it, since the 2018 text made the bound explicit.
    """
    old, new = list(old), list(new)
    cands = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            if a.unit != b.unit:
                continue
            score = dice(a.subject, b.subject)
            if a.unit != "日期":  # two deadlines are the same requirement only by what is due
                score += 0.3 * (a.value == b.value) + 0.3 * (norm_condition(a.condition) == norm_condition(b.condition))
            if score >= THRESHOLD_MATCH:
                cands.append((score, i, j))
    used_o, used_n = set(), set()
    changes: list[ThresholdChange] = []
    unchanged: list[ThresholdChange] = []
    for score, i, j in sorted(cands, reverse=True):
        if i in used_o or j in used_n:
            continue
        used_o.add(i)
        used_n.add(j)
        a, b = old[i], new[j]
        fields = _differs(a, b)
        ch = ThresholdChange(kind="changed" if fields else "unchanged", subject=b.subject or a.subject, fields=fields, old=_side(a), new=_side(b))
        (changes if fields else unchanged).append(ch)
    changes += [ThresholdChange(kind="removed", subject=a.subject, fields=[], old=_side(a), new=None) for i, a in enumerate(old) if i not in used_o]
    changes += [ThresholdChange(kind="added", subject=b.subject, fields=[], old=None, new=_side(b)) for j, b in enumerate(new) if j not in used_n]
    return changes, unchanged


def _doc_ref(d: Document) -> DocRef:
    md = d.metadata
    return DocRef(doc_id=d.doc_id, title=md.title.value if md.title else None, path=d.source.path or d.source.url,
                  date=md.date.value if md.date else None)


def diff_documents(old: Document, new: Document) -> DiffReport:
    """Align the numbered points of two notices and report what changed."""
    a_items, b_items = items_of(old), items_of(new)
    a_by, b_by = {s.id: s for s in old.sections}, {s.id: s for s in new.sections}
    a_refs = [_ref(old, s, a_by) for s in a_items]
    b_refs = [_ref(new, s, b_by) for s in b_items]
    sim = similarity_matrix([s.text for s in a_items], [s.text for s in b_items]) if a_items and b_items else []
    links = align(sim) if sim else []
    deg_o = Counter(i for i, _, _ in links)
    deg_n = Counter(j for _, j, _ in links)
    pairs = []
    for i, j, score in links:
        a, b = a_refs[i], b_refs[j]
        ops, ratio = _ops(a.text, b.text)
        best_for_old = max(sim[i]) == score
        strength = "strong" if score >= STRONG_FLOOR or (best_for_old and deg_o[i] == 1) else "partial"
        pairs.append(DiffPair(
            old=a, new=b, relation=_relation(old, new, a, b, ratio, deg_o[i], deg_n[j]), strength=strength,  # type: ignore[arg-type]
            score=round(score, 4), char_ratio=round(ratio, 4), changes=_changes(old, new, a, b, ops), ops=ops,
        ))
    linked_o = {i for i, _, _ in links}
    linked_n = {j for _, j, _ in links}
    changes, unchanged = compare_thresholds(old.thresholds, new.thresholds)
    return DiffReport(
        old=_doc_ref(old), new=_doc_ref(new), pairs=pairs,
        added=[r for j, r in enumerate(b_refs) if j not in linked_n],
        removed=[r for i, r in enumerate(a_refs) if i not in linked_o],
        threshold_changes=changes, threshold_unchanged=unchanged,
    )
