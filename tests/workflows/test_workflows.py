"""The GitHub workflows keep their hardening: least privilege, pinned actions, no credentials
left on disk, no expression pasted into a shell script, and a deploy that only follows a
green build and green tests. Each rule is also run on a deliberately bad workflow, so that a
rule that stopped seeing anything would fail here."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from support import REPO

WORKFLOWS = REPO / ".github" / "workflows"
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.M)
VERSION_COMMENT = re.compile(r"^\s+#\s+v\d+\.\d+\.\d+\s*$")


def load(text: str) -> dict:
    """A workflow as a dict, with its triggers always a mapping under "on"."""
    workflow = yaml.safe_load(text)
    on = workflow.pop(True, None) or workflow.get("on")  # YAML 1.1 reads the key `on` as True
    if isinstance(on, str):
        on = {on: None}
    elif isinstance(on, list):
        on = dict.fromkeys(on)
    workflow["on"] = on or {}
    return workflow


def steps(workflow: dict):
    for job_id, job in workflow.get("jobs", {}).items():
        for step in job.get("steps", []):
            yield job_id, step


def hardening_problems(text: str) -> list[str]:
    """Every rule that applies to any workflow of this repository, as readable problems."""
    workflow = load(text)
    found = []
    if workflow.get("permissions", "missing") != {}:
        found.append("top-level permissions must be {}")
    if "pull_request_target" in workflow["on"]:
        found.append("pull_request_target hands secrets to the PR's code")
    for job_id, job in workflow.get("jobs", {}).items():
        if not isinstance(job.get("permissions"), dict):
            found.append(f"{job_id}: no job-level permissions")
        if not isinstance(job.get("timeout-minutes"), int):
            found.append(f"{job_id}: no timeout-minutes")
    for job_id, step in steps(workflow):
        uses = step.get("uses")
        if uses and not uses.startswith("./") and not SHA_PIN.match(uses):
            found.append(f"{job_id}: {uses} is not pinned by a full commit SHA")
        keeps_token = (step.get("with") or {}).get("persist-credentials") is not False
        if uses and uses.startswith("actions/checkout@") and keeps_token:
            found.append(f"{job_id}: checkout without persist-credentials: false")
        if "${{" in str(step.get("run", "")):
            found.append(f"{job_id}: expression inside run (pass it through env:)")
    for uses, rest in USES_LINE.findall(text):
        if not uses.startswith("./") and not VERSION_COMMENT.match(rest):
            found.append(f"{uses}: no '# vX.Y.Z' comment")
    return found


def cron_minutes(cron: str) -> list[str]:
    return cron.split()[0].split(",")


def deploy_problems(text: str) -> list[str]:
    """The deploy workflow's own rules."""
    workflow = load(text)
    found = []
    on = workflow["on"]
    if "push" not in on or "main" not in on["push"].get("branches", []):
        found.append("no deploy on push to main")
    schedules = on.get("schedule") or []
    if not schedules:
        found.append("no schedule")
    for entry in schedules:
        for minute in cron_minutes(entry["cron"]):
            if not minute.isdigit() or int(minute) == 0:
                found.append(f"schedule minute '{minute}' is on the hour or a wildcard")
    inputs = (on.get("workflow_dispatch") or {}).get("inputs") or {}
    if "ref" not in inputs:
        found.append("workflow_dispatch has no ref input")
    if not (workflow.get("concurrency") or {}).get("group"):
        found.append("no concurrency group")
    jobs = workflow.get("jobs", {})
    deployers = [
        job_id
        for job_id, step in steps(workflow)
        if str(step.get("uses", "")).startswith("actions/deploy-pages@")
    ]
    if not deployers:
        found.append("no deploy step")
    for job_id, job in jobs.items():
        permissions = job.get("permissions") or {}
        if {"pages", "id-token"} & set(permissions) and job_id not in deployers:
            found.append(f"{job_id}: pages/id-token permission outside the deploy job")
    for job_id in deployers:
        job = jobs[job_id]
        needs = job.get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        condition = str(job.get("if", ""))
        if job_id == "rollback":
            # A kept build, gated when it was made: only when the plan found one.
            if "kept-run" not in condition:
                found.append(f"{job_id}: redeploys without a kept build")
            continue
        if "build" not in needs:
            found.append(f"{job_id}: does not need build")
        build_runs = "\n".join(
            str(s.get("run", "")) for s in jobs.get("build", {}).get("steps", [])
        )
        if "portal gate" not in build_runs:
            found.append(f"{job_id}: the build it needs runs no gate")
        if re.search(r"always\(\)|failure\(\)|cancelled\(\)", condition):
            found.append(f"{job_id}: may run after a failed build or gate ({condition})")
        for needed in needs:
            if jobs.get(needed, {}).get("continue-on-error"):
                found.append(f"{job_id}: {needed} may fail without stopping the deploy")
    return found


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def test_there_are_workflows():
    names = {path.name for path in workflow_files()}
    assert {"pr.yml", "deploy.yml"} <= names


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_workflow_is_hardened(path):
    assert hardening_problems(path.read_text(encoding="utf-8")) == []


