"""Search benchmark: index a generated corpus with the portal's search step and with stock
Pagefind, then measure what a reader's first query downloads.

    python -m portal_bench.search [--pages 10000] [--members 12] [--work DIR] [--keep]
                                  [--browsers 2] [--gzip/--no-gzip]

Steps: generate the corpus (``portal_bench.corpus``); build it with the real pipeline but
without the search index; copy the built pages aside for stock Pagefind; run our indexing
(``portal.search.index_sites``) in a child process, measuring wall time and the peak memory of
the whole process tree (the Pagefind binary runs as a grandchild); run ``python -m pagefind
--site`` with its defaults on the copy, measured the same way; serve both folders from a local
server that counts the bytes of every response; for each query open a fresh browser context
(empty cache) and count the bytes of index files fetched until results are shown.

The report is a Markdown table on stdout (progress goes to stderr). It never fails on a missed
target: it is a measurement, and the exit code is 0 unless the run itself breaks.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import gzip
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import click

from portal.search.index import FULL
from portal_bench import corpus, search_quality
from portal_bench.measure import SAMPLE_SECONDS, machine_info, run_measured

KB = 1024
MB = 1024 * 1024
TARGET_FIRST_QUERY = 300 * KB
TARGET_PEAK = 1024 * MB
QUERY_TIMEOUT_MS = 120_000
TOP = 5  # results kept per visit for the quality table (precision at 1 and 5)
# Pagefind's Default UI shows 5 results at first (pageSize ?? 5 in pagefind-ui.js 1.5.2) and
# loads the filters when it starts; the stock column does the same.
STOCK_PAGE_SIZE = 5
# The files Pagefind writes for its own UIs: not part of an index (ours deletes them).
STOCK_UI_FILES = re.compile(r"^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$")
INDEX_PATHS = ("/pagefind/", "/pagefind-full/", "/pagefind-sites/")
BLANK_PAGE = "/__bench.html"
BLANK_HTML = b'<!doctype html><html lang="vi"><meta charset="utf-8"><title>bench</title></html>'
TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# {number}: a document number of the parent; {rare}: a word in about one item in 250.
QUERIES = (
    "xã",
    "công",
    "năm",
    "đất đai",
    "dat dai",
    "đăng ký đất đai",
    "dang ky dat dai",
    "hộ tịch",
    "ho tich",
    "nông thôn mới",
    "nong thon moi",
    "dao",
    "Đảng ủy",
    "đường giao thông",
    "duong giao thong",
    "cấp giấy chứng nhận",
    "bảo hiểm y tế hộ gia đình",
    "chuyen doi so",
    "{number}",
    "{rare}",
)
# The child that runs our indexing step: load the sites, index them, print the stats as JSON.
INDEX_CHILD = """\
import datetime as dt, json, sys
from pathlib import Path
from portal.catalog.tree import scan
from portal.errors import ErrorReport
from portal.search import index_sites
report = ErrorReport()
sites, catalogs = scan(Path(sys.argv[1]), dt.datetime.fromisoformat(sys.argv[3]), report)
if report:
    sys.exit("\\n".join(str(e) for e in report.sorted()))
