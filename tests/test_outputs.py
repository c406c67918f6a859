"""Schema drift, golden files, outputs/ currency, the CLI contract, bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from extractor.cli import main
from extractor.views.outline import render_outline
from extractor.views.schema import SCHEMAS, build_schema
from tests.conftest import CORPUS, ROOT, corpus_files

REGEN = os.environ.get("POLEX_REGEN_GOLDEN") == "1"
GOLDEN = ROOT / "tests" / "golden"


def test_regeneration_flag_is_off_in_ci() -> None:
    assert not (REGEN and os.environ.get("CI")), "golden files must never be regenerated in CI"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_matches_models(name: str) -> None:
    committed = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    assert committed == build_schema(name), "models changed: run `polex schema` and commit schemas/"


def _golden_view(doc) -> dict:  # noqa: ANN001
    """The reviewable part of a document: everything but the texts and the edit log."""
    d = doc.model_dump(mode="json", exclude={"raw_text", "text", "edits", "clauses"})
    d["counts"] = {"edits": len(doc.edits), "clauses": len(doc.clauses), "text_chars": len(doc.text)}
    d["source"].pop("path", None)
    return d


def test_golden_files(corpus_docs) -> None:  # noqa: ANN001
    GOLDEN.mkdir(exist_ok=True)
    stale = []
    for name, doc in corpus_docs.items():
        stem = name.replace("/", "__").rsplit(".", 1)[0]
        outline = render_outline(doc).replace(str(CORPUS) + "/", "corpus/")
        view = json.dumps(_golden_view(doc), ensure_ascii=False, indent=1) + "\n"
        for path, content in ((GOLDEN / f"{stem}.outline.txt", outline), (GOLDEN / f"{stem}.json", view)):
            if REGEN:
                path.write_text(content, encoding="utf-8")
            elif not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(path.name)
    assert stale == [], f"golden files differ (POLEX_REGEN_GOLDEN=1 pytest to regenerate on purpose): {stale[:5]}"


def test_outputs_are_current(tmp_path) -> None:  # noqa: ANN001
    """outputs/ is what `polex run corpus` writes now."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        assert main(["run", "corpus", "--out", str(tmp_path / "out"), "--db", str(tmp_path / "polex.db")]) == 0
    finally:
        os.chdir(cwd)
    committed = ROOT / "outputs"
    fresh_dir = tmp_path / "out"
    fresh = sorted(p.name for p in fresh_dir.iterdir())
    # outputs/diff/ and outputs/graph/ hold committed reports; test_diff.py and test_store_graph.py keep them current
    assert fresh == sorted(p.name for p in committed.iterdir() if p.name not in ("diff", "graph"))
    for name in fresh:
        if name == "summary.json":
            continue
        assert (fresh_dir / name).read_text(encoding="utf-8") == (committed / name).read_text(encoding="utf-8"), name
    from extractor.kb.store import Store

    assert Store(tmp_path / "polex.db").counts()["documents"] == len(corpus_files())


def _cli(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:  # noqa: ANN001
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_extract_exit_codes_and_jsonl_order(tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "scan.pdf.txt"
    bad.write_bytes(b"%PDF-1.4\x00\x01binary")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    a = "corpus/seeds/000_50beaf381828b43a.txt"
    b = "corpus/html/09_guobanfamingdian_2019_jiejiari_anpai.html"
    r = _cli("extract", a, str(bad), b, str(empty), "--format", "jsonl")
    assert r.returncode == 1
    lines = r.stdout.strip().split("\n")
    assert [json.loads(x)["source"]["path"] for x in lines] == [a, b]
    assert "E906" in r.stderr and "scan.pdf.txt" in r.stderr and "E902" in r.stderr  # a damaged PDF
    r = _cli("extract", a, "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["metadata"]["title"]["value"] == "中国科协2017年学会改革工作要点"
    r = _cli("extract", "--format", "yaml", a)
    assert r.returncode == 2
    r = _cli("extract", a, "--format", "text")
    assert r.returncode == 0 and "一 [heading] 学会年度改革基本任务" in r.stdout


def test_bad_inputs_never_crash_the_batch(tmp_path) -> None:  # noqa: ANN001
    """Synthetic inputs (labelled: not policy texts) for the failure paths."""
    from extractor.pipeline import run_all

    files = {
        "truncated.html": "<html><body><div id=\"UCAP-CONTENT\"><p>一、总体要求</p><p>（一）学会要".encode("utf-8"),
        "broken.html": b"<div><p>\xe4\xb8\x80\xe3\x80\x81<table><td>x</div></span></p>",
        "utf16.txt": "一、总体要求\n1.学会要加强建设。".encode("utf-16"),
        "giant.html": ("<p>" + "学会要加强建设。" * 100_000 + "</p>").encode("utf-8"),
        "missing.txt": None,
    }
    paths = []
    for name, data in files.items():
        p = tmp_path / name
        if data is not None:
            p.write_bytes(data)
        paths.append(p)
    outcomes = list(run_all(paths))
    assert [o.document is not None for o in outcomes] == [True, True, True, True, False]
    assert outcomes[-1].error_code == "E901"
    assert [s.path for s in outcomes[2].document.sections] == [["一"], ["一", "1"]]


def test_readme_commands_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from extractor.cli import build_parser

    commands = set(build_parser()._subparsers._group_actions[0].choices)  # noqa: SLF001
    used = set(re.findall(r"(?:bin/polex|\$ polex|`polex) (\w+)", readme))
    assert used and used <= commands, used - commands
    first_block = re.search(r"```(?:sh|bash)?\n(.*?)```", readme, re.S).group(1)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_cmd = [ln for ln in first_block.strip().splitlines() if "pytest" in ln][0]
    assert test_cmd.strip() in ci


@pytest.mark.parametrize("module", ["model", "errors", "normalize", "segment", "extract"])
def test_imports_flow_one_way(module: str) -> None:
    """model/errors ← normalize ← segment ← extract ← pipeline ← cli."""
    order = ["model", "errors", "normalize", "segment", "extract", "pipeline", "cli"]
    later = order[order.index(module) + 1 :]
    base = ROOT / "extractor"
    files = [base / f"{module}.py"] if (base / f"{module}.py").exists() else list((base / module).rglob("*.py"))
    for f in files:
        src = f.read_text(encoding="utf-8")
        for mod in later:
            assert not re.search(rf"from extractor(\.{mod}\b| import {mod}\b)", src), (f.name, mod)
