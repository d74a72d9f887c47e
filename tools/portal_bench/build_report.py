"""The build benchmark's report: medians per tool and scenario, the ratios and targets of
issue 7, as a Markdown table (``render``) and as JSON (``as_json``)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from portal_bench import corpus
from portal_bench.builds import ROWS, SCENARIOS, Report, Sample
from portal_bench.measure import median

MB = 1024 * 1024
PEAK_TARGET = 768 * MB  # issue 17: summed PSS of the whole pipeline


@dataclass(frozen=True)
class Ratio:
    """Wall time of ``top`` over ``bottom`` (row, scenario), with an upper target or none."""

    label: str
    top: tuple[str, str]
    bottom: tuple[str, str]
    target: float | None
    note: str = "–"  # shown instead of a target


RATIOS = (
    Ratio("portal site-only cold / Hugo cold", ("portal-site", "cold"), ("hugo", "cold"), 1.5),
    Ratio(
        "portal whole cold / (Hugo + Pagefind) cold",
        ("portal", "cold"),
        ("hugo-pagefind", "cold"),
        1.5,
    ),
    Ratio(
        "portal whole, one article edited / (Hugo + Pagefind) cold",
        ("portal", "article"),
        ("hugo-pagefind", "cold"),
        0.25,
    ),
    Ratio(
        "portal whole, nothing changed / (Hugo + Pagefind) cold",
        ("portal", "unchanged"),
        ("hugo-pagefind", "cold"),
        0.1,
    ),
    Ratio(
        "portal whole, one template edited / (Hugo + Pagefind) cold",
        ("portal", "template"),
        ("hugo-pagefind", "cold"),
        None,
    ),
    Ratio(
        "stock Pelican cold / portal site-only cold",
        ("pelican", "cold"),
        ("portal-site", "cold"),
        None,
        "reference",
    ),
)


@dataclass
class Median:
    """The medians of one row in one scenario over its runs."""

    row: str
    scenario: str
    runs: int
    seconds: float
    cpu_seconds: float
    peak_bytes: float
    pages: float
    written: float
    pages_per_second: float  # HTML files written per second of wall time
    load: float  # 1-minute load average when the builds started


def medians(samples: list[Sample]) -> dict[tuple[str, str], Median]:
    groups: dict[tuple[str, str], list[Sample]] = {}
    for sample in samples:
        groups.setdefault((sample.row, sample.scenario), []).append(sample)
    found = {}
    for row in ROWS:  # table order: rows, then scenarios
        for scenario in SCENARIOS:
            group = groups.get((row, scenario))
            if not group:
                continue
            found[row, scenario] = Median(
                row,
                scenario,
                len(group),
                median([s.seconds for s in group]),
                median([s.cpu_seconds for s in group]),
                median([s.peak_bytes for s in group]),
                median([s.pages for s in group]),
                median([s.written for s in group]),
                median([s.written / s.seconds if s.seconds else 0.0 for s in group]),
                median([s.load for s in group]),
            )
    return found


def ratios(found: dict[tuple[str, str], Median]) -> list[tuple[Ratio, float | None]]:
    """Each ratio with its value, or None when a side was not measured."""
    values = []
    for ratio in RATIOS:
        top, bottom = found.get(ratio.top), found.get(ratio.bottom)
        ok = top is not None and bottom is not None and bottom.seconds > 0
        values.append((ratio, top.seconds / bottom.seconds if ok else None))
    return values


def portal_peak(found: dict[tuple[str, str], Median]) -> float | None:
    """The highest median peak memory of any portal row and scenario."""
    peaks = [m.peak_bytes for (row, _), m in found.items() if row.startswith("portal")]
    return max(peaks) if peaks else None


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _number(value: float) -> str:
    return f"{value:,.0f}"


def render(report: Report) -> str:
    options, machine = report.options, report.machine
    found = medians(report.samples)
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in report.counts.items() if count)
    lines = [
        f"# Build benchmark: {sum(report.counts.values()):,} content files, 1 parent + "
        f"{report.sites - 1} members (scale {options.scale:g})",
        "",
        f"Command: `{options.command()}`; whole benchmark (corpus, setup, every run) "
        f"{report.seconds / 60:.1f} min.",
        "",
        "- Machine: "
        + ", ".join(f"{k}: {v}" for k, v in machine.items() if not k.endswith("version")),
        "- Versions: " + ", ".join(f"{k}" for k in _versions(machine)),
        f"- Corpus (portal_bench.corpus, seed {options.seed}): {kinds}; every document and a "
        "third of the invitations with a small PDF; schedules one per site and week. Built at "
        f"{corpus.NOW:%Y-%m-%d %H:%M} (`--now`).",
        "- portal: `portal build --now …` (whole pipeline: pages, feeds, calendars, search "
        "indexes, headers) and with `--no-search` (site only), each on its own copy of the corpus, "
        "settings and theme. Stock Pelican: `pelican` per site, articles only, converted to "
        "Pelican metadata, `simple` theme, Pelican's defaults (cold only: it has no cache). Hugo: "
        "`hugo` per site on every article, document, schedule and invitation (baseof, home, "
        "single, list, taxonomy and term templates; lists and terms paginated by 20); Pagefind: "
        "`pagefind --site public` per site, indexing the item pages (`data-pagefind-body`).",
        f"- Medians of {options.runs} run(s) per scenario, tools interleaved (order rotated each"
        " run). Wall and CPU (user + system of the process tree) in seconds; peak = memory of "
        "the process tree (summed PSS: pages shared between processes, such as a forked "
        "worker's copy-on-write memory, count once), sampled every 50 ms; HTML written = files "
        "modified by that build; pages/s = HTML written per second; load = the machine's "
        "1-minute load average when the build started (other work on a shared machine shows "
        "there). Cold = output and caches deleted (the OS file cache stays warm).",
        "",
        "| tool | scenario | wall s | CPU s | peak MB | HTML pages | HTML written | pages/s "
        "| load |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (row, scenario), m in found.items():
        lines.append(
            f"| {ROWS[row]} | {SCENARIOS[scenario]} | {m.seconds:.2f} | {m.cpu_seconds:.2f} | "
            f"{m.peak_bytes / MB:,.0f} | {_number(m.pages)} | {_number(m.written)} | "
            f"{m.pages_per_second:,.0f} | {m.load:.1f} |"
        )
    lines += ["", "| ratio (wall time, medians) | value | target | met |", "|---|---:|---|---|"]
    for ratio, value in ratios(found):
        shown = f"{value:.2f}" if value is not None else "– (not measured)"
        target = f"≤ {ratio.target:g}" if ratio.target is not None else ratio.note
        met = _mark(value <= ratio.target) if value is not None and ratio.target else ""
        lines.append(f"| {ratio.label} | {shown} | {target} | {met} |")
    peak = portal_peak(found)
    if peak is not None:
        lines.append(
            f"| portal peak memory (highest median, MB) | {peak / MB:,.0f} | "
            f"≤ {PEAK_TARGET // MB:,} | {_mark(peak <= PEAK_TARGET)} |"
        )
    return "\n".join(lines) + "\n"


def _versions(machine: dict[str, str]) -> list[str]:
    return [
        f"{k.removesuffix(' version')} {v}" for k, v in machine.items() if k.endswith("version")
    ]


def as_json(report: Report) -> str:
    found = medians(report.samples)
    options = asdict(report.options)
    options["keep"] = str(options["keep"]) if options["keep"] else None
    data = {
        "command": report.options.command(),
        "options": options,
        "machine": report.machine,
        "corpus": {"sites": report.sites, "parent": report.parent, "counts": report.counts},
        "seconds": report.seconds,
        "medians": [asdict(m) for m in found.values()],
        "ratios": [{"label": r.label, "value": v, "target": r.target} for r, v in ratios(found)],
        "portal_peak_bytes": portal_peak(found),
        "samples": [asdict(s) for s in report.samples],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
