"""The build benchmark runs (never how fast): its corpus of every type is deterministic and
builds, its measuring counts the whole process tree, its edits change what they claim, and a
tiny end-to-end run reports every row and ratio."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from portal.cli import main as portal_cli
from portal_bench import build_report, corpus, measure, stock, tools

NOW = f"{corpus.NOW:%Y-%m-%d %H:%M}"
SMALL_MIX = {"articles": 40, "documents": 8, "schedules": 9, "invitations": 7}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for name, data in sorted(_files(root).items()):
        digest.update(name.encode() + b"\0" + data)
    return digest.hexdigest()


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


@pytest.fixture(scope="module")
def mix(tmp_path_factory) -> corpus.CorpusInfo:
    """A small corpus of articles, documents, schedules and invitations over 3 sites."""
    return corpus.generate(tmp_path_factory.mktemp("mix") / "c", members=2, counts=SMALL_MIX)


def test_default_corpus_is_unchanged(tmp_path):
    # The search benchmark's corpus: schedules and invitations must not change it.
    corpus.generate(tmp_path, pages=60, members=1)
    assert _digest(tmp_path) == "8f9177f016bbf4709046babddc5846ad14e27accdf4bb512a55e56ac6b9c1b85"


def test_mix_is_deterministic(mix, tmp_path):
    again = corpus.generate(tmp_path / "again", members=2, counts=SMALL_MIX)
    assert _files(again.root) == _files(mix.root)
    other = corpus.generate(tmp_path / "other", members=2, counts=SMALL_MIX, seed=2)
    assert _files(other.root) != _files(mix.root)


def test_mix_counts_and_schedules(mix):
    assert mix.by_kind() == {**SMALL_MIX, "qa": 0, "procedures": 0, "pages": 0}
    for site in mix.sites:
        weeks = [_front(p)["week"] for p in (mix.root / site / "schedules").glob("*.md")]
        assert len(weeks) == len(set(weeks)) == mix.counts[site]["schedules"]  # one per week
    latest = max(_front(p)["week"] for p in (mix.root / mix.parent / "schedules").glob("*.md"))
    assert latest == "{}-W{:02d}".format(*corpus.NOW.isocalendar()[:2])
    groups = {
        s["id"]: set(s.get("groups", {}))
        for s in yaml.safe_load((mix.root / "sites.yml").read_text(encoding="utf-8"))
    }
    for path in mix.root.glob("*/invitations/*.md"):
        meta = _front(path)
        assert set(meta["notify"]) <= groups[path.parts[-3]]
        assert meta["end"] > meta["start"]
    linked = [p for p in mix.root.glob("*/schedules/*.md") if "invitation:" in p.read_text()]
    assert linked  # meetings with an invitation are on their week's schedule


def test_mix_passes_check_and_builds(mix, tmp_path):
    runner = CliRunner()
    result = runner.invoke(portal_cli, ["check", "--content", str(mix.root), "--now", NOW])
    assert result.exit_code == 0, result.output
    assert f"{mix.total} tệp nội dung trên 3 trang" in result.output
    output = tmp_path / "out"
    args = ["build", "--content", str(mix.root), "--output", str(output), "--now", NOW]
    result = runner.invoke(portal_cli, [*args, "--no-search"])
    assert result.exit_code == 0, result.output
    parent = output / mix.parent
    assert (parent / "lich-cong-tac" / "tuan-nay" / "index.html").is_file()
    assert list((parent / "giay-moi").glob("*/giay-moi.ics"))
    assert not (parent / "pagefind").exists()  # --no-search


def test_tree_cpu_includes_grandchildren():
    # The child only waits for a grandchild that computes for a while.
    grandchild = (
        "import time\nend = time.process_time() + 0.6\nwhile time.process_time() < end: pass"
    )
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}])"
    run = measure.run_measured([sys.executable, "-c", child], sample=0.05)
    assert run.returncode == 0
    assert run.cpu_seconds >= 0.5
    assert run.seconds >= run.cpu_seconds * 0.5
    assert run.peak_bytes > 0


def test_edit_word_changes_one_body_word():
    text = '---\ntitle: "Một hai ba"\n---\nXã Tân Hòa tổ chức họp dân.\n'
    edited = tools.edit_word(text)
    assert edited.startswith('---\ntitle: "Một hai ba"\n---\n')
    assert edited != text and len(edited.split()) == len(text.split())
    assert sum(a != b for a, b in zip(edited.split(), text.split(), strict=True)) == 1
    pelican = "Title: Một\nDate: 2026-01-02 08:00\n\nHuyện tổ chức họp dân.\n"
    assert tools.edit_word(pelican).startswith("Title: Một\nDate: 2026-01-02 08:00\n\nHuyện ")


def test_toggle_alternates_and_restores(tmp_path):
    path = tmp_path / "single.html"
    path.write_text("<p>x</p>\n", encoding="utf-8")
    tool = tools.Tool(tmp_path, [])
    seen = []
    for _ in range(3):
        tool.toggle(path, lambda text: text + tools.HUGO_COMMENT)
        seen.append(path.read_text(encoding="utf-8"))
    assert seen[0] == seen[2] == "<p>x</p>\n" + tools.HUGO_COMMENT
    assert seen[1] == "<p>x</p>\n"
    tool.restore()
    assert path.read_text(encoding="utf-8") == "<p>x</p>\n"


def test_hugo_front_matter():
    assert stock.hugo_date("2026-11-20 14:00") == "2026-11-20T14:00:00+07:00"
    source = stock.Source(
        Path("a.md"),
        {
            "title": "Giấy mời họp",
            "date": "2026-11-16 10:00",
            "number": "112/GM-UBND",
            "start": "2026-11-20 14:00",
            "notify": ["lanh-dao-ubnd"],
        },
        "Nội dung\n",
    )
    page = stock.hugo_page(stock.hugo_meta("invitations", source), source.body)
    meta = yaml.safe_load(page.split("---\n")[1])
    assert meta["date"] == "2026-11-16T10:00:00+07:00"
    assert meta["slug"] == "giay-moi-hop"
    assert meta["number"] == "112/GM-UBND" and meta["notify"] == ["lanh-dao-ubnd"]


# Every tool in every scenario, end to end (about 30 s): make test-slow; make bench runs it too.
@pytest.mark.slow
def test_bench_end_to_end(tmp_path):
    """A tiny run of every tool and scenario: each row and ratio is reported."""
    report_file = tmp_path / "bench.json"
    result = CliRunner().invoke(
        portal_cli,
        [
            "bench",
            "--scale", "0.01", "--members", "2", "--runs", "1",
            "--keep", str(tmp_path / "work"), "--json", str(report_file),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = result.output
    for row, label in tools.ROWS.items():
        scenarios = ["cold"] if row == "pelican" else list(tools.SCENARIOS)
        for scenario in scenarios:
            assert f"| {label} | {tools.SCENARIOS[scenario]} |" in text, (row, scenario)
    for ratio in build_report.RATIOS:
        line = next(line for line in text.splitlines() if line.startswith(f"| {ratio.label} |"))
        assert "not measured" not in line
    assert "| portal peak memory" in text and "load average at start" in text

    data = json.loads(report_file.read_text(encoding="utf-8"))
    assert len(data["medians"]) == 4 * 4 + 1
    assert all(m["seconds"] > 0 and m["pages"] > 0 for m in data["medians"])
    assert all(r["value"] is not None for r in data["ratios"])
    by_row = {(m["row"], m["scenario"]): m for m in data["medians"]}
    assert by_row["hugo-pagefind", "cold"]["seconds"] > by_row["hugo", "cold"]["seconds"]
    work = tmp_path / "work"
    assert (work / "hugo" / data["corpus"]["parent"] / "public" / "pagefind").is_dir()
    template = work / "portal" / "settings" / "theme" / "templates" / "article.html"
    assert tools.PORTAL_COMMENT not in template.read_text(encoding="utf-8")  # restored


def test_portal_cold_deletes_caches_beside_the_output(tmp_path):
    tool = tools.PortalTool(tmp_path, ["portal"], search=True)
    for name in ("content", "settings", "output/.cache", ".output-cache", ".output.building"):
        (tmp_path / name).mkdir(parents=True)
    (tmp_path / "stray.json").write_text("{}", encoding="utf-8")
    tool.prepare("cold")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "settings"]
