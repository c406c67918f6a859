"""A process pool for the pipeline: ``--workers N``.

Each worker process builds its own jieba dictionary, spaCy pipeline and OpenCC converter on
first use (they cannot be pickled, and nothing is sent to a worker but the function and its
input); the processes are started by a fork server that has imported the pipeline's modules
and nothing else, so they start fast and inherit no open store, lock or thread of the parent.
(As with any spawn or fork-server pool, a script that uses it needs the
``if __name__ == "__main__":`` guard; the ``polex`` command has it.) Results come back in input order, at most ``window`` inputs ahead of
the one the caller is waiting for, so memory stays bounded however long the batch is.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def warm_up() -> None:
    """Per-process set-up, in the worker: the segmenter and the spaCy pipeline are built here."""
    from extractor.segment.tokens import get_segmenter

    get_segmenter().cut("预热")


def ordered(submit: Callable[[Any], Any], items: Iterable[Any], window: int) -> Iterator[Any]:
    """Results of ``submit(item).result()`` in input order, with at most ``window`` in flight."""
    pending: deque = deque()
    it = iter(items)
    for item in it:
        pending.append(submit(item))
        if len(pending) >= window:
            break
    while pending:
        fut = pending.popleft()
        for item in it:  # keep the window full while we wait
            pending.append(submit(item))
            break
        yield fut.result()


def imap(fn: Callable[[T], R], items: Iterable[T], workers: int | None = None) -> Iterator[R]:
    """``map(fn, items)`` on ``workers`` processes (in this process when 1), results in order.

    ``fn`` must be a module-level function (it is sent by name), or a ``functools.partial`` of
    one; an exception it raises is raised here, for that item — the batch functions catch
    per-document errors inside ``fn`` so that one bad document never stops the others. A
    worker process that dies (killed, out of memory, a crash in a C library) breaks the pool:
    the item being waited for is run again alone in a fresh process, so the one that kills its
    process is found; it gets ``fn.on_crash(item, message)`` when ``fn`` defines it (else the
    error is raised), and the pool starts again for the rest.
    """
    workers = default_workers() if workers is None else workers
    it = iter(items)
    head = list(itertools.islice(it, 2))
    if workers <= 1 or len(head) < 2:  # one input: starting processes would cost more than it
        yield from map(fn, itertools.chain(head, it))
        return
    it = itertools.chain(head, it)
    on_crash = getattr(fn, "on_crash", None) or getattr(getattr(fn, "func", None), "on_crash", None)
    ctx = _context()
    # inputs in flight: 8 per worker, so that one long notice at the head of the queue does not
    # leave the other workers idle (bench_scale --repeat 16 on 2 cores, load ~1.7: 4 per worker gave
    # 1.75x, 8 gave 1.86x and 1.95x); the rows of a corpus notice are ~90 KB pickled
    window = 8 * workers
    pending: deque[tuple[T, Future]] = deque()
    ex = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm_up)
    try:
        def fill() -> None:
            for item in it:
                pending.append((item, ex.submit(fn, item)))
                if len(pending) >= window:
                    break

        fill()
        while pending:
            item, fut = pending.popleft()
            try:
                result = fut.result()
            except BrokenProcessPool:
                result = _alone(fn, item, ctx, on_crash)
                ex.shutdown(wait=False, cancel_futures=True)
                ex = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm_up)
                pending = deque((i, ex.submit(fn, i)) for i, _ in pending)
            fill()
            yield result
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _alone(fn: Callable[[T], R], item: T, ctx: Any, on_crash: Callable[[T, str], R] | None) -> R:
    """``fn(item)`` in a process of its own: the result, or what a crash means for the item."""
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=warm_up) as solo:
        try:
            return solo.submit(fn, item).result()
        except BrokenProcessPool:
            if on_crash is None:
                raise
            return on_crash(item, "the worker process died on it (killed, out of memory, or a crash)")


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        # the fork server imports the pipeline's modules once (spaCy's import alone is most of
        # a worker's start-up); every worker forks from it and builds its own objects lazily
        ctx.set_forkserver_preload(["extractor.pipeline"])
        return ctx
    return multiprocessing.get_context("spawn")
