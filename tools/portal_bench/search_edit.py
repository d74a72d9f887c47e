"""Search indexing of one edited article: the code of a given git revision (before: one
bundle per site, or with ``--before-sharded`` its shards merged in the browser) against the
shards merged at build time into one served bundle (``portal.search.merge``), side by side on
one generated corpus.

    python -m portal_bench.search_edit [--pages 10000] [--members 12] [--before REV]
                                       [--before-sharded] [--work DIR] [--queries 3]

Steps: generate the corpus (``portal_bench.corpus``) and build it without search; for each
scheme, a hard-linked copy of the output is indexed cold (every site, both tiers, bundles
shared, as ``index_sites``, with a build cache of its own), then one article of the largest site
is edited (a sentence added to its body) and that site is indexed again as a build does (full
text and quick index of the edited site, copies shared with its parent and members), with the
same cache (and, for a sharded 'before', the last output as the previous one). Each indexing
runs in a child process, timed from outside with the peak memory of its process tree
(``portal_bench.measure``). Then a few full-text first queries of the parent are measured in
Chromium (bytes, requests), as ``make bench-search`` does.

The report is a Markdown table on stdout; progress on stderr. A measurement, not a test: the exit
code is 0 unless the run breaks.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from portal_bench import corpus
from portal_bench.measure import run_measured
from portal_bench.search import (
    CHROMIUM_ARGS,
    KB,
    MB,
    build_without_index,
    chromium_path,
    say,
    serving,
    visit_ours,
)

# The child: index every site cold, or one site again after an edit. argv: code folder (its
# plugins/ first on sys.path), content, output, now, mode ("cold" or a site id), previous.
CHILD = """\
import sys
sys.path.insert(0, sys.argv[1] + "/plugins")
import datetime as dt, inspect, json, time
from pathlib import Path
try:
    from portal.catalog.tree import scan
except ImportError:  # a revision from before scan moved into the catalog
    from portal.build import scan
from portal.errors import ErrorReport
from portal.search import index as ix
report = ErrorReport()
sites, catalogs = scan(Path(sys.argv[2]), dt.datetime.fromisoformat(sys.argv[4]), report)
assert not report, [str(e) for e in report.sorted()]
output, mode, sharded, cache = Path(sys.argv[3]), sys.argv[5], sys.argv[7] == "1", sys.argv[8]
done = {}
params = inspect.signature(ix.index_full).parameters
kwargs = {"sharded": sharded} if "sharded" in params else {}
if "cache" in params and cache:
    kwargs["cache"] = Path(cache)
if mode == "cold":
    stats = ix.index_sites(output, sites, catalogs, **kwargs)
    done = {"pages": sum(s.pages for s in stats)}
else:
    site = next(s for s in sites if s.id == mode)
    expected = {f"/{i.url}" for i in catalogs[mode].items if i.listed}
    started = time.perf_counter()
    full_kwargs = dict(kwargs)
    if "previous" in params and sys.argv[6]:
        full_kwargs["previous"] = Path(sys.argv[6])
    full = ix.index_full(mode, output / mode, expected, **full_kwargs)
    done["full_seconds"] = time.perf_counter() - started
    done["reindexed_pages"] = getattr(full, "reindexed_pages", full if isinstance(full, int) else 0)
    started = time.perf_counter()
    quick = {"cache": kwargs["cache"]} if "cache" in kwargs else {}
    ix.index_quick(mode, output / mode, ix.quick_items(site, sites, catalogs), **quick)
    done["quick_seconds"] = time.perf_counter() - started
    started = time.perf_counter()
    dirs = {s.id: output / s.id for s in sites}
    ix.share_between(dirs, sites, dirs, sources=[mode])
    done["share_seconds"] = time.perf_counter() - started
