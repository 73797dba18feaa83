"""Run the per-document step over many files: in this process, a process pool, or a Dask cluster.

The pool starts its workers from a fork server that has imported and warmed the pipeline once
(pipeline/worker.py); :func:`start` launches that server early, so it loads on another core while
the build plans and copies the database. As with any multiprocessing, a script that builds with
``jobs > 1`` keeps its work under ``if __name__ == "__main__":``.

:func:`ordered` yields each batch's result in input order whatever finishes first, and keeps only
a few batches in flight per worker, so memory stays flat however large the corpus is.
"""
from __future__ import annotations

import os
import multiprocessing
from collections import deque
from typing import Callable, Iterable, Iterator

from .document import process_batch

BATCH = 4  # documents per task: small enough to balance, large enough to amortise a task's cost
IN_PROCESS_BELOW = 64  # documents: fewer are done here, sooner than a pool starts (a rebuild with a few changed)
AHEAD = 16  # batches in flight per worker: enough that a pause of the writer (a flush) leaves none idle


def batches(items: list, size: int = BATCH) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _window(submit: Callable, work: Iterable, depth: int) -> Iterator:
    """Results of ``submit(item).result()`` in order, at most ``depth`` submitted ahead."""
    pending = deque()
    for item in work:
        pending.append(submit(item))
        if len(pending) >= depth:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def pooled(n: int, jobs: int, scheduler: str | None = None) -> bool:
    """Whether ``n`` documents are done by this machine's process pool."""
    return not scheduler and jobs > 1 and n >= max(2, IN_PROCESS_BELOW)


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.worker"])
    return ctx


def start() -> None:
    """Launch the pool's fork server now (it returns at once): by the first task it has loaded
    the pipeline, taking none of this process's time."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def ordered(paths: list, jobs: int = 1, scheduler: str | None = None) -> Iterator:
    """``process_batch`` over ``paths`` in batches: yields lists of Outcomes in input order."""
    workers = 1 if jobs <= 1 and not scheduler else max(jobs, 2)
    # a few batches per worker at least, so a small build still spreads over every worker
    work = batches([os.fspath(p) for p in paths], max(1, min(BATCH, len(paths) // (workers * 2))))
    if scheduler:
        yield from _on_dask(work, scheduler)
    elif not pooled(len(paths), jobs) or len(work) <= 1:
        yield from map(process_batch, work)
    else:
        yield from _on_pool(work, jobs)


def _on_pool(work, jobs: int) -> Iterator:
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: workers start from a clean process that has imported the pipeline once, not from
    # a copy of this one (which may hold threads, open databases and a progress bar)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
        try:
            yield from _window(lambda b: pool.submit(process_batch, b), work, jobs * AHEAD)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


class SchedulerError(RuntimeError):
    """No Dask here, or no scheduler at the address: the build stops before writing anything."""


def _on_dask(work, address: str) -> Iterator:
    """The same tasks on a Dask distributed cluster (``pip install 'doudi[dask]'``); its workers
    need doudi installed, and read the files at the paths given, so share the corpus with them."""
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError("--scheduler needs Dask distributed: pip install 'doudi[dask]'") from None
    try:
        client = Client(address, timeout=10)
    except (OSError, TimeoutError, ValueError) as e:
        raise SchedulerError(f"no Dask scheduler at {address}: {e}") from None
    with client:
        workers = max(1, sum(client.nthreads().values()))
        yield from _window(lambda b: client.submit(process_batch, b, pure=False), work, workers * AHEAD)
