"""Shared fixtures: the corpus, processed once per test session."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"


def corpus_files() -> list[Path]:
    manifest = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    return [CORPUS / m["file"] for m in manifest]


@lru_cache(maxsize=None)
def extracted(path: str):  # noqa: ANN201
    from extractor.pipeline import extract_path

    return extract_path(path)


@pytest.fixture(scope="session")
def corpus_docs():  # noqa: ANN201
    return {p.relative_to(CORPUS).as_posix(): extracted(str(p)) for p in corpus_files()}


def gold_files() -> list[Path]:
    if not GOLD.is_dir():
        return []
    return sorted(GOLD.glob("0*.json"))


# -- stores on both backends (issue 16): a real PostgreSQL server, started once per session ----

@pytest.fixture(scope="session")
def pg_server():  # noqa: ANN201
    import os

    from tests.pg import PgServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (.ci/system-packages.sh installs it)")
        pytest.skip("PostgreSQL binaries not found (apt-get install postgresql)")
    server = PgServer(bindir).start()
    yield server
    from extractor.kb.pg_store import _close_pools

    _close_pools()
    server.stop()


BACKENDS = ("sqlite", "postgresql")


@pytest.fixture
def new_store_url(request, tmp_path):  # noqa: ANN001, ANN201
    """``new_store_url(backend, name)``: where a fresh store of that backend goes (a file path
    or a new PostgreSQL database)."""
    def make(backend: str, name: str = "polex.db") -> str:
        if backend == "sqlite":
            return str(tmp_path / name)
        return request.getfixturevalue("pg_server").new_database()

    return make
