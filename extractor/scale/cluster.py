"""The pipeline on a Dask distributed cluster: ``polex ingest … --scheduler tcp://HOST:8786``.

The client (this process) reads the inputs, sends each one's bytes with the pipeline
function to the cluster, and stores results in input order as they come back: one writer.
Workers need polex installed, nothing else (no shared file system, no database access).
A worker that dies mid-run loses nothing: the scheduler runs its tasks again elsewhere, and
since the store is idempotent by content hash a task run twice is stored once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from extractor.scale.pool import ordered

WINDOW_PER_WORKER = 4  # tasks in flight per worker thread: enough to keep them busy, bounded memory


def imap(fn: Callable[[Any], Any], items: Iterable[Any], scheduler: str | Any) -> Iterator[Any]:
    """``map(fn, items)`` on the cluster at ``scheduler`` (an address, or a running Client), in order."""
    from distributed import Client

    own = not isinstance(scheduler, Client)
    client = Client(scheduler, timeout="15s") if own else scheduler
    try:
        threads = sum(client.nthreads().values()) or 1

        def submit(item: Any) -> Any:
            # pure=False: every input is its own task even when two inputs are equal (the store
            # deduplicates); retries cover a task interrupted by a worker's death
            return client.submit(fn, item, pure=False, retries=2)

        yield from ordered(submit, items, window=WINDOW_PER_WORKER * threads)
    finally:
        if own:
            client.close()
