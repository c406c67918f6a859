"""Requirements and their actors (issue 19), on real notices.

* ``tests/cases/actors.json``: a phrase of a corpus or corpus-dev notice and the requirement that
  covers it (modality, trigger, actor as written, the actor's source, normalized organization);
  ``expected: null`` means no requirement may start in it.
* the requirement scorer (``polex eval`` on a gold-req folder) against
  ``../shared/corpus-dev/gold-req``, with floors that only move up, and its rules: borderline
  records optional, secondary constructions accepted, a partial file cut at ``annotated_until``.
"""

from __future__ import annotations

import copy
import json

import pytest

from extractor.views.eval_requirements import figures, is_gold_req_folder, load_gold_req, score_document
from tests.conftest import BACKENDS, ROOT, SHARED, extracted

CASES = json.loads((ROOT / "tests" / "cases" / "actors.json").read_text(encoding="utf-8"))
GOLD_REQ = SHARED / "corpus-dev" / "gold-req"


def _path(case: dict) -> str:
    top, rest = case["file"].split("/", 1)
    return str((ROOT / "corpus" / rest) if top == "corpus" else (SHARED / top / rest))


def _exists(case: dict) -> bool:
    from pathlib import Path

    return Path(_path(case)).exists()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_actor_cases(case: dict) -> None:
    if not _exists(case):
        pytest.skip(f"{case['file']} not present")
    doc = extracted(_path(case))
    i = doc.text.find(case["input"])
    assert i >= 0, "the phrase must occur in the notice"
    want = case["expected"]
    covering = [r for r in doc.requirements if r.span[0] <= i < r.span[1]]
    if want is None:
        assert not [r for r in doc.requirements if i <= r.span[0] < i + len(case["input"])], case["note"]
        return
    assert covering, case["note"]
    r = covering[0]
    for key in ("modality", "trigger"):
        if key in want:
            assert getattr(r, key) == want[key], (key, case["note"])
    if "actor" in want:
        assert r.actor is not None and r.actor.text == want["actor"], (r.actor, case["note"])
        assert doc.text[slice(*r.actor.span)] == r.actor.text
    for key in ("source", "organization", "level", "role"):
        if key in want:
            assert getattr(r.actor, key) == want[key], (key, r.actor, case["note"])


needs_gold = pytest.mark.skipif(not GOLD_REQ.is_dir(), reason="../shared/corpus-dev/gold-req not present")


@pytest.fixture(scope="module")
def gold_req() -> list[tuple[object, dict]]:
    return load_gold_req(GOLD_REQ)


def _doc(rec: dict):  # noqa: ANN202
    return extracted(str(GOLD_REQ.parent / rec["file"]))


@needs_gold
def test_gold_req_folder_is_recognized() -> None:
    assert is_gold_req_folder(GOLD_REQ)
    assert not is_gold_req_folder(SHARED / "corpus-dev" / "gold")


@needs_gold
def test_requirement_scores_hold_their_floors(gold_req) -> None:  # noqa: ANN001
    scores = [score_document(_doc(rec), rec, f.stem) for f, rec in gold_req]
    f = figures(scores)
    n = f.found
    # issue 19 targets: recall and precision >= 0.9, modality >= 0.95, actor >= 0.85 (floors only move up)
    # precision 0.97 since eligibility-list items and definitions are no requirements (015: 0.73 → 0.97)
    assert f.recall >= 0.97 and f.precision >= 0.96, (f.recall, f.precision)
    assert f.modality_ok / n >= 0.98
    assert f.actor_lenient / n >= 0.93 and f.actor_exact / n >= 0.90, (f.actor_lenient / n, f.actor_exact / n)
    nt = figures(scores, tags=False)
    assert nt.recall >= 0.97 and nt.actor_lenient / nt.found >= 0.92


@needs_gold
def test_eligibility_lists_cost_015_no_precision(gold_req) -> None:  # noqa: ANN001
    """015 第五条 符合下列条件之一…（一）…包括：1.–5. and （二）–（十）: conditions, not duties (gold-req README)."""
    f, rec = next((f, r) for f, r in gold_req if f.stem.startswith("015"))
    doc = _doc(rec)
    s = figures([score_document(doc, rec)])
    assert s.precision >= 0.95 and s.recall >= 0.97, (s.precision, s.recall)
    # the thresholds of the conditions stay, on no requirement (年龄需在50周岁以下)
    ages = [t for t in doc.thresholds if t.requirement is None and t.unit == "周岁"]
    assert len(ages) >= 5, [t.text for t in ages]


@needs_gold
def test_a_wrong_actor_or_modality_is_counted_wrong(gold_req) -> None:  # noqa: ANN001
    f, rec = next((f, r) for f, r in gold_req if f.stem.startswith("004"))
    base = figures([score_document(_doc(rec), rec)])
    bad = copy.deepcopy(rec)
    for r in bad["requirements"]:
        r["actor"] = "某某委员会"
        r["modality"] = "permission" if r["modality"] != "permission" else "obligation"
        r.pop("secondary", None)
    worse = figures([score_document(_doc(rec), bad)])
    assert worse.found == base.found
    assert worse.actor_lenient < base.actor_lenient / 4 and worse.modality_ok < base.modality_ok / 4


