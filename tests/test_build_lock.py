"""One build at a time per output: a second build waits for the first (or gives up clearly),
each run stages in a folder of its own, a killed build leaves neither workers nor a lock
behind, and "unchanged" is trusted only when the output is still what the last build left."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
from click.testing import CliRunner

from builds import (
    PORTAL,
    kill_session,
    pausing_settings,
    session_processes,
    start_build,
    wait_for,
)
from portal import swap
from portal.build import build
from portal.cli import main
from portal.lock import BuildLocked, build_lock, lock_path
from support import DEMO_NOW, REPO, SETTINGS, article
from trees import SHOW, differences

FILES = {
    "huyen/articles/a.md": article("Tin của huyện"),
    "huyen/articles/b.md": article("Tin thứ hai của huyện", date="2026-11-19 08:00"),
    "xa/articles/c.md": article("Tin của xã", category='"Tin tức - Sự kiện"'),
}


@pytest.fixture
def small(make_content):
    """Two small sites."""
    return make_content(FILES)


def cold(content, root, settings=SETTINGS):
    """A cold build of ``content`` into a fresh folder under ``root``."""
    out = root / f"cold-{time.monotonic_ns()}"
    build(content, out, settings, now=DEMO_NOW, search=False, incremental=False, jobs=1)
    return out


def test_a_second_build_waits_for_the_first_and_both_finish_whole(small, tmp_path):
    """Build A is held inside its parent's run; build B of the same output starts. B must wait
    for A (not delete A's staging or swap its folders), then both succeed and the output is
    what a cold build makes."""
    settings = pausing_settings(tmp_path)
    output = tmp_path / "output"
    pauses = tmp_path / "pauses"
    pauses.mkdir()
    first = start_build(
        small,
        output,
        settings,
        "--no-search",
        "--jobs",
        "2",
        pause=("huyen", pauses),
        log=tmp_path / "a.log",
    )
    second = None
    try:
        assert wait_for(lambda: (pauses / "paused-huyen").exists(), 60), (
            tmp_path / "a.log"
        ).read_text()
        second = start_build(small, output, settings, "--no-search", log=tmp_path / "b.log")
        # B says it waits (the fault: it went ahead, deleting A's staging).
        waited = wait_for(
            lambda: "Đang chờ" in (tmp_path / "b.log").read_text() or second.poll() is not None,
            60,
        )
        assert waited
        (pauses / "go").touch()
        assert first.wait(120) == 0, (tmp_path / "a.log").read_text()
        assert second.wait(120) == 0, (tmp_path / "b.log").read_text()
    finally:
        (pauses / "go").touch()
        for process in (first, second):
            if process is not None:
                kill_session(process.pid)
                process.wait()
    text = (tmp_path / "b.log").read_text()
    assert "Đang chờ một lần xây dựng khác" in text and "waiting for another build" in text
    problems = differences(cold(small, tmp_path, settings), output)
    assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"
    assert swap.stagings(output) == []


def test_a_build_gives_up_clearly_when_the_wait_ends(small, tmp_path):
    output = tmp_path / "output"
    with build_lock(output):
        started = time.monotonic()
        with pytest.raises(BuildLocked) as caught:
            build(small, output, SETTINGS, now=DEMO_NOW, search=False, wait=0.3)
        assert 0.3 <= time.monotonic() - started < 5
        assert "một lần xây dựng khác vẫn đang ghi vào" in caught.value.message
        assert f"pid {os.getpid()}" in caught.value.holder
        result = CliRunner().invoke(
            main,
            ["build", "--content", str(small), "--output", str(output), "--wait", "0"],
        )
    assert result.exit_code == 1
    assert "Chưa xây dựng: một lần xây dựng khác vẫn đang ghi vào" in result.output
    assert "(Build not started: another build is still writing" in result.output
    assert "Traceback" not in result.output
    assert not output.exists()
    # Released: the next build takes the lock at once.
    build(small, output, SETTINGS, now=DEMO_NOW, search=False, wait=0)
    assert (output / "huyen" / "index.html").is_file()


def test_a_build_killed_with_kill_9_leaves_no_worker_and_no_lock(small, tmp_path):
    """The OOM killer's way: SIGKILL to the main process only, while its workers build. Every
    worker must be gone within seconds (the fault: they lived on for good), and the next build
    takes the lock, cleans the dead run's staging and matches a cold build."""
    settings = pausing_settings(tmp_path)
    output = tmp_path / "output"
    pauses = tmp_path / "pauses"
    pauses.mkdir()
    killed = start_build(
        small,
        output,
        settings,
        "--no-search",
        "--jobs",
        "2",
        pause=("xa", pauses),
        log=tmp_path / "killed.log",
    )
    try:
        assert wait_for(lambda: (pauses / "paused-xa").exists(), 60), (
            tmp_path / "killed.log"
        ).read_text()
        worker = int((pauses / "paused-xa").read_text())
        assert worker != killed.pid  # the pause is in a forked worker
        assert len(session_processes(killed.pid)) >= 2
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait()
        started = time.monotonic()
        gone = wait_for(lambda: not session_processes(killed.pid), 5)
        seconds = time.monotonic() - started
        left = session_processes(killed.pid)
    finally:
        (pauses / "go").touch()
        kill_session(killed.pid)
    assert gone, f"processes left {seconds:.1f} s after the kill: {left}"
    print(f"workers gone {seconds:.2f} s after kill -9 of the main process")
    assert swap.stagings(output), "the dead run's staging should still be there"
    build(small, output, settings, now=DEMO_NOW, search=False, wait=5)
    assert swap.stagings(output) == []
    problems = differences(cold(small, tmp_path, settings), output)
    assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"


def test_each_run_stages_in_a_folder_of_its_own(tmp_path):
    output = tmp_path / "output"
    dead = swap.staging_dir(output).with_name(swap.staging_dir(output).name + "-1-dead")
    (dead / "huyen").mkdir(parents=True)
    old_style = swap.staging_dir(output)  # the single staging folder of earlier versions
    old_style.mkdir()
    first = swap.fresh_staging(output)
    assert first.is_dir() and not dead.exists() and not old_style.exists()
    assert first.name.startswith(f".output.building-{os.getpid()}-")
    assert lock_path(output) == tmp_path / ".output.lock"


def test_a_damaged_output_is_built_again_not_kept(small, tmp_path):
    """The record of the last build is trusted only when the output still matches it (the
    fault: an emptied site stayed "unchanged, kept" until --full)."""
    output = tmp_path / "output"
    build(small, output, SETTINGS, now=DEMO_NOW, search=False)
    reference = cold(small, tmp_path)
    page = output / "huyen" / "tin-tuc" / "tin-cua-huyen" / "index.html"
    for damage in ("emptied", "file removed", "file changed"):
        assert page.is_file()
        if damage == "emptied":
            for entry in (output / "huyen").iterdir():
                swap.shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        elif damage == "file removed":
            page.unlink()
        else:
            page.write_text("<p>hỏng</p>", encoding="utf-8")
        result = build(small, output, SETTINGS, now=DEMO_NOW, search=False)
        assert {s.site for s in result.sites if not s.kept} == {"huyen"}, damage
        problems = differences(reference, output)
        assert not problems, f"{damage}: {len(problems)} differences, first: {problems[:SHOW]}"
    # And now it is trusted again.
    result = build(small, output, SETTINGS, now=DEMO_NOW, search=False)
    assert all(s.kept for s in result.sites)


def test_serve_rebuilds_under_the_same_lock(small, tmp_path):
    """``portal serve`` rebuilding while another build holds the output: it says it waits, then
    keeps the old output with a plain message (no traceback), and serves on."""
    settings = tmp_path / "short-wait.py"
    settings.write_text(
        f"import sys\nsys.path[:0] = [{str(REPO)!r}]\nfrom pelicanconf import *\n"
        f"THEME = {str(REPO / 'theme')!r}\nPORTAL_LOCK_WAIT = 0.5\n",
        encoding="utf-8",
    )
    output, log = tmp_path / "output", tmp_path / "serve.log"
    argv = [PORTAL, "serve", "--content", str(small), "--output", str(output)]
    argv += ["--settings", str(settings), "--port", "0", "--no-watch"]
    with build_lock(output), log.open("wb") as handle:
        process = subprocess.Popen(argv, stdout=handle, stderr=handle, start_new_session=True)
        try:
            assert wait_for(lambda: "Đang phục vụ" in log.read_text(), 60), log.read_text()
        finally:
            kill_session(process.pid)
            process.wait()
    text = log.read_text()
    assert "Đang chờ một lần xây dựng khác ghi vào" in text
    assert "Chưa xây dựng lại: một lần xây dựng khác vẫn đang ghi vào" in text
    assert "Traceback" not in text
    assert not (output / "huyen").exists()
