"""Province scale in shards (``portal bench --shards``): the table adds up, assembled outputs
are compared by digest, and the CLI refuses bad shard counts and a bad assembly in both
languages."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from portal.cli import main as portal_cli
from portal_bench import shards as bench_shards
from support import SITES_YML, write_tree


def test_digests_name_what_differs(tmp_path):
    first = write_tree(
        tmp_path / "a",
        {"huyen/index.html": "<p>một</p>", "xa/index.html": "<p>hai</p>", ".cache/x": "z"},
    )
    same = write_tree(
        tmp_path / "b",
        {"huyen/index.html": "<p>một</p>", "xa/index.html": "<p>hai</p>", ".cache/x": "other"},
    )
    reference = bench_shards.digest(first)
    assert sorted(reference) == ["huyen/index.html", "xa/index.html"]  # the cache is no output
    assert bench_shards.compare(reference, bench_shards.digest(same)) == []
    (same / "xa" / "index.html").write_text("<p>ba</p>", encoding="utf-8")
    (same / "xa" / "new.html").write_text("", encoding="utf-8")
    (same / "huyen" / "index.html").unlink()
    assert bench_shards.compare(reference, bench_shards.digest(same)) == [
        "only in the first: huyen/index.html",
        "only in the second: xa/new.html",
        "differs: xa/index.html",
    ]


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
    assert rows[2]["identical"] and data["differences"] == {"1": [], "2": []}
    built = sorted(s for step in data["steps"] if step["shards"] == 2 for s in step["sites"])
    assert len(built) == 3  # every site once
    for row in rows.values():
        assert row["critical_path_seconds"] >= row["slowest_seconds"] > 0
        assert row["critical_path_cpu_seconds"] >= row["heaviest_cpu_seconds"] > 0
        assert row["peak_bytes"] > 0
    assert "# Province scale" in result.output and "| 2 |" in result.output
