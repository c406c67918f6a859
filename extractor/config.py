"""Explicit, frozen settings passed down the pipeline (no globals)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 64 * 1024 * 1024
    """Inputs larger than this are refused (E905) rather than exhausting memory."""
    large_bytes: int = 8 * 1024 * 1024
    """Inputs larger than this are processed and flagged (W112)."""


DEFAULT = Settings()
