"""Deterministic builds: the same sources built twice, in different folders, from different
working directories and with different ``PYTHONHASHSEED`` (so set and dict-of-str ordering
differs between the two), give byte-identical output.

One known exception, outside the portal's hands: Pagefind (1.5.2) writes the entries of its
filter files, and the filter list of its ``pf_meta`` file, in Rust ``HashMap`` order, which is
random per process (https://github.com/Pagefind/pagefind/issues/638: fragments were made
stable in 1.3.0, "filter/metadata indexes" were not). Those files, whose names are hashes of
their bytes, and ``pagefind-entry.json``, which names the meta file, are compared decoded and
with that order normalised instead.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import DEMO_CONTENT, DEMO_NOW, SETTINGS

SHOW = 10  # differing files listed in a failure message

BUILD = """\
import datetime as dt, sys
from pathlib import Path
from portal.build import build
content, output, settings, now = sys.argv[1:]
build(Path(content), Path(output), Path(settings), now=dt.datetime.fromisoformat(now))
"""

# Pagefind's unstably ordered files, in any bundle (pagefind/, pagefind-full/,
# pagefind-sites/<id>/).
PAGEFIND_UNSTABLE = re.compile(r"(^|/)(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta)$")
PAGEFIND_ENTRY = "pagefind-entry.json"
DCD = b"pagefind_dcd"  # Pagefind's header before the CBOR body of a decompressed file


def _build(root: Path, seed: str) -> Path:
    output = root / "output"
    root.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONHASHSEED": seed}
    args = [str(DEMO_CONTENT), str(output), str(SETTINGS), DEMO_NOW.isoformat()]
    done = subprocess.run(
        [sys.executable, "-c", BUILD, *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return output


@pytest.fixture(scope="module")
def twice(tmp_path_factory) -> tuple[Path, Path]:
    """The demo built twice, into folders of different names and depths."""
    first = _build(tmp_path_factory.mktemp("first"), "1")
    second = _build(tmp_path_factory.mktemp("second") / "deeper", "2")
    return first, second


def _files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def _pagefind_owned(rel: str) -> bool:
    return bool(PAGEFIND_UNSTABLE.search(rel)) or rel.rsplit("/", 1)[-1] == PAGEFIND_ENTRY


def _cbor(data: bytes, pos: int = 0):
    """Decode the CBOR subset Pagefind writes (unsigned ints, strings, arrays)."""
    head = data[pos]
    major, info = head >> 5, head & 31
    pos += 1
    if info < 24:
        arg = info
    else:
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos : pos + size], "big")
        pos += size
    if major == 0:
        return arg, pos
    if major in (2, 3):
        raw = data[pos : pos + arg]
        return (raw.decode("utf-8") if major == 3 else raw), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _cbor(data, pos)
            items.append(item)
        return items, pos
    raise ValueError(f"unexpected CBOR byte {head:#x} at {pos - 1}")


def _decode(path: Path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(DCD), path
    value, end = _cbor(data, len(DCD))
    assert end == len(data), path
    return value


def _freeze(value):
    return tuple(_freeze(v) for v in value) if isinstance(value, list) else value


def _bundles(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.rglob(PAGEFIND_ENTRY))


def _bundle_contents(bundle: Path) -> dict:
    """A bundle's unstable files, decoded, with Pagefind's HashMap orders sorted and the
    content hashes that name files replaced by the content they name."""
    filters = {}
    for path in (bundle / "filter").glob("*.pf_filter"):
        name, values = _decode(path)
        filters[path.stem] = (name, tuple(sorted(_freeze(values))))
    (meta_path,) = bundle.glob("pagefind.*.pf_meta")
    meta = _decode(meta_path)
    # [version, pages, index chunks, filters [[name, hash]], sorts, ...]
    meta[3] = sorted(filters.pop(file_hash) for _, file_hash in meta[3])
    assert not filters, f"{bundle}: filter files the meta file does not name: {sorted(filters)}"
    entry = json.loads((bundle / PAGEFIND_ENTRY).read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        assert meta_path.name == f"pagefind.{language.pop('hash')}.pf_meta"
    return {"meta": _freeze(meta), "entry": entry}


def test_builds_are_byte_identical(twice):
    first, second = (_files(root) for root in twice)
    only_first, only_second = sorted(first.keys() - second), sorted(second.keys() - first)
    only_first = [rel for rel in only_first if not _pagefind_owned(rel)]
    only_second = [rel for rel in only_second if not _pagefind_owned(rel)]
    assert not only_first and not only_second, (
        f"only in the first build: {only_first[:SHOW]}; only in the second: {only_second[:SHOW]}"
    )
    differ = [
        rel
        for rel in sorted(first.keys() & second.keys())
        if not _pagefind_owned(rel) and first[rel].read_bytes() != second[rel].read_bytes()
    ]
    assert not differ, f"{len(differ)} files differ between two builds, first: {differ[:SHOW]}"
    assert len(first) > 100  # the demo did build


def test_pagefind_filter_files_hold_the_same_entries(twice):
    first, second = twice
    bundles = [b.relative_to(first).as_posix() for b in _bundles(first)]
    assert bundles == [b.relative_to(second).as_posix() for b in _bundles(second)]
    assert bundles, "no Pagefind bundle in the build"
    differ = [
        rel for rel in bundles if _bundle_contents(first / rel) != _bundle_contents(second / rel)
    ]
    assert not differ, f"Pagefind bundles that differ beyond their filter order: {differ[:SHOW]}"
