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
