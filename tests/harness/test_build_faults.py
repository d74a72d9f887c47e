"""Fault harness for build integrity (issue 20), slow: seeded random runs over a small generated
portal, each ending in an output compared byte for byte with a cold build of the same sources.

(a) random edit sequences (bodies, titles, dates, new and deleted items, git commits dated
    before and after ``now``, ``now`` moving on), each built incrementally; (b) ``kill -9`` of
    the whole process group or of the main process only at a random moment, then a build that
    must match a cold one and leave no process behind; (c) two or three builds racing into one
    output, each finishing whole.

``PORTAL_HARNESS_SEED`` picks the seed (default ``SEED``); every run prints its seed, counts and
worst times, so a failure can be replayed. Run with ``make test-slow`` or
``pytest -m slow tests/harness -s``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from builds import kill_session, session_processes, start_build, wait_for
from portal import swap
from portal.build import build
from support import DEMO_NOW, SETTINGS, SITES_YML, article, write_tree
from trees import SHOW, differences

pytestmark = pytest.mark.slow

SEED = 20261207
WORDS = [
    "đất",
    "đai",
    "thủ",
    "tục",
    "hành",
    "chính",
    "cấp",
    "xã",
    "huyện",
    "người",
    "dân",
    "hồ",
    "sơ",
    "trực",
    "tuyến",
    "lịch",
    "họp",
]


def seed() -> int:
    return int(os.environ.get("PORTAL_HARNESS_SEED", SEED))


class Portal:
    """A small generated portal (a parent and a member) in a git repository, that random edits
    and commits (dated around ``now``, some after it) change."""

    def __init__(self, root: Path, rng: random.Random):
        self.rng = rng
        self.repo = root / "repo"
        self.content = self.repo / "content"
        self.root = root
        self.now = DEMO_NOW
        self.counter = 0
        write_tree(self.content, {"sites.yml": SITES_YML})
        self.git("init", "-q", "-b", "main")
        for _ in range(4):
            self.add("huyen")
            self.add("xa")
        self.commit(-48)
        self.colds = 0

    def git(self, *args: str, when: dt.datetime | None = None) -> None:
        env = {**os.environ, "GIT_AUTHOR_NAME": "Ban biên tập", "GIT_COMMITTER_NAME": "BBT"}
        env |= {"GIT_AUTHOR_EMAIL": "bbt@huyen.example", "GIT_COMMITTER_EMAIL": "bbt@x.example"}
        if when is not None:
            env |= {"GIT_AUTHOR_DATE": when.isoformat(), "GIT_COMMITTER_DATE": when.isoformat()}
        subprocess.run(["git", *args], cwd=self.repo, env=env, check=True, capture_output=True)

    def commit(self, hours: int) -> str:
        """Commit everything, dated ``hours`` from ``now`` (after it: the build must not show
        it until ``now`` passes it)."""
        when = self.now + dt.timedelta(hours=hours)
        self.git("add", "-A", "content")
        self.git("commit", "-q", "--allow-empty", "-m", f"Sửa {self.counter}", when=when)
        return f"commit at {when:%Y-%m-%d %H:%M}"

    def text(self, words: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    def add(self, site: str) -> str:
        self.counter += 1
        category = '"Thông báo"' if site == "huyen" else '"Tin tức - Sự kiện"'
        day = self.rng.randint(1, 21)
        body = "\n\n".join(self.text(12) for _ in range(2))
        name = f"{site}/articles/tin-{self.counter}.md"
        write_tree(
            self.content,
            {
                name: article(
                    f"Tin số {self.counter}: {self.text(3)}",
                    body=body,
                    date=f"2026-11-{day:02d} 08:{self.counter % 60:02d}",
                    category=category,
                )
            },
        )
        return f"add {name}"

    def articles(self) -> list[Path]:
        return sorted(self.content.glob("*/articles/*.md"))

    def step(self) -> str:
        """One random edit; what it was."""
        kind = self.rng.choice(["body", "title", "date", "add", "delete", "now", "commit"])
        if kind == "commit":
            return self.commit(self.rng.choice([-5, -1, 2, 20]))
        files = self.articles()
        if kind == "add" or len(files) < 3:
            return self.add(self.rng.choice(["huyen", "xa"]))
        path = self.rng.choice(files)
        rel = path.relative_to(self.content).as_posix()
        text = path.read_text(encoding="utf-8")
        if kind == "body":
            path.write_text(text + "\n" + self.text(8) + "\n", encoding="utf-8")
        elif kind == "title":
            path.write_text(text.replace('title: "', f'title: "{self.text(1)} ', 1), "utf-8")
        elif kind == "date":  # sometimes into the future: scheduled, then published by time
            hours = self.rng.choice([-30, 5, 26, 50])
            moment = (self.now + dt.timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")
            lines = [f"date: {moment}" if ln.startswith("date:") else ln for ln in text.split("\n")]
            path.write_text("\n".join(lines), encoding="utf-8")
        elif kind == "delete":
            path.unlink()
        else:
            self.now += dt.timedelta(hours=self.rng.choice([3, 13, 25]))
            return f"now → {self.now:%Y-%m-%d %H:%M}"
        return f"{kind} {rel}"

    def cold(self, search: bool) -> Path:
        self.colds += 1
        out = self.root / f"cold-{self.colds}"
        build(self.content, out, SETTINGS, now=self.now, search=search, incremental=False, jobs=1)
        return out

    def assert_same_as_cold(self, output: Path, search: bool, context: str) -> None:
        problems = differences(self.cold(search), output)
        assert not problems, (
            f"seed {seed()}, {context}: {len(problems)} differences, first: {problems[:SHOW]}"
        )


def test_random_edits_incremental_equals_cold(tmp_path):
    rng = random.Random(seed())
    portal = Portal(tmp_path, rng)
    output = tmp_path / "output"
    steps, rebuilt, worst = 14, 0, 0.0
    history: list[str] = []
    build(portal.content, output, SETTINGS, now=portal.now, search=False, jobs=1)
    for number in range(steps):
        history.append(portal.step())
        started = time.perf_counter()
        result = build(portal.content, output, SETTINGS, now=portal.now, search=False, jobs=1)
        worst = max(worst, time.perf_counter() - started)
        rebuilt += sum(not s.kept for s in result.sites)
        portal.assert_same_as_cold(output, False, f"step {number}: {history}")
    print(
        f"\n(a) seed {seed()}: {steps} edits, {rebuilt} site builds, slowest incremental "
        f"{worst:.2f} s; edits: {history}"
    )


def test_kill_9_at_random_moments(tmp_path):
    rng = random.Random(seed() + 1)
    portal = Portal(tmp_path, rng)
    output = tmp_path / "output"
    trials, killed_whole, killed_main, worst_gone, worst_recover = 8, 0, 0, 0.0, 0.0
    build(portal.content, output, SETTINGS, now=portal.now, jobs=1)
    for trial in range(trials):
        edit = portal.step()
        process = start_build(
            portal.content,
            output,
            SETTINGS,
            "--jobs",
            "2",
            "--now",
            portal.now.strftime("%Y-%m-%d %H:%M"),
            log=tmp_path / f"killed-{trial}.log",
        )
        delay = rng.uniform(0.3, 2.5)
        whole = rng.random() < 0.5
        try:
            time.sleep(delay)
            if process.poll() is None:
                if whole:
                    os.killpg(process.pid, signal.SIGKILL)
                    killed_whole += 1
                else:
                    os.kill(process.pid, signal.SIGKILL)
                    killed_main += 1
            process.wait()
            started = time.monotonic()
            pid = process.pid
            gone = wait_for(lambda pid=pid: not session_processes(pid), 10)
            worst_gone = max(worst_gone, time.monotonic() - started)
            assert gone, f"seed {seed()}, trial {trial}: left {session_processes(process.pid)}"
        finally:
            kill_session(process.pid)
        started = time.perf_counter()
        build(portal.content, output, SETTINGS, now=portal.now, jobs=1, wait=30)
        worst_recover = max(worst_recover, time.perf_counter() - started)
        assert swap.stagings(output) == []
        portal.assert_same_as_cold(
            output,
            True,
            f"trial {trial} ({edit}; killed {'group' if whole else 'main'} after {delay:.2f} s)",
        )
    print(
        f"\n(b) seed {seed()}: {trials} builds started, {killed_whole} process groups and "
        f"{killed_main} main processes killed (the rest had finished); processes gone within "
        f"{worst_gone:.2f} s at worst; slowest recovery build {worst_recover:.2f} s"
    )


def test_builds_racing_into_one_output(tmp_path):
    rng = random.Random(seed() + 2)
    portal = Portal(tmp_path, rng)
    output = tmp_path / "output"
    rounds, builds, worst = 3, 0, 0.0
    for number in range(rounds):
        edit = portal.step()
        count = rng.choice([2, 3])
        processes = []
        started = time.monotonic()
        try:
            for index in range(count):
                args = ["--now", portal.now.strftime("%Y-%m-%d %H:%M"), "--wait", "120"]
                if rng.random() < 0.3:
                    args.append("--full")
                log = tmp_path / f"race-{number}-{index}.log"
                processes.append(
                    (start_build(portal.content, output, SETTINGS, *args, log=log), log)
                )
                time.sleep(rng.uniform(0, 0.5))
            for process, log in processes:
                code = process.wait(300)
                assert code == 0, f"seed {seed()}, round {number}: {log.read_text()}"
        finally:
            for process, _log in processes:
                kill_session(process.pid)
        worst = max(worst, time.monotonic() - started)
        builds += count
        assert swap.stagings(output) == []
        portal.assert_same_as_cold(output, True, f"round {number} ({edit}, {count} builds)")
    print(
        f"\n(c) seed {seed()}: {rounds} rounds, {builds} builds racing, all finished whole; "
        f"slowest round {worst:.1f} s"
    )
