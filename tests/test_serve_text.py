"""Invariants of the document page's text pane (hypothesis): the runs tile the clauses, and a
click on a run opens an item that covers it — the most specific one."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.serve.text import _PRIORITY, Item, build_runs, render_runs

KINDS = ("requirement", "threshold", "citation")


@st.composite
def pane(draw):  # noqa: ANN001, ANN201
    text = draw(st.text(alphabet="理事会人数不超过150<>&\"'\n", min_size=1, max_size=60))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=6))) | {0, len(text)})
    # clauses tile [0, len) except single-character gaps, as the store's clauses tile the body
    clauses = []
    for a, b in zip(cuts, cuts[1:]):
        if b - a > 1 and draw(st.booleans()):
            a += 1  # a one-character gap (a line break between clauses)
        clauses.append({"start": a, "end": b, "text": text[a:b]})
    items = []
    for k in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, len(text) - 1))
        b = draw(st.integers(a + 1, len(text)))
        items.append(Item(k, draw(st.sampled_from(KINDS)), f"i{k}", a, b, a, b, "x", "label"))
    sections = [{"start": draw(st.integers(0, len(text) - 1))} for _ in range(draw(st.integers(0, 3)))]
    return text, clauses, items, sections


@settings(max_examples=300, deadline=None)
@given(pane())
def test_runs_tile_the_clauses_and_open_the_most_specific_item(p) -> None:  # noqa: ANN001
    text, clauses, items, sections = p
    runs = build_runs([c for c in clauses if c["start"] < c["end"]], items, sections)
    body = [r for r in runs if not r.gap]
    assert "".join(r.text for r in body) == "".join(c["text"] for c in clauses)
    for r in body:
        assert text[r.start:r.start + len(r.text)] == r.text
        end = r.start + len(r.text)
        cover = [it for it in items if it.start <= r.start and end <= it.end]
        if r.item is None:
            assert not cover
        else:
            best = items[r.item]
            assert best in cover and (_PRIORITY[best.kind], best.end - best.start) == min(
                (_PRIORITY[it.kind], it.end - it.start) for it in cover)
        # a run never straddles an item boundary
        assert not any(r.start < it.start < end or r.start < it.end < end for it in items)
    html = str(render_runs(runs, items))
    # the markup is only ours: what is left without our tags, unescaped, is the text of the runs
    visible = re.sub(r'<(?:a|span) [^<>]*>|</(?:a|span)>', "", html)
    assert "<" not in visible and ">" not in visible and "\"" not in visible
    assert unescape(visible) == "".join(r.text for r in runs)
