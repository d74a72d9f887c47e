"""The demo's sample access logs (demo/logs/, written by tools/demo_logs.py): the committed files
are the generator's output byte for byte, small, well-formed in their formats, with addresses
from the documentation ranges only, nothing outside the period, and items read only once
published."""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import ipaddress
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from portal.stats.logs import CLOUDFRONT_FIELDS
from support import DEMO_NOW, REPO

LOGS = REPO / "demo" / "logs"
LIMIT = 720 * 1024  # "under about 700 KB", with room for a few more demo items
MEMBERS = ("xa-phuoc-dinh", "xa-dao-thanh", "phuong-cau-moi")
HOSTS = {
    "tinh-lam-giang": "lamgiang.example",
    "xa-phuoc-dinh": "phuocdinh.example",
    "xa-dao-thanh": "daothanh.example",
    "phuong-cau-moi": "caumoi.example",
}
START = DEMO_NOW - dt.timedelta(days=120)
DOCUMENTATION = [
    ipaddress.ip_network(n)
    for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
]
HEADER = " ".join(CLOUDFRONT_FIELDS)  # the standard fields, as portal.stats.logs reads them
QUOTED = r'"((?:[^"\\]|\\.)*)"'
COMBINED = re.compile(
    rf"^(?P<ip>\S+) - (?P<user>\S+) \[(?P<time>[^\]]+)\] {QUOTED} (?P<status>\d{{3}}) "
    rf"(?P<size>\d+|-) {QUOTED} {QUOTED}$"
)
REQUEST = re.compile(r"^(?P<method>[A-Z]+) (?P<target>\S+) HTTP/(?:1\.0|1\.1|2\.0)$")
PARENT_FILE = re.compile(r"^access\.log(-\d{8}\.gz)?$")
MEMBER_FILE = re.compile(r"^E[0-9A-Z]{13}\.\d{4}-\d{2}-\d{2}-\d{2}\.[0-9a-f]{8}\.gz$")
BOTS = re.compile(
    r"Googlebot|bingbot|AhrefsBot|YandexBot|facebookexternalhit|ZaloLinkPreview|curl/|"
    r"python-requests|HeadlessChrome|Feedly|Google-Calendar|dataaccessd"
)
NOT_PAGES = re.compile(r"\.[a-z0-9]+$|^/pagefind/")  # assets, attachments, feeds, probes


