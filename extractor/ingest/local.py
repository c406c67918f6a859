"""Ingest files and folders from disk into the store: the pipeline, then one write per document.

The pipeline may run elsewhere (``mapper``: a process pool or a Dask cluster, see
:mod:`extractor.scale`); this process is the one writer, storing documents in input order.
"""

from __future__ import annotations

import hashlib
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from extractor.errors import InputError, StoreError, describe_internal
from extractor.kb.store import IngestResult, Store, document_rows
from extractor.pipeline import expand_inputs, extract_bytes

Job = tuple[str, bytes | None]
Rows = dict[str, Any]
Extracted = tuple[str, Rows | None, str | None, str | None]  # path, store rows | code, message


def extract_job(job: Job) -> Extracted:
    """The pipeline on one file's bytes, up to the rows the store writes (segmenting clauses for
    search included), so that a worker does all but the writing; never raises (module-level:
    a pool or cluster runs it). The bytes do not travel back: the rows' blob leaves them out
    and the writer, which still holds them, puts them back."""
    path, data = job
    if data is None:  # decided without the pipeline (unreadable, already stored)
        return path, None, None, None
    try:
        rows = document_rows(extract_bytes(data, path=path), data)
    except InputError as e:
        return path, None, e.code, str(e)
    except Exception as e:  # noqa: BLE001 - a batch survives any one document
        return path, None, "E904", describe_internal(e)
    rows["blob"] = (*rows["blob"][:3], None)
    return path, rows, None, None


def _crashed(job: Job, message: str) -> Extracted:
    return job[0], None, "E904", message


extract_job.on_crash = _crashed  # type: ignore[attr-defined] - what a process pool reports when a worker dies on it


def ingest_paths(store: Store, paths: Iterable[str | Path], progress: bool = False,
                 mapper: Callable[[Callable[[Job], Extracted], Iterable[Job]], Iterator[Extracted]] = map) -> list[IngestResult]:
    """Run the pipeline on files and folders and store each document; one failure never stops the batch.

    A full disk (:class:`StoreError` E932) does stop it: the error is raised once, after
    what was stored before it is committed.
    """
    files = expand_inputs(paths)
    out: list[IngestResult] = []
    sent: deque[IngestResult | bytes] = deque()  # per job in input order: decided here without the pipeline, or its bytes

    def jobs() -> Iterator[Job]:
        for p in files:
            try:
                data = p.read_bytes()
            except OSError as e:
                sent.append(_failed(store, str(p), None, "E901", f"cannot read: {e.strerror or e}"))
                yield str(p), None
                continue
            existing = store.has_bytes(hashlib.sha256(data).hexdigest())
            if existing:  # already stored: nothing to run
                sent.append(IngestResult(str(p), "duplicate", existing))
                yield str(p), None
                continue
            sent.append(data)
            yield str(p), data

    for k, (path, rows, code, message) in enumerate(mapper(extract_job, jobs()), start=1):
        if progress:
            bar = "#" * (30 * k // max(1, len(files)))
            print(f"\r[{bar:<30}] {k}/{len(files)} {Path(path).name[:40]:<40}", end="", file=sys.stderr, flush=True)
        data = sent.popleft()
        if isinstance(data, IngestResult):
            out.append(data)
            continue
        if rows is not None:
            rows["blob"] = (*rows["blob"][:3], data)
        out.append(_store(store, path, data, rows, code, message))
    if progress and files:
        print(file=sys.stderr)
    return out


def _failed(store: Store, path: str, sha: str | None, code: str, message: str) -> IngestResult:
    store.record_failure(path, sha, code, message)
    return IngestResult(path, "failed", code=code, message=message)


def _store(store: Store, path: str, data: bytes, rows: Rows | None, code: str | None, message: str | None) -> IngestResult:
    sha = hashlib.sha256(data).hexdigest()
    if rows is None:
        return _failed(store, path, sha, code or "E904", message or "")
    try:
        return store.add_rows(rows, path)
    except StoreError:
        raise  # a full disk: stop the batch, keep what is stored
    except Exception as e:  # noqa: BLE001 - a batch survives any one document; the store rolled back
        return _failed(store, path, sha, "E904", describe_internal(e))