stats = index_sites(Path(sys.argv[2]), sites, catalogs, sharded=sys.argv[4] == "1")
print(json.dumps([
    {"site": s.site, "pages": s.pages, "quick": s.quick_pages, "seconds": s.seconds,
     "bundle": str(s.bundle)}
    for s in stats
]))
"""


def say(message: str) -> None:
    click.echo(message, err=True)


# -- Byte-counting server ---------------------------------------------------------------------
class CountingServer(ThreadingHTTPServer):
    """Serves a folder and records the body bytes sent per request path. Pagefind's index files
    are sent as written (Pagefind gzips them itself); with ``gzip_text`` the text files (HTML,
    CSS, JS, JSON) are gzipped for a client that accepts it, as any CDN does."""

    daemon_threads = True

    def __init__(self, directory: Path, gzip_text: bool = True):
        handler = functools.partial(_CountingHandler, directory=str(directory))
        super().__init__(("127.0.0.1", 0), handler)
        self.gzip_text = gzip_text
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int]] = []
        self.busy = 0
        self.compressed: dict[str, bytes] = {}

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def reset(self) -> None:
        with self.lock:
            self.sent = []

    def record(self, path: str, size: int) -> None:
        with self.lock:
            self.sent.append((path, size))

    def settle(self, timeout: float = 2.0) -> list[tuple[str, int]]:
        """What was sent since ``reset``, once no request is being answered."""
        deadline = time.monotonic() + timeout
        while self.busy and time.monotonic() < deadline:
            time.sleep(0.005)
        with self.lock:
            return list(self.sent)

    def gzipped(self, path: str) -> bytes:
        with self.lock:
            found = self.compressed.get(path)
        if found is None:
            found = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
            with self.lock:
                self.compressed[path] = found
        return found


class _CountingHandler(SimpleHTTPRequestHandler):
    server: CountingServer

    def log_message(self, format: str, *args) -> None:  # the stdlib's signature
        pass

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.busy += 1
        try:
            self._get()
        finally:
            with self.server.lock:
                self.server.busy -= 1

    def _get(self) -> None:
        if self.path.split("?")[0] == BLANK_PAGE:
            self._send(BLANK_HTML, "text/html; charset=utf-8")
            return
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if self._gzip_wanted(path):
            self._send(self.server.gzipped(path), self.guess_type(path), "gzip")
            return
        super().do_GET()

    def _gzip_wanted(self, path: str) -> bool:
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        text = Path(path).suffix in TEXT_SUFFIXES and os.path.isfile(path)
        return self.server.gzip_text and accepts and text

    def _send(self, body: bytes, content_type: str, encoding: str = "") -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.record(self.path, len(body))

    def copyfile(self, source, outputfile) -> None:
        sent = 0
        while chunk := source.read(64 * KB):
            outputfile.write(chunk)
            sent += len(chunk)
        self.server.record(self.path, sent)


@contextlib.contextmanager
def serving(directory: Path, gzip_text: bool = True) -> Iterator[CountingServer]:
    server = CountingServer(directory, gzip_text)
    thread = threading.Thread(target=server.serve_forever, name="bench-http", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def index_bytes(sent: list[tuple[str, int]]) -> tuple[int, int]:
    """(bytes, requests) of search index files among the responses."""
    hits = [size for path, size in sent if any(p in path for p in INDEX_PATHS)]
    return sum(hits), len(hits)


# What each Pagefind file is for, by the end of its name.
FILE_KINDS = (
    ("code (pagefind.js, worker, wasm)", re.compile(r"(pagefind(-worker)?\.js|\.pagefind)$")),
    ("entry and metadata", re.compile(r"(pagefind-entry\.json|\.pf_meta)$")),
    ("filters", re.compile(r"\.pf_filter$")),
    ("index chunks", re.compile(r"\.pf_index$")),
    ("fragments (result data)", re.compile(r"\.pf_fragment$")),
)


def by_file_kind(sent: list[tuple[str, int]]) -> dict[str, tuple[int, int]]:
    """Search index responses grouped by kind of file: kind → (requests, bytes)."""
    found: dict[str, tuple[int, int]] = {}
    for path, size in sent:
        if not any(p in path for p in INDEX_PATHS):
            continue
        name = path.split("?")[0]
        kind = next((k for k, pattern in FILE_KINDS if pattern.search(name)), "other")
        requests, total = found.get(kind, (0, 0))
        found[kind] = (requests + 1, total + size)
    return found


# -- Results ----------------------------------------------------------------------------------
@dataclass
class IndexRun:
    label: str
    seconds: float
    peak_bytes: int
    index_bytes: int
    pages: int
    largest: tuple[str, int] | None = None  # (site, bytes) of the biggest per-site bundle


@dataclass
class Visit:
    results: int | None  # None: no answer (error or timeout)
    bytes: int
    requests: int
    page_bytes: int = 0  # the page's own HTML, CSS and JS (not counted in ``bytes``)
    error: str = ""
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)  # see ``by_file_kind``
    urls: list[str] = field(default_factory=list)  # the first results' paths, in order


@dataclass
class QueryRun:
    query: str
    ours: Visit
    stock: Visit
    plain: Visit | None = None  # ours without the toned second pass (quality queries only)


@dataclass
class QualityRun:
    query: search_quality.LabelledQuery
    ours: Visit
    stock: Visit
    plain: Visit | None = None  # ours in Pagefind's order (``rerank=0``)


@dataclass
class Report:
    info: corpus.CorpusInfo
    build_seconds: float
    ours: IndexRun
    stock: IndexRun
    queries: list[QueryRun] = field(default_factory=list)
    machine: dict[str, str] = field(default_factory=dict)
    gzip_text: bool = True
    quality: list[QualityRun] = field(default_factory=list)


def queries_for(info: corpus.CorpusInfo) -> list[str]:
    numbers = info.numbers.get(info.parent) or [n for ns in info.numbers.values() for n in ns]
    number = next((n for n in numbers if "QĐ-UBND" in n), numbers[0] if numbers else "1/QĐ-UBND")
    return [q.format(number=number, rare=info.rare_word) for q in QUERIES]


def quality_records(content: Path, parent: str) -> list[search_quality.Record]:
    """What the parent's search answers from (its items and its members'), with the paths the
    built sites serve them at: the quality table's ground truth."""
    from portal.catalog.tree import scan
    from portal.errors import ErrorReport
    from portal.search.facts import quick_text
    from portal.search.index import quick_items

    report = ErrorReport()
    sites, catalogs = scan(content, corpus.NOW, report)
    site = next(s for s in sites if s.id == parent)
    return [
        search_quality.Record(
            f"/{item.site}/{item.url}",
            item.meta.get("title") or "",
            " ".join(quick_text(item)),
            str(item.meta.get("number") or "") if item.kind == "documents" else "",
        )
        for item in quick_items(site, sites, catalogs)
    ]


