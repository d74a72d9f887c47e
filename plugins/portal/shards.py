"""Builds across machines: ``portal build --shard K/N`` builds one deterministic, balanced share
of the sites, ``portal assemble`` joins the shards' outputs into the output a one-machine build
writes, byte for byte.

Contract:
- ``plan(sites, weights, n)`` splits the sites that have a content folder into ``n`` lists, the
  same for the same inputs on every machine (no clock, no hash order). Balanced by weight
  (``weights``: content files per site, ``site_weights``), not by id: sites go largest first to
  the shard whose cost grows least, a shard's cost being the weight of the sites it builds
  (each plus ``SITE_COST``, what any site costs) plus ``READ_SHARE`` of the weight of the sites
  it only reads (a site's build reads its parent and
  members for what its pages show of them: ``portal.theme.home.cross_site``, the parent's quick
  index). A shard may be empty when there are more shards than sites.
- A shard is an ordinary partial build (``portal.build.build(site_ids=…)``): every page, feed,
  calendar, both search indexes and the headers of its sites. What it cannot do alone is the
  copying of the full-text bundles between a parent and its members (``search.share_bundles``
  in docs/architecture.md) when they fell in different shards, and the development index page
  at the output root: ``assemble`` does both, after checking that the shards hold every site
  exactly once.
- ``assemble`` writes into a staging folder under the output's lock and swaps each site in, as a
  build does (``portal.swap``, ``portal.lock``); files are hard-linked from the shards where the
  file system allows (no bytes copied), else copied. Raises ``ShardError`` (Vietnamese message
  with its English twin) for a shard missing a site, a site in two shards, or a folder that is
  no site.
- The sites an assembly put in place are recorded beside the output
  (``.<output>.assembled.json``, never inside it: the deploy gate refuses hidden files), so that
  assembling again into the same folder after a site left sites.yml removes that site's folder,
  as a build does (``Ledger.retire``); only slug ids ever become paths.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from portal.errors import ContentErrors, ErrorReport
from portal.frontmatter.fields import SLUG
from portal.lock import DEFAULT_WAIT, build_lock
from portal.search import share_between
from portal.sites import Site, load_sites
from portal.swap import fresh_staging, put_in_place, remove_tree

# What reading a site costs beside building it (scan: front matter, Markdown, sanitiser; build:
# Pelican, templates, search), per content file.
READ_SHARE = 0.25
# What building a site costs whatever its size (a Pelican run, two Pagefind runs, headers), in
# content files: ~0.2 s of CPU per site against ~12 ms per item (portal bench, 101 sites).
SITE_COST = 15

SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


class ShardError(Exception):
    """A shard argument or a set of shard outputs that cannot be used."""

    def __init__(self, message: str, english: str):
        self.message = message
        self.english = english
        super().__init__(f"{message} ({english})")


@dataclass(frozen=True)
class Shard:
    number: int  # 1-based
    count: int


def parse(value: str) -> Shard:
    """``"K/N"`` with 1 ≤ K ≤ N."""
    found = SHARD.match(value or "")
    if not found:
        raise ShardError(
            f"'{value}' không phải dạng K/N (ví dụ 2/4)", f"'{value}' is not K/N (e.g. 2/4)"
        )
    number, count = int(found[1]), int(found[2])
    if count < 1 or not 1 <= number <= count:
        raise ShardError(f"'{value}': cần 1 ≤ K ≤ N", f"'{value}': K must be between 1 and N")
    return Shard(number, count)


def built_sites(content_dir: Path, sites: list[Site]) -> list[str]:
    """The sites a whole build builds: those of sites.yml with a content folder."""
    return [s.id for s in sites if (content_dir / s.id).is_dir()]


def site_weights(content_dir: Path, site_ids: list[str]) -> dict[str, int]:
    """Content files (``*.md``) per site: what its reading and its pages cost, roughly."""
    return {s: sum(1 for _ in (content_dir / s).rglob("*.md")) for s in site_ids}


def neighbours(sites: list[Site]) -> dict[str, set[str]]:
    """The sites each site's build reads besides itself: its parent and its members."""
    found: dict[str, set[str]] = {s.id: set() for s in sites}
    for site in sites:
        if site.parent and site.parent in found:
            found[site.id].add(site.parent)
            found[site.parent].add(site.id)
    return found


def cost(built: set[str], weights: dict[str, int], near: dict[str, set[str]]) -> float:
    """What building ``built`` costs: their weight and ``SITE_COST`` each, plus ``READ_SHARE``
    of the weight of what is only read."""
    read = set().union(*(near.get(s, set()) for s in built)) - built if built else set()
    own = sum(weights[s] + SITE_COST for s in built)
    return own + READ_SHARE * sum(weights.get(s, 0) for s in read)


