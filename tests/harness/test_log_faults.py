"""Fault harness for ``portal stats ingest`` (issue 20, fault 2): logs of random bytes, real lines
with random byte flips, gzip bombs and endless lines. Every file must be ingested without an
exception, in bounded time per megabyte and bounded memory: the peak RSS of a fresh interpreter
(its VmHWM: ``resource.getrusage`` would report the peak it inherits from pytest). Seeded and
reproducible (``PORTAL_FAULT_SEED`` changes the seed); prints the seeds, counts and the worst
figures. Slow: ``make test-slow``."""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

from support import REPO

pytestmark = pytest.mark.slow

SEED = int(os.environ.get("PORTAL_FAULT_SEED", "20"))
MiB = 1 << 20
SECONDS_PER_MB = 2.0  # worst time allowed per decompressed megabyte read (plus a start-up second)
PEAK_RSS = 256 * MiB
SAMPLES = REPO / "tests" / "stats" / "samples"
DEMO = REPO / "demo" / "logs"


def ingest_each(files: list[tuple[Path, str]], stats: Path, memory: int = 1536 * MiB) -> list:
    """Ingest each (file, format) on its own in one fresh interpreter (address space limited to
    ``memory``); per file: seconds, decompressed megabytes, lines, errors; and the peak RSS."""
    code = textwrap.dedent(
        f"""
        import json, resource, sys, time
        resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))

        def peak_rss():
            # This process's peak RSS in bytes: VmHWM, which exec resets (getrusage's
            # ru_maxrss keeps the peak of the process that forked it, pytest here).
            with open("/proc/self/status") as status:
                line = next(x for x in status if x.startswith("VmHWM:"))
            return int(line.split()[1]) * 1024
        from portal.sites import Site
        from portal.stats.ingest import ingest, render
        from portal.stats.reading import LogStream
        sites = [Site("tinh-lam-giang", "Tỉnh Lam Giang", "parent", "https://lamgiang.example"),
                 Site("xa-phuoc-dinh", "Xã Phước Định", "member",
                      "https://phuocdinh.lamgiang.example", parent="tinh-lam-giang")]
        out = []
        for path, fmt in json.loads(sys.argv[1]):
            start = time.perf_counter()
            report = ingest([path], {str(stats)!r}, sites, None, fmt)
            took = time.perf_counter() - start
            render(report)
            [file] = report.files
            try:
                with LogStream(path) as stream:
                    size = sum(len(chunk) for chunk in stream.chunks())
            except Exception:  # a bomb: its compressed size is all we measure it by
                size = 0
            out.append([path, fmt, took, size, file.lines, file.error is not None,
                        file.excluded["malformed"], len(file.oversized)])
        peak = peak_rss()
        print(json.dumps({{"files": out, "peak": peak}}))
        """
    )
    listing = json.dumps([[str(path), fmt] for path, fmt in files])
    done = subprocess.run(
        [sys.executable, "-c", code, listing],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def check(name: str, found: dict) -> None:
    """Assert the bounds and print the figures."""
    per_mb = {f[0]: f[2] / max(f[3], os.path.getsize(f[0]), 1) * MiB for f in found["files"]}
    worst = max(per_mb, key=per_mb.__getitem__)
    print(
        f"\n[{name}] seed {SEED}: {len(found['files'])} files, "
        f"{sum(f[4] for f in found['files'])} lines, "
        f"{sum(f[6] for f in found['files'])} malformed, "
        f"{sum(f[7] for f in found['files'])} oversized, "
        f"{sum(f[5] for f in found['files'])} refused; "
        f"worst {max(f[2] for f in found['files']):.2f} s a file, "
        f"{per_mb[worst]:.3f} s/MB ({Path(worst).name}); "
        f"peak RSS {found['peak'] / MiB:.0f} MiB"
    )
    for path, fmt, took, size, *_ in found["files"]:
        megabytes = max(size, os.path.getsize(path)) / MiB
        assert took < 1 + SECONDS_PER_MB * megabytes, (path, fmt, took, megabytes)
    assert found["peak"] < PEAK_RSS, found["peak"]


def real_lines() -> dict[str, list[bytes]]:
    """Real lines of each format: the samples and the demo's logs."""

    def read(path: Path) -> list[bytes]:
        data = path.read_bytes()
        return (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).splitlines()

    combined = [*read(SAMPLES / "nginx-combined.log"), *read(SAMPLES / "apache-vhost.log")]
    for path in sorted((DEMO / "tinh-lam-giang").iterdir())[-3:]:
        combined += read(path)
    cloudfront = read(SAMPLES / "cloudfront.log")
    for path in sorted((DEMO / "xa-phuoc-dinh").iterdir())[-3:]:
        cloudfront += read(path)
    return {
        "combined": combined,
        "cloudfront": cloudfront,
        "cloudflare": read(SAMPLES / "cloudflare.ndjson"),
    }


def flip(rng: random.Random, line: bytes) -> bytes:
    """One to twelve random edits: a byte replaced (often by one that is not ASCII, or by an
    escape), inserted, deleted, or a run of them repeated."""
    data = bytearray(line)
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(len(data) + 1)
        what = rng.random()
        if what < 0.3 and data:
            data[min(at, len(data) - 1)] = rng.choice((rng.randrange(256), rng.randrange(128, 256)))
        elif what < 0.5:
            data[at:at] = rng.choice((b"\\x", b"\\", b'"', b"\\x22", b"[", b" ", b"\xff\xfe"))
        elif what < 0.7:
            data[at : at + rng.randint(1, 8)] = b""
        elif what < 0.9:
            data[at:at] = bytes(rng.randrange(128, 256) for _ in range(rng.randint(1, 80)))
        else:
            piece = data[at : at + rng.randint(1, 6)] or b"\xc3"
            data[at:at] = piece * rng.randint(2, 400)
    return bytes(data.replace(b"\n", b" "))


def test_random_bytes(tmp_path):
    rng = random.Random(SEED)
    files = []
    for index in range(12):
        size = rng.choice((1, 2, 4, 8)) * MiB
        data = bytearray(rng.randbytes(size))
        density = rng.choice((0, 1 / 50, 1 / 500, 1 / 20000))
        for _ in range(int(size * density)):
            data[rng.randrange(size)] = 0x0A
        path = tmp_path / f"random-{index}.log"
        if index % 3 == 2:
            path.write_bytes(gzip.compress(bytes(data), compresslevel=1, mtime=0))
        else:
            path.write_bytes(data)
        files.append((path, ("auto", "combined", "cloudfront", "cloudflare")[index % 4]))
    check("random bytes", ingest_each(files, tmp_path / "stats"))


def test_corrupted_real_lines(tmp_path):
    rng = random.Random(SEED + 1)
    files = []
    for fmt, lines in real_lines().items():
        for index in range(3):
            out = []
            for _ in range(20000):
                line = rng.choice(lines)
                out.append(flip(rng, line) if rng.random() < 0.5 else line)
            path = tmp_path / f"{fmt}-{index}.log"
            data = b"\n".join(out) + b"\n"
            path.write_bytes(gzip.compress(data, mtime=0) if index == 2 else data)
            files.append((path, fmt if index else "auto"))
    found = ingest_each(files, tmp_path / "stats")
    check("corrupted lines", found)
    assert all(f[4] > 15000 and not f[5] for f in found["files"])  # read, not refused


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> list[Path]:
    """A gzip of 2 GiB of zeros without a line break in one member (~2 MB), the same of one
    line break a MiB, and 256 MiB of a repeated real log line (ratio high but lines good)."""
    folder = tmp_path_factory.mktemp("bombs")
    made = []
    blocks = {"zeros": b"\0" * (64 * MiB), "breaks": (b"\0" * (MiB - 1) + b"\n") * 64}
    for name, block in blocks.items():
        path = folder / f"{name}.gz"
        squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)
        with open(path, "wb") as out:
            for _ in range(32):
                out.write(squeeze.compress(block))
            out.write(squeeze.flush())
        made.append(path)
    line = (SAMPLES / "nginx-combined.log").read_bytes().splitlines(keepends=True)[0]
    path = folder / "same-line.gz"
    path.write_bytes(gzip.compress(line * (256 * MiB // len(line)), compresslevel=9, mtime=0))
    made.append(path)
    return made


def test_gzip_bombs(tmp_path, bombs):
    assert all(path.stat().st_size < 4 * MiB for path in bombs[:2])
    found = ingest_each([(path, "auto") for path in bombs], tmp_path / "stats")
    check("gzip bombs", found)
    assert all(f[5] for f in found["files"])  # each refused as a bomb, none read to its end
    assert all(f[2] < 2 for f in found["files"]), found


def test_endless_lines(tmp_path):
    """Files with no line break in hundreds of megabytes, plain and gzipped below the ratio."""
    rng = random.Random(SEED + 2)
    plain = tmp_path / "endless.log"
    with open(plain, "wb") as out:
        head = (SAMPLES / "nginx-combined.log").read_bytes().splitlines(keepends=True)[0]
        out.write(head)
        for _ in range(256):
            out.write(rng.randbytes(MiB).replace(b"\n", b"-"))
    printable = bytes(33 + b % 94 for b in range(256))
    squeezed = tmp_path / "endless.gz"
    with open(squeezed, "wb") as out:
        out.write(gzip.compress(head + rng.randbytes(64 * MiB).translate(printable), mtime=0))
    found = ingest_each([(plain, "auto"), (squeezed, "auto")], tmp_path / "stats")
    check("endless lines", found)
    assert [f[5] for f in found["files"]] == [False, False]  # read to the end, nothing refused
