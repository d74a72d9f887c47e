"""Reading access logs ends in bounded time and memory, and a page has one key however it is
spelled (issue 20, faults 2 and 11): a corrupted line is parsed or rejected in milliseconds, a
gzip bomb ends quickly in bounded memory, 2,000 spellings of one page give one key."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from crawlerdetect import CrawlerDetect
from crawlerdetect.providers.crawlers import data as crawler_patterns
from crawlerdetect.providers.exclusions import data as exclusions
from stats_support import SITES

from portal.stats import keys
from portal.stats.ingest import ingest, render
from portal.stats.logs import AGENT_MAX, Request, detect_format, is_bot, page_key, read_log
from portal.stats.reading import CHUNK, LINE_MAX, open_lines
from support import REPO

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
GOOD = f'192.0.2.9 - - [21/Nov/2026:08:00:00 +0700] "GET /tin-tuc/ HTTP/1.1" 200 10 "-" "{BROWSER}"'
# The red team's line: 49 bytes of a request cut short, then 11 bytes that are not UTF-8 (60 raw
# bytes). apachelogs saw each as three \xHH escapes and backtracked ×8 per byte (past 120 s).
CORRUPTED = b'192.0.2.9 - - [21/Nov/2026:08:00:00 +0700] "GET /' + b"\xff" * 11
MiB = 1 << 20
SAMPLES = Path(__file__).parent / "samples"


def run_python(code: str, timeout: float, memory: int = 1536 * MiB) -> dict:
    """Run ``code`` in a fresh interpreter limited to ``memory`` bytes of address space; it
    prints one JSON object, returned (a timeout fails the test)."""
    preamble = textwrap.dedent(
        f"""
        import json, resource, sys, time
        resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))

        def peak_rss():
            # This process's peak RSS in bytes: VmHWM, which exec resets (getrusage's
            # ru_maxrss keeps the peak of the process that forked it, pytest here).
            with open("/proc/self/status") as status:
                line = next(x for x in status if x.startswith("VmHWM:"))
            return int(line.split()[1]) * 1024
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
        print(json.dumps({{"worst": max(times), "kinds": kinds,
                          "apachelogs": "apachelogs" in sys.modules}}))
        """,
        timeout=30,
    )
    assert found["kinds"] == ["Request", *["Malformed"] * len(lines), "Request"]
    assert found["worst"] < 0.05, found
    assert not found["apachelogs"]  # no line reaches it: portal does not load it


def test_impossible_years_are_malformed_not_a_crash(tmp_path):
    log = tmp_path / "access.log"
    year = "9" * 30  # apachelogs raised OverflowError here: ingest ended in a traceback
    log.write_text(GOOD.replace("/2026:", f"/{year}:") + "\n" + GOOD + "\n", encoding="utf-8")
    with read_log(log) as reader:
        assert [type(e).__name__ for e in reader] == ["Malformed", "Request"]


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
        sites = [Site("tinh-lam-giang", "Tỉnh Lam Giang", "parent", "https://lamgiang.example")]
        start = time.perf_counter()
        report = ingest([{str(bomb)!r}, {str(good)!r}], {str(stats)!r}, sites, "tinh-lam-giang")
        took = time.perf_counter() - start
        peak = peak_rss()
        print(json.dumps({{"took": took, "peak": peak, "text": render(report),
                          "views": report.sites["tinh-lam-giang"]}}))
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
    report = ingest([log], tmp_path / "stats", SITES, "tinh-lam-giang")
    assert report.sites["tinh-lam-giang"] == 2000
    aggregate = json.loads((tmp_path / "stats" / "tinh-lam-giang.json").read_text(encoding="utf-8"))
    assert aggregate["pages"] == {page: 2000}
    assert aggregate["recent"] == {"2026-11-21": {page: 2000}}


def test_overlong_lines_are_malformed_never_kept(tmp_path):
    log = tmp_path / "access.log"
    long = GOOD.replace('"-"', '"' + "r" * (LINE_MAX + 1) + '"', 1)
    exactly = GOOD.replace('"-"', '"' + "r" * (LINE_MAX - len(GOOD) + 1) + '"', 1)
    assert len(exactly) == LINE_MAX
    log.write_bytes(
        f"{GOOD}\n{long}\n{exactly}\r\n{'x' * (3 * CHUNK)}\n{GOOD}\n{'y' * (LINE_MAX + 5)}".encode()
    )
    with read_log(log) as reader:
        found = list(reader)
        assert reader.partial == 6 and reader.oversized == [2, 4, 6]
    kinds = ["Request", "Malformed", "Request", "Malformed", "Request"]
    assert [type(e).__name__ for e in found] == kinds
    assert (found[1].size, found[1].oversized) == (len(long), True)
    assert (found[3].size, found[3].oversized) == (3 * CHUNK, True)
    report = ingest([log], tmp_path / "stats", SITES, "tinh-lam-giang")
    [file] = report.files
    assert file.views == 3 and file.excluded["malformed"] == 2 and file.oversized == [2, 4, 6]
    text = render(report)
    assert "dòng dài quá 16 KiB" in text and "lines longer than 16 KiB" in text
    assert "2, 4, 6" in text


def test_time_budget_stops_a_file_and_keeps_nothing_of_it(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(GOOD + "\n", encoding="utf-8")
    stats = tmp_path / "stats"
    report = ingest([log], stats, SITES, "tinh-lam-giang", time_budget=0)
    [file] = report.files
    assert file.error and "giây" in file.error[0] and "allowed" in file.error[1]
    assert not report.ok and not stats.joinpath("tinh-lam-giang.json").exists()
    assert "ERROR: reading took more than the 0 s allowed" in render(report)
    report = ingest([log], stats, SITES, "tinh-lam-giang", time_budget=None)
    assert report.ok and report.sites["tinh-lam-giang"] == 1


def test_json_lines_deeply_nested_or_huge_are_malformed(tmp_path):
    line = json.dumps(
        {
            "ClientRequestURI": "/",
            "ClientRequestMethod": "GET",
            "EdgeResponseStatus": 200,
            "EdgeStartTimestamp": "2026-11-21T01:00:00Z",
            "ClientRequestUserAgent": BROWSER,
            "ClientRequestHost": "lamgiang.example",
        }
    )
    deep = '{"a": ' + "[" * 10000 + "]" * 10000 + "}"
    big_number = '{"EdgeStartTimestamp": ' + "9" * 5000 + ', "ClientRequestURI": "/"}'
    huge = '{"ClientRequestURI": "/' + "a" * (LINE_MAX * 4) + '"}'
    log = tmp_path / "http_requests.ndjson"
    log.write_text("\n".join([line, deep, big_number, huge, line]) + "\n", encoding="utf-8")
    with read_log(log) as reader:
        kinds = [type(e).__name__ for e in reader]
    assert kinds == ["Request", "Malformed", "Malformed", "Malformed", "Request"]
    assert detect_format([deep, line]) == "cloudflare"


@pytest.mark.parametrize(
    ("path", "normal"),
    [
        ("/", "/"),
        ("", "/"),
        ("/tin-tuc/x/../", "/tin-tuc/"),
        ("/tin-tuc/x/..", "/tin-tuc/"),
        ("/tin-tuc/./x/.", "/tin-tuc/x/"),
        ("/tin-tuc/%2E%2E/%2e/van-ban/", "/van-ban/"),
        ("/../../..", "/"),
        ("//tin-tuc///x//", "/tin-tuc/x/"),
        ("/tin-tuc%2Fx%2F", "/tin-tuc/x/"),
        ("/%74in-tuc/", "/tin-tuc/"),
        ("/tin-tuc/l%E1%BB%85-h%E1%BB%99i/", "/tin-tuc/lễ-hội/"),
        ("/Tin-Tuc/", "/Tin-Tuc/"),  # case kept: another file to the server
        ("/tin-tuc/...x/", "/tin-tuc/...x/"),
        ("/tin-tuc/%252E%252E/", "/tin-tuc/%2E%2E/"),  # decoded once, as nginx does
    ],
)
def test_paths_are_normalised_as_the_server_resolves_them(path, normal):
    assert keys.normalise(path) == normal


@pytest.mark.parametrize(
    ("rel", "key"),
    [
        ("tin-tuc/lễ-hội-đất/", "tin-tuc/lễ-hội-đất/"),
        ("tin-tuc/%2E%2E/", None),  # an escape left after decoding
        ("tin-tuc/a b/", None),
        ("tin-tuc/a\x00/", None),
        ("tin-tuc/a\ufffd/", None),  # bytes that were not UTF-8
        ("tin-tuc/a\u200b/", None),  # invisible
        ('tin-tuc/"a"/', None),
        ("tin-tuc/a?b/", None),
        ("tin-tuc/" + "a" * 600 + "/", None),
        ("tin-tuc/" + "a" * 400 + "/", "tin-tuc/" + "a" * 400 + "/"),
    ],
)
def test_page_keys_are_bounded(rel, key):
    assert page_key(rel) == key


def agents() -> list[str]:
    """Every user agent of the samples and of the demo parent's last four weeks of logs."""
    found = set()
    demo = sorted((REPO / "demo" / "logs" / "tinh-lam-giang").iterdir())[-4:]
    for path in [*SAMPLES.glob("*.log"), *demo]:
        with read_log(path) as reader:
            found.update(e.user_agent for e in reader if isinstance(e, Request))
    return sorted(found)