# -- Steps ------------------------------------------------------------------------------------
def _repo_settings() -> Path:
    """pelicanconf.py of the checkout holding this package, else of the working directory."""
    here = Path(__file__).resolve().parents[2] / "pelicanconf.py"
    return here if here.is_file() else Path("pelicanconf.py")


def build_without_index(content: Path, output: Path) -> float:
    """Build every site with the real pipeline, search index off; Pelican's chatter to stderr."""
    from portal import build as builder

    started = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):
        builder.build(
            content,
            output,
            settings_file=_repo_settings(),
            now=corpus.NOW,
            search=False,
            progress=lambda site: say(f"  building {site}"),
        )
    return time.perf_counter() - started


def copy_pages(output: Path, target: Path) -> int:
    """Copy every HTML file of the built output (all Pagefind reads) to ``target``."""
    count = 0
    for path in output.rglob("*.html"):
        rel = path.relative_to(output)
        if any(part in ("pagefind", "pagefind-sites") for part in rel.parts):
            continue
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        count += 1
    return count


def folder_bytes(folder: Path, skip: Callable[[Path], bool] = lambda p: False) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not skip(p))


def index_ours(content: Path, output: Path, sharded: bool = True) -> IndexRun:
    command = [sys.executable, "-c", INDEX_CHILD, str(content), str(output), corpus.NOW.isoformat()]
    command.append("1" if sharded else "0")
    run = run_measured(command)
    if run.returncode != 0:
        raise click.ClickException(f"our indexing failed:\n{run.stderr.strip()}")
    stats = json.loads(run.stdout.strip().splitlines()[-1])
    # Both tiers of each site: the quick index (bundle) and the full-text one beside it.
    sizes = {
        s["site"]: folder_bytes(Path(s["bundle"])) + folder_bytes(Path(s["bundle"]).parent / FULL)
        for s in stats
    }
    largest = max(sizes.items(), key=lambda kv: kv[1]) if sizes else None
    pages = sum(int(s["pages"]) for s in stats)
    return IndexRun("ours", run.seconds, run.peak_bytes, sum(sizes.values()), pages, largest)


def index_stock(site: Path) -> IndexRun:
    run = run_measured([sys.executable, "-m", "pagefind", "--site", str(site)])
    if run.returncode != 0:
        raise click.ClickException(f"stock Pagefind failed:\n{run.stderr or run.stdout}")
    found = re.search(r"Indexed (\d+) pages?", run.stdout + run.stderr)
    bundle = site / "pagefind"
    size = folder_bytes(bundle, lambda p: bool(STOCK_UI_FILES.match(p.name)))
    return IndexRun("stock", run.seconds, run.peak_bytes, size, int(found[1]) if found else 0)


