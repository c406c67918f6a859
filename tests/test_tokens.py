"""The segmenter: rjieba gives jieba's tokens, and the user dictionary does its job."""

from __future__ import annotations

import pytest

from extractor.data.vocab import USER_WORDS
from extractor.segment.tokens import Segmenter, get_nlp
from tests.conftest import corpus_files, extracted


def _clauses() -> list[str]:
    out = []
    for p in corpus_files():
        d = extracted(str(p))
        out.extend(d.text[c.span[0]:c.span[1]] for c in d.clauses)
    return out


def test_rjieba_gives_the_same_tokens_as_jieba_on_every_corpus_clause() -> None:
    pytest.importorskip("rjieba")
    fast, ref = Segmenter("rjieba"), Segmenter("jieba")
    clauses = _clauses()
    assert len(clauses) > 4000
    differ = [(c, fast.cut(c), ref.cut(c)) for c in clauses if fast.cut(c) != ref.cut(c)]
    assert not differ, differ[:3]
    assert fast.backend == "rjieba" and ref.backend == "jieba"


@pytest.mark.parametrize("backend", ["jieba", "auto"])
def test_tokens_join_back_to_the_text(backend: str) -> None:
    seg = Segmenter(backend)
    for c in _clauses()[:500]:
        assert "".join(seg.cut(c)) == c


def test_user_dictionary_keeps_policy_terms_and_frees_modal_words() -> None:
    seg = Segmenter("jieba")
    # seed 000: with HMM off, 年须 is never formed, so the modal 须 stays a token of its own;
    # with the policy words, 常务理事会 and 基层一线科技工作者 stay whole
    assert "须" in seg.cut("在2017年须认真完成以下改革硬任务")
    assert "常务理事会" in seg.cut("常务理事会人数不超过理事会人数的三分之一")
    assert "基层一线科技工作者" in seg.cut("应为基层一线科技工作者")
    assert {w for w, _, _ in USER_WORDS} >= {"学会", "理事会", "分支机构", "学会联合体"}


def test_spacy_pipeline_marks_actors_and_modal_words() -> None:
    doc = get_nlp()("各学会应在换届时合理设置理事会、常务理事会规模")
    assert [(e.text, e.label_) for e in doc.ents][0] == ("各学会", "ACTOR")
    assert [(s.text, s.label_) for s in doc.spans["modal"]] == [("应", "obligation")]
    # 要求 and 重要 are words of their own: no 要 in them
    doc = get_nlp()("按照重要要求加强主要工作")
    assert list(doc.spans["modal"]) == []
