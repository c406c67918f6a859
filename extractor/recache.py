"""Compiled regular expressions kept across processes, as Python keeps its bytecode (issue 18).

Python compiles a regular expression in pure Python, and a character class with a wide range
costs most: ``[\\u4e00-\\u9fff]`` marks its 20,992 code points one by one (``_optimize_charset``),
about 1 ms each time a pattern holds it. polex's patterns hold it hundreds of times, and the
~280 patterns its modules compile on import took 0.11 s of the 0.38 s CPU a ``polex extract``
of a 200-byte notice costs (measured with ``bench/bench_pipeline.py``'s start-up rows).

:func:`compile_re` is ``re.compile`` with a cache: the first process compiles each pattern as
``re`` does and keeps the result (flags, the engine's code, the group names) in a file under
the user's cache directory; later processes hand the kept code straight to the engine
(``_sre.compile``, what ``re`` itself calls last). The pattern it returns is the very object
``re.compile`` would build: an entry is kept only after checking that the two compare equal
(``Pattern.__eq__`` compares the flags, the pattern and the engine's code), and the file's
name carries the exact Python version and engine magic, so another interpreter never reads it.
Anything unexpected (no cache directory, a truncated or foreign file, an interpreter whose
``re`` internals differ) falls back to ``re.compile``: the cache only ever saves time.

The directory is ``$POLEX_CACHE_DIR``, else ``$XDG_CACHE_HOME/polex``, else
``~/.cache/polex``; ``POLEX_CACHE_DIR=""`` turns the cache off.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

try:  # the engine and the parts of ``re`` that build its input: CPython's own, present since 3.11
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another interpreter: no cache
    _sre = None  # type: ignore[assignment]

_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

# a file holding more entries than this was grown by many versions of polex
_MAX_ENTRIES = 5000
_LOCK = threading.Lock()
_state: dict[str, Any] = {"loaded": False, "entries": None, "path": None, "dirty": False}


def compile_re(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with the compiled code kept across processes.

    >>> compile_re(r"[\\u4e00-\\u9fff]+").findall("第1条 规定")
    ['第', '条', '规定']
    """
    flags = int(flags)
    entries = _entries()
    if entries is None:
        return re.compile(pattern, flags)
    entry = entries.get((pattern, flags))
    if entry is not None:
        try:
            return _sre.compile(pattern, *entry)  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - a foreign or damaged entry: compile afresh
            pass
    compiled = re.compile(pattern, flags)
    fresh = _build(pattern, flags)
    if fresh is not None:
        with _LOCK:
            entries[(pattern, flags)] = fresh
            if not _state["dirty"]:
                _state["dirty"] = True
                atexit.register(_save)
    return compiled


def cache_path() -> Path | None:
    """The cache file for this interpreter, or None when caching is off."""
    if _sre is None:
        return None
    base = os.environ.get("POLEX_CACHE_DIR")
    if base is None:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = str(Path(xdg) / "polex") if xdg else str(Path.home() / ".cache" / "polex")
    if not base:
        return None
    tag = hashlib.sha256(f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}".encode()).hexdigest()[:16]
    return Path(base) / f"patterns-{sys.implementation.cache_tag}-{tag}.marshal"


def _build(pattern: str, flags: int) -> _Entry | None:
    """What ``re``'s compiler hands the engine for ``pattern``, if handing it over again gives the same pattern."""
    try:
        p = _parser.parse(pattern, flags)
        code = _compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup: list[str | None] = [None] * p.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        entry: _Entry = (int(flags | p.state.flags), [int(c) for c in code], p.state.groups - 1, groupindex, tuple(indexgroup))
        if _sre.compile(pattern, *entry) != re.compile(pattern, flags):
            return None
        return entry
    except Exception:  # noqa: BLE001 - re's internals are not what this module knows: no cache for it
        return None


def _entries() -> dict[tuple[str, int], _Entry] | None:
    """The kept entries (loaded on the first call), or None when caching is off."""
    if not _state["loaded"]:
        with _LOCK:
            if not _state["loaded"]:
                path = cache_path()
                entries = _load(path) if path is not None else None
                if entries is not None and len(entries) > _MAX_ENTRIES:
                    entries = {}  # grown by many versions of polex: restart from this run's patterns
                _state.update(loaded=True, entries=entries, path=path)
    return _state["entries"]  # type: ignore[no-any-return]


def _load(path: Path) -> dict[tuple[str, int], _Entry]:
    """The kept entries; an unreadable file counts as empty (and is rewritten at exit)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return {}
    digest, payload = blob[:32], blob[32:]
    if hashlib.sha256(payload).digest() != digest:
        return {}
    try:
        entries = marshal.loads(payload)
    except Exception:  # noqa: BLE001 - a damaged file is a cold cache
        return {}
    return entries if isinstance(entries, dict) else {}


def _save() -> None:
    """Write the entries back (at exit, when this process compiled any new pattern): atomically,
    so that processes starting or ending together never read half a file."""
    path: Path | None = _state["path"]
    entries = _state["entries"]
    if path is None or not entries:
        return
    try:
        payload = marshal.dumps(entries)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a read-only home, a full disk: the next run compiles again