def test_bots_as_crawlerdetect_says():
    rng = random.Random(11)
    checked = agents()
    assert len(checked) > 40
    # and random agents: letters, digits, punctuation, crawler words in them
    words = ["bot", "crawl", "spider", "Google", "Mozilla/5.0", " ", "(", ";", "-", "_", "Zalo"]
    for _ in range(300):
        checked.append("".join(rng.choice(words + list("abcxyz019")) for _ in range(60)))
    # and agents made of the list's own words and patterns, in mixed case, with browsers' words
    pieces = [re.sub(r"\\(.)", r"\1", p).strip("^$") for p in crawler_patterns + exclusions]
    for _ in range(800):
        agent = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))
        agent = "".join(c.upper() if rng.random() < 0.3 else c for c in agent)
        checked.append(rng.choice(("", "Mozilla/5.0 (Windows NT 10.0) ")) + agent)
    detector = CrawlerDetect()
    for agent in checked:
        expected = agent.strip() in ("", "-") or bool(
            re.search(r"\b(?:HeadlessChrome|Lighthouse|curl|Wget|python-requests)\b", agent, re.I)
        )
        assert is_bot(agent) == (expected or detector.is_crawler(agent)), agent


def test_long_user_agents_cost_little():
    rng = random.Random(12)
    worst = 0.0
    for n in (200, 512, 3000, 16000):
        for alphabet in ("abcdefghijklmnopqrstuvwxyz", "0123456789", "compa"):
            agent = "Mozilla/5.0 (" + "".join(rng.choice(alphabet) for _ in range(n))
            start = time.perf_counter()
            is_bot(agent)
            worst = max(worst, time.perf_counter() - start)
    assert worst < 0.1, worst  # crawlerdetect took 1.6 s for one agent of 3 KB
    assert is_bot("Mozilla/5.0 (" + "a" * AGENT_MAX)


