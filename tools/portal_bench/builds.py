"""Build benchmark: portal beside stock Pelican and Hugo (+ Pagefind) on one generated corpus.

    portal bench [--scale 1] [--members 12] [--runs 3] [--tools portal-site,portal,…]
                 [--scenarios cold,unchanged,article,template] [--keep DIR] [--json FILE]

Steps: generate the corpus (``portal_bench.corpus``, ``BUILD_MIX`` times ``--scale``); give
each tool a folder of its own with everything it builds and edits (portal: a copy of the
corpus, of ``pelicanconf.py`` and of ``theme/``; Pelican and Hugo: the projects of
``portal_bench.stock``); then, ``--runs`` times, each scenario for each tool, the tools' order
rotated from one run to the next so that machine noise spreads over all of them:

- ``cold``: output and caches deleted, then a build;
- ``unchanged``: a build again, nothing changed;
- ``article``: one word changed in the body of one article of the parent, then a build;
- ``template``: a template comment added to (or removed from) the article template
  (portal's ``article.html``, Hugo's ``single.html``), then a build.

Every build is a subprocess measured by ``portal_bench.measure``: wall time, CPU time (user +
system of the process tree) and peak resident memory of the tree; then the HTML files in the
output and those written by that build (modified since it started). Stock Pelican has no cache
(it re-reads and re-renders everything on every run), so it runs ``cold`` only, as a
reference. The report gives medians per tool and scenario and the ratios of issue 7
(``portal_bench.build_report``); the tools are in ``portal_bench.tools``. Benchmarks report
numbers; they never fail on speed.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import click

from portal_bench import corpus
from portal_bench.measure import load_average, machine_info
from portal_bench.tools import (
    ROWS,
    SCENARIOS,
    TOOLS,
    BenchError,
    Sample,
    Tool,
    make_tools,
    versions,
)

__all__ = ["ROWS", "SCENARIOS", "TOOLS", "BenchError", "Options", "Report", "Sample", "run"]


def say(message: str) -> None:
    click.echo(message, err=True)


# -- Runs -----------------------------------------------------------------------------------------
@dataclass
class Options:
    scale: float = 1.0
    members: int = 12
    runs: int = 3
    tools: tuple[str, ...] = TOOLS
    scenarios: tuple[str, ...] = tuple(SCENARIOS)
    keep: Path | None = None
    seed: int = 1

    def command(self) -> str:
        parts = ["portal bench", f"--scale {self.scale:g}", f"--members {self.members}"]
        parts += [f"--runs {self.runs}", f"--tools {','.join(self.tools)}"]
        parts += [f"--scenarios {','.join(self.scenarios)}", f"--seed {self.seed}"]
        return " ".join(parts + ([f"--keep {self.keep}"] if self.keep else []))


@dataclass
class Report:
    options: Options
    counts: dict[str, int]
    sites: int
    machine: dict[str, str]
    samples: list[Sample] = field(default_factory=list)
    parent: str = ""  # the parent site's id
    seconds: float = 0.0  # the whole benchmark, setup included


def parse_list(value: str, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    """``a,b`` → (a, b), each one of ``allowed``, in ``allowed``'s order."""
    wanted = {v.strip() for v in value.split(",") if v.strip()}
    unknown = wanted - set(allowed)
    if unknown or not wanted:
        raise click.BadParameter(
            f"unknown {what}: {', '.join(sorted(unknown)) or '(none)'}; "
            f"choose from {', '.join(allowed)}"
        )
    return tuple(v for v in allowed if v in wanted)


def run(options: Options) -> Report:
    """The whole benchmark; ``render`` and ``as_json`` present it."""
    started = time.perf_counter()
    machine = {**machine_info(), "load average at start": load_average()}
    machine.pop("pagefind", None)  # with the other versions below
    machine.update({f"{k} version": v for k, v in versions().items()})
    owned = options.keep is None
    work = Path(tempfile.mkdtemp(prefix="portal-bench-build-")) if owned else options.keep
    tools: list[Tool] = []
    try:
        for name in ("corpus", *TOOLS):
            shutil.rmtree(work / name, ignore_errors=True)
        counts = corpus.scaled(corpus.BUILD_MIX, options.scale)
        say(f"Generating {sum(counts.values()):,} files ({counts}) in {work} …")
        info = corpus.generate(
            work / "corpus", members=options.members, seed=options.seed, counts=counts
        )
        tools = make_tools(work, list(options.tools))
        for tool in tools:
            say(f"Preparing {tool.key} …")
            tool.setup(info.root, info.parent)
        report = Report(options, info.by_kind(), len(info.sites), machine, parent=info.parent)
        for number in range(options.runs):
            for scenario in options.scenarios:
                active = [t for t in tools if scenario in t.scenarios]
                shift = number % max(len(active), 1)
                for tool in active[shift:] + active[:shift]:
                    tool.prepare(scenario)
                    samples = tool.measure(scenario, number + 1)
                    report.samples += samples
                    say(
                        f"  run {number + 1}/{options.runs} {SCENARIOS[scenario]:<20} "
                        + "; ".join(f"{s.row} {s.seconds:.1f} s" for s in samples)
                    )
        report.seconds = time.perf_counter() - started
        report.machine["load average at end"] = load_average()
        return report
    finally:
        for tool in tools:
            tool.restore()
        if owned:
            shutil.rmtree(work, ignore_errors=True)
        else:
            say(f"Kept the corpus and outputs in {work}")