@needs_gold
def test_borderline_is_optional_and_secondary_accepted(gold_req) -> None:  # noqa: ANN001
    f, rec = next((f, r) for f, r in gold_req if f.stem.startswith("005"))
    doc = _doc(rec)
    base = figures([score_document(doc, rec)])
    # dropping the borderline record changes neither recall nor precision
    nob = copy.deepcopy(rec)
    nob["requirements"] = [r for r in nob["requirements"] if not r.get("borderline")]
    assert len(nob["requirements"]) == len(rec["requirements"]) - 1
    f2 = figures([score_document(doc, nob)])
    assert (f2.gold, f2.found) == (base.gold, base.found)
    # a gold record whose primary modality we miss is still right through its secondary reading
    sec = next(r for r in rec["requirements"] if r.get("secondary"))
    only = copy.deepcopy(rec)
    for r in only["requirements"]:
        if r["quote"] == sec["quote"]:
            r["modality"] = "prohibition"
            r["secondary"] = [{**s, "modality": m} for s in r["secondary"] for m in ("obligation", "encouragement", "permission", "recommendation")]
    assert figures([score_document(doc, only)]).modality_ok == base.modality_ok


@needs_gold
def test_partial_file_is_cut_at_annotated_until(gold_req) -> None:  # noqa: ANN001
    f, rec = next((f, r) for f, r in gold_req if r.get("partial"))
    doc = _doc(rec)
    s = score_document(doc, rec)
    assert len(doc.requirements) > len(s.pairs) + len(s.false_pos) + s.accepted_extra  # 第三十三条… dropped
    whole = {k: v for k, v in rec.items() if k not in ("partial", "annotated_until")}
    assert len(score_document(doc, whole).false_pos) > len(s.false_pos)


# -- the store keeps the actor (issue 19): "what must provincial finance departments do" ---------------

# corpus-dev 004 and 007 (Jiangxi provincial notices, copied into the corpus): 省财政厅, 省商务厅, 省市场监管局
# and tags that name provincial departments only
ACTOR_DOCS = ("dev004_", "dev007_")


@pytest.fixture(scope="module")
def actor_stores(tmp_path_factory, pg_server):  # noqa: ANN001, ANN201
    from extractor.kb.store import Store
    from tests.conftest import corpus_files

    files = [p for p in corpus_files() if p.name.startswith(ACTOR_DOCS)]
    assert len(files) == len(ACTOR_DOCS)
    out = {"sqlite": Store(tmp_path_factory.mktemp("actors") / "polex.db"), "postgresql": Store(pg_server.new_database())}
    for store in out.values():
        for p in files:
            store.add(extracted(str(p)), p.read_bytes())
    yield out, [extracted(str(p)) for p in files]
    for store in out.values():
        store.close()


def _ids(store, **kw) -> set[str]:  # noqa: ANN001
    from extractor.kb.query import Filters, query_requirements

    return {r["id"] for r in query_requirements(store, Filters(limit=10**6, **kw))}


@pytest.mark.parametrize("backend", BACKENDS)
def test_store_keeps_actor_organization_level_and_role(actor_stores, backend: str) -> None:
    stores, docs = actor_stores
    rows = {r["id"]: r for r in stores[backend].db.execute("SELECT id, actor, actor_org, actor_level, actor_role FROM requirements")}
    reqs = [r for d in docs for r in d.requirements]
    assert len(rows) == len(reqs)
    for r in reqs:
        a = r.actor
        assert (rows[r.id]["actor_org"], rows[r.id]["actor_level"], rows[r.id]["actor_role"]) == (
            (a.organization, a.level, a.role) if a else (None, None, None)), r.id


@pytest.mark.parametrize("backend", BACKENDS)
def test_query_what_provincial_finance_departments_must_do(actor_stores, backend: str) -> None:
    stores, docs = actor_stores
    store = stores[backend]
    reqs = [r for d in docs for r in d.requirements]
    want = {r.id for r in reqs if r.actor and r.actor.level == "provincial" and "财政" in r.actor.text}
    # 省财政厅 alone, and tags that name it with other provincial departments (责任单位：省财政厅、省金融监管局)
    assert any(r.actor.text == "省财政厅" for r in reqs if r.id in want)
    assert any("、" in r.actor.text for r in reqs if r.id in want)
    assert _ids(store, actor_level="provincial", actor_org="财政") == want
    provincial = {r.id for r in reqs if r.actor and r.actor.level == "provincial"}
    assert want < provincial == _ids(store, actor_level="provincial")
    # the normalized organization is searchable too, and the filters narrow
    finance = {r.id for r in reqs if r.actor and (r.actor.organization == "finance department" or "finance" in r.actor.text)}
    assert finance and _ids(store, actor_org="finance department") == finance
    assert _ids(store, actor_level="municipal", actor_org="财政") == {
        r.id for r in reqs if r.actor and r.actor.level == "municipal" and "财政" in r.actor.text}
    assert _ids(store, actor_role="local governments") == {r.id for r in reqs if r.actor and r.actor.role == "local governments"}


def test_cli_query_requirements_by_actor(actor_stores, capsys) -> None:  # noqa: ANN001
    from extractor.cli import main

    stores, docs = actor_stores
    path = str(stores["sqlite"].path)
    assert main(["query", "requirements", "--actor-level", "provincial", "--actor-org", "财政", "--format", "json", "--db", path]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["actor_level"] == "provincial" and "财政" in r["actor"] for r in rows)
    with pytest.raises(SystemExit) as e:  # a usage error, no traceback
        main(["query", "requirements", "--actor-level", "galactic", "--db", path])
    assert e.value.code == 2 and "invalid choice" in capsys.readouterr().err
