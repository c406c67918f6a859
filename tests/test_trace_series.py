"""trace over a series that holds copies (issue 16): the editions of a notice's series are read
from doc_series and folded by signature (kb/works.series_members, kb/query.trace); a copy of
another edition is one link that counts the others, a copy of the notice itself is a twin, and
the link carries the columns of the document it names.

SYNTHETIC (labelled): the 2017 and 2018 seeds stored three times each, the copies differing only
by trailing blank lines (other bytes, the same text), as one notice fetched from several sites.
"""

from __future__ import annotations

import pytest

from extractor.ingest.local import ingest_paths
from extractor.kb.query import trace
from extractor.kb.store import Store
from tests.conftest import CORPUS

SEEDS = CORPUS / "seeds"
Y2017 = SEEDS / "000_50beaf381828b43a.txt"
Y2018 = SEEDS / "001_036f9e189e852d94.txt"


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> tuple[Store, dict[str, list[str]]]:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("series")
    paths = []
    for src in (Y2017, Y2018):
        for k in range(3):
            p = folder / f"{src.stem}_copy{k}.txt"
            p.write_bytes(src.read_bytes() + b"\n" * k)
            paths.append(p)
    store = Store(folder / "polex.db")
    results = ingest_paths(store, paths)
    assert all(r.status in ("stored", "new_version") for r in results), results
    ids: dict[str, list[str]] = {"2017": [], "2018": []}
    for p, r in zip(paths, results):
        ids["2017" if p.name.startswith(Y2017.stem) else "2018"].append(r.doc_id)
    yield store, {y: sorted(v) for y, v in ids.items()}
    store.close()


def test_copies_of_an_edition_are_one_link_that_counts_them(copies) -> None:  # noqa: ANN001
    store, ids = copies
    t = trace(store, ids["2017"][0])
    editions = [l for l in t["links"] if l["relation"] == "next_edition"]
    assert len(editions) == 1, editions
    link = editions[0]
    first, *others = ids["2018"]
    assert link["doc_id"] == first and link["direction"] == "downstream"
    assert link["evidence"]["same_text"] == others and link["evidence"]["years"] == [2018, 2017]
    row = store.db.execute("SELECT title, level, doc_number FROM documents WHERE doc_id = ?", (first,)).fetchone()
    assert (link["title"], link["level"], link["doc_number"]) == (row["title"], row["level"], row["doc_number"])
    assert link["title"] and "2018" in link["title"]
    # the other copies of the 2017 notice are the notice itself, never its editions
    assert not {l["doc_id"] for l in t["links"] if l["relation"] == "next_edition"} & set(ids["2017"])


def test_trace_asks_the_index_once_until_the_store_is_written(copies, tmp_path) -> None:  # noqa: ANN001
    """ensure_index remembers per store that every document is indexed (Store.data_token) and looks
    again once something is written, by this connection or another."""
    from extractor.kb.works import ensure_index

    store, ids = copies
    assert ensure_index(store) == 0
    token = store.data_token()
    assert token is not None and store._indexed_at == token  # noqa: SLF001
    other = Store(store.path)
    try:
        other.db.execute("DELETE FROM kb_index WHERE doc_id = ?", (ids["2018"][-1],))
        other.db.commit()
    finally:
        other.close()
    assert store.data_token() != token
    assert ensure_index(store) == 1  # the row another connection deleted is written again
    assert ensure_index(store) == 0
