"""The deploy workflow's statistics steps, run as GitHub runs them (bash -eo pipefail) against
a real git remote in a temporary folder: the logs job's step reads the aggregates from the
branch portal-stats (or starts empty), ingests the fetched logs and removes them, and the
stats-record job's step replaces the branch. The repository's own stats/ (the demo's) never
reach it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_workflows import WORKFLOWS, load

from support import REPO, run_step

LOGS = REPO / "demo" / "logs"


def step(job: str, name_start: str) -> str:
    workflow = load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    [found] = [s for s in workflow["jobs"][job]["steps"] if s["name"].startswith(name_start)]
    return found["run"]


INGEST = step("logs", "Add the logs to the visit statistics")
RECORD = step("stats-record", "Replace the branch portal-stats")


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def remote(tmp_path) -> Path:
    bare = tmp_path / "server" / "org" / "portal.git"
    bare.mkdir(parents=True)
    git("init", "--quiet", "--bare", cwd=bare)
    return bare


def run(script: str, cwd: Path, tmp_path: Path, reachable: bool = True, **env: str):
    """``script`` as a step of the runner: GitHub's environment, the token URL rewritten by git
    to the folder standing in for github.com."""
    output = tmp_path / f"github-output-{cwd.name}"
    output.write_text("", encoding="utf-8")
    server = (tmp_path / "server").as_uri() + "/" if reachable else "file:///nonexistent/"
    environment = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "GITHUB_TOKEN": "token",
        "GITHUB_SERVER_URL": "https://github.example",
        "GITHUB_REPOSITORY": "org/portal",
        "GITHUB_OUTPUT": str(output),
        "LOGS_FETCHED": "success",
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{server}.insteadOf",
        "GIT_CONFIG_VALUE_0": "https://x-access-token:token@github.example/",
        **env,
    }
    return run_step(script, cwd, environment, output)


def checkout(tmp_path: Path, name: str) -> Path:
    """A build job's working folder: the repository (its demo stats/ included), make install's
    .venv, and the logs job's artifact (the parent's nginx logs in logs/<site-id>/, a
    member's CloudFront logs loose in logs/)."""
    folder = tmp_path / name
    folder.mkdir()
    git("init", "--quiet", cwd=folder)
    (folder / ".venv").symlink_to(REPO / ".venv")
    (folder / "content").symlink_to(REPO / "content")
    shutil.copytree(REPO / "stats", folder / "stats")
    (folder / "logs" / "tinh-lam-giang").mkdir(parents=True)
    for path in sorted((LOGS / "tinh-lam-giang").glob("access.log-2026111*.gz")):
        shutil.copy(path, folder / "logs" / "tinh-lam-giang" / path.name)
    for path in sorted((LOGS / "xa-phuoc-dinh").iterdir())[-2:]:
        shutil.copy(path, folder / "logs" / path.name)
    return folder


def record(tmp_path: Path, built: Path) -> subprocess.CompletedProcess:
    """The stats-record job: the build's stats/ as its artifact, then the step."""
    folder = tmp_path / f"record-{built.name}"
    folder.mkdir()
    shutil.copytree(built / "stats", folder / "stats")
    done, _ = run(RECORD, folder, tmp_path)
    return done


def branch_files(remote: Path) -> dict[str, bytes]:
    names = git("ls-tree", "--name-only", "portal-stats", cwd=remote).split()
    return {
        n: subprocess.check_output(["git", "show", f"portal-stats:{n}"], cwd=remote) for n in names
    }


def test_first_run_starts_empty_then_the_branch_carries_the_numbers(tmp_path, remote):
    first = checkout(tmp_path, "first")
    done, outputs = run(INGEST, first, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert outputs == {"record": "true"}
    # Only what the logs gave: the demo's numbers of the repository are gone.
    assert sorted(p.name for p in (first / "stats").glob("*.json")) == [
        "tinh-lam-giang.json",
        "xa-phuoc-dinh.json",
    ]
    assert "tinh-lam-giang: " in done.stdout and "xa-phuoc-dinh: " in done.stdout
    # The raw logs (readers' addresses) end in the job that fetched them: only counts go on.
    assert not (first / "logs").exists()
    assert not list((first / "stats").glob(".*"))
    assert record(tmp_path, first).returncode == 0
    stored = branch_files(remote)
    assert sorted(stored) == ["tinh-lam-giang.json", "xa-phuoc-dinh.json"]  # no lock file
    assert stored["tinh-lam-giang.json"] == (first / "stats" / "tinh-lam-giang.json").read_bytes()
    assert git("rev-list", "--count", "portal-stats", cwd=remote).strip() == "1"

    # The next run fetches the branch; the same logs (fetched again) add nothing.
    second = checkout(tmp_path, "second")
    done, outputs = run(INGEST, second, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert outputs == {"record": "true"}
    assert done.stdout.count("Không có lượt xem mới.") == 2
    for name, data in stored.items():
        assert (second / "stats" / name).read_bytes() == data
    assert record(tmp_path, second).returncode == 0
    assert git("rev-list", "--count", "portal-stats", cwd=remote).strip() == "1"  # replaced


def test_an_unreadable_branch_builds_without_statistics_and_records_nothing(tmp_path):
    folder = checkout(tmp_path, "offline")
    done, outputs = run(INGEST, folder, tmp_path, reachable=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert outputs == {"record": "false"}
    assert "::warning::Không đọc được nhánh portal-stats" in done.stdout
    assert list((folder / "stats").iterdir()) == []


def test_a_bad_log_warns_but_does_not_stop_the_deploy(tmp_path, remote):
    folder = checkout(tmp_path, "bad")
    (folder / "logs" / "tinh-lam-giang" / "access.log").write_bytes(b"\x00\x01 not a log\n")
    done, outputs = run(INGEST, folder, tmp_path, LOGS_FETCHED="failure")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "::warning::Không lấy được nhật ký truy cập" in done.stdout
    assert "::warning::Một số nhật ký truy cập không đọc được" in done.stdout
    assert outputs == {"record": "true"}
    assert (folder / "stats" / "tinh-lam-giang.json").is_file()  # the good files still counted
