"""Ingest files and folders from disk into the store: the pipeline, then one write per document."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path

from extractor.errors import InputError, describe_internal
from extractor.kb.store import IngestResult, Store
from extractor.pipeline import expand_inputs, extract_bytes


def ingest_paths(store: Store, paths: Iterable[str | Path], progress: bool = False) -> list[IngestResult]:
    """Run the pipeline on files and folders and store each document; one failure never stops the batch."""
    files = expand_inputs(paths)
    out: list[IngestResult] = []
    for k, p in enumerate(files, start=1):
        if progress:
            bar = "#" * (30 * k // max(1, len(files)))
            print(f"\r[{bar:<30}] {k}/{len(files)} {p.name[:40]:<40}", end="", file=sys.stderr, flush=True)
        sha = None
        try:
            data = p.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            existing = store.has_bytes(sha)
            if existing:
                out.append(IngestResult(str(p), "duplicate", existing))
                continue
            out.append(store.add(extract_bytes(data, path=str(p)), data))
        except (InputError, OSError) as e:
            code = getattr(e, "code", "E901")
            store.record_failure(str(p), sha, code, str(e))
            out.append(IngestResult(str(p), "failed", code=code, message=str(e)))
        except Exception as e:  # noqa: BLE001 - a batch survives any one document; the store rolled back
            store.record_failure(str(p), sha, "E904", describe_internal(e))
            out.append(IngestResult(str(p), "failed", code="E904", message=describe_internal(e)))
    if progress and files:
        print(file=sys.stderr)
    return out
