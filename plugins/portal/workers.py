"""Sites built side by side: one forked worker process per core, each running Pelican (and
Pagefind) for one site at a time.

Pelican renders in one thread, so a build of a parent and its members used one core of two.
Workers are forked after the catalog is read, so each starts with every site's catalog without
pickling it; each returns only its small result. The largest sites start first, so that a big
parent does not run alone at the end. ``jobs=1`` builds in the calling process, as before.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from typing import TypeVar

T = TypeVar("T")

_TASK: dict[str, Callable] = {}
try:
    _MALLOC_TRIM = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
except (OSError, AttributeError):  # not glibc
    _MALLOC_TRIM = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _run(key: str) -> object:
    return _TASK["run"](key)


def run_all(keys: list[str], run: Callable[[str], T], jobs: int) -> list[T]:
    """``run(key)`` for every key, in up to ``jobs`` forked processes; results in ``keys``
    order. The first failure cancels what has not started and is raised here."""
    jobs = max(1, min(jobs, len(keys)))
    if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [run(key) for key in keys]
    _TASK["run"] = run  # inherited by the forked workers
    # What exists now is shared with the workers copy-on-write; a garbage collection in a
    # worker would touch every object and copy the pages. Frozen objects are never scanned.
    gc.collect()
    gc.freeze()
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {key: pool.submit(_run, key) for key in keys}
            done, _ = wait(futures.values(), return_when=FIRST_EXCEPTION)
            failed = next((f for f in done if f.exception() is not None), None)
            if failed is not None:
                pool.shutdown(wait=True, cancel_futures=True)
                raise failed.exception()
            return [futures[key].result() for key in keys]
    finally:
        gc.unfreeze()
        _TASK.clear()
        release_free_memory()


def release_free_memory() -> None:
    """Give the memory Python freed back to the system (glibc keeps it otherwise): the results
    the workers sent back were large and short-lived."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
