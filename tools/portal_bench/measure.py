"""Measuring a command: wall time, CPU time and peak memory of its whole process tree, and the
machine it ran on. Shared by the benchmarks (``portal_bench.search``, ``portal_bench.builds``).

Memory is the summed resident memory of the process and all its descendants, sampled (a
grandchild such as Pagefind's binary counts). CPU time is user + system time from
``os.wait4``: the process's own and that of every descendant it waited for.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import platform
import re
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.02
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _processes() -> dict[int, tuple[int, int]]:
    """Every process: pid → (parent pid, resident bytes), from /proc/<pid>/stat (its ``rss``
    field is the counter /proc/<pid>/status shows as VmRSS; one read gives both values)."""
    found: dict[int, tuple[int, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:  # it ended meanwhile
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()
        found[int(entry.name)] = (int(fields[1]), int(fields[21]) * _PAGE)
    return found


def _pss(pid: int) -> int | None:
    """The proportional set size of a process, in bytes: its private pages plus its share of
    pages it shares with others (None when the kernel does not say)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def tree_memory(root: int) -> int:
    """Memory of ``root`` and all its descendants, in bytes: the sum of their proportional set
    sizes, so that pages shared between them (a forked worker's copy-on-write memory, shared
    libraries) count once, not once per process as summed resident sizes would; resident size
    where the kernel gives no PSS."""
    processes = _processes()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in processes.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid in processes:
            pss = _pss(pid)
            total += pss if pss is not None else processes[pid][1]
        todo.extend(children.get(pid, ()))
    return total


@dataclass
class Measured:
    """One measured run of a command."""

    seconds: float
    peak_bytes: int
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0  # user + system, the process and the descendants it waited for


def run_measured(
    argv: Sequence[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    sample: float = SAMPLE_SECONDS,
) -> Measured:
    """Run ``argv``; sample the process tree's resident memory every ``sample`` seconds until
    it ends. The end is taken by a thread blocked in ``wait4``, so the wall time does not
    depend on the sampling interval."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=out, stderr=err)
        ended: dict[str, object] = {}
        done = threading.Event()

        def reap() -> None:
            _, status, usage = os.wait4(process.pid, 0)
            ended.update(at=time.perf_counter(), status=status, usage=usage)
            done.set()

        threading.Thread(target=reap, name="bench-wait4", daemon=True).start()
        peak = 0
        while not done.is_set():
            peak = max(peak, tree_memory(process.pid))
            done.wait(sample)
        usage = ended["usage"]
        process.returncode = os.waitstatus_to_exitcode(ended["status"])  # reaped by wait4
        out.seek(0)
        err.seek(0)
        return Measured(
            ended["at"] - started,
            max(peak, usage.ru_maxrss * 1024),  # a run shorter than one sample
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_utime + usage.ru_stime,
        )


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def machine_info() -> dict[str, str]:
    info = {
        "cores": str(os.cpu_count()),
        "cores usable": str(len(os.sched_getaffinity(0))),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }
    with contextlib.suppress(OSError):
        text = Path("/proc/cpuinfo").read_text()
        model = re.search(r"^model name\s*:\s*(.+)$", text, re.M)
        if model:
            info["cpu"] = model[1].strip()
    with contextlib.suppress(OSError, AttributeError):
        kib = re.search(r"^MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text(), re.M)
        info["memory"] = f"{int(kib[1]) / 1024 / 1024:.1f} GB"
    with contextlib.suppress(importlib.metadata.PackageNotFoundError):
        info["pagefind"] = importlib.metadata.version("pagefind")
    return info


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as ``uptime`` shows them."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())
