"""Province scale across machines: the whole pipeline built in N shards, each shard timed on
this machine one after another, as a GitHub Actions matrix would run them side by side.

    portal bench --members 100 --items 100000 --shards 1,4,8 [--keep DIR] [--json FILE]

For each N: ``portal build --shard K/N --full`` for K = 1…N into a folder of its own (a
subprocess measured by ``portal_bench.measure``: wall, CPU, peak summed PSS of its process
tree), then ``portal assemble`` of the N folders. The critical path (what the deploy waits for
with N runners) is the slowest shard plus the assembly; the sum is the runner time paid. Each
N's assembled output must hold the same files as N = 1's (the byte-for-byte proof is
``tests/test_shards.py``). Benchmarks report numbers; they never fail on speed.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import click

from portal_bench import corpus
from portal_bench.measure import Measured, load_average, machine_info, run_measured
from portal_bench.tools import NOW_ARG, REPO, BenchError, _binary

MB = 1024 * 1024
RUNNER_MEMORY = 1024 * MB  # what a small runner affords the build, roughly


def say(message: str) -> None:
    click.echo(message, err=True)


@dataclass
class Step:
    shards: int  # N
    shard: int  # K; 0 for the assembly
    sites: list[str]
    seconds: float
    cpu_seconds: float
    peak_bytes: int


@dataclass
class Report:
    command: str
    counts: dict[str, int]
    sites: int
    machine: dict[str, str]
    steps: list[Step] = field(default_factory=list)
    files: dict[int, int] = field(default_factory=dict)  # N → files in the assembled output
    seconds: float = 0.0


def parse_counts(value: str) -> tuple[int, ...]:
    try:
        counts = tuple(sorted({int(v) for v in value.split(",") if v.strip()}))
    except ValueError:
        counts = ()
    if not counts or min(counts) < 1:
        raise click.BadParameter(f"'{value}': shard counts such as 1,4,8", param_hint="--shards")
    return counts


def _measured(argv: list[str], cwd: Path) -> Measured:
    done = run_measured(argv, cwd=cwd)
    if done.returncode != 0:
        raise BenchError(f"{' '.join(argv[:3])} … failed:\n{done.stderr[-3000:]}")
    return done


def _shard_sites(stderr: str) -> list[str]:
    """The sites a shard built, from its 'Phần K/N: a, b' line."""
    for line in stderr.splitlines():
        if line.startswith("Phần ") and ": " in line:
            return [s for s in line.split(": ", 1)[1].split(", ") if s]
    return []


def run(
    counts_wanted: tuple[int, ...],
    scale: float,
    members: int,
    seed: int,
    keep: Path | None,
    command: str,
) -> Report:
    started = time.perf_counter()
    machine = {**machine_info(), "load average at start": load_average()}
    owned = keep is None
    work = Path(tempfile.mkdtemp(prefix="portal-bench-shards-")) if owned else keep
    try:
        shutil.rmtree(work / "corpus", ignore_errors=True)
        counts = corpus.scaled(corpus.BUILD_MIX, scale)
        say(f"Generating {sum(counts.values()):,} files over {members + 1} sites in {work} …")
        info = corpus.generate(work / "corpus", members=members, seed=seed, counts=counts)
        settings = work / "settings" / "pelicanconf.py"
        shutil.rmtree(settings.parent, ignore_errors=True)
        settings.parent.mkdir(parents=True)
        shutil.copyfile(REPO / "pelicanconf.py", settings)
        shutil.copytree(REPO / "theme", settings.parent / "theme")
        report = Report(command, info.by_kind(), len(info.sites), machine)
        portal = _binary("portal")
        common = ["--content", str(info.root), "--settings", str(settings)]
        for count in counts_wanted:
            base = work / f"shards-{count}"
            shutil.rmtree(base, ignore_errors=True)
            base.mkdir()
            parts = []
            for number in range(1, count + 1):
                out = base / f"shard-{number}" / "output"
                argv = [portal, "build", *common, "--output", str(out), "--now", NOW_ARG]
                done = _measured([*argv, "--shard", f"{number}/{count}", "--full"], base)
                out.mkdir(parents=True, exist_ok=True)  # an empty shard writes nothing
                parts.append(out)
                step = Step(
                    count,
                    number,
                    _shard_sites(done.stderr),
                    done.seconds,
                    done.cpu_seconds,
                    done.peak_bytes,
                )
                report.steps.append(step)
                say(
                    f"  {number}/{count}: {len(step.sites)} sites, {done.seconds:.1f} s, "
                    f"peak {done.peak_bytes / MB:.0f} MB"
                )
            assembled = base / "assembled"
            argv = [portal, "assemble", *common, "--output", str(assembled), *map(str, parts)]
            done = _measured(argv, base)
            report.steps.append(Step(count, 0, [], done.seconds, done.cpu_seconds, done.peak_bytes))
            report.files[count] = sum(1 for p in assembled.rglob("*") if p.is_file())
            say(f"  assembly of {count}: {done.seconds:.1f} s, {report.files[count]:,} files")
            if owned or count != counts_wanted[0]:
                shutil.rmtree(base, ignore_errors=True)  # disk: 100k pages per copy
        report.seconds = time.perf_counter() - started
        report.machine["load average at end"] = load_average()
        return report
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)


def summary(report: Report) -> list[dict]:
    """Per N: slowest shard, assembly, critical path, sum, worst peak."""
    rows = []
    for count in sorted(report.files):
        shards = [s for s in report.steps if s.shards == count and s.shard]
        (assembly,) = [s for s in report.steps if s.shards == count and not s.shard]
        slowest = max(shards, key=lambda s: s.seconds)
        rows.append(
            {
                "shards": count,
                "slowest_shard": slowest.shard,
                "slowest_seconds": slowest.seconds,
                "assembly_seconds": assembly.seconds,
                "critical_path_seconds": slowest.seconds + assembly.seconds,
                "sum_seconds": sum(s.seconds for s in shards) + assembly.seconds,
                "cpu_seconds": sum(s.cpu_seconds for s in shards) + assembly.cpu_seconds,
                "peak_bytes": max(s.peak_bytes for s in shards),
                "files": report.files[count],
            }
        )
    return rows


def render(report: Report) -> str:
    rows = summary(report)
    reference = rows[0]["critical_path_seconds"] if rows else 0.0
    lines = [
        "# Province scale: the whole pipeline in shards",
        "",
        f"`{report.command}`: {sum(report.counts.values()):,} items ({report.counts}) "
        f"on {report.sites} sites.",
        "",
        "| shards | slowest shard | assembly | critical path | vs first row | sum of shards "
        "| CPU | worst peak (PSS) | ≤ 1 GB | files |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|:-:|---:|",
    ]
    for row in rows:
        ratio = row["critical_path_seconds"] / reference if reference else 0.0
        fits = "✓" if row["peak_bytes"] <= RUNNER_MEMORY else "✗"
        lines.append(
            f"| {row['shards']} | {row['slowest_seconds']:.1f} s (#{row['slowest_shard']}) "
            f"| {row['assembly_seconds']:.1f} s | {row['critical_path_seconds']:.1f} s "
            f"| {ratio:.2f}× | {row['sum_seconds']:.1f} s | {row['cpu_seconds']:.1f} s "
            f"| {row['peak_bytes'] / MB:,.0f} MB | {fits} | {row['files']:,} |"
        )
    lines += [
        "",
        "| shards | shard | sites | wall | CPU | peak (PSS) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for step in report.steps:
        if step.shard:
            lines.append(
                f"| {step.shards} | {step.shard} | {len(step.sites)} | {step.seconds:.1f} s "
                f"| {step.cpu_seconds:.1f} s | {step.peak_bytes / MB:,.0f} MB |"
            )
    lines += ["", "Machine: " + "; ".join(f"{k}: {v}" for k, v in report.machine.items())]
    lines.append(f"Whole benchmark: {report.seconds:.0f} s.")
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    return json.dumps({**asdict(report), "summary": summary(report)}, ensure_ascii=False, indent=2)
