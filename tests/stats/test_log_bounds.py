"""Reading access logs ends in bounded time and memory, and a page has one key however it is
spelled (issue 20, faults 2 and 11): a corrupted line is parsed or rejected in milliseconds, a
gzip bomb ends quickly in bounded memory, 2,000 spellings of one page give one key."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from stats_support import SITES

from portal.stats.ingest import ingest

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
GOOD = f'192.0.2.9 - - [21/Nov/2026:08:00:00 +0700] "GET /tin-tuc/ HTTP/1.1" 200 10 "-" "{BROWSER}"'
# The red team's line: 49 bytes of a request cut short, then 11 bytes that are not UTF-8 (60 raw
# bytes). apachelogs saw each as three \xHH escapes and backtracked ×8 per byte (past 120 s).
CORRUPTED = b'192.0.2.9 - - [21/Nov/2026:08:00:00 +0700] "GET /' + b"\xff" * 11
MiB = 1 << 20


def run_python(code: str, timeout: float, memory: int = 1536 * MiB) -> dict:
    """Run ``code`` in a fresh interpreter limited to ``memory`` bytes of address space; it
    prints one JSON object, returned (a timeout fails the test)."""
    preamble = textwrap.dedent(
        f"""
        import json, resource, sys, time
        resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", preamble + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_corrupted_line_is_rejected_in_milliseconds(tmp_path):
    lines = [CORRUPTED]
    # More of the same family: longer runs of bytes that are not UTF-8, of UTF-8 letters, of
    # escapes, inside each quoted field, and the line closed or not.
    for n in (20, 60, 200, 2000):
        lines.append(CORRUPTED + b"\xfe" * n)
        lines.append(CORRUPTED + "đ".encode() * n + b' HTTP/1.1" 200 1 "-" "x')
        lines.append(GOOD.encode()[:-2] + b"\\x" * n + b"\xc3" * n)
        lines.append(GOOD.encode().replace(b'"-"', b'"' + b"\\x41\\" * n + b'"'))
    log = tmp_path / "access.log"
    log.write_bytes(b"\n".join([GOOD.encode(), *lines, GOOD.encode()]) + b"\n")
    found = run_python(
        f"""
        from portal.stats.logs import read_log
        times, kinds = [], []
        with read_log({str(log)!r}) as reader:
            start = time.perf_counter()
            for entry in reader:
                now = time.perf_counter()
                times.append(now - start)
                kinds.append(type(entry).__name__)
                start = now
        print(json.dumps({{"worst": max(times), "kinds": kinds}}))
        """,
        timeout=30,
    )
    assert found["kinds"] == ["Request", *["Malformed"] * len(lines), "Request"]
    assert found["worst"] < 0.05, found


def gzip_bomb(path: Path, size: int = 2048 * MiB, member: int = 64 * MiB) -> None:
    """``size`` bytes of zeros without a line break, gzipped (gzip members one after another:
    one stream to a reader; ~1 KB per MiB, so 2 GiB is ~2 MB)."""
    block = gzip.compress(b"\0" * member, compresslevel=9, mtime=0)
    with open(path, "wb") as out:
        for _ in range(size // member):
            out.write(block)


def test_gzip_bomb_ends_quickly_in_bounded_memory(tmp_path):
    bomb = tmp_path / "access.log.1.gz"
    gzip_bomb(bomb)
    assert bomb.stat().st_size < 3 * MiB
    good = tmp_path / "access.log"
    good.write_text(GOOD + "\n", encoding="utf-8")
    stats = tmp_path / "stats"
    found = run_python(
        f"""
        from portal.sites import Site
        from portal.stats.ingest import ingest, render
        sites = [Site("binh-lang", "Huyện Bình Lãng", "parent", "https://binhlang.example")]
        start = time.perf_counter()
        report = ingest([{str(bomb)!r}, {str(good)!r}], {str(stats)!r}, sites, "binh-lang")
        took = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps({{"took": took, "peak": peak, "text": render(report),
                          "views": report.sites["binh-lang"]}}))
        """,
        timeout=60,
    )
    assert found["took"] < 5, found
    assert found["peak"] < 200 * MiB, found
    assert found["views"] == 1  # the other file still counts
    assert "gzip" in found["text"] and str(bomb) in found["text"], found["text"]


def test_two_thousand_spellings_of_one_page_are_one_key(tmp_path):
    page = "tin-tuc/hoi-nghi-tong-ket-nam-2026/"
    spellings = [
        f"/tin-tuc/x{i}/../hoi-nghi-tong-ket-nam-2026/"
        if i % 5 == 0
        else f"/tin-tuc/%2E%2E/x{i}/%2e%2e/tin-tuc/hoi-nghi-tong-ket-nam-2026/./"
        if i % 5 == 1
        else f"//tin-tuc///{'./' * (i % 7)}hoi-nghi-tong-ket-nam-2026/index.html?v={i}"
        if i % 5 == 2
        else f"/tin-tuc/x{i}/%2E%2E/%68oi-nghi-tong-ket-nam-2026/"
        if i % 5 == 3
        else f"/x{i}/../../../{'%2e/' * (i % 9)}tin-tuc/hoi-nghi-tong-ket-nam-2026/."
        for i in range(2000)
    ]
    assert len(set(spellings)) == 2000
    start = dt.datetime(2026, 11, 21, 8, 0, 0)
    log = tmp_path / "access.log"
    with open(log, "w", encoding="utf-8") as out:
        for i, path in enumerate(spellings):
            moment = start + dt.timedelta(seconds=i)
            out.write(
                f'192.0.2.9 - - [{moment:%d}/Nov/2026:{moment:%H:%M:%S} +0700] "GET {path} '
                f'HTTP/1.1" 200 10 "-" "{BROWSER}"\n'
            )
    report = ingest([log], tmp_path / "stats", SITES, "binh-lang")
    assert report.sites["binh-lang"] == 2000
    aggregate = json.loads((tmp_path / "stats" / "binh-lang.json").read_text(encoding="utf-8"))
    assert aggregate["pages"] == {page: 2000}
    assert aggregate["recent"] == {"2026-11-21": {page: 2000}}
