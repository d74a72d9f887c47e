"""preview.yml publishes what pr.yml built without running the PR's code, and approval.yml
reads reviews with a read-only token. Each rule is also run on a deliberately bad variant."""

from __future__ import annotations

import pytest
import yaml

from support import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def load(name: str, text: str | None = None) -> dict:
    workflow = yaml.safe_load(text or (WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, None) or workflow.get("on")
    return workflow


def preview_problems(workflow: dict) -> list[str]:
    found = []
    if set(workflow["on"]) != {"workflow_run"}:
        found.append(f"triggers {sorted(workflow['on'])}: workflow_run only")
    elif workflow["on"]["workflow_run"].get("workflows") != ["PR"]:
        found.append("not run after the PR workflow")
    for job_id, job in workflow["jobs"].items():
        installed = False
        for step in job["steps"]:
            uses, given = str(step.get("uses", "")), step.get("with") or {}
            run = str(step.get("run", ""))
            installed = installed or run == "make install"
            if uses.startswith("actions/checkout@") and set(given) - {"persist-credentials"}:
                found.append(f"{job_id}: checkout of something else than the base branch")
            if uses.startswith("actions/download-artifact@"):
                if not installed:
                    found.append(f"{job_id}: artifact downloaded before the install ran")
                if not str(given.get("path", "")).startswith(".preview-"):
                    found.append(f"{job_id}: artifact not in a folder of its own")
            if ".preview-" in run and not run.lstrip().startswith(".venv/bin/portal preview"):
                found.append(f"{job_id}: the artifact is used by something else than portal")
            if any(word in run for word in ("bash .preview", "source", "tar -x", "unzip")):
                found.append(f"{job_id}: something from the artifact is run or unpacked")
        runs = "\n".join(str(s.get("run", "")) for s in job["steps"])
        if "portal preview publish" not in runs or "portal preview remove" not in runs:
            found.append(f"{job_id}: does not publish and remove through portal preview")
    return found


def test_preview_publishes_the_artifact_as_data_with_the_base_code():
    assert preview_problems(load("preview.yml")) == []


@pytest.mark.parametrize(
    "change",
    [
        ("workflows: [PR]", "workflows: [Other]"),
        ("          persist-credentials: false\n", "          persist-credentials: false\n"
         "          ref: ${{ github.event.workflow_run.head_sha }}\n"),
        ("path: .preview-artifact", "path: ."),
        (".venv/bin/portal preview publish .preview-artifact",
         "bash .preview-artifact/run.sh; .venv/bin/portal preview publish x"),
        ("      - name: Install\n        run: make install\n", ""),
    ],
)  # fmt: skip
def test_each_preview_rule_sees_a_bad_workflow(change):
    text = (WORKFLOWS / "preview.yml").read_text(encoding="utf-8")
    assert change[0] in text
    assert preview_problems(load("preview.yml", text.replace(change[0], change[1], 1))) != []


def test_pr_workflow_builds_the_preview_and_names_a_closed_pr():
    workflow = load("pr.yml")
    build = "\n".join(str(s.get("run", "")) for s in workflow["jobs"]["build"]["steps"])
    assert "portal build --settings previewconf.py --output preview" in build
    assert "portal preview pack" in build and "--json > changes.json" in build
    closed = workflow["jobs"]["closed"]
    assert closed["if"] == "github.event.action == 'closed'"
    assert all(job.get("if") for job in workflow["jobs"].values())
    assert "closed" in workflow["on"]["pull_request"]["types"]


def test_approval_reads_reviews_read_only_and_reruns_on_reviews():
    workflow = load("approval.yml")
    assert set(workflow["on"]) == {"pull_request", "pull_request_review"}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "pull-requests": "read"}
    text = (WORKFLOWS / "approval.yml").read_text(encoding="utf-8")
    assert "secrets." not in text and "portal approval --base" in text
    guide = (REPO / "docs" / "van-hanh.md").read_text(encoding="utf-8")
    assert job["name"] in guide
