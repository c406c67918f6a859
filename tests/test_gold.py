"""Scores against ../shared/gold: every numbered item, no artifact, the metadata.

Gold strings are copied from the raw files; they are compared after the same
character normalization polex applies (width folding, t2s, pinyin removal), so
``(一)``/``（一）`` and 協/协 compare equal. Floors only move up.
"""

from __future__ import annotations

import json

import opencc
import pytest

from extractor.normalize.text import FOLD_TABLE
from tests.conftest import CORPUS, gold_files

pytestmark = pytest.mark.skipif(not gold_files(), reason="../shared/gold not present")
_t2s = opencc.OpenCC("t2s")


def norm(s: str) -> str:
    return _t2s.convert(s.translate(FOLD_TABLE))


def _gold(path):  # noqa: ANN001, ANN202
    return json.loads(path.read_text(encoding="utf-8"))


def _doc(corpus_docs, gold):  # noqa: ANN001, ANN202
    return corpus_docs["seeds/" + gold["file"]]


def match_items(doc, gold) -> tuple[list, list]:  # noqa: ANN001
    """Greedy in-order matching of gold items to sections by path and text prefix."""
    got = [([norm(p) for p in s.path], s.text) for s in doc.sections]
    used: set[int] = set()
    missing = []
    for it in gold["numbered_items"]:
        path = [norm(p) for p in it["path"]]
        first = norm(it.get("first_chars_clean", it["first_chars"]))
        for i, (p, t) in enumerate(got):
            if i not in used and p == path and t and (t.startswith(first) or first.startswith(t)):
                used.add(i)
                break
        else:
            missing.append((path, first))
    extra = [got[i] for i in range(len(got)) if i not in used]
    return missing, extra


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem[:3])
def test_every_gold_item_found_and_nothing_else(corpus_docs, gold_path) -> None:  # noqa: ANN001
    gold = _gold(gold_path)
    missing, extra = match_items(_doc(corpus_docs, gold), gold)
    assert missing == [], f"gold items not found: {missing}"
    assert extra == [], f"items that are not in the gold (TOC lines, page numbers, artifacts?): {extra}"


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem[:3])
def test_excluded_artifacts_are_not_items(corpus_docs, gold_path) -> None:  # noqa: ANN001
    gold = _gold(gold_path)
    doc = _doc(corpus_docs, gold)
    label_starts = {s.label_raw_span[0] for s in doc.sections}
    for art in gold.get("excluded_artifacts", []):
        ctx = doc.raw_text.find(art["context"])
        assert ctx >= 0, art
        pos = doc.raw_text.find(art["text"], ctx)
        assert pos not in label_starts, f"artifact {art['text']!r} ({art['reason'][:40]}) was taken for an item"


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem[:3])
def test_metadata_matches_gold(corpus_docs, gold_path) -> None:  # noqa: ANN001
    gold = _gold(gold_path)
    md = _doc(corpus_docs, gold).metadata
    assert md.title is not None and norm(md.title.value) == norm(gold["title"])
    assert md.issuer is not None and norm(md.issuer.value[0]) == norm(gold["issuer"])
    assert md.level.value == gold["level"]
    assert (md.date.value if md.date else None) == gold["date"]
    if gold["date"]:
        assert md.date.source == gold["date_source"]
    assert (md.doc_number.value if md.doc_number else None) == gold["doc_number"]
    assert md.doc_type is not None and md.doc_type.value == gold["doc_type"]
    assert md.script == gold["script"]
    assert md.truncated.value == gold["truncated"]


def test_item_recall_over_all_seeds(corpus_docs) -> None:  # noqa: ANN001
    total = found = 0
    for g in gold_files():
        gold = _gold(g)
        missing, _ = match_items(_doc(corpus_docs, gold), gold)
        total += len(gold["numbered_items"])
        found += len(gold["numbered_items"]) - len(missing)
    assert total == 115
    assert found / total >= 1.0


def test_corpus_copy_is_byte_exact() -> None:
    import hashlib

    manifest = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    for m in manifest:
        data = (CORPUS / m["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == m["sha256"], m["file"]


# --- thresholds and citations ---------------------------------------------------------

def _same_value(a, b) -> bool:  # noqa: ANN001
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) <= 0.001


def score_thresholds(doc, gold) -> tuple[list, list]:  # noqa: ANN001
    """(missing gold thresholds, extra predicted ones), by the README's matching rule:
    the quote overlaps and comparator, value, value_max and unit agree."""
    raw = doc.raw_text
    used: set[int] = set()
    missing = []
    for g in gold["thresholds"]:
        qs = raw.find(g["quote"])
        assert qs >= 0, g["quote"]
        qe = qs + len(g["quote"])
        for i, t in enumerate(doc.thresholds):
            a, b = t.raw_span
            if i in used or not (a < qe and qs < b):
                continue
            if (t.comparator == g["comparator"] and _same_value(t.value, g["value"])
                    and _same_value(t.value_max, g["value_max"]) and t.unit == g["unit"]):
                used.add(i)
                break
        else:
            missing.append(g)
    extra = [t for i, t in enumerate(doc.thresholds) if i not in used]
    return missing, extra


def _cit_key(title, number) -> tuple:  # noqa: ANN001
    return (norm(title).replace("\n", "") if title else None, norm(number) if number else None)


def score_citations(doc, gold) -> tuple[set, set]:  # noqa: ANN001
    want = {_cit_key(c.get("title_clean", c["title"]), c.get("doc_number_clean", c["doc_number"]))
            for c in gold["citations"] if not c.get("in_noise")}
    got = {_cit_key(c.title, c.doc_number) for c in doc.citations if c.role != "self"}
    return want - got, got - want


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem[:3])
def test_thresholds_match_gold(corpus_docs, gold_path) -> None:  # noqa: ANN001
    gold = _gold(gold_path)
    missing, extra = score_thresholds(_doc(corpus_docs, gold), gold)
    assert not missing, [m["quote"] for m in missing]
    assert not extra, [(t.text, t.comparator, t.value, t.unit) for t in extra]


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem[:3])
def test_citations_match_gold(corpus_docs, gold_path) -> None:  # noqa: ANN001
    gold = _gold(gold_path)
    missing, extra = score_citations(_doc(corpus_docs, gold), gold)
    assert not missing and not extra, (missing, extra)


def test_noise_citations_are_left_out(corpus_docs) -> None:  # noqa: ANN001
    """Gold marks references that occur only in site chrome (003's 资源描述, 004's 收藏《…》)."""
    n = 0
    for gp in gold_files():
        gold = _gold(gp)
        doc = _doc(corpus_docs, gold)
        for c in gold["citations"]:
            if c.get("in_noise"):
                n += 1
                raw_pos = [m.start() for m in __import__("re").finditer(__import__("re").escape(c["title"]), doc.raw_text)]
                cited = {tuple(x.title_raw_span) for x in doc.citations if x.title_raw_span}
                assert all((p, p + len(c["title"])) not in cited for p in raw_pos), c["title"]
    assert n == 2
