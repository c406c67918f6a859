"""Explicit, frozen settings passed down the pipeline (no globals)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Reader = Literal["words", "spacy"]


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 64 * 1024 * 1024
    """Inputs larger than this are refused (E905) rather than exhausting memory."""
    large_bytes: int = 8 * 1024 * 1024
    """Inputs larger than this are processed and flagged (W112)."""
    reader: Reader = "words"
    """What reads modal words and actors on the segmenter's words: ``words``, the rules in plain
    Python (``segment/tokens.WordReader``), or ``spacy``, the same rules as a ``spacy.blank("zh")``
    pipeline (EntityRuler, PhraseMatcher, two components; ``segment/tokens.get_nlp``). They read
    the same spans (``tests/test_tokens.py``); ``words`` spares spaCy's import (issue 18)."""


DEFAULT = Settings()