print(json.dumps(done))
"""
EDIT = " Nội dung này vừa được cập nhật để đo thời gian lập chỉ mục."
FULL_QUERIES = ("đăng ký đất đai", "{rare}", "nong thon moi")


def _link_copy(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, copy_function=os.link)


def _edit_one_article(site_dir: Path) -> Path:
    """Add a sentence to the body of the newest-named article page (a new file: the copies
    share inodes)."""
    pages = sorted(
        p for p in (site_dir / "tin-tuc").rglob("index.html") if p.parent != site_dir / "tin-tuc"
    )
    for page in reversed(pages):
        text = page.read_text(encoding="utf-8")
        if "data-pagefind-body" in text and "</p>" in text:
            page.unlink()
            page.write_text(text.replace("</p>", EDIT + "</p>", 1), encoding="utf-8")
            return page
    raise click.ClickException(f"no article page to edit in {site_dir}")


def _as_before(output: Path, code: Path) -> None:
    """The 'before' copy serves the search page of ``code`` (the pages were built with this
    one): its search module in place of ours, and other sites' bundles where it looks for
    them (``pagefind-sites/<id>/``, not ``…/<id>/full/``). Files are replaced, not written
    through: the copies share inodes."""
    old_js = (code / "theme/static/js/modules/search.js").read_bytes()
    for module in output.glob("*/theme/js/modules/search.*.js"):
        module.unlink()
        module.write_bytes(old_js)
    if b"shards.json" in old_js:  # the layout of pagefind-sites/ is still ours
        return
    for page in output.glob("*/tim-kiem/index.html"):
        text = page.read_text(encoding="utf-8")
        page.unlink()
        page.write_text(re.sub(r"(/pagefind-sites/[^/\"]+/)full/", r"\1", text), encoding="utf-8")


def _child(
    code: Path,
    content: Path,
    output: Path,
    mode: str,
    previous: str = "",
    sharded: bool = True,
    cache: Path | None = None,
):
    argv = [sys.executable, "-c", CHILD, str(code), str(content), str(output)]
    argv += [corpus.NOW.isoformat(), mode, previous, "1" if sharded else "0", str(cache or "")]
    run = run_measured(argv)
    if run.returncode != 0:
        raise click.ClickException(f"indexing failed ({code}):\n{run.stderr.strip()[-3000:]}")
    return run, json.loads(run.stdout.strip().splitlines()[-1])


def _checkout(rev: str, work: Path) -> Path:
    """The code of ``rev`` (git archive of this repository), for the 'before' column."""
    repo = Path(__file__).resolve().parents[2]
    target = work / f"code-{rev}"
    if not target.is_dir():
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(repo), "archive", rev, "plugins", "theme/static/js"],
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def measure(
    code: Path,
    name: str,
    work: Path,
    content: Path,
    built: Path,
    parent: str,
    site: str,
    sharded: bool = True,
):
    output = work / f"out-{name}"
    _link_copy(built, output)
    cache = work / f"cache-{name}"  # the build's cache (shards, each site's quick index)
    shutil.rmtree(cache, ignore_errors=True)
    if name == "before":
        _as_before(output, code)
    say(f"[{name}] cold indexing …")
    cold, cold_info = _child(code, content, output, "cold", sharded=sharded, cache=cache)
    say(f"  {cold.seconds:.1f} s, peak {cold.peak_bytes / MB:.0f} MB")
    edited = _edit_one_article(output / site)
    previous = output / site / ".pagefind-full-previous"
    shutil.rmtree(previous, ignore_errors=True)
    os.replace(output / site / "pagefind-full", previous)
    say(f"[{name}] one article edited ({edited.relative_to(output)}): indexing {site} again …")
    warm, info = _child(code, content, output, site, str(previous), sharded, cache)
    shutil.rmtree(previous, ignore_errors=True)
    say(f"  {warm.seconds:.1f} s, peak {warm.peak_bytes / MB:.0f} MB, {info}")
    return {
        "cold_seconds": cold.seconds,
        "cold_cpu": cold.cpu_seconds,
        "cold_peak": cold.peak_bytes,
        "pages": cold_info.get("pages", 0),
        "edit_seconds": warm.seconds,
        "edit_cpu": warm.cpu_seconds,
        "edit_peak": warm.peak_bytes,
        **info,
        "output": output,
    }


def first_queries(outputs: dict[str, Path], parent: str, queries: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    found: dict[str, list] = {name: [] for name in outputs}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        try:
            for name, output in outputs.items():
                with serving(output) as server:
                    for query in queries:
                        visit = visit_ours(browser, server, parent, query, "&full=1")
                        say(f"  [{name}] {query!r} full text: {visit.bytes / KB:.0f} KB")
                        found[name].append((query, visit))
        finally:
            browser.close()
    return found


@click.command()
@click.option("--pages", default=10_000, show_default=True)
@click.option("--members", default=12, show_default=True, help="0: one site holds everything.")
@click.option("--before", default="1aafcf9", show_default=True, help="Git revision of 'before'.")
@click.option(
    "--before-sharded/--before-whole",
    default=False,
    show_default=True,
    help="'before' with its shards (merged in the browser) or one bundle per site.",
)
@click.option("--work", type=click.Path(path_type=Path, file_okay=False))
@click.option("--seed", default=1, show_default=True)
@click.option("--queries", default=3, show_default=True, help="Full-text first queries measured.")
def main(
    pages: int,
    members: int,
    before: str,
    before_sharded: bool,
    work: Path | None,
    seed: int,
    queries: int,
):
    """Indexing one edited article: one bundle per site (before) against shards (now)."""
    owned = work is None
    work = Path(tempfile.mkdtemp(prefix="portal-bench-edit-")) if work is None else work
    try:
        content, built = work / "content", work / "built"
        if not (built / ".bench-done").is_file():
            shutil.rmtree(content, ignore_errors=True)
            shutil.rmtree(built, ignore_errors=True)
            say(f"Generating {pages} pages over 1 parent + {members} members …")
            info = corpus.generate(content, pages, members, seed)
            say("Building (search off) …")
            say(f"  {build_without_index(content, built):.1f} s")
            (built / ".bench-done").write_text(json.dumps([info.parent, info.rare_word]))
        parent, rare = json.loads((built / ".bench-done").read_text())
        site = parent  # the largest site
        now_code = Path(__file__).resolve().parents[2]
        rows = {
            "before": measure(
                _checkout(before, work),
                "before",
                work,
                content,
                built,
                parent,
                site,
                sharded=before_sharded,
            ),
            "shards": measure(now_code, "shards", work, content, built, parent, site),
        }
        wanted = [q.replace("{rare}", rare) for q in FULL_QUERIES[:queries]]
        visits = first_queries({k: v["output"] for k, v in rows.items()}, parent, wanted)
        scheme = "its shards, merged in the browser" if before_sharded else "one bundle per site"
        click.echo(render(pages, members, f"{before}: {scheme}", rows, visits))
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)


def render(pages, members, before, rows, visits) -> str:
    b, s = rows["before"], rows["shards"]

    def ratio(key):
        return f"{s[key] / b[key]:.2f}×" if b[key] else "–"

    lines = [
        f"## One edited article: {pages} pages, 1 parent + {members} members",
        "",
        f"| | before ({before}) | shards merged at build | shards / before |",
        "|---|---:|---:|---:|",
        f"| cold, every site (s) | {b['cold_seconds']:.1f} | {s['cold_seconds']:.1f} | "
        f"{ratio('cold_seconds')} |",
        f"| cold, every site: CPU (s) | {b['cold_cpu']:.1f} | {s['cold_cpu']:.1f} | "
        f"{ratio('cold_cpu')} |",
        f"| cold peak (MB) | {b['cold_peak'] / MB:.0f} | {s['cold_peak'] / MB:.0f} | "
        f"{ratio('cold_peak')} |",
        f"| one edit: the site again, whole child (s) | {b['edit_seconds']:.1f} | "
        f"{s['edit_seconds']:.1f} | {ratio('edit_seconds')} |",
        f"| one edit: CPU, whole child (s) | {b['edit_cpu']:.1f} | {s['edit_cpu']:.1f} | "
        f"{ratio('edit_cpu')} |",
        f"| of which full text (s) | {b['full_seconds']:.1f} | {s['full_seconds']:.1f} | "
        f"{ratio('full_seconds')} |",
        f"| of which quick index (s) | {b['quick_seconds']:.1f} | {s['quick_seconds']:.1f} | "
        f"{ratio('quick_seconds')} |",
        f"| pages re-indexed (full text) | {b['reindexed_pages']} | {s['reindexed_pages']} | |",
        f"| one edit peak (MB) | {b['edit_peak'] / MB:.0f} | {s['edit_peak'] / MB:.0f} | "
        f"{ratio('edit_peak')} |",
    ]
    for (query, vb), (_, vs) in zip(visits["before"], visits["shards"], strict=True):
        lines.append(
            f"| full-text first query {query!r}: KB (requests), results | "
            f"{vb.bytes / KB:.0f} ({vb.requests}), {vb.results} | "
            f"{vs.bytes / KB:.0f} ({vs.requests}), {vs.results} | "
            f"{(vs.bytes / vb.bytes) if vb.bytes else 0:.2f}× |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
