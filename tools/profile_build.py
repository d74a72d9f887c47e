"""Where a cold build's time goes: the bench corpus at ``--scale`` built once, cold, in one
process (``jobs=1``, so that cProfile sees every site's reading and rendering; Pagefind runs as
a subprocess and shows as the time its Python callers wait), then

- phases: reading (``catalog.scan_site``), of it Markdown + sanitiser (``markup.render``), git
  history, Pelican per site, of it Jinja rendering (per template, top-level ``root`` of each
  compiled template; an included template's time is also in its includer's) and writing
  (Pelican's writer), search indexing (Pagefind), headers;
- the top functions by cumulative time.

    .venv/bin/python tools/profile_build.py [--scale 0.3] [--members 12] [--top 15]
        [--keep DIR] [--stats FILE.prof] [--keys] [--edit] [--no-search]

``--keys`` builds incrementally from an empty cache, as ``portal bench``'s cold scenario does
(every render watched and its page key recorded, ``portal.pagekeys``); without it the build is
``--full`` (nothing watched). ``--edit`` profiles ``portal bench``'s article scenario instead:
a cold incremental build (not profiled), one word changed in the body of the parent's first
article, then the profiled build.

Numbers are CPU-bound wall times under the profiler (cProfile adds roughly 1.5–2× to Python
code, nothing to Pagefind): read the shares, not the seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from portal.build import build
from portal_bench import corpus
from portal_bench.tools import edit_word

REPO = Path(__file__).resolve().parents[1]

# (label, file suffix, function name): cumulative time of the first match.
PHASES = (
    ("whole build", "portal/build.py", "build"),
    ("reading: scan_site", "portal/catalog/scan.py", "scan_site"),
    ("  Markdown + sanitiser (markup.render)", "portal/markup/render.py", "render"),
    ("git history", "portal/catalog/tree.py", "add_history"),
    ("Pelican runs (all sites)", "portal/build.py", "run_pelican"),
    ("  reading settings", "pelican/settings.py", "read_settings"),
    ("  Pelican.run (every generator's context and output)", "pelican/__init__.py", "run"),
    ("  Jinja Template.render", "jinja2/environment.py", "render"),
    ("  writer.write_file", "pelican/writers.py", "write_file"),
    ("search: index_site (Pagefind)", "portal/search/index.py", "index_site"),
    ("  waiting for Pagefind (select.poll)", "~", "<method 'poll' of 'select.poll' objects>"),
    ("search: share_between", "portal/search/index.py", "share_between"),
    ("headers", "portal/headers/__init__.py", "write_site_headers"),
)


def _find(stats: pstats.Stats, suffix: str, name: str) -> float:
    best = 0.0
    for (filename, _, function), (_, _, _, cumulative, _) in stats.stats.items():
        if function == name and filename.endswith(suffix):
            best = max(best, cumulative)
    return best


def templates(stats: pstats.Stats) -> list[tuple[str, float, int]]:
    """(template, cumulative seconds, calls) of each compiled template's ``root``."""
    found = []
    for (filename, _, function), (_, calls, _, cumulative, _) in stats.stats.items():
        if function == "root" and filename.endswith(".html"):
            found.append((filename.split("/templates/")[-1], cumulative, calls))
    return sorted(found, key=lambda t: -t[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.3)
    parser.add_argument("--members", type=int, default=12)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--stats", type=Path, help="also write the raw profile here")
    parser.add_argument(
        "--keys",
        action="store_true",
        help="incremental build from an empty cache, as `portal bench` cold: every page's reads "
        "are watched and recorded (portal.pagekeys); default: --full, no watching",
    )
    parser.add_argument(
        "--edit",
        action="store_true",
        help="profile the build after one word of one parent article changed (as portal "
        "bench's article scenario), from a cold incremental build",
    )
    parser.add_argument("--no-search", action="store_true", help="leave Pagefind out")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="portal-profile-"))
    try:
        content = work / "corpus"
        if not (content / "sites.yml").is_file():
            counts = corpus.scaled(corpus.BUILD_MIX, args.scale)
            corpus.generate(content, members=args.members, counts=counts)
        output = work / "output"
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(work / ".output-cache", ignore_errors=True)
        options = {"now": corpus.NOW, "jobs": 1, "search": not args.no_search}
        what = "Cold build"
        if args.edit:
            build(content, output, REPO / "pelicanconf.py", incremental=True, **options)
            parent = content / corpus.slugify(corpus.PARENT_NAME)
            article = sorted((parent / "articles").glob("*.md"))[0]
            article.write_text(edit_word(article.read_text(encoding="utf-8")), encoding="utf-8")
            what = f"Build after one word of {article.relative_to(content)} changed"
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        build(
            content,
            output,
            REPO / "pelicanconf.py",
            incremental=args.keys or args.edit,
            **options,
        )
        profile.disable()
        wall = time.perf_counter() - started
        if args.stats:
            profile.dump_stats(args.stats)
        stats = pstats.Stats(profile)
        whole = _find(stats, "portal/build.py", "build") or wall
        files = sum(1 for p in content.rglob("*.md"))
        print(f"{what}, {files:,} content files, one process, under cProfile: {wall:.1f} s")
        print("\n| phase | seconds | share |\n|---|---:|---:|")
        for label, suffix, name in PHASES:
            seconds = _find(stats, suffix, name)
            print(f"| {label} | {seconds:.1f} | {seconds / whole:.0%} |")
        own = sum(
            row[2] for key, row in stats.stats.items() if key[0].endswith("portal/pagekeys.py")
        )
        print(f"| page keys: own time in portal/pagekeys.py | {own:.1f} | {own / whole:.0%} |")
        print("\n| template (top-level root) | seconds | calls |\n|---|---:|---:|")
        for name, seconds, calls in templates(stats)[:12]:
            print(f"| {name} | {seconds:.1f} | {calls:,} |")
        print(f"\nTop {args.top} functions by cumulative time:\n```")
        stats.sort_stats("cumulative").print_stats(args.top)
        print(f"```\n\nTop {args.top} functions by own time:\n```")
        stats.sort_stats("tottime").print_stats(args.top)
        print("```")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