def test_the_deploy_workflow_rules():
    assert deploy_problems((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")) == []


def test_one_pin_per_action_across_workflows():
    pins: dict[str, set[str]] = {}
    for path in workflow_files():
        for uses, rest in USES_LINE.findall(path.read_text(encoding="utf-8")):
            action, _, sha = uses.partition("@")
            pins.setdefault(action, set()).add(f"{sha}{rest.strip()}")
    assert {action: pin for action, pin in pins.items() if len(pin) > 1} == {}


def test_the_pr_workflow_runs_the_checks_without_secrets():
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    workflow = load(text)
    assert set(workflow["on"]) == {"pull_request"}
    assert "secrets." not in text
    for job_id, job in workflow["jobs"].items():
        assert job["permissions"] == {"contents": "read"}, job_id
    runs = "\n".join(str(step.get("run", "")) for _, step in steps(workflow))
    assert 'portal check --base "origin/${BASE_REF}" --format github' in runs
    assert "portal codeowners --check" in runs
    assert "portal changes" in runs and '--base "origin/${BASE_REF}"' in runs
    assert "GITHUB_STEP_SUMMARY" in runs
    assert "make publish" in runs and "make test" in runs and "make install" in runs
    assert "portal gate --settings publishconf.py" in runs
    uses = [str(step.get("uses", "")) for _, step in steps(workflow)]
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    for job_id, step in steps(workflow):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["fetch-depth"] == 0, job_id  # the build reads git history


def test_the_deploy_builds_gates_and_notifies_after_it_without_the_test_suite():
    workflow = load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    build = "\n".join(str(s.get("run", "")) for s in jobs["build"]["steps"])
    assert 'portal build --settings "$settings" --now "$BUILD_NOW"' in build
    assert "settings=publishconf.py" in build and "settings=pagesconf.py" in build
    assert 'portal gate --settings "$SETTINGS" --now "$BUILD_NOW"' in build
    assert build.index("portal build") < build.index("portal gate")
    # The suite is off the publish path: tests.yml runs it on main.
    every_run = "\n".join(str(s.get("run", "")) for _, s in steps(workflow))
    assert "make test" not in every_run and "make install" not in every_run
    assert "test" not in jobs
    notify = jobs["notify"]
    assert "deploy" in notify["needs"] and "always()" not in str(notify.get("if", ""))
    script = "\n".join(str(s.get("run", "")) for s in notify["steps"])
    assert '--record-branch portal-notify-record --now "$BUILD_NOW"' in script
    assert notify["permissions"] == {"contents": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] is False


BAD = """\
name: Bad
on:
  pull_request_target:
  schedule:
    - cron: "0,30 * * * *"
  push:
    branches: [main]
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-latest
    continue-on-error: true
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
  test:
    runs-on: ubuntu-latest
    permissions: {contents: read}
    timeout-minutes: 5
    steps:
      - uses: actions/setup-python@a309ff8b426b58ec0e2a45f0f869d46889d02405
        with: {python-version: "3.11"}
  deploy:
    needs: build
    if: always()
    runs-on: ubuntu-latest
    permissions: {pages: write, id-token: write}
    timeout-minutes: 5
    steps:
      - uses: actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5
  other:
    runs-on: ubuntu-latest
    permissions: {id-token: write}
    timeout-minutes: 5
    steps:
      - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2
        with: {persist-credentials: true}
"""


@pytest.mark.parametrize(
    "expected",
    [
        "top-level permissions must be {}",
        "pull_request_target",
        "build: no job-level permissions",
        "build: no timeout-minutes",
        "build: actions/checkout@v4 is not pinned",
        "build: checkout without persist-credentials: false",
        "build: expression inside run",
        "actions/setup-python@a309ff8b426b58ec0e2a45f0f869d46889d02405: no '# vX.Y.Z' comment",
        "other: checkout without persist-credentials: false",
    ],
)
def test_the_hardening_rules_catch_a_bad_workflow(expected):
    assert any(expected in problem for problem in hardening_problems(BAD)), expected


@pytest.mark.parametrize(
    "expected",
    [
        "schedule minute '0' is on the hour",
        "workflow_dispatch has no ref input",
        "no concurrency group",
        "other: pages/id-token permission outside the deploy job",
        "deploy: the build it needs runs no gate",
        "deploy: may run after a failed build or gate",
        "deploy: build may fail without stopping the deploy",
    ],
)
def test_the_deploy_rules_catch_a_bad_workflow(expected):
    assert any(expected in problem for problem in deploy_problems(BAD)), expected


def test_a_wildcard_schedule_is_on_the_hour():
    bad = textwrap.dedent("""\
        on:
          schedule:
            - cron: "*/15 * * * *"
        jobs: {}
        """)
    assert any("wildcard" in p for p in deploy_problems(bad))


def test_the_operators_guide_names_the_required_checks():
    guide = (REPO / "docs" / "van-hanh.md").read_text(encoding="utf-8")
    for job in load((WORKFLOWS / "pr.yml").read_text(encoding="utf-8"))["jobs"].values():
        assert job["name"] in guide, job["name"]
    assert "PORTAL_SMTP_HOST" in guide and "workflow_dispatch" in guide


def test_the_replacement_deploy_steps_in_the_guide_are_hardened_too():
    guide = (REPO / "docs" / "van-hanh.md").read_text(encoding="utf-8")
    blocks = [
        yaml.safe_load(textwrap.dedent(block))
        for block in re.findall(r"```yaml\n(.*?)```", guide, re.S)
        if block.lstrip().startswith("- name:")
    ]
    assert len(blocks) == 2  # Pages per site, Cloudflare Pages (the rest is in deploy.yml)
    for block in blocks:
        for step in block:
            assert "${{" not in step["run"], step["name"]
            assert "uses" not in step, step["name"]  # nothing else to pin


def test_access_logs_are_ingested_where_they_are_fetched_and_only_counts_travel():
    workflow = load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    logs = jobs["logs"]
    assert logs["permissions"] == {"contents": "read"}  # reads the branch portal-stats
    fetch = next(s for s in logs["steps"] if s.get("id") == "fetch")
    assert fetch.get("continue-on-error") is True  # a failed fetch never holds back a deploy
    runs = [str(s.get("run", "")) for s in logs["steps"]]
    ingest = next(i for i, run in enumerate(runs) if "portal stats ingest" in run)
    assert "rm -rf logs" in runs[ingest]  # the raw logs end on this runner
    uploads = [s for s in logs["steps"] if "upload-artifact" in str(s.get("uses"))]
    assert [u["with"]["path"] for u in uploads] == ["stats/"]  # aggregates only
    for job_id, job in jobs.items():
        for step in job.get("steps", []):
            if "upload-artifact" in str(step.get("uses")):
                assert "logs" not in str(step["with"]["path"]), job_id
    build = [str(s.get("run", "")) for s in jobs["build"]["steps"]]
    assert not any("portal stats ingest" in run for run in build)
    assert "logs" in jobs["build"]["needs"]
    record = jobs["stats-record"]
    assert set(record["needs"]) == {"build", "deploy"}
    assert record["permissions"] == {"contents": "write"}
    assert "refs/heads/portal-stats" in "\n".join(str(s.get("run", "")) for s in record["steps"])


CONTAINER = re.compile(r"^[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}$")


def test_container_images_are_pinned_by_digest_and_agree():
    images = set()
    for path in workflow_files():
        for job_id, job in load(path.read_text(encoding="utf-8"))["jobs"].items():
            image = job.get("container")
            image = image.get("image") if isinstance(image, dict) else image
            if image:
                assert CONTAINER.match(image), f"{path.name}: {job_id}: {image}"
                images.add(image)
    assert len(images) == 1, images


def cache_steps(workflow: dict):
    for job_id, step in steps(workflow):
        if str(step.get("uses", "")).startswith("actions/cache"):
            yield job_id, step


def test_only_main_writes_caches_and_pull_requests_use_none():
    """GitHub lets a pull request's run restore the base branch's caches but main restores
    only its own: caches are written by deploy.yml on refs/heads/main only, under keys of
    their own, and no workflow a pull request runs touches a cache at all."""
    for name in ("pr.yml", "tests.yml"):
        workflow = load((WORKFLOWS / name).read_text(encoding="utf-8"))
        assert list(cache_steps(workflow)) == [], name
    deploy = load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    assert set(deploy["on"]) == {"push", "schedule", "workflow_dispatch"}
    assert deploy["on"]["push"]["branches"] == ["main"]
    found = list(cache_steps(deploy))
    saves = [step for _, step in found if "/save@" in step["uses"]]
    assert len(saves) == 4
    for step in saves:
        assert "github.ref == 'refs/heads/main'" in str(step.get("if", "")), step["name"]
    for _, step in found:
        assert step["uses"].split("@")[0] in ("actions/cache/restore", "actions/cache/save")
        assert step["with"]["key"].startswith("portal-") and "-main-" in step["with"]["key"]
        restore = step["with"].get("restore-keys", "portal--main-")
        assert restore.startswith("portal-") and "-main-" in restore


def test_a_rollback_sends_nothing_and_a_kept_build_skips_install_build_and_gate():
    jobs = load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))["jobs"]
    rollback = jobs["rollback"]
    assert rollback["needs"] == "plan" and "kept-run" in rollback["if"]
    runs = "\n".join(str(s.get("run", "")) for s in rollback["steps"])
    assert "make" not in runs and "portal build" not in runs and "portal gate" not in runs
    for job_id in ("notify", "stats-record"):
        assert "rollback" not in str(jobs[job_id]["needs"]), job_id
    assert "kept-run == ''" in jobs["build"]["if"] and "kept-run == ''" in jobs["logs"]["if"]


def test_a_failing_suite_on_main_opens_an_issue_and_blocks_nothing():
    workflow = load((WORKFLOWS / "tests.yml").read_text(encoding="utf-8"))
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert "make test" in "\n".join(str(s.get("run", "")) for s in jobs["test"]["steps"])
    report = jobs["report"]
    assert report["needs"] == "test" and report["if"] == "failure()"
    assert report["permissions"] == {"issues": "write"}
    script = "\n".join(str(s.get("run", "")) for s in report["steps"])
    assert "gh issue list" in script and "gh issue comment" in script
    assert "gh issue create" in script
    deploy = load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    assert "workflow_run" not in deploy["on"]  # the deploy never waits for the suite


def test_the_replacement_log_fetch_in_the_stats_guide_is_hardened_too():
    guide = (REPO / "docs" / "stats.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    [step] = yaml.safe_load(textwrap.dedent(block))
    assert "${{" not in step["run"] and "uses" not in step
    assert step["id"] == "fetch" and step["continue-on-error"] is True