def visit_ours(browser, server: CountingServer, parent: str, query: str, extra: str = "") -> Visit:
    """Open the parent's search page for ``query`` and wait for its results."""
    context = browser.new_context()
    try:
        page = context.new_page()
        server.reset()
        page.goto(f"{server.url}/{parent}/tim-kiem/?q={quote(query)}{extra}")
        error = ""
        try:
            page.wait_for_function(
                "() => ['done', 'error'].includes("
                "document.querySelector('[data-pt-search]')?.dataset.ptState)",
                timeout=QUERY_TIMEOUT_MS,
            )
        except Exception as exc:  # Playwright's timeout
            error = f"timeout: {str(exc).splitlines()[0]}"
        root = page.locator("[data-pt-search]")
        state = root.get_attribute("data-pt-state") if not error else None
        count = root.get_attribute("data-pt-count") if state == "done" else None
        if state == "error":
            error = "the search page reported an error"
        urls = page.eval_on_selector_all(
            ".pt-search-result__link", "els => els.map(e => decodeURI(e.pathname))"
        )
    finally:
        context.close()
    sent = server.settle()
    size, requests = index_bytes(sent)
    page_bytes = sum(n for p, n in sent if not any(x in p for x in INDEX_PATHS))
    results = int(count) if count is not None else None
    return Visit(results, size, requests, page_bytes, error, by_file_kind(sent), urls[:TOP])


STOCK_SCRIPT = """async ([query, pageSize]) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.filters();
  const search = await pf.search(query);
  const data = await Promise.all(search.results.slice(0, pageSize).map((r) => r.data()));
  const paths = data.map((d) => decodeURI(new URL(d.url, location.href).pathname));
  return [search.results.length, paths];
}"""


def visit_stock(browser, server: CountingServer, query: str) -> Visit:
    """What Pagefind's Default UI loads for a first query: filters, search, first results."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{server.url}{BLANK_PAGE}")
        server.settle()
        server.reset()
        count, error, urls = None, "", []
        try:
            count, urls = page.evaluate(STOCK_SCRIPT, [query, STOCK_PAGE_SIZE])
        except Exception as exc:
            error = str(exc).splitlines()[0]
    finally:
        context.close()
    sent = server.settle()
    size, requests = index_bytes(sent)
    return Visit(count, size, requests, 0, error, by_file_kind(sent), urls)


def chromium_path() -> str:
    found = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.access(found, os.X_OK):
        raise click.ClickException("Chromium not found: run `make system-deps`.")
    return found


def _measure_part(
    output: Path,
    stock_site: Path,
    parent: str,
    part: list[tuple[int, str]],
    gzip_text: bool,
    ablation: bool = False,
) -> tuple[list[tuple[int, QueryRun]], str]:
    """Some of the queries, in a browser and servers of their own (one per thread)."""
    from playwright.sync_api import sync_playwright

    runs: list[tuple[int, QueryRun]] = []
    with (
        serving(output, gzip_text) as ours_server,
        serving(stock_site, gzip_text) as stock_server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        try:
            for index, query in part:
                ours = visit_ours(browser, ours_server, parent, query)
                stock = visit_stock(browser, stock_server, query)
                plain = (
                    visit_ours(browser, ours_server, parent, query, "&rerank=0")
                    if ablation
                    else None
                )
                say(
                    f"  {query!r}: ours {ours.results} results {ours.bytes / KB:.0f} KB, "
                    f"stock {stock.results} results {stock.bytes / KB:.0f} KB"
                )
                runs.append((index, QueryRun(query, ours, stock, plain)))
            version = browser.version
        finally:
            browser.close()
    return runs, version


def measure_queries(
    output: Path,
    stock_site: Path,
    parent: str,
    queries: list[str],
    browsers: int = 2,
    gzip_text: bool = True,
    ablation: bool = False,
) -> tuple[list[QueryRun], str]:
    """Every query, spread over ``browsers`` browsers in parallel. Each has its own servers, so
    the bytes counted for a visit are that visit's alone; only the wall time is shared."""
    numbered = list(enumerate(queries))
    parts = [numbered[i :: max(browsers, 1)] for i in range(max(browsers, 1))]
    parts = [part for part in parts if part]
    with concurrent.futures.ThreadPoolExecutor(len(parts) or 1) as pool:
        done = list(
            pool.map(
                lambda part: _measure_part(output, stock_site, parent, part, gzip_text, ablation),
                parts,
            )
        )
    runs = sorted((pair for found, _ in done for pair in found), key=lambda pair: pair[0])
    version = done[0][1] if done else ""
    return [run for _, run in runs], version