def plan(sites: list[Site], weights: dict[str, int], count: int) -> list[list[str]]:
    """The sites of each of ``count`` shards (the sites of ``weights``, each exactly once), in
    sites.yml order within a shard. Greedy, largest site first (ties by id), each to the shard
    whose cost after taking it is lowest (ties: the lower shard)."""
    near = neighbours(sites)
    shards: list[set[str]] = [set() for _ in range(count)]
    for site_id in sorted(weights, key=lambda s: (-weights[s], s)):
        best = min(
            range(count),
            key=lambda k: (cost(shards[k] | {site_id}, weights, near), k),
        )
        shards[best].add(site_id)
    order = [s.id for s in sites]
    return [sorted(shard, key=order.index) for shard in shards]


def shard_sites(content_dir: Path, shard: Shard) -> list[str]:
    """The sites of one shard of the portal in ``content_dir`` (sites.yml errors raise
    ContentErrors, as a build's would)."""
    report = ErrorReport()
    sites = load_sites(content_dir, report)
    if report:
        raise ContentErrors(report)
    ids = built_sites(content_dir, sites)
    return plan(sites, site_weights(content_dir, ids), shard.count)[shard.number - 1]


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)


def assemble(
    content_dir: Path,
    output_dir: Path,
    shard_dirs: list[Path],
    local: bool,
    wait: float = DEFAULT_WAIT,
    on_wait=None,
    on_retire=None,
) -> list[str]:
    """Join the outputs of the shards into ``output_dir``; returns the sites, in sites.yml
    order. ``local``: a development build (``PORTAL_URL_MODE = "local"``), which has an index
    page at the output root. A site that the last assembly into ``output_dir`` put in place and
    sites.yml no longer lists is removed, and ``on_retire`` is told its id."""
    report = ErrorReport()
    sites = load_sites(content_dir, report)
    if report:
        raise ContentErrors(report)
    expected = built_sites(content_dir, sites)
    found: dict[str, Path] = {}
    for shard_dir in shard_dirs:
        if not shard_dir.is_dir():
            raise ShardError(f"không có thư mục {shard_dir}", f"{shard_dir} is not a folder")
        for entry in sorted(shard_dir.iterdir()):
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            if entry.name not in expected:
                raise ShardError(
                    f"{entry}: không phải một trang trong sites.yml",
                    f"{entry}: not a site of sites.yml",
                )
            if entry.name in found:
                raise ShardError(
                    f"trang {entry.name} có trong cả {found[entry.name]} và {shard_dir}",
                    f"site {entry.name} is in both {found[entry.name]} and {shard_dir}",
                )
            found[entry.name] = shard_dir
    missing = [s for s in expected if s not in found]
    if missing:
        raise ShardError(
            f"thiếu trang {', '.join(missing)}: chưa dựng đủ các phần",
            f"sites missing from the shards: {', '.join(missing)}",
        )
    output_dir.mkdir(parents=True, exist_ok=True)
    with build_lock(output_dir, None, wait, on_wait):
        staging = fresh_staging(output_dir)
        try:
            for site_id in expected:
                shutil.copytree(
                    found[site_id] / site_id, staging / site_id, copy_function=_link_or_copy
                )
            share_between({s: staging / s for s in expected}, sites, expected)
            if local:
                from portal.build import write_local_index

                write_local_index(staging, sites)
            for entry in sorted(staging.iterdir()):
                put_in_place(entry, output_dir / entry.name)
            record = assembled_record(output_dir)
            for gone in sorted(_recorded(record) - set(expected)):
                remove_tree(output_dir / gone)
                if on_retire is not None:
                    on_retire(gone)
            record.write_text(json.dumps({"sites": expected}) + "\n", encoding="utf-8")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return expected


def assembled_record(output_dir: Path) -> Path:
    """Where ``assemble`` records the sites it put in ``output_dir``: beside it, as the lock."""
    return output_dir.parent / f".{output_dir.name}.assembled.json"


def _recorded(record: Path) -> set[str]:
    """The site ids of the last assembly's record (none when it is missing or unreadable:
    then nothing is removed)."""
    try:
        sites = json.loads(record.read_text(encoding="utf-8")).get("sites")
    except (OSError, ValueError, AttributeError):
        return set()
    if not isinstance(sites, list):
        return set()
    return {s for s in sites if isinstance(s, str) and SLUG.fullmatch(s)}
