"""Province scale across machines: the whole pipeline built in N shards, each shard timed on
this machine one after another, as a GitHub Actions matrix would run them side by side.

    portal bench --members 100 --items 100000 --shards 1,4,8 [--keep DIR] [--json FILE]

For each N: ``portal build --shard K/N --full`` for K = 1…N into a folder of its own (a
subprocess measured by ``portal_bench.measure``: wall, CPU, peak summed PSS of its process
tree), then ``portal assemble`` of the N folders. The critical path (what the deploy waits for
with N runners) is the slowest shard plus the assembly; the sum is the runner time paid. The
machine is usually shared: each step records its CPU seconds and the load average beside its
wall time.

Each N's assembled output is digested (every published file's path and SHA-256; Pagefind's
unstably ordered files by their decoded content, as ``tests/trees.py`` compares them) and
compared with the first N's: the report says, per N, whether file list and bytes are the same
and names the first differences. Digests go to ``DIR/digest-N.txt`` and the report so far to
``DIR/report.json`` after each step, so that a long run that is stopped keeps what it measured.
With ``--keep DIR`` a corpus already generated there with the same parameters is reused.
Benchmarks report numbers; they never fail on speed.
"""

from __future__ import annotations

import hashlib
import importlib.util
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
SAMPLE_SECONDS = 0.25  # memory sampling: steps last minutes, each sample reads all of /proc
SHOW = 10  # differing files named per N


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
    load: str = ""  # load average when the step ended


@dataclass
class Report:
    command: str
    counts: dict[str, int]
    sites: int
    machine: dict[str, str]
    steps: list[Step] = field(default_factory=list)
    files: dict[int, int] = field(default_factory=dict)  # N → files in the assembled output
    # N → differences from the first N's assembled output (empty: file list and bytes equal)
    differences: dict[int, list[str]] = field(default_factory=dict)
    corpus_seconds: float = 0.0  # generating the corpus (0: reused)
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
    done = run_measured(argv, cwd=cwd, sample=SAMPLE_SECONDS)
    if done.returncode != 0:
        raise BenchError(f"{' '.join(argv[:3])} … failed:\n{done.stderr[-3000:]}")
    return done


def _shard_sites(stderr: str) -> list[str]:
    """The sites a shard built, from its 'Phần K/N: a, b' line."""
    for line in stderr.splitlines():
        if line.startswith("Phần ") and ": " in line:
            return [s for s in line.split(": ", 1)[1].split(", ") if s]
    return []