def run(
    pages: int = 10_000,
    members: int = 12,
    work: Path | None = None,
    keep: bool = False,
    seed: int = 1,
    queries: list[str] | None = None,
    browsers: int = 2,
    gzip_text: bool = True,
    shards: bool = True,
) -> Report:
    """The whole benchmark; returns the measurements (``render`` makes the tables).
    ``shards``: the full text indexed in shards by kind and year and merged into one served
    bundle per site (``PORTAL_SEARCH_SHARDS``, as a build does), else one Pagefind run."""
    owned = work is None
    work = Path(tempfile.mkdtemp(prefix="portal-bench-search-")) if work is None else work
    try:
        for name in ("content", "output", "stock"):
            shutil.rmtree(work / name, ignore_errors=True)
        content, output, stock_site = work / "content", work / "output", work / "stock"
        say(f"Generating {pages} pages over 1 parent + {members} members in {work} …")
        info = corpus.generate(content, pages, members, seed)
        say("Building the sites (search index off) …")
        build_seconds = build_without_index(content, output)
        say(f"  built in {build_seconds:.1f} s; copying the pages for stock Pagefind …")
        copy_pages(output, stock_site)
        say("Indexing: ours (portal.search.index_sites) …")
        ours = index_ours(content, output, shards)
        say(f"  {ours.seconds:.1f} s, peak {ours.peak_bytes / MB:.0f} MB")
        say("Indexing: stock Pagefind (python -m pagefind --site) …")
        stock = index_stock(stock_site)
        say(f"  {stock.seconds:.1f} s, peak {stock.peak_bytes / MB:.0f} MB")
        say("First queries in Chromium (a fresh context each) …")
        wanted = queries if queries is not None else queries_for(info)
        runs, browser_version = measure_queries(
            output, stock_site, info.parent, wanted, browsers, gzip_text
        )
        labelled = search_quality.labelled_queries(quality_records(content, info.parent))
        say(f"Quality: {len(labelled)} labelled queries in Chromium …")
        checked, _ = measure_queries(
            output,
            stock_site,
            info.parent,
            [q.query for q in labelled],
            browsers,
            gzip_text,
            ablation=True,
        )
        quality = [
            QualityRun(q, r.ours, r.stock, r.plain) for q, r in zip(labelled, checked, strict=True)
        ]
        machine = machine_info()
        machine["chromium"] = browser_version
        return Report(info, build_seconds, ours, stock, runs, machine, gzip_text, quality)
    finally:
        if owned and not keep:
            shutil.rmtree(work, ignore_errors=True)
        elif keep:
            say(f"Kept the work folder: {work}")


# -- Rendering --------------------------------------------------------------------------------
def _verdict(ok: bool) -> str:
    return "PASS" if ok else "**FAIL**"


def _results(visit: Visit) -> str:
    return f"{visit.results:,}" if visit.results is not None else f"– ({visit.error or 'no'})"


def summary_table(report: Report) -> list[str]:
    ours, stock = report.ours, report.stock
    largest = (
        f" (largest site {ours.largest[0]}: {ours.largest[1] / MB:.2f})" if ours.largest else ""
    )
    return [
        "| | ours | stock Pagefind | target | ours vs target |",
        "|---|---:|---:|---|---|",
        f"| indexing wall time (s) | {ours.seconds:.1f} | {stock.seconds:.1f} | – | |",
        f"| indexing peak memory, process tree (MB) | {ours.peak_bytes / MB:.0f} | "
        f"{stock.peak_bytes / MB:.0f} | ≤ {TARGET_PEAK // MB} | "
        f"{_verdict(ours.peak_bytes <= TARGET_PEAK)} |",
        f"| index size (MB) | {ours.index_bytes / MB:.2f}{largest} | "
        f"{stock.index_bytes / MB:.2f} | – | |",
        f"| pages indexed | {ours.pages:,} | {stock.pages:,} | – | |",
    ]


