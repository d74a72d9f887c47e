"""Builds as separate processes, for the tests of concurrent, killed and racing builds: the
``portal build`` command in a session of its own, a plugin that holds a build at a chosen point
until the test lets it go, and the processes of a session as /proc lists them."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from support import REPO

PORTAL = str(Path(sys.executable).with_name("portal"))
DEMO_NOW_ARG = "2026-11-22 12:00"  # support.DEMO_NOW

# Pauses a build in the Pelican run of the site named by PORTAL_TEST_PAUSE_SITE (in whichever
# process runs it: a worker when jobs > 1), once its pages are written: writes
# <PORTAL_TEST_PAUSE_DIR>/paused-<site>, then waits for <PORTAL_TEST_PAUSE_DIR>/go (at most 60 s).
PAUSE_PLUGIN = """
import os
import time
from pathlib import Path

from pelican import signals


def pause(pelican):
    site = pelican.settings["PORTAL_SITE"].id
    folder = os.environ.get("PORTAL_TEST_PAUSE_DIR")
    if not folder or os.environ.get("PORTAL_TEST_PAUSE_SITE") != site:
        return
    (Path(folder) / f"paused-{site}").write_text(str(os.getpid()))
    deadline = time.monotonic() + 60
    while not (Path(folder) / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def register():
    signals.finalized.connect(pause)
"""


def pausing_settings(root: Path) -> Path:
    """Settings (the repository's) with the pause plugin; without the PORTAL_TEST_PAUSE_*
    variables they build exactly as the repository's."""
    plugins = root / "pause-plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    (plugins / "pause_build.py").write_text(PAUSE_PLUGIN, encoding="utf-8")
    settings = root / "pausing.py"
    settings.write_text(
        "import sys\n"
        f"sys.path[:0] = [{str(plugins)!r}, {str(REPO)!r}]\n"
        "from pelicanconf import *\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        "PLUGINS = PLUGINS + ['pause_build']\n",
        encoding="utf-8",
    )
    return settings


def start_build(
    content: Path,
    output: Path,
    settings: Path,
    *args: str,
    pause: tuple[str, Path] | None = None,
    log: Path | None = None,
) -> subprocess.Popen:
    """``portal build`` in a new session (its process group id is its pid); ``pause`` =
    (site, folder) holds it in that site's run. Output and errors go to ``log``."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("PORTAL_TEST_PAUSE_SITE", None)
    if pause:
        env |= {"PORTAL_TEST_PAUSE_SITE": pause[0], "PORTAL_TEST_PAUSE_DIR": str(pause[1])}
    argv = [PORTAL, "build", "--content", str(content), "--output", str(output)]
    argv += ["--settings", str(settings), "--now", DEMO_NOW_ARG, *args]
    handle = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (closed by the child's end)
    try:
        return subprocess.Popen(
            argv, stdout=handle, stderr=handle, env=env, start_new_session=True, cwd=REPO
        )
    finally:
        if log:
            handle.close()


def wait_for(predicate, timeout: float, step: float = 0.02) -> bool:
    """Poll ``predicate`` until it is true (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())


def session_processes(session: int) -> list[int]:
    """Live (not zombie) processes whose session id is ``session``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, sid = fields[0], int(fields[3])
        if sid == session and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def kill_session(session: int) -> None:
    """SIGKILL every process left in ``session`` (cleanup after a test)."""
    for pid in session_processes(session):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
