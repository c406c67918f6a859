"""Every item of every corpus document maps back to its raw characters.

Two checks per span: replaying the document's edit log on ``raw_text[raw_span]``
gives ``text[span]``; and for plain-text notices, running the normalizer afresh
on the raw slice gives it too ("normalized again").
"""

from __future__ import annotations

import json

from extractor.normalize import normalize_text
from tests.conftest import CORPUS, extracted


def test_edit_log_rebuilds_the_whole_text(corpus_docs) -> None:  # noqa: ANN001
    from extractor.normalize.offsets import AlignedText, _RawEdit

    for name, doc in corpus_docs.items():
        edits = [_RawEdit(e.raw_start, e.raw_end, e.replacement, e.reason, e.prior) for e in doc.edits]
        assert AlignedText(doc.raw_text, None, edits).text == doc.text, name
        for e in doc.edits:
            assert doc.text[e.start : e.start + len(e.replacement)] == e.replacement


def _replay(doc, raw_span):  # noqa: ANN001, ANN202
    from extractor.normalize.offsets import AlignedText, _RawEdit

    edits = [_RawEdit(e.raw_start, e.raw_end, e.replacement, e.reason, e.prior) for e in doc.edits]
    return AlignedText(doc.raw_text, doc.text, edits).replay(*raw_span)


def test_sections_map_back(corpus_docs) -> None:  # noqa: ANN001
    checked = 0
    for name, doc in corpus_docs.items():
        for s in doc.sections:
            assert doc.text[slice(*s.span)] == s.text, (name, s.id)
            assert _replay(doc, s.raw_span) == s.text, (name, s.id)
            assert _replay(doc, s.label_raw_span) == doc.text[slice(*s.label_span)], (name, s.id)
            # the label as written is exactly the raw characters
            assert doc.raw_text[slice(*s.label_raw_span)] == s.label, (name, s.id)
            checked += 1
    assert checked > 1000


def test_sections_of_plain_text_normalize_again(corpus_docs) -> None:  # noqa: ANN001
    """Re-running the normalizer on the raw slice of an item reproduces its text."""
    for name, doc in corpus_docs.items():
        if doc.source.media_type != "text/plain":
            continue
        ctx = normalize_text(doc.raw_text).context
        for s in doc.sections:
            again = normalize_text(doc.raw_text[slice(*s.raw_span)], ctx).aligned.text
            assert again == s.text, (name, s.id, again[:40], s.text[:40])


def test_clauses_layers_and_metadata_map_back(corpus_docs) -> None:  # noqa: ANN001
    for name, doc in corpus_docs.items():
        for c in doc.clauses:
            assert _replay(doc, c.raw_span) == doc.text[slice(*c.span)], (name, c.id)
        for layer in doc.layers:
            assert _replay(doc, layer.raw_span) == doc.text[slice(*layer.span)], (name, layer)
        md = doc.metadata
        for f in (md.title, md.doc_number, md.date, md.issuer, md.truncated):
            if f is not None and f.span is not None:
                assert _replay(doc, f.raw_span) == doc.text[slice(*f.span)], (name, f)


def test_layers_tile_the_text(corpus_docs) -> None:  # noqa: ANN001
    for name, doc in corpus_docs.items():
        pos = 0
        for layer in doc.layers:
            assert layer.span[0] == pos, name
            pos = layer.span[1]
        assert pos == len(doc.text), name


def test_clauses_tile_each_section(corpus_docs) -> None:  # noqa: ANN001
    def squash(t: str) -> str:
        return "".join(t.split())

    for name, doc in corpus_docs.items():
        by_section: dict[str, list[str]] = {}
        for c in doc.clauses:
            if c.section:
                by_section.setdefault(c.section, []).append(doc.text[slice(*c.span)])
        for s in doc.sections:
            label = doc.text[s.label_span[0] : s.span[0]]
            assert squash("".join(by_section.get(s.id, []))) == squash(label + s.text), (name, s.id)


def test_html_metadata_against_manifest(corpus_docs) -> None:  # noqa: ANN001
    """The corpus manifest records level, 发文字号 and date for the HTML pages."""
    manifest = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    wrong = []
    for m in manifest:
        if m["media_type"] != "text/html":
            continue
        md = corpus_docs[m["file"]].metadata
        got = (md.level.value, md.doc_number.value.replace(" ", "") if md.doc_number else None, md.date.value if md.date else None)
        if got != (m["level"], m["doc_number"], m["date"]):
            wrong.append((m["file"], got, (m["level"], m["doc_number"], m["date"])))
    assert wrong == []


def test_extraction_is_deterministic() -> None:
    from extractor.pipeline import extract_path

    p = str(CORPUS / "seeds" / "004_78ac27f02b718a06.txt")
    assert extract_path(p).model_dump() == extracted(p).model_dump()


def test_requirements_thresholds_and_citations_map_back(corpus_docs) -> None:  # noqa: ANN001
    """The knowledge layer keeps the contract: spans into text, raw spans into raw_text."""
    n = {"requirements": 0, "thresholds": 0, "citations": 0}
    for name, doc in corpus_docs.items():
        ids = {r.id for r in doc.requirements}
        for r in doc.requirements:
            assert doc.text[slice(*r.span)] == r.text, (name, r.id)
            assert _replay(doc, r.raw_span) == r.text, (name, r.id)
            for located in (r.actor, r.condition, r.deadline):
                if located is not None:
                    assert doc.text[slice(*located.span)] == located.text, (name, r.id)
                    assert _replay(doc, located.raw_span) == located.text, (name, r.id)
            if r.trigger_span:
                assert doc.text[slice(*r.trigger_span)] == r.trigger, (name, r.id)
            n["requirements"] += 1
        for t in doc.thresholds:
            assert doc.text[slice(*t.span)] == t.text and _replay(doc, t.raw_span) == t.text, (name, t.id)
            assert doc.text[slice(*t.value_span)] == t.value_text and _replay(doc, t.value_raw_span) == t.value_text, (name, t.id)
            if t.requirement is None:  # a condition or definition that is no requirement (issue 19): none holds it
                assert not any(t.id in r.thresholds for r in doc.requirements), (name, t.id)
            else:
                assert t.requirement in ids and t.id in next(r.thresholds for r in doc.requirements if r.id == t.requirement)
            n["thresholds"] += 1
        for f in doc.figures:  # issue 12: reported figures keep the same contract
            assert doc.text[slice(*f.span)] == f.text and _replay(doc, f.raw_span) == f.text, (name, f.id)
            assert doc.text[slice(*f.value_span)] == f.value_text and _replay(doc, f.value_raw_span) == f.value_text, (name, f.id)
            n["figures"] = n.get("figures", 0) + 1
        for c in doc.citations:
            if c.title_span is not None:
                written = doc.text[slice(*c.title_span)]
                assert written.replace("\n", "").replace(" ", "") == (c.title or "").replace(" ", ""), (name, c.id)
                assert _replay(doc, c.title_raw_span) == written, (name, c.id)
            if c.doc_number_span is not None:
                assert doc.text[slice(*c.doc_number_span)] == c.doc_number, (name, c.id)
                assert _replay(doc, c.doc_number_raw_span) == c.doc_number, (name, c.id)
            n["citations"] += 1
    assert n["requirements"] > 1000 and n["thresholds"] > 300 and n["citations"] > 100 and n.get("figures", 0) > 100, n
