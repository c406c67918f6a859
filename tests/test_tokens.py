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


def _spacy_reading(doc) -> tuple[list[tuple[str, str, str, int, int]], list[tuple[str, int, int]]]:  # noqa: ANN001
    return ([(s.label_, s.id_, s.text, s.start_char, s.end_char) for s in doc.spans["modal"]],
            [(e.text, e.start_char, e.end_char) for e in doc.ents if e.label_ == "ACTOR"])


def _word_reading(r) -> tuple[list[tuple[str, str, str, int, int]], list[tuple[str, int, int]]]:  # noqa: ANN001
    return ([(m.label, m.word, m.text, m.start_char, m.end_char) for m in r.modals],
            [(a.text, a.start_char, a.end_char) for a in r.actors])


def test_word_reader_reads_what_the_spacy_pipeline_reads_on_every_corpus_clause() -> None:
    """The reader that runs in the pipeline and the spaCy pipeline it replaces give the same
    modal words and actors, offsets included: each clause alone, and each document's clauses
    joined by newlines, as requirements.read_clauses reads them."""
    from extractor.segment.tokens import get_reader

    nlp, reader = get_nlp(), get_reader()
    texts = _clauses()
    texts += ["\n".join(texts[i:i + 40]) for i in range(0, len(texts), 40)]
    differ = [t for t in texts if _word_reading(reader(t)) != _spacy_reading(nlp(t))]
    assert not differ, [(t[:60], _word_reading(reader(t)), _spacy_reading(nlp(t))) for t in differ[:2]]
    # the comparison has something to compare
    found = [_word_reading(reader(t)) for t in texts[:2000]]
    assert sum(len(m) for m, _ in found) > 500 and sum(len(a) for _, a in found) > 500


@pytest.mark.parametrize(("text", "modals", "actors"), [
    # seed 000: a named actor, the modal 应
    ("各学会应在换届时合理设置理事会", [("obligation", "应")], ["各学会", "理事会"]),
    # corpus 13: 一般 before a noun is an adjective; before 不超过 it softens the limit
    ("一般诊疗费按规定执行", [], []),
    # corpus 23: 给予支持, 支持 as a noun
    ("市财政局给予支持", [], ["市财政局"]),
    # seed 000 item 14: 积极 glued to its verb
    ("各级科协积极参与", [("encouragement", "积极")], ["各级科协"]),
    # a body word after at most three words naming what kind of body (公共/租赁/住房/运营/单位)
    ("公共租赁住房运营单位要建立台账", [("obligation", "要")], ["租赁住房运营单位"]),
])
def test_word_reader_cases(text: str, modals: list[tuple[str, str]], actors: list[str]) -> None:
    from extractor.segment.tokens import get_reader

    r = get_reader()(text)
    assert [(m.label, m.word) for m in r.modals] == modals
    assert [a.text for a in r.actors] == actors
    assert all(text[x.start_char:x.end_char] == x.text for x in r.modals + r.actors)


def test_reader_spacy_gives_the_same_documents_through_the_spacy_pipeline() -> None:
    """``--reader spacy`` puts the spaCy pipeline in the pipeline's path and changes no document:
    the seeds (plain text) and two pages of different sites, compared whole."""
    from pathlib import Path

    from extractor.config import Settings
    from extractor.pipeline import extract_path
    from extractor.segment import tokens

    root = Path(__file__).resolve().parent.parent / "corpus"
    files = sorted((root / "seeds").glob("*.txt")) + [root / "html" / "01_guowuyuan_zhiye_jiaoyu_gaige_shishi_fangan.html",
                                                       *sorted((root / "html").glob("13_*"))]
    tokens._READERS.pop(("auto", "spacy"), None)
    for f in files:
        words, spacy = extract_path(f), extract_path(f, Settings(reader="spacy"))
        assert words.requirements and words.model_dump_json() == spacy.model_dump_json(), f.name
    assert isinstance(tokens._READERS[("auto", "spacy")], tokens.SpacyReader)  # the spaCy pipeline did the reading


def test_reader_option_reaches_the_pipeline() -> None:
    """With spaCy made unimportable, ``extract --reader words`` still reads the notice and
    ``--reader spacy`` fails in the extract stage: the option decides what does the reading."""
    import subprocess
    import sys
    from pathlib import Path

    seed = Path(__file__).resolve().parent.parent / "corpus" / "seeds" / "000_50beaf381828b43a.txt"
    code = ("import sys; sys.modules['spacy'] = None\nfrom extractor.cli import main\n"
            "sys.exit(main(['extract', '--reader', sys.argv[1], sys.argv[2]]))")
    run = {r: subprocess.run([sys.executable, "-c", code, r, str(seed)], capture_output=True, text=True) for r in ("words", "spacy")}
    assert run["words"].returncode == 0 and '"requirements"' in run["words"].stdout
    assert run["spacy"].returncode == 1 and "E904 in stage extract" in run["spacy"].stderr and "spacy" in run["spacy"].stderr
    polex = str(Path(sys.executable).with_name("polex"))
    bad = subprocess.run([polex, "extract", "--reader", "bert", str(seed)], capture_output=True, text=True)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr
