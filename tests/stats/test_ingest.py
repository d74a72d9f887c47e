"""portal stats ingest: page views into each site's aggregate, never counted twice, on real log
files (the samples in tests/stats/samples/ and small logs written here)."""

from __future__ import annotations

import datetime as dt
import fcntl
import gzip
import hashlib
import json
import os
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from stats_support import SITES

from portal.cli import main
from portal.stats.aggregate import RECENT_DAYS
from portal.stats.ingest import LOCK_FILE, IngestError, ingest, render

SAMPLES = Path(__file__).parent / "samples"
NGINX = SAMPLES / "nginx-combined.log"
SITES_YML = """\
- id: tinh-lam-giang
  name: "Ủy ban nhân dân tỉnh Lam Giang"
  role: parent
  base_url: https://lamgiang.example
- id: xa-phuoc-dinh
  name: "Ủy ban nhân dân xã Phước Định"
  role: member
  parent: tinh-lam-giang
  base_url: https://phuocdinh.lamgiang.example
- id: xa-an-phu
  name: "Ủy ban nhân dân xã An Phú"
  role: member
  parent: tinh-lam-giang
  base_url: https://congthanhvien.lamgiang.example/xa-an-phu/
"""
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
NGINX_VIEWS = {
    "": 2,
    "gioi-thieu/": 1,
    "tim-kiem/": 1,
    "tin-tuc/": 1,
    "tin-tuc/hoi-nghi-tong-ket-nam-2026/": 3,
    "tin-tuc/lễ-hội-đất/": 1,
    "van-ban/": 2,
    "van-ban/quyet-dinh-so-15-2026-qd-ubnd/": 1,
}


def combined(moment: dt.datetime, path: str = "/", ip: str = "192.0.2.1") -> str:
    """An nginx combined line at ``moment`` (Vietnam time)."""
    stamp = f"{moment.day:02d}/{MONTHS[moment.month - 1]}/{moment.year}:{moment:%H:%M:%S} +0700"
    return f'{ip} - - [{stamp}] "GET {path} HTTP/1.1" 200 1000 "-" "{BROWSER}"\n'


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def head(path: Path, lines: int) -> bytes:
    """The first ``lines`` lines of a file, each with its line break."""
    return b"".join(path.read_bytes().splitlines(keepends=True)[:lines])


def run(stats: Path, *paths: Path, site: str | None = None, fmt: str = "auto"):
    return ingest(list(paths), stats, SITES, site, fmt)


def saved(stats: Path, site: str = "tinh-lam-giang") -> dict:
    return json.loads((stats / f"{site}.json").read_text(encoding="utf-8"))


def snapshot(stats: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(stats.glob("*.json"))}


def test_counts_per_page_and_day(tmp_path):
    stats = tmp_path / "stats"
    report = run(stats, NGINX, site="tinh-lam-giang")
    data = saved(stats)
    assert data["format"] == 1 and data["site"] == "tinh-lam-giang"
    assert data["newest"] == "2026-11-22T11:58:07+07:00"
    assert data["days"] == {"2026-11-21": 10, "2026-11-22": 2}
    assert data["years"] == {}
    assert data["pages"] == NGINX_VIEWS
    assert data["recent"] == {
        "2026-11-21": {**NGINX_VIEWS, "": 1, "van-ban/": 1},
        "2026-11-22": {"": 1, "van-ban/": 1},
    }
    [source] = data["sources"]
    first = b"2026-11-21T08:01:02+07:00|GET|/|200|18342"
    assert source["first"] == hashlib.sha256(first).hexdigest()
    assert (source["lines"], source["last"]) == (41, "2026-11-22")
    [file] = report.files
    assert (file.format, file.lines, file.views) == ("combined", 41, 12)
    assert file.excluded == {"malformed": 4, "method": 2, "status": 3, "asset": 13, "bot": 7}
    assert file.malformed == [23, 24, 25, 26]
    assert report.ok and report.sites == {"tinh-lam-giang": 12}
    assert report.written == [stats / "tinh-lam-giang.json"]


