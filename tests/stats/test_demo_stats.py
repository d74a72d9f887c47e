"""The demo's statistics (stats/*.json) are what `portal stats ingest` makes of the sample logs
shipped in demo/logs/ (docs/stats.md), and ingesting those logs again changes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from support import DEMO_CONTENT, REPO

PORTAL = str(Path(sys.executable).with_name("portal"))
LOGS = REPO / "demo" / "logs"
MEMBERS = ("xa-phuoc-dinh", "xa-dao-thanh", "phuong-cau-moi")


def ingest(stats: Path, *args: str) -> subprocess.CompletedProcess:
    command = [PORTAL, "stats", "ingest", "--stats", str(stats), "--content", str(DEMO_CONTENT)]
    return subprocess.run([*command, *args], capture_output=True, text=True, check=False)


def ingest_demo(stats: Path) -> list[subprocess.CompletedProcess]:
    """As demo/logs/README.md says: the parent's nginx logs name no host, so --site; the
    members' CloudFront logs are matched by host."""
    runs = [
        ingest(stats, "--site", "tinh-lam-giang", *map(str, sorted(LOGS.glob("tinh-lam-giang/*"))))
    ]
    members = [str(p) for m in MEMBERS for p in sorted((LOGS / m).iterdir())]
    runs.append(ingest(stats, *members))
    return runs


def test_the_demo_statistics_come_from_the_sample_logs(tmp_path):
    fresh = tmp_path / "stats"
    for run in ingest_demo(fresh):
        assert run.returncode == 0, run.stdout + run.stderr
    shipped = sorted(p.name for p in (REPO / "stats").glob("*.json"))
    assert shipped == sorted(p.name for p in fresh.glob("*.json"))
    assert len(shipped) == 4
    for name in shipped:
        assert (fresh / name).read_bytes() == (REPO / "stats" / name).read_bytes(), (
            f"stats/{name} is not what the sample logs give: run the commands in "
            "demo/logs/README.md on an empty stats/ folder"
        )


def test_ingesting_the_sample_logs_again_adds_nothing(tmp_path):
    copy = tmp_path / "stats"
    shutil.copytree(REPO / "stats", copy, ignore=shutil.ignore_patterns(".*"))
    runs = ingest_demo(copy)
    assert all(run.returncode == 0 for run in runs)
    assert all("Không có lượt xem mới. (No new page views.)" in run.stdout for run in runs)
    for path in copy.glob("*.json"):
        assert path.read_bytes() == (REPO / "stats" / path.name).read_bytes()


def test_show_prints_what_the_demo_sites_show():
    import datetime as dt
    import json

    command = [PORTAL, "stats", "show", "--content", str(DEMO_CONTENT), "--now", "2026-11-22 12:00"]
    done = subprocess.run([*command, "--json"], capture_output=True, text=True, check=True)
    shown = json.loads(done.stdout)
    assert sorted(shown) == sorted(["tinh-lam-giang", *MEMBERS])
    parent = shown["tinh-lam-giang"]
    aggregate = json.loads((REPO / "stats" / "tinh-lam-giang.json").read_text(encoding="utf-8"))
    assert parent["counters"]["today"] == aggregate["days"]["2026-11-22"]
    assert parent["counters"]["yesterday"] == aggregate["days"]["2026-11-21"]
    november = sum(v for d, v in aggregate["days"].items() if d.startswith("2026-11"))
    assert parent["counters"]["month"] == november
    # The most viewed: views over the 30 days ending on the newest day, items only.
    last = dt.date(2026, 11, 22)
    window = {(last - dt.timedelta(days=n)).isoformat() for n in range(30)}
    ranked = parent["most_viewed"]
    assert len(ranked) == 10
    for entry in ranked:
        expected = sum(
            pages.get(entry["url"], 0) for d, pages in aggregate["recent"].items() if d in window
        )
        assert entry["views"] == expected and entry["title"]
        assert not entry["url"].startswith(("tim-kiem/", "gioi-thieu/")) and entry["url"]
    assert [e["views"] for e in ranked] == sorted((e["views"] for e in ranked), reverse=True)

    text = subprocess.run(
        [*command, "--site", "xa-dao-thanh"], capture_output=True, text=True, check=True
    )
    assert text.stdout.startswith("Ủy ban nhân dân xã Đạo Thạnh (xa-dao-thanh): số liệu đến ")
    assert "Binh" not in text.stdout and "Lam Giang (tinh-lam-giang)" not in text.stdout
