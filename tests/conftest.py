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