def test_file_format_is_exact(tmp_path):
    stats = tmp_path / "stats"
    run(stats, NGINX, site="tinh-lam-giang")
    text = (stats / "tinh-lam-giang.json").read_text(encoding="utf-8")
    assert text == json.dumps(saved(stats), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    assert '"tin-tuc/lễ-hội-đất/"' in text  # not \u-escaped
    assert sorted(p.name for p in stats.iterdir()) == [LOCK_FILE, "tinh-lam-giang.json"]  # no temp


def test_report_is_readable(tmp_path):
    report = run(tmp_path / "stats", NGINX, tmp_path / "khong-co.log", site="tinh-lam-giang")
    text = render(report)
    assert "nginx-combined.log (combined): 41 dòng, 12 lượt xem được tính" in text
    assert "(41 lines, 12 page views counted)" in text
    assert "dòng hỏng ở dòng 23, 24, 25, 26 (malformed lines: 23, 24, 25, 26)" in text
    assert "máy/bot 7" in text and "bot 7" in text
    assert "khong-co.log: LỖI: không đọc được tệp" in text and "(ERROR: cannot read" in text
    assert "tinh-lam-giang: 12" in text
    assert "1 tệp không đọc được" in text


def test_reingest_adds_nothing(tmp_path):
    stats = tmp_path / "stats"
    run(stats, NGINX, site="tinh-lam-giang")
    before = snapshot(stats)
    report = run(stats, NGINX, site="tinh-lam-giang")
    assert snapshot(stats) == before
    [file] = report.files
    assert file.views == 0 and file.excluded["already"] == 12
    assert report.written == [] and report.sites == {}


def test_grown_file_counts_only_new_lines(tmp_path):
    stats, log = tmp_path / "stats", tmp_path / "logs" / "access.log"
    write(log, head(NGINX, 20))
    assert run(stats, log, site="tinh-lam-giang").files[0].views == 6
    write(log, NGINX.read_bytes())  # the same log, 22 lines later
    [file] = run(stats, log, site="tinh-lam-giang").files
    assert (file.views, file.excluded["already"]) == (6, 6)
    once = tmp_path / "once"
    run(once, NGINX, site="tinh-lam-giang")
    assert snapshot(stats) == snapshot(once)


def test_unfinished_last_line_waits_for_the_next_ingest(tmp_path):
    stats, log = tmp_path / "stats", tmp_path / "access.log"
    full = NGINX.read_bytes()
    cut = len(head(NGINX, 41)) + 30  # the last line, half written
    write(log, full[:cut])
    [file] = run(stats, log, site="tinh-lam-giang").files
    assert file.partial == 42 and file.views == 11 and file.lines == 40
    write(log, full)
    [file] = run(stats, log, site="tinh-lam-giang").files
    assert file.partial == 0 and file.views == 1
    once = tmp_path / "once"
    run(once, NGINX, site="tinh-lam-giang")
    assert snapshot(stats) == snapshot(once)


def test_gzip_copy_of_an_ingested_log_adds_nothing(tmp_path):
    stats = tmp_path / "stats"
    run(stats, NGINX, site="tinh-lam-giang")
    before = snapshot(stats)
    copy = SAMPLES / "nginx-combined.log.1"  # gzip -n of the same log
    [file] = run(stats, copy, site="tinh-lam-giang").files
    assert file.views == 0 and file.excluded["already"] == 12
    assert snapshot(stats) == before


def test_same_log_twice_in_one_run(tmp_path):
    stats, once = tmp_path / "stats", tmp_path / "once"
    run(once, NGINX, site="tinh-lam-giang")
    report = run(stats, NGINX, SAMPLES / "nginx-combined.log.1", site="tinh-lam-giang")
    assert [f.views for f in report.files] == [12, 0]
    assert snapshot(stats) == snapshot(once)


@pytest.mark.parametrize("full_first", [True, False])
def test_copy_taken_earlier_in_the_same_run(tmp_path, full_first):
    """access.log.2.gz holds the first 20 lines, access.log.1 the whole log: counted once."""
    earlier = write(tmp_path / "logs" / "access.log.2.gz", gzip.compress(head(NGINX, 20), mtime=0))
    whole = write(tmp_path / "logs" / "access.log.1", NGINX.read_bytes())
    paths = (whole, earlier) if full_first else (earlier, whole)
    stats, once = tmp_path / "stats", tmp_path / "once"
    report = run(stats, *paths, site="tinh-lam-giang")
    assert sum(f.views for f in report.files) == 12
    run(once, NGINX, site="tinh-lam-giang")
    assert snapshot(stats) == snapshot(once)


def test_logs_sharing_a_first_line_but_diverging_are_two_sources(tmp_path):
    lines = NGINX.read_bytes().splitlines(keepends=True)
    a = write(tmp_path / "a.log", b"".join(lines[:20]))
    b = write(tmp_path / "b.log", b"".join([lines[0], *lines[26:], *lines[1:20]]))
    stats = tmp_path / "stats"
    assert run(stats, a, site="tinh-lam-giang").files[0].views == 6
    assert run(stats, b, site="tinh-lam-giang").files[0].views == 12
    sources = saved(stats)["sources"]
    assert len(sources) == 2 and sources[0]["first"] == sources[1]["first"]
    assert sorted(s["lines"] for s in sources) == [20, 35]
    assert run(stats, a, b, site="tinh-lam-giang").sites == {}


def test_horizon_folds_days_into_years(tmp_path):
    stats = tmp_path / "stats"
    log2024 = write(
        tmp_path / "2024.log",
        combined(dt.datetime(2024, 3, 10, 9, 0))
        + combined(dt.datetime(2024, 3, 10, 9, 5), "/tin-tuc/a/")
        + combined(dt.datetime(2024, 12, 31, 23, 0), "/tin-tuc/a/"),
    )
    run(stats, log2024, site="tinh-lam-giang")
    data = saved(stats)
    assert data["days"] == {"2024-03-10": 2, "2024-12-31": 1} and data["years"] == {}
    log2026 = write(tmp_path / "2026.log", combined(dt.datetime(2026, 1, 5, 8, 0), "/van-ban/"))
    run(stats, log2026, site="tinh-lam-giang")
    data = saved(stats)
    assert data["newest"] == "2026-01-05T08:00:00+07:00"
    assert data["days"] == {"2026-01-05": 1}  # the horizon is 2025-01-01
    assert data["years"] == {"2024": 3}
    assert data["pages"] == {"": 1, "tin-tuc/a/": 2, "van-ban/": 1}  # all time
    assert [s["last"] for s in data["sources"]] == ["2026-01-05"]  # 2024's record dropped
    before = snapshot(stats)
    report = run(stats, log2024, site="tinh-lam-giang")  # its record is gone: its lines are old
    assert report.files[0].excluded == {"old": 3}
    old = write(tmp_path / "2024-06.log", combined(dt.datetime(2024, 6, 1, 10, 0)))
    assert run(stats, old, site="tinh-lam-giang").files[0].excluded == {"old": 1}
    assert snapshot(stats) == before  # an old log changes nothing


def test_old_lines_within_one_run(tmp_path):
    log = write(
        tmp_path / "mixed.log",
        combined(dt.datetime(2024, 12, 31, 23, 59, 59))  # before 2025-01-01: old
        + combined(dt.datetime(2025, 1, 1, 0, 0, 0))
        + combined(dt.datetime(2026, 6, 1, 12, 0)),
    )
    stats = tmp_path / "stats"
    [file] = run(stats, log, site="tinh-lam-giang").files
    assert file.views == 2 and file.excluded == {"old": 1}
    assert saved(stats)["days"] == {"2025-01-01": 1, "2026-06-01": 1}


def test_order_of_files_changes_nothing(tmp_path):
    old = write(tmp_path / "logs" / "2024.log", combined(dt.datetime(2024, 5, 1, 9, 0)))
    earlier = write(tmp_path / "logs" / "access.log.2.gz", gzip.compress(head(NGINX, 20), mtime=0))
    paths = [old, NGINX, earlier, SAMPLES / "cloudfront.log"]
    run(tmp_path / "forward", *paths, site="tinh-lam-giang")
    run(tmp_path / "backward", *reversed(paths), site="tinh-lam-giang")
    assert snapshot(tmp_path / "forward") == snapshot(tmp_path / "backward")
    data = saved(tmp_path / "forward")
    assert "2024-05-01" not in data["days"] and data["years"] == {}


def test_recent_keeps_forty_days(tmp_path):
    start = dt.datetime(2026, 9, 1, 10, 0)
    daily = "".join(combined(start + dt.timedelta(days=n), "/tin-tuc/") for n in range(83))
    stats = tmp_path / "stats"
    run(stats, write(tmp_path / "daily.log", daily), site="tinh-lam-giang")
    data = saved(stats)
    assert len(data["days"]) == 83 and data["pages"] == {"tin-tuc/": 83}
    assert sorted(data["recent"]) == [
        (dt.date(2026, 11, 22) - dt.timedelta(days=n)).isoformat() for n in range(39, -1, -1)
    ]
    assert RECENT_DAYS == 40 and min(data["recent"]) == "2026-10-14"
    later = write(tmp_path / "later.log", combined(dt.datetime(2026, 12, 1, 8, 0), "/"))
    run(stats, later, site="tinh-lam-giang")
    data = saved(stats)
    assert min(data["recent"]) == "2026-10-23" and max(data["recent"]) == "2026-12-01"
    assert (
        data["recent"]["2026-12-01"] == {"": 1} and len(data["recent"]) == 32
    )  # to 11-22, then 12-01


def test_sites_by_host(tmp_path):
    stats = tmp_path / "stats"
    report = run(stats, SAMPLES / "apache-vhost.log")
    assert report.sites == {"tinh-lam-giang": 6, "xa-phuoc-dinh": 3, "xa-an-phu": 2}
    assert report.files[0].excluded == {"malformed": 1, "status": 1, "bot": 1, "site": 2}
    assert saved(stats)["pages"] == {"": 3, "tin-tuc/": 1, "van-ban/": 2}
    assert saved(stats)["days"] == {"2026-11-21": 4, "2026-11-22": 2}
    assert saved(stats, "xa-phuoc-dinh")["pages"] == {
        "gioi-thieu/": 1,
        "thong-bao/lich-tiep-cong-dan-thang-12/": 2,
    }
    assert saved(stats, "xa-an-phu")["pages"] == {"": 1, "tin-tuc/mua-nuoc-noi/": 1}
    assert all(len(saved(stats, s.id)["sources"]) == 1 for s in SITES)
    before = snapshot(stats)
    assert run(stats, SAMPLES / "apache-vhost.log").sites == {}
    assert snapshot(stats) == before


def test_sites_by_path_and_by_option(tmp_path):
    stats = tmp_path / "stats"
    assert run(stats, SAMPLES / "dev-local.log").sites == {
        "tinh-lam-giang": 2,
        "xa-phuoc-dinh": 2,
        "xa-an-phu": 1,
    }
    given = tmp_path / "given"
    report = run(given, SAMPLES / "dev-local.log", site="xa-phuoc-dinh")
    assert report.sites == {"xa-phuoc-dinh": 6}  # /tin-tuc/ too; only 404.html and CSS left
    assert saved(given, "xa-phuoc-dinh")["pages"] == {
        "": 1,
        "tinh-lam-giang/": 2,
        "tin-tuc/": 1,
        "tin-tuc/ngay-hoi-dai-doan-ket/": 1,
        "xa-an-phu/lich-cong-tac/": 1,
    }
    assert sorted(p.name for p in given.glob("*.json")) == ["xa-phuoc-dinh.json"]


def test_every_format_into_the_same_aggregates(tmp_path):
    stats = tmp_path / "stats"
    report = run(
        stats,
        SAMPLES / "cloudfront.log",
        SAMPLES / "cloudfront-19-fields.log",
        SAMPLES / "cloudflare.ndjson",
    )
    assert [f.format for f in report.files] == ["cloudfront", "cloudfront", "cloudflare"]
    assert report.sites == {"tinh-lam-giang": 8 + 2 + 6, "xa-phuoc-dinh": 1 + 1 + 1}
    data = saved(stats)
    assert data["newest"] == "2026-11-22T06:30:00+07:00"  # 23:30 UTC
    assert data["days"] == {"2026-11-20": 2, "2026-11-21": 10, "2026-11-22": 4}


def test_nothing_private_is_stored(tmp_path):
    stats = tmp_path / "stats"
    samples = [p for p in sorted(SAMPLES.iterdir()) if p.is_file()]
    run(stats, *samples)
    run(stats, NGINX, site="tinh-lam-giang")
    stored = b"".join(p.read_bytes() for p in stats.iterdir())
    assert stored
    for secret in (
        b"192.0.2.",
        b"198.51.100.",
        b"203.0.113.",
        b"2001:db8",
        b"127.0.0.1",
        b"Mozilla",
        b"Googlebot",
        b"curl",
        b"utm_source",
        b"q=",
        b"https://",
        b"lamgiang.example",
        b"cloudfront.net",
        b"8e1f2a3b",
    ):
        assert secret not in stored, secret


def test_unreadable_files_are_reported_and_others_counted(tmp_path):
    garbage = write(tmp_path / "notes.txt", "không phải nhật ký\nchỉ là ghi chú\n")
    truncated = write(tmp_path / "access.log.3.gz", gzip.compress(NGINX.read_bytes())[:600])
    folder = tmp_path / "a-folder"
    folder.mkdir()
    stats = tmp_path / "stats"
    report = run(
        stats, tmp_path / "missing.log", garbage, truncated, folder, NGINX, site="tinh-lam-giang"
    )
    assert not report.ok
    assert [f.path.name for f in report.failed] == [
        "missing.log",
        "notes.txt",
        "access.log.3.gz",
        "a-folder",
    ]
    assert "định dạng" in report.failed[1].error[0] and "format" in report.failed[1].error[1]
    assert report.sites == {"tinh-lam-giang": 12}
    assert saved(stats)["pages"] == NGINX_VIEWS  # nothing from the truncated copy
    assert len(saved(stats)["sources"]) == 1


@pytest.mark.parametrize(
    "content",
    [
        "{broken",
        json.dumps({"format": 2, "site": "tinh-lam-giang"}),
        json.dumps({"format": 1, "site": "xa-an-phu", "newest": None}),
        json.dumps(
            {
                "format": 1,
                "site": "tinh-lam-giang",
                "newest": None,
                "days": {"2026-11-21": "many"},
                "years": {},
                "pages": {},
                "recent": {},
                "sources": [],
            }
        ),
    ],
)
def test_broken_aggregate_is_reported_and_left_untouched(tmp_path, content):
    stats = write(tmp_path / "stats" / "tinh-lam-giang.json", content).parent
    with pytest.raises(IngestError) as caught:
        run(stats, SAMPLES / "apache-vhost.log")
    assert "tinh-lam-giang.json" in caught.value.message and caught.value.english
    assert (stats / "tinh-lam-giang.json").read_text(encoding="utf-8") == content
    assert sorted(p.name for p in stats.glob("*.json")) == ["tinh-lam-giang.json"]


def test_unknown_site(tmp_path):
    with pytest.raises(IngestError) as caught:
        run(tmp_path / "stats", NGINX, site="xa-khong-co")
    assert "xa-khong-co" in caught.value.message


def test_two_ingests_do_not_interleave(tmp_path):
    stats = tmp_path / "stats"
    stats.mkdir()
    fd = os.open(stats / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another ingest is running
    done = threading.Event()
    worker = threading.Thread(
        target=lambda: (run(stats, NGINX, site="tinh-lam-giang"), done.set()), daemon=True
    )
    worker.start()
    try:
        time.sleep(0.5)
        assert not done.is_set() and not (stats / "tinh-lam-giang.json").exists()
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    worker.join(timeout=30)
    assert done.is_set() and saved(stats)["pages"] == NGINX_VIEWS


# --- the command ----------------------------------------------------------------------------


@pytest.fixture
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    for site in SITES:
        (root / site.id).mkdir(parents=True)
    write(root / "sites.yml", SITES_YML)
    return root


def test_cli_ingest(tmp_path, content):
    stats = tmp_path / "stats"
    args = ["stats", "ingest", "--content", str(content), "--stats", str(stats)]
    result = CliRunner().invoke(main, [*args, "--site", "tinh-lam-giang", str(NGINX)])
    assert result.exit_code == 0, result.output
    assert "41 dòng, 12 lượt xem được tính" in result.output
    assert saved(stats)["pages"] == NGINX_VIEWS
    result = CliRunner().invoke(main, [*args, str(SAMPLES / "apache-vhost.log")])
    assert result.exit_code == 0, result.output
    assert "xa-an-phu: 2" in result.output
    result = CliRunner().invoke(main, [*args, "--format", "cloudfront", str(NGINX)])
    assert result.exit_code == 0, result.output  # every line malformed: not a failure
    assert "dòng hỏng 41" in result.output


def test_cli_unreadable_file_exits_1(tmp_path, content):
    stats = tmp_path / "stats"
    result = CliRunner().invoke(
        main,
        [
            "stats",
            "ingest",
            "--content",
            str(content),
            "--stats",
            str(stats),
            str(tmp_path / "missing.log"),
            str(SAMPLES / "dev-local.log"),
        ],
    )
    assert result.exit_code == 1
    assert "missing.log: LỖI" in result.output
    assert saved(stats)["pages"] == {"": 2}  # the other file was counted


def test_cli_broken_aggregate_exits_1(tmp_path, content):
    stats = write(tmp_path / "stats" / "xa-an-phu.json", "{}\n").parent
    result = CliRunner().invoke(
        main,
        ["stats", "ingest", "--content", str(content), "--stats", str(stats), str(NGINX)],
    )
    assert result.exit_code == 1
    assert "Chưa ghi gì" in result.output and "xa-an-phu.json" in result.output
    assert (stats / "xa-an-phu.json").read_text() == "{}\n"
    assert sorted(p.name for p in stats.glob("*.json")) == ["xa-an-phu.json"]


def test_cli_unknown_site_exits_1(tmp_path, content):
    result = CliRunner().invoke(
        main,
        [
            *("stats", "ingest", "--content", str(content), "--stats", str(tmp_path / "s")),
            *("--site", "xa-khong-co", str(NGINX)),
        ],
    )
    assert result.exit_code == 1 and "xa-khong-co" in result.output


def test_cli_stats_folder_from_settings(tmp_path, content):
    settings = write(tmp_path / "conf.py", f'PORTAL_STATS_PATH = "{tmp_path / "from-settings"}"\n')
    result = CliRunner().invoke(
        main,
        [
            *("stats", "ingest", "--content", str(content), "--settings", str(settings)),
            *("--site", "tinh-lam-giang", str(NGINX)),
        ],
    )
    assert result.exit_code == 0, result.output
    assert saved(tmp_path / "from-settings")["pages"] == NGINX_VIEWS


def test_cli_stats_folder_default(tmp_path, content, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # no pelicanconf.py here: no PORTAL_STATS_PATH either
    result = CliRunner().invoke(
        main, ["stats", "ingest", "--content", str(content), "--site", "tinh-lam-giang", str(NGINX)]
    )
    assert result.exit_code == 0, result.output
    assert saved(work / "stats")["pages"] == NGINX_VIEWS


def test_cli_time_budget(tmp_path, content):
    log = tmp_path / "access.log"
    log.write_text(combined(dt.datetime(2026, 11, 21, 8, 0)), encoding="utf-8")
    command = ["stats", "ingest", "--content", str(content), "--stats", str(tmp_path / "s")]
    result = CliRunner().invoke(
        main, [*command, "--site", "tinh-lam-giang", "--time-budget", "0", str(log)]
    )
    assert result.exit_code == 1 and "0 giây" in result.output
    result = CliRunner().invoke(main, [*command, "--site", "tinh-lam-giang", str(log)])
    assert result.exit_code == 0 and "tinh-lam-giang: 1" in result.output
