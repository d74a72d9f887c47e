"""Programs a build starts (Pagefind, nginx) end with the process that started them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

MIDDLE = """
import subprocess, sys, time
from portal.workers import dies_with_this_process
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                         preexec_fn=dies_with_this_process())
print(child.pid, flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_a_program_started_by_a_killed_process_ends_with_it():
    middle = subprocess.Popen([sys.executable, "-c", MIDDLE], stdout=subprocess.PIPE, text=True)
    try:
        child = int(middle.stdout.readline())
        assert _alive(child)
        os.kill(middle.pid, signal.SIGKILL)  # the OOM killer's way: no clean-up runs
        middle.wait()
        deadline = time.monotonic() + 5
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not _alive(child), "the program outlived the process that started it"
    finally:
        middle.kill()
        middle.wait()