def load_generator():
    spec = importlib.util.spec_from_file_location("demo_logs", REPO / "tools" / "demo_logs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator():
    return load_generator()


@pytest.fixture(scope="module")
def generated(generator, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("logs")
    generator.generate(out)
    return out


def files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "README.md"
    }


def text_of(data: bytes) -> str:
    return (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode("utf-8")


@dataclass
class Line:
    moment: dt.datetime
    ip: str
    method: str
    path: str
    query: str
    status: int
    agent: str
    host: str = ""


def parent_lines() -> tuple[list[Line], list[str]]:
    """The parent's requests, and the lines that are not "combined" requests."""
    found, broken = [], []
    for path in sorted((LOGS / "tinh-lam-giang").iterdir()):
        for raw in text_of(path.read_bytes()).splitlines():
            match = COMBINED.match(raw)
            request = REQUEST.match(match[4]) if match else None
            if not match or not request:
                broken.append(raw)
                continue
            target = request["target"]
            found.append(
                Line(
                    dt.datetime.strptime(match["time"], "%d/%b/%Y:%H:%M:%S %z"),
                    match["ip"],
                    request["method"],
                    target.partition("?")[0],
                    target.partition("?")[2],
                    int(match["status"]),
                    match[8],  # the user agent
                )
            )
    return found, broken


def member_lines(site: str) -> tuple[list[Line], list[str]]:
    """A member's requests, read by each file's #Fields header, and the lines that do not fit
    it."""
    found, broken = [], []
    for path in sorted((LOGS / site).iterdir()):
        lines = text_of(path.read_bytes()).splitlines()
        assert lines[0] == "#Version: 1.0", path.name
        assert lines[1].startswith("#Fields: "), path.name
        assert lines[1] == f"#Fields: {HEADER}", path.name
        names = HEADER.split(" ")
        for raw in lines[2:]:
            values = raw.split("\t")
            if len(values) != len(names):
                broken.append(raw)
                continue
            row = dict(zip(names, values, strict=True))
            moment = dt.datetime.fromisoformat(f"{row['date']}T{row['time']}+00:00")
            query = "" if row["cs-uri-query"] == "-" else row["cs-uri-query"]
            found.append(
                Line(
                    moment,
                    row["c-ip"],
                    row["cs-method"],
                    row["cs-uri-stem"],
                    query,
                    int(row["sc-status"]),
                    row["cs(User-Agent)"],
                    row["x-host-header"],
                )
            )
            assert " " not in raw, "CloudFront writes spaces URL-encoded"
            assert re.fullmatch(r"d[0-9a-z]+\.cloudfront\.net", row["cs(Host)"])
            assert re.fullmatch(r"[A-Za-z0-9_-]{54}==", row["x-edge-request-id"])
    return found, broken


@pytest.fixture(scope="module")
def parsed() -> dict[str, tuple[list[Line], list[str]]]:
    lines = {"tinh-lam-giang": parent_lines()}
    for site in MEMBERS:
        lines[site] = member_lines(site)
    return lines


def test_committed_sample_is_the_generators_output(generated):
    committed, fresh = files(LOGS), files(generated)
    fix = "regenerate it: .venv/bin/python tools/demo_logs.py"
    assert sorted(committed) == sorted(fresh), f"demo/logs/ is not the generator's output; {fix}"
    differ = [name for name in fresh if committed[name] != fresh[name]]
    assert not differ, f"demo/logs/ differs from the generator's output in {differ}; {fix}"
    assert (LOGS / "README.md").is_file()


def test_sample_is_small():
    total = sum(p.stat().st_size for p in LOGS.rglob("*") if p.is_file())
    assert total < LIMIT, f"demo/logs/ holds {total} bytes"


def test_files_are_named_and_packed_as_promised():
    assert sorted(p.name for p in LOGS.iterdir()) == sorted(["README.md", *HOSTS])
    parent = sorted(p.name for p in (LOGS / "tinh-lam-giang").iterdir())
    assert all(PARENT_FILE.match(name) for name in parent)
    assert "access.log" in parent and len(parent) >= 17  # a file a week, and the current one
    for site in MEMBERS:
        names = sorted(p.name for p in (LOGS / site).iterdir())
        assert len(names) >= 17 and all(MEMBER_FILE.match(name) for name in names)
        assert len({name.split(".")[0] for name in names}) == 1  # one distribution
    for path in LOGS.rglob("*.gz"):
        header = path.read_bytes()[:10]
        assert header[:3] == b"\x1f\x8b\x08"
        assert header[3] == 0, f"{path.name}: no file name or other optional field"
        assert header[4:8] == b"\0\0\0\0", f"{path.name}: mtime 0"


@pytest.mark.parametrize("site", ["tinh-lam-giang", *MEMBERS])
def test_lines_are_well_formed_with_a_few_broken_ones(parsed, site):
    lines, broken = parsed[site]
    assert len(lines) > 1000
    assert 1 <= len(broken) <= 5, broken


@pytest.mark.parametrize("site", ["tinh-lam-giang", *MEMBERS])
def test_every_address_is_a_documentation_address(parsed, site):
    lines, _broken = parsed[site]
    for line in lines:
        address = ipaddress.ip_address(line.ip)
        assert any(address in network for network in DOCUMENTATION), line.ip


@pytest.mark.parametrize("site", ["tinh-lam-giang", *MEMBERS])
def test_nothing_outside_the_period(parsed, site):
    lines, _broken = parsed[site]
    moments = [line.moment for line in lines]
    assert min(moments) >= START
    assert max(moments) < DEMO_NOW
    assert max(moments) > DEMO_NOW - dt.timedelta(hours=3)  # up to the end


def test_members_are_named_by_their_host(parsed):
    for site in MEMBERS:
        lines, _broken = parsed[site]
        assert {line.host for line in lines} == {HOSTS[site]}


def test_parent_is_in_local_time_and_the_current_file_is_the_newest():
    current = text_of((LOGS / "tinh-lam-giang" / "access.log").read_bytes()).splitlines()
    assert current and all("+0700]" in line for line in current if COMBINED.match(line))
    first = COMBINED.match(current[0])
    assert dt.datetime.strptime(first["time"], "%d/%b/%Y:%H:%M:%S %z").date() == DEMO_NOW.date()


def views(lines: list[Line]) -> list[Line]:
    """Readers' page views, as an ingest should count them."""
    return [
        line
        for line in lines
        if line.method == "GET"
        and line.status in (200, 304)
        and not BOTS.search(line.agent)
        and not NOT_PAGES.search(line.path)
    ]


@pytest.mark.parametrize("site", ["tinh-lam-giang", *MEMBERS])
def test_noise_is_there_to_be_left_out(parsed, site):
    lines, _broken = parsed[site]
    statuses = Counter(line.status for line in lines)
    methods = Counter(line.method for line in lines)
    assert statuses[404] and statuses[301] and statuses[304]
    assert methods["HEAD"]
    agents = " ".join({line.agent for line in lines})
    for bot in ("Googlebot", "bingbot", "ZaloLinkPreview", "curl/", "Google-Calendar"):
        assert bot in agents, bot
    assert any(line.path.startswith("/theme/") for line in lines)
    counted = len(views(lines))
    assert 0.55 * len(lines) < counted < 0.85 * len(lines)
    if site == "tinh-lam-giang":
        assert methods["POST"]
        for bot in ("AhrefsBot", "YandexBot", "facebookexternalhit", "python-requests"):
            assert bot in agents, bot
        assert "HeadlessChrome" in agents
        assert any(line.path.endswith(".pdf") for line in lines)
        assert any(line.path == "/tim-kiem/" and line.query.startswith("q=") for line in lines)


@pytest.mark.parametrize("site", ["tinh-lam-giang", *MEMBERS])
def test_readers_keep_office_hours_and_weekdays(parsed, site):
    seen = views(parsed[site][0])
    local = [line.moment.astimezone(DEMO_NOW.tzinfo) for line in seen]
    hours = Counter(moment.hour for moment in local)
    assert hours[9] + hours[10] > 4 * (hours[2] + hours[3])
    days = Counter(moment.date() for moment in local)
    whole = [START.date() + dt.timedelta(days=n) for n in range(1, 120)]
    weekdays = [days[d] for d in whole if d.weekday() < 5]
    sundays = [days[d] for d in whole if d.weekday() == 6]
    assert sum(weekdays) / len(weekdays) > 1.5 * sum(sundays) / len(sundays)


def test_items_are_read_only_once_published(generator, parsed):
    _hosts, pages = generator.load_pages(generator.CONTENT)
    for site, (lines, _broken) in parsed.items():
        since = {page.path: page.since for page in pages[site] if page.since}
        assert since
        for line in lines:
            if line.path in since and line.status in (200, 304):
                assert line.moment.timestamp() >= since[line.path], (site, line)
        read = {line.path for line in views(lines)}
        items = {page.path for page in pages[site] if page.kind}
        assert len(read & items) > 0.6 * len(items)  # most items are read at all
