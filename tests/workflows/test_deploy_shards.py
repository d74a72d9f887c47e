"""The deploy workflow's optional shards: off unless the repository variable
PORTAL_BUILD_SHARDS is set; then a matrix of ``portal build --shard K/N`` at one moment, and
the build job assembles them before its usual gate."""

from __future__ import annotations

import yaml

from support import REPO

DEPLOY = REPO / ".github" / "workflows" / "deploy.yml"


def _jobs() -> dict:
    return yaml.safe_load(DEPLOY.read_text(encoding="utf-8"))["jobs"]


def _runs(job: dict) -> str:
    return "\n".join(str(s.get("run", "")) for s in job["steps"])


def test_shards_are_off_by_default_and_share_one_moment():
    jobs = _jobs()
    plan = _runs(jobs["plan"])
    assert "PORTAL_BUILD_SHARDS" in str(jobs["plan"]["steps"][0]["env"])
    assert "''|0|1)" in plan  # unset, 0 or 1: no shard count, no shard job
    shard = jobs["shard"]
    assert "needs.plan.outputs.shard-count != ''" in shard["if"]
    assert shard["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.plan.outputs.shards) }}"
    assert shard["permissions"] == {"contents": "read"}
    script = _runs(shard)
    assert '--shard "$SHARD/$SHARDS" --full --output shard' in script
    # Every shard and the assembled build use the plan's moment.
    build_now = [s["env"]["BUILD_NOW"] for s in shard["steps"] if "BUILD_NOW" in s.get("env", {})]
    assert build_now == ["${{ needs.plan.outputs.now }}"]
    assert 'echo "now=$PLAN_NOW"' in _runs(jobs["build"])


def test_the_build_assembles_the_shards_then_gates_as_before():
    build = _jobs()["build"]
    assert "shard" in build["needs"]
    assert "needs.shard.result == 'success' || needs.shard.result == 'skipped'" in build["if"]
    script = _runs(build)
    assert 'portal assemble --settings "$settings" --output output shards/shard-*/' in script
    assert script.index("portal assemble") < script.index("portal gate")
    takes = [s for s in build["steps"] if s.get("with", {}).get("pattern") == "shard-*"]
    assert len(takes) == 1 and takes[0]["if"] == "needs.plan.outputs.shard-count != ''"
