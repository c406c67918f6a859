"""`polex graph render` (the static picture next to `polex serve`'s trace page): documents only
by default, every cited document with --all, cites drawn beside implements, the width of the page."""

from __future__ import annotations

import re
from collections import Counter

import networkx as nx
import pytest

from extractor.ingest.local import ingest_paths
from extractor.kb.graph import build_graph
from extractor.kb.store import Store
from extractor.views.render import BOX_W, PARALLEL, PER_ROW, render_svg
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> nx.MultiDiGraph:  # noqa: ANN001
    with Store(tmp_path_factory.mktemp("render") / "r.db") as store:
        ingest_paths(store, [CORPUS / "seeds"])
        return build_graph(store)


def _boxes(svg: str) -> list[str]:
    return re.findall(r"<g><title>(.*?)</title>", svg)


def _arrows(svg: str) -> list[tuple[str, str]]:
    return re.findall(r'<path d="([^"]+)" fill="none" stroke="[^"]+" stroke-width="1.4"(?: stroke-dasharray="5 3")? marker-end="url\(#arrow-(\w+)\)"', svg)


def test_documents_only_by_default(graph) -> None:  # noqa: ANN001
    docs = [n for n, a in graph.nodes(data=True) if a["kind"] == "document"]
    placeholders = [n for n, a in graph.nodes(data=True) if a["kind"] == "placeholder"]
    assert len(docs) == 5 and placeholders
    assert len(_boxes(render_svg(graph))) == 5
    assert len(_boxes(render_svg(graph, everything=True))) == 5 + len(placeholders)
    assert "(not stored)" not in render_svg(graph) and "(not stored)" in render_svg(graph, everything=True)
    # the one link between two stored seeds: the 2017 要点 → its 2018 edition
    assert [rel for _, rel in _arrows(render_svg(graph))] == ["next_edition"]


def test_cites_are_drawn_beside_implements(graph) -> None:  # noqa: ANN001
    svg = render_svg(graph, everything=True)
    arrows = _arrows(svg)
    both = {(u, v) for u, v, d in graph.edges(data=True) if d["relation"] == "implements" and graph.nodes[v]["kind"] in ("document", "placeholder")}
    assert both
    kinds = Counter(rel for _, rel in arrows)
    assert kinds["implements"] == len(both) and kinds["cites"] >= len(both)
    # an implements arrow never starts where a cites arrow starts: the two are PARALLEL px apart
    cites_at = {re.match(r"M([\d.]+),([\d.]+)", d).groups() for d, rel in arrows if rel == "cites"}
    impl_at = {re.match(r"M([\d.]+),([\d.]+)", d).groups() for d, rel in arrows if rel == "implements"}
    assert not cites_at & impl_at
    xs = sorted(float(x) for x, _ in impl_at)
    assert any(abs(float(x) - (xi + PARALLEL)) < 0.01 or abs(float(x) - (xi - PARALLEL)) < 0.01 for x, _ in cites_at for xi in xs)
    assert 'stroke-dasharray="5 3" marker-end="url(#arrow-cites)"' in svg


def test_the_picture_fits_the_page_width(graph) -> None:  # noqa: ANN001
    svg = render_svg(graph, everything=True)
    head = svg.split(">", 1)[0]
    assert 'width="100%"' in head and "viewBox" in head and "height=" not in head.replace("viewBox", "")
    width = int(re.search(r'viewBox="0 0 (\d+) ', head).group(1))
    assert width <= 110 + PER_ROW * (BOX_W + 18) + 20 <= 1300


def test_an_empty_store_draws_a_note() -> None:
    assert "no documents" in render_svg(nx.MultiDiGraph())