def query_table(report: Report) -> list[str]:
    lines = [
        "| # | query | ours results | ours KB | stock results | stock KB | ours ≤ 300 KB |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    for number, run in enumerate(report.queries, 1):
        ok = run.ours.results is not None and run.ours.bytes <= TARGET_FIRST_QUERY
        lines.append(
            f"| {number} | `{run.query}` | {_results(run.ours)} | {run.ours.bytes / KB:,.0f} | "
            f"{_results(run.stock)} | {run.stock.bytes / KB:,.0f} | {_verdict(ok)} |"
        )
    return lines


def breakdown_table(run: QueryRun) -> list[str]:
    lines = [
        "| file kind | ours requests | ours KB | stock requests | stock KB |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind in [k for k, _ in FILE_KINDS] + ["other"]:
        ours, stock = run.ours.kinds.get(kind, (0, 0)), run.stock.kinds.get(kind, (0, 0))
        if ours == stock == (0, 0):
            continue
        lines.append(
            f"| {kind} | {ours[0]} | {ours[1] / KB:,.0f} | {stock[0]} | {stock[1] / KB:,.0f} |"
        )
    return lines


def quality_table(report: Report) -> list[str]:
    summary = search_quality.summarize((r.query, r.ours.urls, r.stock.urls) for r in report.quality)
    plain = search_quality.summarize(
        (r.query, r.plain.urls if r.plain else [], []) for r in report.quality
    )
    lines = [
        "| queries | n | ours P@1 | ours P@5 | ours, Pagefind's order P@1 | P@5 | "
        "extra KB (mean) | stock P@1 | stock P@5 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, row in summary.items():
        runs = [r for r in report.quality if r.query.kind == kind and r.plain]
        extra = sum(r.ours.bytes - r.plain.bytes for r in runs) / len(runs) if runs else 0
        lines.append(
            f"| {kind} | {row['queries']:.0f} | {row['ours P@1']:.2f} | {row['ours P@5']:.2f} | "
            f"{plain[kind]['ours P@1']:.2f} | {plain[kind]['ours P@5']:.2f} | "
            f"{extra / KB:+,.1f} | {row['stock P@1']:.2f} | {row['stock P@5']:.2f} |"
        )
    return lines


def quality_details(report: Report) -> list[str]:
    lines = [
        "| kind | query | relevant | ours P@1 | ours P@5 | stock P@1 | stock P@5 | ours KB |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    p = search_quality.precision
    for r in report.quality:
        q = r.query
        lines.append(
            f"| {q.kind} | `{q.query}` | {len(q.relevant)} | {p(r.ours.urls, q.relevant, 1):.0f} | "
            f"{p(r.ours.urls, q.relevant, 5):.2f} | {p(r.stock.urls, q.relevant, 1):.0f} | "
            f"{p(r.stock.urls, q.relevant, 5):.2f} | {r.ours.bytes / KB:,.0f} |"
        )
    return lines


def render(report: Report) -> str:
    info = report.info
    kinds = ", ".join(f"{k} {n:,}" for k, n in info.by_kind().items())
    machine = ", ".join(f"{k}: {v}" for k, v in report.machine.items())
    worst = max((r.ours.bytes for r in report.queries), default=0)
    failed = [r.query for r in report.queries if r.ours.results is None]
    passed = report.ours.peak_bytes <= TARGET_PEAK and worst <= TARGET_FIRST_QUERY and not failed
    ours_requests = max((r.ours.requests for r in report.queries), default=0)
    lines = [
        f"# Search benchmark: {info.total:,} pages, 1 parent + {len(info.members)} members",
        "",
        f"- Machine: {machine}",
        f"- Corpus: {kinds}; seed-generated (portal_bench.corpus), built at {corpus.NOW:%Y-%m-%d}",
        f"- Site build without search: {report.build_seconds:.1f} s (not part of the targets)",
        "- Ours: `portal.search.index_sites`, both tiers of every site (the quick index, whose "
        "parent's copy holds every member's items, answers the first query; the full-text "
        "bundles load when a reader asks for full text), with the catalog scan it needs; "
        "stock: `python -m pagefind --site` with defaults on a copy "
        "of every site's pages, one bundle (it honours the pages' `data-pagefind-*` markup, so "
        "it indexes the same pages, but it does not fold `đ`).",
        "- Memory: peak of the summed PSS (shared pages counted once) of the indexing process"
        f" and all its descendants, sampled every {SAMPLE_SECONDS * 1000:.0f} ms. Index size: "
        "every file of the bundles (ours: each site's pagefind/ and pagefind-full/, not the "
        "copies; stock: without Pagefind's UI files). KB = 1024 bytes, MB = 1024 KB.",
        "",
        "## Indexing",
        "",
        *summary_table(report),
        "",
        "## First query: bytes of index files fetched (fresh browser context, empty cache)",
        "",
        "Ours: the parent's search page `/<parent>/tim-kiem/?q=…` until it shows results "
        "(`data-pt-state=done`), counting `/pagefind/`, `/pagefind-full/` and `/pagefind-sites/` "
        "responses (at most "
        f"{ours_requests} requests per query). Stock: `pagefind.filters()`, `pagefind.search(q)` "
        f"and the data of the first {STOCK_PAGE_SIZE} results, as Pagefind's Default UI does. "
        + (
            "The server gzips JS, CSS, HTML and JSON (as a CDN would); Pagefind's index, "
            "fragment and WebAssembly files are sent as Pagefind wrote them (already gzipped)."
            if report.gzip_text
            else "Every file is sent as written (no compression by the server)."
        ),
        "",
        *query_table(report),
        "",
        f"Targets: first query ≤ {TARGET_FIRST_QUERY // KB} KB for every query (worst: "
        f"{worst / KB:,.0f} KB), indexing peak ≤ {TARGET_PEAK // MB} MB "
        f"(measured: {report.ours.peak_bytes / MB:,.0f} MB). "
        + ("**All targets met.**" if passed else "**At least one target missed.**"),
    ]
    if failed:
        lines.append(f"Queries without an answer from our search page: {', '.join(failed)}.")
    if report.queries:
        heaviest = max(report.queries, key=lambda r: r.ours.bytes)
        lines += [
            "",
            f"### Where the bytes go: `{heaviest.query}` (our heaviest first query)",
            "",
            *breakdown_table(heaviest),
            "",
            f"Our search page's own HTML, CSS and JS: {heaviest.ours.page_bytes / KB:,.0f} KB "
            "(not counted above).",
        ]
    if report.quality:
        worst_quality = max(r.ours.bytes for r in report.quality)
        lines += [
            "",
            "## Quality: precision at 1 and 5 on labelled queries",
            "",
            "Queries derived from the corpus (`portal_bench.search_quality`): *tones*, two "
            "words of a title typed with their tone marks where folding makes them ambiguous "
            "(relevant: the pages holding both words exactly; a folded-only match is not); *no "
            "tones* and *đ*, three words of a title typed without marks (đ as d); relevant: the "
            "titles holding them; *number*, a document number as written. P@k: relevant among the "
            "first k results over min(k, relevant), mean over the queries. Ours: the parent's "
            "search page (quick index, with the toned second pass); ours in Pagefind's order: "
            "the same page with `rerank=0`, and the extra bytes the second pass fetched (mean "
            "over the kind's queries); stock: `pagefind.search(q)` on the full pages. Relevance "
            "is judged on what a quick record holds (title, fields, summary).",
            "",
            *quality_table(report),
            "",
            f"Worst first-query transfer among these queries (ours): {worst_quality / KB:,.0f} KB.",
            "",
            "<details><summary>Every labelled query</summary>",
            "",
            *quality_details(report),
            "",
            "</details>",
        ]
    return "\n".join(lines) + "\n"


@click.command()
@click.option("--pages", default=10_000, show_default=True, help="Content files to generate.")
@click.option("--members", default=12, show_default=True, help="Member sites beside the parent.")
@click.option(
    "--work",
    type=click.Path(path_type=Path, file_okay=False),
    help="Work folder (content/, output/, stock/ are replaced) [default: a temporary one].",
)
@click.option("--keep", is_flag=True, help="Keep the temporary work folder.")
@click.option("--seed", default=1, show_default=True, help="Corpus seed.")
@click.option(
    "--browsers",
    default=2,
    show_default=True,
    help="Browsers running the queries in parallel (bytes are counted per visit).",
)
@click.option(
    "--gzip/--no-gzip",
    "gzip_text",
    default=True,
    show_default=True,
    help="Gzip HTML, CSS and JS as a CDN would (Pagefind's index files are always sent as-is).",
)
@click.option(
    "--shards/--no-shards",
    default=True,
    show_default=True,
    help="Full text indexed in shards by kind and year, merged into one bundle per site "
    "(PORTAL_SEARCH_SHARDS, as a build does); the first query is the quick index's either way "
    "(make bench-search-edit measures full-text queries).",
)
def main(
    pages: int,
    members: int,
    work: Path | None,
    keep: bool,
    seed: int,
    browsers: int,
    gzip_text: bool,
    shards: bool,
) -> None:
    """Measure search indexing and first-query transfer on a generated corpus."""
    report = run(
        pages, members, work, keep, seed, browsers=browsers, gzip_text=gzip_text, shards=shards
    )
    click.echo(render(report))


if __name__ == "__main__":
    main()
