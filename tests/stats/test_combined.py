"""The linear combined parser (portal.stats.combined) accepts the lines apachelogs accepted with
the same formats and gives the same fields: on every sample and demo line, on lines written for
the edge cases, and on seeded mutations of them. (apachelogs is only the oracle here, given
lines with few escapes, where it is fast; no log line reaches it in portal.)"""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import apachelogs
import pytest

from portal.stats import combined
from support import REPO

SAMPLES = Path(__file__).parent / "samples"
ORACLES = {
    "vhost": apachelogs.LogParser(apachelogs.VHOST_COMBINED, encoding="utf-8", errors="replace"),
    "main": apachelogs.LogParser(
        apachelogs.COMBINED + ' "%{X-Forwarded-For}i"', encoding="utf-8", errors="replace"
    ),
    "combined": apachelogs.LogParser(apachelogs.COMBINED, encoding="utf-8", errors="replace"),
}
UA = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"
VH = "lamgiang.example:443 192.0.2.1 - -"
T = "[21/Nov/2026:08:00:00 +0700]"
EDGES = [
    f'192.0.2.1 - - [21/Nov/2026:08:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "{UA}"',
    f'192.0.2.1 - alice [21/Nov/2026:08:00:00 -0130] "GET /a b HTTP/1.1" 200 - "-" "{UA}"',
    f'192.0.2.1 - "" [21/Nov/2026:08:00:00 +0700] "GET / HTTP/1.1" 304 0 "-" "{UA}"',
    f'host name - - [21/Nov/2026:08:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "{UA}"',
    f'2001:db8::1 - - [01/Jan/2026:00:00:00 +0000] "GET /x/ HTTP/2.0" 200 12 "r" "{UA}"',
    f'{VH} {T} "GET / HTTP/1.1" 200 5 "-" "{UA}"',
    f'{VH} {T} "GET / HTTP/1.1" 200 - "-" "{UA}"',
    f'192.0.2.1 - - [21/Nov/2026:08:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "{UA}" "203.0.113.5"',
    f'192.0.2.1 - - [21/Nov/2026:08:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "{UA}" "-"',
    f'192.0.2.1 - - {T} "GET /\\x22q\\x22 HTTP/1.1" 200 1 "\\"r\\"" "a\\\\b"',
    '192.0.2.1 - - [21/Nov/2026:08:00:00 +0700] "GET /%C4%91 HTTP/1.1" 200 1 "-" "\\xC4\\x91"',
    '192.0.2.1 - - [21/Nov/2026:08:00:00 +0700] "-" 400 0 "-" "-"',
    '192.0.2.1 - - [21/Nov/2026:08:00:00 +0700] "GET / HTTP/1.1" - 0 "-" "-"',
    '192.0.2.1 - - [21/Nov/2026:08:00:00  +0700] "GET / HTTP/1.1" 200 -5 "-" "x"',
    '192.0.2.1 - - [31/Nov/2026:08:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "x"',
    '192.0.2.1 - - [21/Foo/2026:08:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "x"',
    '192.0.2.1 - - [21/Nov/2026:08:00:00 +2500] "GET / HTTP/1.1" 200 1 "-" "x"',
    '192.0.2.1 - - [21/Nov/2026:08:00:00 +0700] "GET / HTTP/1.1" 200 01 "-" "x"',
    '192.0.2.1 - - [21/Nov/2026:08:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "x\ty"',
    '192.0.2.1 - - [21/Nov/2026:08:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "x"y"',
    '192.0.2.1 - - 21/Nov/2026:08:00:00 +0700 "GET / HTTP/1.1" 200 1 "-" "x"',
    '192.0.2.1 - [21/Nov/2026:08:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "x"',
    "",
]


def oracle(line: str, variant: str) -> tuple | None:
    """What apachelogs makes of ``line``, as the fields combined.parse gives, or None."""
    try:
        entry = ORACLES[variant].parse(line)
    except ValueError:
        return None
    found = entry.directives
    return (
        found.get("%v"),
        found.get("%t"),
        found.get("%r"),
        found.get("%>s"),
        found.get("%b", found.get("%O")) or 0,
        found.get("%{User-Agent}i") or "",
    )


def ours(line: str, variant: str) -> tuple | None:
    fields = combined.parse(line.encode("utf-8"), variant)
    if fields is None:
        return None
    return (
        fields.vhost,
        fields.time,
        fields.request,
        fields.status,
        fields.bytes,
        fields.user_agent,
    )


def known_lines() -> list[str]:
    lines = list(EDGES)
    for path in [
        *SAMPLES.glob("*.log"),
        *sorted((REPO / "demo" / "logs" / "tinh-lam-giang").iterdir()),
    ]:
        data = path.read_bytes()
        data = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
        lines += data.decode("utf-8", "replace").splitlines()[:400]
    return lines


def mutations(lines: list[str], seed: int, count: int) -> list[str]:
    """``count`` lines of ``lines`` with one to three edits of the characters that delimit
    fields (ASCII only, few escapes: the oracle stays fast)."""
    rng = random.Random(seed)
    pieces = [" ", '"', "[", "]", "-", "\\", ":", "0", "a", '\\"', "\\x22", "  "]
    out = []
    for _ in range(count):
        line = rng.choice(lines)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(line) + 1)
            cut = rng.choice((0, 0, 1, 2))
            line = line[:at] + rng.choice(pieces) + line[at + cut :]
        out.append(line)
    return out


def compare(lines: list[str]) -> list[tuple[str, str]]:
    differ = []
    for line in lines:
        if line.count("\\") > 8 or (not line.isascii() and "\\" in line):
            continue  # keep the oracle away from the lines it takes exponential time on
        for variant in combined.VARIANTS:
            if ours(line, variant) != oracle(line, variant):
                differ.append((variant, line))
    return differ


def test_same_fields_as_apachelogs_on_known_lines():
    lines = known_lines()
    assert len(lines) > 2000
    assert compare(lines) == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_fields_as_apachelogs_on_mutated_lines(seed):
    assert compare(mutations(known_lines(), seed, 700)) == []


def test_choose_the_variant_like_before():
    assert combined.choose([EDGES[5].encode()]) == "vhost"
    assert combined.choose([EDGES[7].encode()]) == "main"
    assert combined.choose([EDGES[0].encode()]) == "combined"
    assert combined.choose([b"not a log line"]) is None


@pytest.mark.slow
def test_same_fields_as_apachelogs_on_many_mutated_lines():
    """60,000 mutated lines, each in the three variants (``make test-slow``)."""
    lines = known_lines()
    differ = []
    for seed in range(100, 160):
        differ += compare(mutations(lines, seed, 1000))
    print(f"\n[combined vs apachelogs] seeds 100-159: 60000 lines, {len(differ)} differences")
    assert differ == []