def test_keys_counted_before_normalisation_are_merged_on_the_next_ingest(tmp_path):
    stats = tmp_path / "stats"
    log = tmp_path / "access.log"
    log.write_text(GOOD + "\n", encoding="utf-8")
    ingest([log], stats, SITES, "tinh-lam-giang")
    path = stats / "tinh-lam-giang.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    inflated = {"tin-tuc/": 1, "tin-tuc/x/../": 2, "tin-tuc//./": 3, "a b/": 4, "x/..": 5}
    data["pages"] = dict(inflated)
    data["recent"] = {"2026-11-21": dict(inflated)}
    path.write_text(json.dumps(data), encoding="utf-8")
    report = ingest([log], stats, SITES, "tinh-lam-giang")  # nothing new: the line was counted
    assert report.sites["tinh-lam-giang"] == 0 and report.written == [path]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["pages"] == {"tin-tuc/": 6, "": 5}
    assert data["recent"] == {"2026-11-21": {"tin-tuc/": 6, "": 5}}
    assert ingest([log], stats, SITES, "tinh-lam-giang").written == []  # settled


def reference_lines(data: bytes) -> tuple[list[tuple[int, int, bytes | None]], int]:
    """The lines as the reader read them before it was bounded (one readline each), with the
    new cap: (number, size, body or None when over LINE_MAX) and the unfinished line."""
    out = []
    *whole, tail = data.split(b"\n")
    for number, raw in enumerate(whole, 1):
        body = raw.rstrip(b"\r")
        if len(body) > LINE_MAX:
            out.append((number, len(body), None))
        elif body.decode("utf-8", "replace").strip():
            out.append((number, len(body), body))
    return out, (len(whole) + 1 if tail.strip() else 0)


@pytest.mark.parametrize("seed", range(6))
def test_lines_are_split_as_before_across_blocks(tmp_path, seed):
    rng = random.Random(seed)
    pieces = []
    for _ in range(rng.randint(20, 60)):
        size = rng.choice((0, 1, 5, 80, 300, LINE_MAX - 1, LINE_MAX, LINE_MAX + 1, 40000))
        body = bytes(rng.choices(b"ab \t\r\xc3\xa1\xff\x1c", k=size))
        pieces.append(body + rng.choice((b"\n", b"\r\n", b"\r\r\n", b"\n\n")))
    if seed % 2:
        pieces.append(rng.choice((b"tail", b"  ", b"x" * (LINE_MAX + 9))))
    data = b"".join(pieces)
    path = tmp_path / "lines.log"
    path.write_bytes(gzip.compress(data, mtime=0) if seed % 3 == 0 else data)
    stream, lines = open_lines(path)
    with stream:
        found = [(line.number, line.size, line.body) for line in lines]
    expected, partial = reference_lines(data)
    assert found == expected
    assert lines.partial == partial
