"""Start-up and output cost (issue 18): short commands import only what they use; JSON is written fast.

Each command runs in a fresh interpreter, which reports the modules it ended up importing;
no timings are asserted (the machine is shared), only what was imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS

# Run polex's main in a fresh interpreter, then print which heavy modules got imported.
_PROBE = """
import json, sys
sys.argv = ["polex"] + json.loads(sys.argv[1])
from extractor.cli import main
try:
    main()
except SystemExit:
    pass
heavy = ("spacy", "spacy.cli", "typer", "rich", "jinja2", "networkx", "extractor.pipeline", "pydantic", "rjieba", "jieba")
print(json.dumps({m: m in sys.modules for m in heavy}), file=sys.stderr)
"""


def _imported(args: list[str]) -> dict[str, bool]:
    out = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(args)], capture_output=True, text=True, timeout=120)
    return json.loads(out.stderr.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from extractor.ingest.local import ingest_paths
    from extractor.kb.store import Store

    db = tmp_path_factory.mktemp("store") / "polex.db"
    store = Store(str(db))
    ingest_paths(store, [CORPUS / "seeds"])
    store.close()
    return db


@pytest.mark.parametrize("args", [
    ["--help"],
    ["query", "documents"],
    ["query", "requirements", "--search", "监事会"],
    ["trace", "011d3522b4039536"],
])
def test_reading_commands_import_neither_spacy_nor_the_pipeline_nor_networkx(args: list[str], small_store: Path) -> None:
    mods = _imported(args + (["--db", str(small_store)] if args != ["--help"] else []))
    assert not mods["spacy"] and not mods["extractor.pipeline"] and not mods["networkx"], mods
    if args[0] != "trace":  # trace segments titles with the policy dictionary; query reads SQLite only
        assert not mods["pydantic"], mods


def test_extract_imports_neither_spacy_nor_rjiebas_default_dictionary() -> None:
    """The modal and actor reading runs on the segmenter's words (segment/tokens.WordReader):
    importing spaCy alone would cost more CPU than the 0.4 s a short extract may take."""
    mods = _imported(["extract", str(CORPUS / "seeds" / "000_50beaf381828b43a.txt"), "--format", "jsonl"])
    assert mods["extractor.pipeline"] and mods["pydantic"], mods  # it did extract
    assert not mods["spacy"] and not mods["spacy.cli"] and not mods["typer"] and not mods["rich"] and not mods["jinja2"], mods
    # the rjieba package's __init__ (which builds a default dictionary) never ran
    assert not mods["rjieba"], mods


def test_spacy_cli_still_imports_after_polex_loaded_spacy() -> None:
    code = ("from extractor.segment.tokens import import_spacy\nspacy = import_spacy()\n"
            "import spacy.cli\nimport typer\nprint(callable(spacy.cli.setup_cli), spacy.cli.info is not spacy.info)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["True", "True"], out.stderr[-2000:]


def test_model_dump_json_writes_the_bytes_json_dumps_wrote(corpus_docs: dict) -> None:
    """outputs/ are written with pydantic's serializer; it must give json.dumps's bytes exactly
    (non-ASCII kept, same separators, same floats) on every corpus document."""
    for name, doc in corpus_docs.items():
        for indent in (1, 2):
            assert doc.model_dump_json(indent=indent) == json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=indent), name


def test_chrome_line_gate_passes_the_lines_one_alternation_of_every_rule_passes() -> None:
    """normalize/layers._LineGate splits the chrome rules three ways to go faster; on every line
    of corpus/ and corpus-dev it must say what a single alternation of all of them says."""
    import re

    from extractor.normalize import chrome
    from extractor.normalize.layers import _LineGate
    from extractor.pipeline import expand_inputs, extract_path
    from tests.conftest import SHARED

    one = re.compile("|".join(f"(?:{rx})" for _, rx, _ in chrome.TEXT_CHROME), re.M)
    gate = _LineGate([rx for _, rx, _ in chrome.TEXT_CHROME])
    lines = [ln for f in expand_inputs([CORPUS, SHARED / "corpus-dev"])
             for ln in extract_path(f).text.split("\n")]
    lines += ["您现在的位置：首页", "……(新文秘网省略930字,正式会员可完整阅读)……", "…(未完,全文共7437字", "浏览次数：12", "020-83123456",
              # the paywall rules asked from the bracket: … runs and blanks before it, brackets without the rule's words
              "正文……  (省略12字)尾", "x…… (未完", "…………………………………… ( 未完", "(省略字)", "(未", "甲(乙)丙", "阅读量 ：3"]
    assert len(lines) > 5000
    passed = [ln for ln in lines if gate(ln)]
    assert passed == [ln for ln in lines if one.search(ln)]
    assert len(passed) > 100


def test_hidden_questions_answer_as_the_pattern_alone_does() -> None:
    """normalize/html asks whether an element is hidden with two shortcuts: the pattern is searched
    only in a style holding "none" (in any case), and the hidden attribute is looked up in a set
    XPath found. On every element of corpus/ and corpus-dev, on both trees, and on styles written
    every way, both must answer as the plain questions do."""
    from extractor.normalize.html import _HIDDEN_STYLE_RE, _parse, _parse_in_source_order, _with_hidden_attribute
    from extractor.pipeline import expand_inputs
    from tests.conftest import SHARED

    pages = [f.read_text("utf-8", "replace") for f in expand_inputs([CORPUS, SHARED / "corpus-dev"]) if f.suffix != ".txt"]
    pages.append('<body><div style="Display : None !important">a</div><p style="border:none">b</p><span hidden="">c</span>'
                 '<b style="x:1;display:none">d</b><i style="display:nonE;">e</i><u style="displaynone">f</u></body>')
    styled = hidden = 0
    for page in pages:
        for root in (_parse(page), _parse_in_source_order(page)):
            with_attribute = _with_hidden_attribute(root)
            for el in root.iter():
                if not isinstance(el.tag, str):
                    continue
                style = el.get("style")
                if style is not None:
                    styled += 1
                    found = bool(_HIDDEN_STYLE_RE.search(style))
                    assert ("none" in style.lower() and found) == found
                    hidden += found
                assert (el in with_attribute) == (el.get("hidden") is not None)
    assert styled > 1000 and hidden > 5


def test_collector_paused_inside_the_stages_of_any_document_and_running_after() -> None:
    """run_stages pauses the cyclic collector for the document, short or long, and turns it back on
    (a stage that raises included); a caller that had it off finds it off."""
    import gc

    from extractor.pipeline import STAGES, StageSpec, run_stages

    seen: list[bool] = []
    probe = StageSpec("decode", (), lambda st: seen.append(gc.isenabled()))

    def boom(st) -> None:  # noqa: ANN001
        seen.append(gc.isenabled())
        raise RuntimeError("x")

    assert gc.isenabled()
    run_stages("一、各单位要加强管理。".encode(), path="n.txt", stages=(probe, *STAGES))
    run_stages("一、各单位要加强管理。".encode(), path="n.txt", stages=(StageSpec("decode", (), boom),))
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        run_stages("一、各单位要加强管理。".encode(), path="n.txt", stages=(probe,))
        assert not gc.isenabled()
    finally:
        gc.enable()
