"""Builds across machines (``portal.shards``): shares of the sites balanced by weight, and the
shards' outputs assembled byte for byte into what one machine's build writes."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from portal import shards
from portal.build import build
from portal.cli import main
from support import DEMO_CONTENT, DEMO_NOW, SETTINGS, SITES_YML, article, write_tree
from trees import SHOW, bundles, differences, files


def _sites(parent: str, members: list[str]) -> list:
    return [SimpleNamespace(id=parent, parent=None)] + [
        SimpleNamespace(id=m, parent=parent) for m in members
    ]


def test_plan_balances_by_weight_not_by_id():
    members = [f"xa-{n:02d}" for n in range(1, 9)]
    sites = _sites("tinh", members)
    # The parent is as heavy as five members; ids in alphabetical order would put it with
    # the first members.
    weights = {"tinh": 50, **{m: 10 for m in members}}
    plan = shards.plan(sites, weights, 2)
    assert sorted(s for shard in plan for s in shard) == sorted(weights)
    near = shards.neighbours(sites)
    costs = [shards.cost(set(shard), weights, near) for shard in plan]
    # The parent's shard reads every member; the other reads the parent.
    assert max(costs) - min(costs) <= 10 + shards.SITE_COST + shards.READ_SHARE * 50, (plan, costs)
    assert plan[0][0] == "tinh" and len(plan[0]) < len(plan[1]), plan
    # Deterministic: the same whatever order the weights come in.
    assert shards.plan(sites, dict(reversed(weights.items())), 2) == plan


def test_plan_gives_every_site_once_and_allows_empty_shards():
    sites = _sites("huyen", ["xa"])
    plan = shards.plan(sites, {"huyen": 3, "xa": 1}, 4)
    assert plan == [["huyen"], ["xa"], [], []]
    assert shards.plan(sites, {"huyen": 3, "xa": 1}, 1) == [["huyen", "xa"]]


@pytest.mark.parametrize("value", ["0/2", "3/2", "2", "a/b", "1/0", ""])
def test_bad_shard_is_refused(value):
    with pytest.raises(shards.ShardError) as caught:
        shards.parse(value)
    assert caught.value.message and caught.value.english


def test_build_refuses_a_bad_shard_in_both_languages(make_content, tmp_path):
    content = make_content({"huyen/articles/a.md": article()})
    args = ["build", "--content", str(content), "--output", str(tmp_path / "o")]
    result = CliRunner().invoke(main, [*args, "--shard", "3/2"])
    assert result.exit_code == 2
    assert "cần 1 ≤ K ≤ N" in result.output and "K must be between 1 and N" in result.output


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    """Both test sites with news, one of the member's shared with the parent."""
    return write_tree(
        tmp_path_factory.mktemp("two-sites") / "content",
        {
            "sites.yml": SITES_YML,
            "huyen/articles/a.md": article("Tin của huyện về đất đai"),
            "huyen/articles/b.md": article("Thông báo của huyện", date="2026-11-21 08:00"),
            "xa/articles/c.md": article(
                "Tin của xã về lúa", category='"Tin tức - Sự kiện"', syndicate="[parent]"
            ),
        },
    )


def _build_shards(content: Path, root: Path, count: int) -> list[Path]:
    """Every shard of ``count`` built into ``root/shard-K``, as ``portal build --shard``."""
    outputs = []
    for number in range(1, count + 1):
        chosen = shards.shard_sites(content, shards.Shard(number, count))
        output = root / f"shard-{number}"
        if chosen:
            build(content, output, SETTINGS, site_ids=chosen, now=DEMO_NOW, incremental=False)
        else:
            output.mkdir(parents=True)
        outputs.append(output)
    return outputs


def test_two_shards_assembled_equal_one_build(two_sites, tmp_path):
    plain = tmp_path / "plain"
    build(two_sites, plain, SETTINGS, now=DEMO_NOW, incremental=False)
    parts = _build_shards(two_sites, tmp_path / "shards", 2)
    assert [sorted(p.name for p in part.iterdir()) for part in parts] == [["huyen"], ["xa"]]
    # Each shard alone lacks the other site's search bundle.
    assert not (parts[0] / "huyen" / "pagefind-sites" / "xa").exists()
    assembled = tmp_path / "assembled"
    assert shards.assemble(two_sites, assembled, parts, local=True) == ["huyen", "xa"]
    problems = differences(plain, assembled)
    assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"
    assert any(
        (assembled / "huyen" / "pagefind-sites" / "xa" / "full").rglob("pagefind-entry.json")
    )
    assert (assembled / "index.html").is_file()


def test_assemble_refuses_missing_and_doubled_sites(two_sites, tmp_path):
    parts = [tmp_path / "shard-1", tmp_path / "shard-2"]
    (parts[0] / "huyen").mkdir(parents=True)
    (parts[1] / "xa").mkdir(parents=True)
    with pytest.raises(shards.ShardError) as missing:
        shards.assemble(two_sites, tmp_path / "a", parts[:1], local=True)
    assert "thiếu trang xa" in missing.value.message and "xa" in missing.value.english
    with pytest.raises(shards.ShardError) as doubled:
        shards.assemble(two_sites, tmp_path / "b", [parts[0], parts[0], parts[1]], local=True)
    assert "huyen" in doubled.value.message
    stray = tmp_path / "stray"
    (stray / "khong-co").mkdir(parents=True)
    with pytest.raises(shards.ShardError) as unknown:
        shards.assemble(two_sites, tmp_path / "c", [*parts, stray], local=True)
    assert "không phải một trang" in unknown.value.message
    assert not (tmp_path / "a" / "huyen").exists()  # nothing written


@pytest.mark.slow
@pytest.mark.parametrize("count", [2, 3])
def test_demo_shards_assembled_equal_one_build(count, demo_output, tmp_path):
    started = time.perf_counter()
    parts = _build_shards(DEMO_CONTENT, tmp_path / "shards", count)
    print(f"{count} shards: {[sorted(p.name for p in x.iterdir()) for x in parts]}")
    print(f"built in {time.perf_counter() - started:.1f} s")
    assembled = tmp_path / "assembled"
    shards.assemble(DEMO_CONTENT, assembled, parts, local=True)
    problems = differences(demo_output, assembled)
    assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"
    assert len(files(assembled)) > 100 and bundles(assembled)
    assert all(any(part.iterdir()) for part in parts), "a shard of the demo built nothing"