def _trees():
    """``tests/trees.py`` of this checkout: what is published and how Pagefind's unstably
    ordered files are decoded for comparison (the bench runs from a checkout, as it reads its
    pelicanconf.py and theme)."""
    spec = importlib.util.spec_from_file_location("portal_bench_trees", REPO / "tests" / "trees.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _canonical(value) -> str:
    """A stable text of a decoded bundle (dicts by key; lists as they are: trees.py sorted
    what Pagefind orders at random)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{k!r}:{_canonical(value[k])}" for k in sorted(value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    return repr(value)


def digest(root: Path) -> dict[str, str]:
    """Published path → SHA-256 of its bytes, for every file of the output ``root``; a Pagefind
    bundle's unstably ordered files instead as one entry (``<bundle>/<unstable>``) hashing
    their decoded, sorted content."""
    trees = _trees()
    found: dict[str, str] = {}
    for rel, path in trees.files(root).items():
        if trees.pagefind_owned(rel):
            continue
        sha = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block)
        found[rel] = sha.hexdigest()
    for bundle in trees.bundles(root):
        text = _canonical(trees.bundle_contents(bundle))
        rel = bundle.relative_to(root).as_posix()
        found[f"{rel}/<unstable>"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return found


def compare(first: dict[str, str], second: dict[str, str]) -> list[str]:
    """Readable differences between two digests (empty: the same files, the same bytes)."""
    problems = [f"only in the first: {rel}" for rel in sorted(first.keys() - second)]
    problems += [f"only in the second: {rel}" for rel in sorted(second.keys() - first)]
    problems += [
        f"differs: {rel}" for rel in sorted(first.keys() & second) if first[rel] != second[rel]
    ]
    return problems


def _generator_digest() -> str:
    """The corpus generator's code and phrase banks, as one hash."""
    here = Path(corpus.__file__).parent
    sha = hashlib.sha256()
    for path in [Path(corpus.__file__), *sorted((here / "data").glob("*.json"))]:
        sha.update(path.read_bytes())
    return sha.hexdigest()


def _corpus(work: Path, members: int, seed: int, counts: dict[str, int]):
    """The corpus in ``work/corpus``: reused when ``work/corpus.json`` says it was generated
    with these parameters and by this generator, else generated. Returns (info, seconds spent)."""
    stamp = work / "corpus.json"
    wanted = {
        "members": members,
        "seed": seed,
        "counts": counts,
        "generator": _generator_digest(),
    }
    if stamp.is_file():
        kept = json.loads(stamp.read_text(encoding="utf-8"))
        info = kept.pop("info", None)
        if info is not None and kept == wanted:
            say(f"Reusing the corpus in {work / 'corpus'}")
            return corpus.CorpusInfo(work / "corpus", **info), 0.0
    stamp.unlink(missing_ok=True)
    shutil.rmtree(work / "corpus", ignore_errors=True)
    say(f"Generating {sum(counts.values()):,} files over {members + 1} sites in {work} …")
    started = time.perf_counter()
    info = corpus.generate(work / "corpus", members=members, seed=seed, counts=counts)
    seconds = time.perf_counter() - started
    kept = {"parent": info.parent, "members": info.members, "counts": info.counts}
    stamp.write_text(json.dumps({**wanted, "info": kept}), encoding="utf-8")
    return info, seconds


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
        counts = corpus.scaled(corpus.BUILD_MIX, scale)
        info, corpus_seconds = _corpus(work, members, seed, counts)
        say(f"  corpus: {corpus_seconds:.0f} s")
        settings = work / "settings" / "pelicanconf.py"
        shutil.rmtree(settings.parent, ignore_errors=True)
        settings.parent.mkdir(parents=True)
        shutil.copyfile(REPO / "pelicanconf.py", settings)
        shutil.copytree(REPO / "theme", settings.parent / "theme")
        report = Report(command, info.by_kind(), len(info.sites), machine)
        report.corpus_seconds = corpus_seconds
        reference: dict[str, str] | None = None

        def save() -> None:
            report.seconds = time.perf_counter() - started
            (work / "report.json").write_text(as_json(report), encoding="utf-8")

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
                    load_average(),
                )
                report.steps.append(step)
                save()
                say(
                    f"  {number}/{count}: {len(step.sites)} sites, {done.seconds:.1f} s, "
                    f"CPU {done.cpu_seconds:.1f} s, peak {done.peak_bytes / MB:.0f} MB, "
                    f"load {step.load}"
                )
            assembled = base / "assembled"
            argv = [portal, "assemble", *common, "--output", str(assembled), *map(str, parts)]
            done = _measured(argv, base)
            report.steps.append(
                Step(count, 0, [], done.seconds, done.cpu_seconds, done.peak_bytes, load_average())
            )
            found = digest(assembled)
            (work / f"digest-{count}.txt").write_text(
                "".join(f"{sha}  {rel}\n" for rel, sha in sorted(found.items())),
                encoding="utf-8",
            )
            report.files[count] = len(found)
            reference = found if reference is None else reference
            report.differences[count] = compare(reference, found)
            save()
            same = "same as" if not report.differences[count] else "DIFFERENT from"
            say(
                f"  assembly of {count}: {done.seconds:.1f} s, {len(found):,} files, "
                f"{same} N = {counts_wanted[0]}"
            )
            shutil.rmtree(base, ignore_errors=True)  # disk: 100k pages per copy; digest kept
        report.machine["load average at end"] = load_average()
        save()
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
        # On a shared machine the wall times follow the load; the CPU times do not.
        heaviest = max(shards, key=lambda s: s.cpu_seconds)
        rows.append(
            {
                "shards": count,
                "slowest_shard": slowest.shard,
                "slowest_seconds": slowest.seconds,
                "assembly_seconds": assembly.seconds,
                "critical_path_seconds": slowest.seconds + assembly.seconds,
                "heaviest_shard": heaviest.shard,
                "heaviest_cpu_seconds": heaviest.cpu_seconds,
                "critical_path_cpu_seconds": heaviest.cpu_seconds + assembly.cpu_seconds,
                "sum_seconds": sum(s.seconds for s in shards) + assembly.seconds,
                "cpu_seconds": sum(s.cpu_seconds for s in shards) + assembly.cpu_seconds,
                "peak_bytes": max(s.peak_bytes for s in shards),
                "files": report.files[count],
                "identical": not report.differences.get(count),
            }
        )
    return rows


