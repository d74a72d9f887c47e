"""Comparing two built outputs: byte for byte, except Pagefind's files whose entries are
written in random order (Pagefind#638), which are compared decoded with that order sorted
(see tests/test_deterministic.py)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

SHOW = 10  # differing files listed in a failure message
DCD = b"pagefind_dcd"  # Pagefind's header before the CBOR body of a decompressed file

# Pagefind's unstably ordered files, in any bundle (pagefind/, pagefind-full/,
# pagefind-sites/<id>/).
PAGEFIND_UNSTABLE = re.compile(r"(^|/)(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta)$")
PAGEFIND_ENTRY = "pagefind-entry.json"
DCD = b"pagefind_dcd"  # Pagefind's header before the CBOR body of a decompressed file


def files(root: Path) -> dict[str, Path]:
    """The published files (the build's cache folder aside)."""
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != ".cache"
    }


def pagefind_owned(rel: str) -> bool:
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


def bundles(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.rglob(PAGEFIND_ENTRY))


def bundle_contents(bundle: Path) -> dict:
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


def differences(first: Path, second: Path) -> list[str]:
    """What differs between two outputs (empty: the same), as readable lines."""
    a, b = files(first), files(second)
    problems = [
        f"only in {first}: {rel}" for rel in sorted(a.keys() - b) if not pagefind_owned(rel)
    ]
    problems += [
        f"only in {second}: {rel}" for rel in sorted(b.keys() - a) if not pagefind_owned(rel)
    ]
    problems += [
        f"differs: {rel}"
        for rel in sorted(a.keys() & b.keys())
        if not pagefind_owned(rel) and a[rel].read_bytes() != b[rel].read_bytes()
    ]
    names_a = [p.relative_to(first).as_posix() for p in bundles(first)]
    names_b = [p.relative_to(second).as_posix() for p in bundles(second)]
    if names_a != names_b:
        problems.append(f"bundles differ: {names_a} / {names_b}")
    else:
        problems += [
            f"bundle differs: {rel}"
            for rel in names_a
            if bundle_contents(first / rel) != bundle_contents(second / rel)
        ]
    return problems
