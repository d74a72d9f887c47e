"""Sites built side by side: one forked worker process per core, each running Pelican (and
Pagefind) for one site at a time.

Pelican renders in one thread, so a build of a parent and its members used one core of two.
Workers are forked after the catalog is read, so each starts with every site's catalog without
pickling it; each returns only its small result. The largest sites start first, so that a big
parent does not run alone at the end. ``jobs=1`` builds in the calling process, as before.

Workers die with the build: each asks the kernel for SIGKILL when its parent ends
(``prctl(PR_SET_PDEATHSIG)``, Linux), then checks that its parent is still the one that forked
it (a parent killed before the request was made goes unnoticed otherwise). A build killed with
``kill -9`` (the OOM killer's way) leaves no worker writing on, nor holding the output's lock.
The signal follows the thread that forked the workers: ``run_all`` returns only once they are
gone, so that thread outlives them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from typing import TypeVar

T = TypeVar("T")

_TASK: dict[str, Callable] = {}
try:
    _MALLOC_TRIM = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
except (OSError, AttributeError):  # not glibc
    _MALLOC_TRIM = None
try:
    _PRCTL = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
except (OSError, AttributeError):  # not Linux
    _PRCTL = None
PR_SET_PDEATHSIG = 1


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def die_with_parent(parent: int, sig: int = signal.SIGKILL) -> None:
    """In a child (a forked worker, or a program between fork and exec): get ``sig`` when the
    process ``parent`` ends, however it ends; end now if it already has (this process was
    adopted by another before the request was made). Linux only; elsewhere nothing happens."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, sig, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def dies_with_this_process(sig: int = signal.SIGKILL) -> Callable[[], None]:
    """A ``preexec_fn`` for ``subprocess``: the program started gets ``sig`` when this process
    ends (a build killed with ``kill -9`` leaves no Pagefind or nginx behind)."""
    parent = os.getpid()
    return lambda: die_with_parent(parent, sig)


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
    # Memory freed before the fork (garbage of what came before) is given back first, or each
    # worker would start with it too.
    frozen = gc.get_freeze_count() > 0  # by the build (``portal.build``): it unfreezes
    gc.collect()
    release_free_memory()
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            jobs,
            mp_context=multiprocessing.get_context("fork"),
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            futures = {key: pool.submit(_run, key) for key in keys}
            done, _ = wait(futures.values(), return_when=FIRST_EXCEPTION)
            failed = next((f for f in done if f.exception() is not None), None)
            if failed is not None:
                pool.shutdown(wait=True, cancel_futures=True)
                raise failed.exception()
            return [futures[key].result() for key in keys]
    finally:
        if not frozen:
            gc.unfreeze()
        _TASK.clear()
        release_free_memory()


def release_free_memory() -> None:
    """Give the memory Python freed back to the system (glibc keeps it otherwise): the results
    the workers sent back were large and short-lived."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
