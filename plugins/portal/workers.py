"""Sites built side by side: one forked worker process per core, each running Pelican (and
Pagefind) for one site at a time.

Pelican renders in one thread, so a build of a parent and its members used one core of two.
Workers are forked after the catalog is read, so each starts with every site's catalog without
pickling it; each returns only its small result. The largest sites start first, so that a big
parent does not run alone at the end. ``jobs=1`` builds in the calling process, as before.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from typing import TypeVar

T = TypeVar("T")

_TASK: dict[str, Callable] = {}


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def fork_lock():
    """A lock shared by the workers forked after it is made (a plain one where there is no
    fork: everything then runs in this process)."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork").Lock()
    return threading.Lock()


def _run(key: str) -> object:
    return _TASK["run"](key)


def run_all(keys: list[str], run: Callable[[str], T], jobs: int) -> list[T]:
    """``run(key)`` for every key, in up to ``jobs`` forked processes; results in ``keys``
    order. The first failure cancels what has not started and is raised here."""
    jobs = max(1, min(jobs, len(keys)))
    if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [run(key) for key in keys]
    _TASK["run"] = run  # inherited by the forked workers
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
        _TASK.clear()