def render(report: Report) -> str:
    rows = summary(report)
    reference = rows[0]["critical_path_cpu_seconds"] if rows else 0.0
    lines = [
        "# Province scale: the whole pipeline in shards",
        "",
        f"`{report.command}`: {sum(report.counts.values()):,} items ({report.counts}) "
        f"on {report.sites} sites.",
        "",
        "| shards | slowest shard | assembly | critical path | heaviest shard (CPU) "
        "| critical path (CPU) | vs first row (CPU) | sum of shards | CPU, all steps "
        "| worst peak (PSS) | ≤ 1 GB | files | = first row |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|---:|:-:|",
    ]
    for row in rows:
        ratio = row["critical_path_cpu_seconds"] / reference if reference else 0.0
        fits = "✓" if row["peak_bytes"] <= RUNNER_MEMORY else "✗"
        lines.append(
            f"| {row['shards']} | {row['slowest_seconds']:.1f} s (#{row['slowest_shard']}) "
            f"| {row['assembly_seconds']:.1f} s | {row['critical_path_seconds']:.1f} s "
            f"| {row['heaviest_cpu_seconds']:.1f} s (#{row['heaviest_shard']}) "
            f"| {row['critical_path_cpu_seconds']:.1f} s "
            f"| {ratio:.2f}× | {row['sum_seconds']:.1f} s | {row['cpu_seconds']:.1f} s "
            f"| {row['peak_bytes'] / MB:,.0f} MB | {fits} | {row['files']:,} "
            f"| {'✓' if row['identical'] else '✗'} |"
        )
    lines += [
        "",
        "Wall times follow the machine's load (see the load averages below); the CPU columns "
        "do not: the critical path (CPU) is the shard that needed the most CPU plus the "
        "assembly's.",
        "",
        "= first row: the assembled output has the same files with the same bytes as the first "
        "row's (Pagefind's unstably ordered files compared decoded, as tests/trees.py does).",
    ]
    for count, problems in sorted(report.differences.items()):
        if problems:
            lines.append(f"- {count} shards: {len(problems)} differences, first: {problems[:SHOW]}")
    lines += [
        "",
        "| shards | shard | sites | wall | CPU | peak (PSS) | load after |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for step in report.steps:
        name = step.shard or "assembly"
        lines.append(
            f"| {step.shards} | {name} | {len(step.sites) or ''} | {step.seconds:.1f} s "
            f"| {step.cpu_seconds:.1f} s | {step.peak_bytes / MB:,.0f} MB | {step.load} |"
        )
    if report.corpus_seconds:
        lines += ["", f"Generating the corpus: {report.corpus_seconds:.0f} s."]
    lines += ["", "Machine: " + "; ".join(f"{k}: {v}" for k, v in report.machine.items())]
    lines.append(f"Whole benchmark: {report.seconds:.0f} s.")
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    return json.dumps({**asdict(report), "summary": summary(report)}, ensure_ascii=False, indent=2)
