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


# --- stages write text spans only; AlignedText.build fills every raw span (issue 17) ----------

_STAGE_CODE = ("normalize", "segment", "extract", "pipeline.py")


def test_dates_map_back(corpus_docs) -> None:  # noqa: ANN001
    """Every date's text is its span in the text and its raw span replayed; the requirement and
    section it names exist and hold it."""
    n = 0
    for name, doc in corpus_docs.items():
        reqs = {r.id: r for r in doc.requirements}
        for d in doc.dates:
            assert doc.text[slice(*d.span)] == d.text and _replay(doc, d.raw_span) == d.text, (name, d.id)
            if d.requirement is not None:
                r = reqs[d.requirement]
                assert r.span[0] <= d.span[0] < r.span[1], (name, d.id)
            n += 1
    assert n > 30, n


def _located_factories() -> dict[str, set[str]]:
    """Name → text span fields, for every model (and ``errors.issue``) that has a raw twin of one."""
    import inspect

    from extractor import model
    from extractor.errors import issue
    from extractor.normalize.offsets import _span_fields

    found = {n: c for n, c in vars(model).items() if inspect.isclass(c) and issubclass(c, model.BaseModel)}
    found["issue"] = issue
    return {n: {name for name, _, _ in _span_fields(f)} for n, f in found.items() if _span_fields(f)}


def _raw_span_writes(source: str) -> list[str]:
    """Where code maps or writes a raw span itself: a ``to_raw_span`` call, a ``…raw_span=`` keyword,
    a ``"…raw_span"`` dict key (``model_copy(update={"raw_span": …})``); or makes a located model
    with a text span but without ``AlignedText.build``, which leaves an optional raw span empty
    (``TextField(…, span=sp)``, ``issue(code, stage, message, sp)``)."""
    import ast

    factories = _located_factories()
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "to_raw_span":
            out.append(f"{node.lineno}: to_raw_span")
        elif isinstance(node, ast.keyword) and node.arg and node.arg.endswith("raw_span"):
            out.append(f"{node.value.lineno}: {node.arg}=")
        elif isinstance(node, ast.Dict):
            out += [f"{k.lineno}: {k.value!r} key" for k in node.keys
                    if isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value.endswith("raw_span")]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in factories:
            spans = {k.arg for k in node.keywords} & factories[node.func.id]
            if node.func.id == "issue" and len(node.args) > 3:
                spans.add("span")
            if spans:
                out.append(f"{node.lineno}: {node.func.id}({', '.join(sorted(spans))}) without build")
    return out


def test_stages_write_text_spans_only() -> None:
    """No stage maps a raw span: they give text spans to ``AlignedText.build`` (normalize/offsets.py),
    which fills the raw ones; a model built without it lacks a required raw span and is refused."""
    from tests.test_layers import PKG

    bad = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG).as_posix()
        if rel.startswith(_STAGE_CODE) and rel != "normalize/offsets.py":
            bad += [f"{rel}:{w}" for w in _raw_span_writes(path.read_text(encoding="utf-8"))]
    assert bad == [], "stage code that maps raw spans itself (use AlignedText.build):\n" + "\n".join(bad)


def test_the_raw_span_check_catches_each_form() -> None:
    src = ('x = aligned.to_raw_span(1, 2)\n'
           'y = Clause(id="c", section=None, span=(1, 2), raw_span=(1, 2), end="")\n'
           'z = d.model_copy(update={"raw_span": (0, 1)})\n'
           'w = aligned.build(Threshold, span=s, value_span=v)\n'
           'v = TextField(value="x", source="document", span=sp)\n'
           'u = issue("W201", "segment", "m", sp)\n'
           't = issue("W108", "normalize", "m")\n')
    assert sorted(_raw_span_writes(src)) == ["1: to_raw_span", "2: Clause(span) without build", "2: raw_span=", "3: 'raw_span' key",
                                     "5: TextField(span) without build", "6: issue(span) without build"]


def test_build_fills_raw_spans_from_the_edit_log() -> None:
    import pytest

    from extractor.errors import issue
    from extractor.model import Citation, Clause, Located
    from extractor.normalize.offsets import AlignedText, LocalEdit, TextSpan

    # seed 004: the site glosses characters with pinyin; （一） is folded to (一)
    a = AlignedText("（一）網(wǎng)絡").apply([LocalEdit(0, 1, "(", "fold_width"), LocalEdit(2, 3, ")", "fold_width")])
    a = a.apply([LocalEdit(4, 10, "", "drop_pinyin_gloss")])
    assert a.text == "(一)網絡"
    c = a.build(Clause, id="d#c1", section=None, span=(3, 5), end="")
    assert c.raw_span == (3, 11) and a.raw[slice(*c.raw_span)] == "網(wǎng)絡"
    # a TextSpan fills the model's text field and is checked against the text
    loc = a.build(Located, span=TextSpan.at(a.text, 0, 3), source="document")
    assert (loc.text, loc.raw_span, a.raw_of(0, 3)) == ("(一)", (0, 3), "（一）")
    with pytest.raises(ValueError, match="does not hold"):
        a.build(Located, span=TextSpan(1, 3, "網絡"), source="document")  # clause-relative offsets, the LexNLP bug
    with pytest.raises(ValueError, match="is not what span holds"):
        a.build(Located, text="網", span=TextSpan.at(a.text, 3, 5), source="document")
    # optional spans: absent or None give no raw span; prefixed fields map to their own twin
    cit = a.build(Citation, id="d#cite1", section=None, role="cites", title=None, doc_number=None, span=(3, 5),
                  title_span=None, doc_number_span=(3, 4))
    assert (cit.title_raw_span, cit.doc_number_raw_span) == (None, (3, 4))
    assert a.build(issue, "W105", "normalize", "x", span=(4, 5)).raw_span == (10, 11)
    assert a.build(issue, "W108", "normalize", "x").raw_span is None
    # stage code cannot write a raw span, and a model made without the builder lacks it
    with pytest.raises(TypeError, match="filled from the edit log"):
        a.build(Clause, id="d#c1", section=None, span=(3, 5), raw_span=(3, 5), end="")
    with pytest.raises(ValueError, match="raw_span"):
        Clause(id="d#c1", section=None, span=(3, 5), end="")
