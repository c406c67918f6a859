"""The command line as a user meets it: --help everywhere, errors on stderr, exit codes, the
options of issue 15 (query cut/csv/--limit 0, trace by prefix/发文字号/title, diff by stored
id/URL/stdin, extract -, --no-raw, -q/-v, NO_COLOR), and the README's Python API."""

from __future__ import annotations

import argparse
import csv
import doctest
import io
import json
import re
import subprocess
import sys

import pytest

from extractor.cli import build_parser, main
from tests.conftest import CORPUS, ROOT, corpus_files

SEED_2017 = CORPUS / "seeds" / "000_50beaf381828b43a.txt"
SEED_2018 = CORPUS / "seeds" / "001_036f9e189e852d94.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:  # noqa: ANN001
    path = str(tmp_path_factory.mktemp("cli") / "corpus.db")
    assert main(["ingest", str(CORPUS), "--db", path, "-q"]) == 0
    return path


def _subparsers(p: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for a in p._actions:  # noqa: SLF001 - argparse has no public way to list subcommands
        if isinstance(a, argparse._SubParsersAction):  # noqa: SLF001
            return dict(a.choices)
    return {}


COMMANDS = sorted(_subparsers(build_parser()))


@pytest.mark.parametrize("command", [""] + COMMANDS)
def test_help_works_and_every_option_is_explained(command: str, capsys) -> None:  # noqa: ANN001
    argv = [command, "--help"] if command else ["--help"]
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: polex")
    parser = _subparsers(build_parser())[command] if command else build_parser()
    for a in parser._actions:  # noqa: SLF001
        if isinstance(a, argparse._SubParsersAction):  # noqa: SLF001
            continue
        assert a.help, f"polex {command} {a.option_strings or a.dest}: no help text"


def test_help_in_a_real_process() -> None:
    """`polex query --help` crashed on the % in --unit's help (argparse formats help with %)."""
    r = subprocess.run([sys.executable, "-m", "extractor.cli", "query", "--help"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "人 % 比例" in r.stdout and not r.stderr


def test_usage_errors_exit_2_without_traceback(capsys) -> None:  # noqa: ANN001
    for argv in (["crawl", "http://127.0.0.1:9/", "--follow", "(["], ["query", "documents", "--limit", "99999999999999999999999"],
                 ["query", "documents", "--year", "-5"], ["query", "documents", "--limit", "-1"], ["graph", "export", "--format", "neo4j-csv"],
                 ["graph", "render", "--format", "graphml"], ["ingest", "x", "--delay", "nan!"]):
        with pytest.raises(SystemExit) as e:
            code = main(argv)
            raise SystemExit(code)
        assert e.value.code == 2, argv
        err = capsys.readouterr().err
        assert "Traceback" not in err and err.strip(), argv


def test_query_says_when_rows_were_cut(db, capsys) -> None:  # noqa: ANN001
    assert main(["query", "thresholds", "--db", db, "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("(5 rows; more match: --limit N, or --limit 0 for all)")
    assert main(["query", "thresholds", "--db", db, "--limit", "0"]) == 0
    n_all = int(re.search(r"\((\d+) rows\)", capsys.readouterr().out).group(1))
    assert n_all > 100  # the default of 100 used to cut silently
    assert main(["query", "thresholds", "--db", db, "--limit", str(n_all)]) == 0
    assert capsys.readouterr().out.rstrip().endswith(f"({n_all} rows)")
    assert main(["query", "thresholds", "--db", db, "--limit", "3", "--format", "jsonl"]) == 0
    cap = capsys.readouterr()
    assert len(cap.out.splitlines()) == 3 and "more match" in cap.err


def test_query_csv_has_every_field_uncut(db, capsys) -> None:  # noqa: ANN001
    assert main(["query", "documents", "--db", db, "--limit", "0", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(corpus_files()) and {"doc_id", "title", "doc_number", "level"} <= set(rows[0])
    assert max(len(r["title"]) for r in rows) > 30  # not cut


def test_query_table_rows_stay_distinguishable(db, capsys) -> None:  # noqa: ANN001
    """Long titles sharing a 14-character head (国务院办公厅关于印发…) and long 发文字号 came out
    identical in the table; ids and numbers are never cut now, titles lose their middle."""
    assert main(["query", "documents", "--db", db, "--limit", "0", "--level", "national"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:-1]
    numbers = [n for n in (re.search(r"\S+〔\d{4}〕\d+号|国令第\d+号", line) for line in lines) if n]
    assert any("国办发〔2018〕12" in n.group(0) and n.group(0).endswith("号") for n in numbers)
    shown = [line.split("  ")[-1].strip() for line in lines]
    assert len(set(shown)) == len(shown)


def test_trace_accepts_prefix_number_and_title(db, capsys) -> None:  # noqa: ANN001
    for name in ("011d3522b4039536", "011d35", "中国科协2017年学会改革工作要点", "2017年学会改革"):
        assert main(["trace", name, "--db", db]) == 0, name
        assert capsys.readouterr().out.startswith("011d3522b4039536  [national]  中国科协2017年学会改革工作要点")
    assert main(["trace", "国发[2019]4号", "--db", db]) == 0  # another bracket form of 国发〔2019〕4号
    assert "国家职业教育改革实施方案" in capsys.readouterr().out.splitlines()[0]
    assert main(["trace", "学会改革工作要点", "--db", db]) == 1
    err = capsys.readouterr().err
    assert "ambiguous" in err and "011d3522b4039536" in err and "a551367d12e6c96a" in err
    assert main(["trace", "no-such-thing", "--db", db]) == 1
    assert "no stored document" in capsys.readouterr().err


def test_read_only_commands_do_not_create_a_store(tmp_path, capsys) -> None:  # noqa: ANN001
    missing = tmp_path / "none.db"
    for argv in (["query", "documents"], ["trace", "abc"], ["graph", "export"]):
        assert main([*argv, "--db", str(missing)]) == 1
        assert "no store at" in capsys.readouterr().err
    assert not missing.exists()


def test_diff_by_stored_id_stdin_and_missing_file(db, capsys, monkeypatch) -> None:  # noqa: ANN001
    assert main(["diff", str(SEED_2017), str(SEED_2018), "--color", "never"]) == 0
    by_file = capsys.readouterr().out
    assert main(["diff", "011d35", "中国科协2018年学会改革工作要点", "--db", db, "--color", "never"]) == 0
    by_id = capsys.readouterr().out
    assert by_id.splitlines()[2:] == by_file.splitlines()[2:]  # same report; only the paths in the header differ
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED_2017.read_bytes())))
    assert main(["diff", "-", str(SEED_2018), "--color", "never"]) == 0
    assert capsys.readouterr().out.splitlines()[2:] == by_file.splitlines()[2:]
    assert main(["diff", str(SEED_2017), "corpus/nope/missing.txt"]) == 1
    cap = capsys.readouterr()
    assert "corpus/nope/missing.txt" in cap.err and "no such file" in cap.err and not cap.out


def test_diff_prints_unchanged_pairs_briefly_unless_full(tmp_path, capsys) -> None:  # noqa: ANN001
    """Two editions that differ in one point: the unchanged pairs get their header line only."""
    text = SEED_2017.read_text(encoding="utf-8")
    changed = tmp_path / "changed.txt"
    changed.write_text(text.replace("15%以上", "20%以上"), encoding="utf-8")
    assert main(["diff", str(SEED_2017), str(changed), "--color", "never"]) == 0
    brief = capsys.readouterr().out
    assert main(["diff", str(SEED_2017), str(changed), "--color", "never", "--full"]) == 0
    full = capsys.readouterr().out
    n_unchanged = brief.count("  unchanged (")
    assert n_unchanged >= 10 and full.count("  unchanged (") == n_unchanged
    assert len(brief) < len(full) / 2
    assert "[-15-]{+20+}" in brief  # the changed pair is printed in full


def test_no_color_is_honoured(monkeypatch) -> None:  # noqa: ANN001
    from extractor.cli import _use_color

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _use_color("auto", True) and not _use_color("auto", False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _use_color("auto", True) and _use_color("always", True) and not _use_color("never", True)


def test_extract_stdin_and_no_raw(capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED_2017.read_bytes())))
    assert main(["extract", "-", "--no-raw"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["doc_id"] == "011d3522b4039536" and "raw_text" not in doc and "edits" not in doc and doc["thresholds"]
    assert main(["extract", str(SEED_2017)]) == 0
    full = json.loads(capsys.readouterr().out)
    assert full["raw_text"] and "edits" in full
    assert {k: v for k, v in full.items() if k not in ("raw_text", "edits", "source")} == {k: v for k, v in doc.items() if k != "source"}


def test_errors_go_to_stderr_and_quiet_keeps_only_them(tmp_path, capsys) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    db = str(tmp_path / "q.db")
    assert main(["ingest", str(SEED_2017), str(bad), "--db", db, "-q"]) == 1
    cap = capsys.readouterr()
    assert cap.out == "" and "E903" in cap.err and "bad.txt" in cap.err
    assert main(["ingest", str(SEED_2018), "--db", db, "-v"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"stored\s+a551367d12e6c96a\s+.*001_036f9e189e852d94\.txt", out) and "1 inputs" in out
    assert main(["extract", str(bad), str(SEED_2017), "--format", "jsonl"]) == 1
    cap = capsys.readouterr()
    assert len(cap.out.splitlines()) == 1 and cap.err.startswith(f"polex: {bad}: E903")
    assert main(["run", str(bad), "--out", str(tmp_path / "o"), "--no-store"]) == 1
    cap = capsys.readouterr()
    assert "E903" in cap.err and "E903" not in cap.out


def test_graph_render_dot_and_neo4j_with_out(db, tmp_path, capsys) -> None:  # noqa: ANN001
    dot = tmp_path / "g.dot"
    assert main(["graph", "render", "--format", "dot", "--out", str(dot), "--db", db]) == 0
    assert dot.read_text(encoding="utf-8").startswith("digraph polex {")
    assert main(["graph", "export", "--format", "neo4j-csv", "--out", str(tmp_path / "neo"), "--db", db]) == 0
    assert (tmp_path / "neo" / "nodes.csv").is_file()
    capsys.readouterr()


def test_no_traceback_on_an_internal_error(monkeypatch, capsys) -> None:  # noqa: ANN001
    """The last guard in main(): one line on stderr, exit 70, the traceback only with -v."""
    import extractor.cli as cli

    def boom(args):  # noqa: ANN001, ANN202
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli, "cmd_schema", boom)
    assert main(["schema", "--out", "x"]) == 70
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: disk on fire" in err and "Traceback" not in err
    assert main(["schema", "--out", "x", "-v"]) == 70
    assert "Traceback" in capsys.readouterr().err


def test_readme_python_api_doctest(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """The README's "Use from Python" section runs as written (from the repository root)."""
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Use from Python"):]
    section = section[:section.index("\n## ", 5)] if "\n## " in section[5:] else section
    examples = re.findall(r"```python\n(.*?)```", section, re.S)
    assert examples, "no python block in the README's Use from Python section"
    parser = doctest.DocTestParser()
    test = parser.get_doctest("\n".join(examples), {"__name__": "readme", "TMP": str(tmp_path)}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    runner.run(test)
    assert test.examples and runner.failures == 0


def test_cli_commands_in_readme_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r"^\$?\s*polex (\w+)", readme, re.M))
    assert used and used <= set(COMMANDS), used - set(COMMANDS)


def test_repo_readme_mentions_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for c in COMMANDS:
        if c == "serve":  # documented by its own section when it lands
            continue
        assert f"polex {c}" in readme, c
