"""The deploy workflow's own shell steps, run as GitHub runs them (``bash -eo pipefail``, the
step's ``env``): the origin deploy and the rollback switch against the loopback sshd, the
"anything due?" fingerprint of a timer run, and the PR test job's code-or-content decision
against a real git repository."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from test_origin import A, B

from support import REPO, run_step

pytestmark = pytest.mark.xdist_group("deploy")  # one worker: one sshd, two_builds once
WORKFLOWS = REPO / ".github" / "workflows"


def step(workflow: str, job: str, name_start: str) -> str:
    jobs = yaml.safe_load((WORKFLOWS / workflow).read_text(encoding="utf-8"))["jobs"]
    [found] = [s for s in jobs[job]["steps"] if s.get("name", "").startswith(name_start)]
    return found["run"]


def run(script: str, cwd: Path, tmp_path: Path, **env: str):
    output = tmp_path / "github-output"
    output.write_text("", encoding="utf-8")
    summary = tmp_path / "summary"
    environment = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(tmp_path),
        **env,
    }
    return run_step(script, cwd, environment, output)


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    if not (repo / ".git").exists():
        git("init", "-q", "-b", "main", cwd=repo)
    git("add", "-A", cwd=repo)
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message, cwd=repo)
    return git("rev-parse", "HEAD", cwd=repo)


# -- the origin deploy and the rollback, against sshd on loopback -----------------------------


def test_the_deploy_and_rollback_steps_publish_and_switch(sshd, tmp_path, two_builds):
    ssh, host, home = sshd
    first, second = two_builds
    job = tmp_path / "job"
    job.mkdir()
    (job / "deploy-tool").symlink_to(REPO)  # the step's sparse checkout of plugins/portal
    root = tmp_path / "srv"
    root.mkdir()
    env = {
        "SSH_KEY": (home / "client_key").read_text(),
        "KNOWN_HOSTS": (home / "known_hosts").read_text(),
        "PORTAL_DEPLOY_HOST": host,
        "PORTAL_DEPLOY_ROOT": str(root),
        "PORTAL_DEPLOY_RELOAD": "",
        # The port of this sshd and its shared connection; the step adds key and known hosts.
        "PORTAL_DEPLOY_SSH": " ".join(a for a in ssh if a not in ("-i",) and "client_key" not in a),
    }
    deploy = step("deploy.yml", "deploy", "Deploy to the nginx origin")
    for sha, built in ((A, first), (B, second)):
        (job / "site").unlink(missing_ok=True)
        (job / "site").symlink_to(built)
        done, _ = run(deploy, job, tmp_path, SHA=sha, **env)
        assert done.returncode == 0, done.stderr
        assert os.readlink(root / "current") == f"releases/{sha}"
    assert ((tmp_path / "deploy_key").stat().st_mode & 0o777) == 0o600

    switch = step("deploy.yml", "rollback", "Switch the origin back")
    started = time.monotonic()
    done, outputs = run(switch, job, tmp_path, SHA=A, **env)
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert outputs == {"done": "true"} and os.readlink(root / "current") == f"releases/{A}"
    assert took < 10, took
    # A pruned release: the step says so and leaves the upload to the next step.
    done, outputs = run(switch, job, tmp_path, SHA="c" * 40, **env)
    assert done.returncode == 0 and outputs == {}
    assert os.readlink(root / "current") == f"releases/{A}"


# -- a timer run with nothing due -------------------------------------------------------------

DUE = step("deploy.yml", "plan", "Anything due?")
TREE, STATS, RATINGS = "1" * 40, "2" * 40, "4" * 40


def test_a_timer_run_stops_when_nothing_changed_before_the_next_scheduled_item(tmp_path):
    plan = tmp_path / "plan"
    plan.mkdir()
    env = {
        "TARGET": "origin",
        "EVENT": "schedule",
        "TREE": TREE,
        "STATS": STATS,
        "RATINGS": RATINGS,
        "LOGS": "",
    }
    done, first = run(DUE, plan, tmp_path, **env)
    assert done.returncode == 0, done.stderr
    assert first["due"] == "true" and len(first["fingerprint"]) == 64  # nothing deployed yet
    state = plan / ".deploy-state"
    state.mkdir()
    later = int(time.time()) + 3600
    (state / "state").write_text(f"{first['fingerprint']} {later}\n", encoding="utf-8")
    started = time.monotonic()
    done, outputs = run(DUE, plan, tmp_path, **env)
    assert time.monotonic() - started < 2
    assert outputs == {"fingerprint": first["fingerprint"], "due": "false"}
    assert "Nothing due" in (tmp_path / "summary").read_text(encoding="utf-8")
    # No scheduled item ahead: still nothing due.
    (state / "state").write_text(f"{first['fingerprint']}\n", encoding="utf-8")
    assert run(DUE, plan, tmp_path, **env)[1]["due"] == "false"
    # A push always builds; so does a timer run once the next item's time has come …
    assert run(DUE, plan, tmp_path, **{**env, "EVENT": "push"})[1]["due"] == "true"
    past = int(time.time()) - 1
    (state / "state").write_text(f"{first['fingerprint']} {past}\n", encoding="utf-8")
    assert run(DUE, plan, tmp_path, **env)[1]["due"] == "true"
    # … or when the statistics, the readers' ratings, the commit or the host changed, or logs
    # bring new numbers.
    (state / "state").write_text(f"{first['fingerprint']} {later}\n", encoding="utf-8")
    assert run(DUE, plan, tmp_path, **env)[1]["due"] == "false"
    for change in (
        {"TARGET": "pages"},
        {"STATS": "none"},
        {"RATINGS": "5" * 40},
        {"TREE": "3" * 40},
        {"LOGS": "s3://l/"},
    ):
        assert run(DUE, plan, tmp_path, **{**env, **change})[1]["due"] == "true", change


# -- the PR's test job: code or content --------------------------------------------------------

SCOPE = step("pr.yml", "test", "Code or content?")


@pytest.mark.parametrize(
    ("changed", "code"),
    [
        (["content/huyen/articles/moi.md"], "false"),
        (["content/huyen/articles/moi.md", "content/sites.yml"], "false"),
        (["content/huyen/articles/moi.md", "plugins/portal/build.py"], "true"),
        ([".github/workflows/deploy.yml"], "true"),
        (["pelicanconf.py"], "true"),
    ],
)
def test_a_content_only_pr_skips_the_code_suite_but_reports(tmp_path, changed, code):
    repo = tmp_path / "pr"
    repo.mkdir()
    (repo / "README.md").write_text("x\n", encoding="utf-8")
    base = commit_all(repo, "base")
    git("update-ref", "refs/remotes/origin/main", base, cwd=repo)
    for name in changed:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("changed\n", encoding="utf-8")
    commit_all(repo, "pr")
    done, outputs = run(SCOPE, repo, tmp_path, BASE_REF="main")
    assert done.returncode == 0, done.stderr
    assert outputs == {"code": code}
