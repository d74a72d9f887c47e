"""Province scale in shards (``portal bench --shards``): the table adds up, and the CLI refuses
bad shard counts and a bad assembly in both languages."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from portal.cli import main as portal_cli
from portal_bench import shards as bench_shards
from support import SITES_YML, write_tree


def test_shard_counts_are_sorted_once_each():
    assert bench_shards.parse_counts("8, 1,4,4") == (1, 4, 8)


@pytest.mark.parametrize("value", ["", "0,2", "a", "-1"])
def test_bad_shard_counts_are_refused(value):
    result = CliRunner().invoke(portal_cli, ["bench", "--shards", value or ","])
    assert result.exit_code == 2 and "--shards" in result.output


def test_assemble_names_the_missing_site_in_both_languages(tmp_path):
    content = write_tree(tmp_path / "content", {"sites.yml": SITES_YML})
    (content / "huyen").mkdir()
    (content / "xa").mkdir()
    shard = tmp_path / "shard-1"
    (shard / "huyen").mkdir(parents=True)
    args = ["assemble", "--content", str(content), "--output", str(tmp_path / "out"), str(shard)]
    result = CliRunner().invoke(portal_cli, args)
    assert result.exit_code == 1
    assert "Chưa ghép: thiếu trang xa" in result.output
    assert "sites missing from the shards: xa" in result.output


@pytest.mark.slow
def test_a_tiny_province_in_one_and_two_shards(tmp_path):
    report_file = tmp_path / "shards.json"
    args = ["bench", "--members", "2", "--items", "30", "--shards", "1,2"]
    result = CliRunner().invoke(portal_cli, [*args, "--json", str(report_file)])
    assert result.exit_code == 0, result.output
    data = json.loads(report_file.read_text(encoding="utf-8"))
    rows = {row["shards"]: row for row in data["summary"]}
    assert set(rows) == {1, 2}
    assert rows[1]["files"] == rows[2]["files"] > 30  # the same output however it was split
    built = sorted(s for step in data["steps"] if step["shards"] == 2 for s in step["sites"])
    assert len(built) == 3  # every site once
    for row in rows.values():
        assert row["critical_path_seconds"] >= row["slowest_seconds"] > 0
        assert row["peak_bytes"] > 0
    assert "# Province scale" in result.output and "| 2 |" in result.output
