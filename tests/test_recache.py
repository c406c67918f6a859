"""The compiled-pattern cache (issue 18): it gives the patterns ``re.compile`` gives, survives a
damaged file, can be turned off, and holds a fixed set of patterns for a fixed polex.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import recache

ROOT = Path(__file__).resolve().parent.parent

# A fresh interpreter that compiles what the pipeline and the store compile, then prints how many
# patterns the cache held when it started and how many it holds now (what it will write at exit).
_RUN = """
import sys
from extractor import recache
before = len(recache._entries() or {})
import extractor.pipeline, extractor.kb.store, extractor.views.evaluate
from extractor.pipeline import extract_bytes
extract_bytes("关于加强学会管理的通知\\n一、各学会要在2018年6月30日前完成换届，理事不超过150人。\\n中国科协\\n".encode(), path="n.txt")
print(before, len(recache._entries() or {}))
"""


def _run(cache: str, seed: str) -> tuple[int, int]:
    env = {**os.environ, "POLEX_CACHE_DIR": cache, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", _RUN], capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    before, after = map(int, out.stdout.split())
    return before, after


def test_a_second_process_reads_every_pattern_from_the_file_and_adds_none(tmp_path: Path) -> None:
    """The patterns are the same in every process: an alternation built from a set in hash order
    (a new string under each PYTHONHASHSEED) would add entries on every run, and miss every time."""
    first = _run(str(tmp_path), "1")
    assert first[0] == 0 and first[1] > 200
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].name.startswith("patterns-")
    assert _run(str(tmp_path), "2") == (first[1], first[1])
    assert _run(str(tmp_path), "3") == (first[1], first[1])


def test_every_kept_entry_gives_the_pattern_re_compile_gives(tmp_path: Path) -> None:
    """``Pattern.__eq__`` compares flags, pattern and the engine's code: equal means the same matcher."""
    _run(str(tmp_path), "0")
    entries = recache._load(next(tmp_path.iterdir()))
    assert len(entries) > 200
    import _sre

    for (pattern, flags), entry in entries.items():
        kept = _sre.compile(pattern, *entry)
        fresh = re.compile(pattern, flags)
        assert kept == fresh and kept.groupindex == fresh.groupindex and kept.groups == fresh.groups, pattern


def test_a_damaged_file_is_a_cold_cache_and_is_rewritten(tmp_path: Path) -> None:
    _run(str(tmp_path), "0")
    path = next(tmp_path.iterdir())
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # a write cut short
    assert recache._load(path) == {}
    before, after = _run(str(tmp_path), "0")
    assert before == 0 and after > 200
    assert path.read_bytes() == whole or len(recache._load(path)) == after


def test_empty_cache_dir_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLEX_CACHE_DIR", "")
    assert recache.cache_path() is None
    monkeypatch.setenv("POLEX_CACHE_DIR", str(tmp_path))
    assert recache.cache_path().parent == tmp_path  # type: ignore[union-attr]
    assert _run("", "0") == (0, 0)
    assert not list(tmp_path.iterdir())


def test_compile_re_is_re_compile() -> None:
    for pattern, flags in ((r"(?P<n>\d+)\s*(?:人|名)", 0), (r"^第[一二三]条", re.M), (r"[\u4e00-\u9fff]{2,}", re.I)):
        assert recache.compile_re(pattern, flags) == re.compile(pattern, flags)
    assert recache.compile_re(r"(?P<y>\d{4})年").match("2024年").group("y") == "2024"
