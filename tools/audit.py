"""Lighthouse audit of the demo portal: ``make audit`` (or ``make audit AUDIT_ARGS="--only home"``).

Builds the demo content into a temporary folder (as if it were ``NOW``), serves it on
127.0.0.1 at a free port, and runs Lighthouse (``tools/audit/node_modules``, installed by
``make audit``) in Debian's Chromium on every page type of ``tests/browser/page_types.json``,
one after the other, with Lighthouse's default mobile settings (simulated throttling).

Prints a Markdown table of the performance, accessibility, best-practices and SEO scores
(0-100) and, per page, the audits that fail (every category); writes Lighthouse's JSON reports
(and the same summary) to ``output/audit/``. It is an audit, not a gate: the exit status is 0
whatever the scores, and non-zero only when the build or Lighthouse itself could not run.

Performance is a simulation scaled by how fast the machine's CPU is at that moment: on a
shared, loaded machine the same page scores 79 one minute and 100 the next. So each page is
audited ``--runs`` times (default 3) and the run with the median performance score is
reported, as Lighthouse's own guide on variability advises; the table shows that run's CPU
index (Lighthouse's ``benchmarkIndex``: under ~700 means the machine was busy and the
performance score is pessimistic) and the load average is printed with the table.

Standard library only; run it with the project's virtual environment (``.venv/bin/python``),
whose ``portal`` command builds the demo.

``tools/audit/package.json`` pins Lighthouse 12.8.2 (13.x needs Node.js 22.19 or newer). Its
``overrides`` pin the two dependencies that ``@paulirish/trace_engine`` asks for as ``latest``
to the versions in the lock: without them ``npm ci`` resolves that tag afresh and refuses the
lock as out of date whenever a newer version is published.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE_TYPES = REPO / "tests" / "browser" / "page_types.json"
LIGHTHOUSE = REPO / "tools" / "audit" / "node_modules" / ".bin" / "lighthouse"
REPORTS = REPO / "output" / "audit"
NOW = "2026-11-22 12:00"  # the demo is dated up to 2026-11-21 (as in the tests)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
HEADERS = ("performance", "accessibility", "best practices", "SEO")
# As in tests/browser/conftest.py: this machine's network is closed, so Chromium must not try
# to reach Google's services in the background.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
TIMEOUT = 300  # seconds for one Lighthouse run; a page normally takes 10-20 s
FAILING_MODES = {"binary", "numeric", "metricSavings"}  # not manual/informative/notApplicable


class SetupError(Exception):
    """Something the audit needs is missing or broken; the message says what to do."""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # stdlib's signature
        pass


def find_chromium() -> str:
    for candidate in (os.environ.get("CHROME_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise SetupError(
        "Chromium is not installed: run `make system-deps` (apt-get install chromium)."
    )


def find_portal() -> Path:
    """The ``portal`` command of the virtual environment running this script (or .venv/)."""
    for candidate in (Path(sys.executable).parent / "portal", REPO / ".venv" / "bin" / "portal"):
        if os.access(candidate, os.X_OK):
            return candidate
    raise SetupError("The `portal` command is missing: run `make install`.")


def load_page_types(only: list[str] | None) -> dict[str, str]:
    pages = json.loads(PAGE_TYPES.read_text(encoding="utf-8"))
    if not only:
        return pages
    unknown = [name for name in only if name not in pages]
    if unknown:
        raise SetupError(
            f"Unknown page type(s): {', '.join(unknown)}. "
            f"{PAGE_TYPES.relative_to(REPO)} names: {', '.join(pages)}."
        )
    return {name: pages[name] for name in only}


def build_demo(output: Path) -> None:
    command = [str(find_portal()), "build", "--output", str(output), "--now", NOW]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SetupError(f"`portal build` failed (exit status {done.returncode}); see above.")


def start_server(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="audit-http", daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"


def run_lighthouse(url: str, report: Path, chromium: str) -> dict:
    """One Lighthouse run; its JSON report. SetupError when Lighthouse could not audit."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--chrome-path={chromium}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    env = {**os.environ, "CHROME_PATH": chromium}
    report.unlink(missing_ok=True)
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        log, _ = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        # Chromium runs in a process group of its own: SIGINT lets Lighthouse close it first.
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
        raise SetupError(f"Lighthouse took longer than {TIMEOUT} s on {url}") from None
    if process.returncode != 0 or not report.is_file():
        tail = "\n".join(log.strip().splitlines()[-20:])
        raise SetupError(f"Lighthouse failed on {url} (exit status {process.returncode}):\n{tail}")
    result = json.loads(report.read_text(encoding="utf-8"))
    error = result.get("runtimeError")
    if error:
        raise SetupError(
            f"Lighthouse could not audit {url}: {error.get('code')}: {error.get('message')}"
        )
    return result


def score(result: dict, category: str) -> str:
    value = result["categories"].get(category, {}).get("score")
    return "–" if value is None else str(round(value * 100))


def failing(result: dict, category: str) -> list[str]:
    """The audits of ``category`` that count towards its score and did not pass."""
    lines = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = result["audits"][ref["id"]]
        if audit.get("scoreDisplayMode") not in FAILING_MODES or audit.get("score") is None:
            continue
        if not ref.get("weight") and category != "accessibility":
            continue  # informative only: it does not lower the score
        if audit["score"] < (0.9 if category == "performance" else 1):
            items = (audit.get("details") or {}).get("items") or []
            count = f" ({len(items)} element{'s' if len(items) != 1 else ''})" if items else ""
            shown = f": {audit['displayValue']}" if audit.get("displayValue") else ""
            lines.append(f"- {category} `{ref['id']}`: {audit.get('title', '')}{shown}{count}")
    return lines


def cpu_index(result: dict) -> str:
    value = (result.get("environment") or {}).get("benchmarkIndex")
    return "–" if value is None else str(round(value))


def median_run(runs: list[dict]) -> dict:
    """The run with the median performance score (the lower middle one of an even count)."""
    ranked = sorted(runs, key=lambda r: r["categories"]["performance"].get("score") or 0)
    return ranked[(len(ranked) - 1) // 2]


def summary(pages: dict[str, str], results: dict[str, dict], errors: dict[str, str]) -> str:
    rows = [
        "| page type | path | " + " | ".join(HEADERS) + " | CPU index |",
        "|---|---|" + "---:|" * (len(HEADERS) + 1),
    ]
    for name, path in pages.items():
        if name in results:
            cells = [score(results[name], category) for category in CATEGORIES]
            cells.append(cpu_index(results[name]))
        else:
            cells = ["error"] * len(CATEGORIES) + ["–"]
        rows.append(f"| {name} | `{path}` | " + " | ".join(cells) + " |")
    blocks = ["\n".join(rows)]
    any_failing = False
    for name, path in pages.items():
        if name in errors:
            blocks.append(f"### {name} (`{path}`): not audited\n\n```\n{errors[name]}\n```")
            continue
        below = [c for c in CATEGORIES if (results[name]["categories"][c].get("score") or 0) < 1]
        lines = [line for c in below for line in failing(results[name], c)]
        any_failing = any_failing or bool(failing(results[name], "accessibility"))
        if lines:
            blocks.append(f"### {name} (`{path}`)\n\n" + "\n".join(lines))
    if results and not any_failing:
        blocks.append("No failing accessibility audit.")
    return "\n\n".join(blocks) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="audit only this page type of tests/browser/page_types.json (repeatable)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        metavar="N",
        help="Lighthouse runs per page; the median performance run is reported (default 3)",
    )
    args = parser.parse_args(argv)
    try:
        pages = load_page_types(args.only)
        chromium = find_chromium()
        if not os.access(LIGHTHOUSE, os.X_OK):
            raise SetupError(
                f"Lighthouse is not installed ({LIGHTHOUSE.relative_to(REPO)} is missing): "
                "run `make audit` (it runs `npm ci --prefix tools/audit`)."
            )
        if shutil.which("node") is None:
            raise SetupError("Node.js is not installed: run `make system-deps`.")
        REPORTS.mkdir(parents=True, exist_ok=True)
        results: dict[str, dict] = {}
        errors: dict[str, str] = {}
        with tempfile.TemporaryDirectory(prefix="portal-audit-") as tmp:
            site = Path(tmp) / "output"
            print(f"Building the demo as of {NOW} …", file=sys.stderr)
            build_demo(site)
            server, base = start_server(site)
            try:
                for number, (name, path) in enumerate(pages.items(), 1):
                    started = time.monotonic()
                    try:
                        runs = []
                        for _ in range(max(args.runs, 1)):
                            report = REPORTS / f"{name}.json"
                            runs.append(run_lighthouse(base + path, report, chromium))
                        results[name] = median_run(runs)
                        report.write_text(json.dumps(results[name]), encoding="utf-8")
                        outcome = "done"
                    except SetupError as error:
                        errors[name] = str(error)
                        outcome = "FAILED"
                    took = time.monotonic() - started
                    print(
                        f"[{number}/{len(pages)}] {name} {path}: {outcome} in {took:.1f} s",
                        file=sys.stderr,
                    )
                    if len(errors) == 2 and not results and len(pages) > 2:
                        # Most likely Lighthouse or Chromium cannot run at all: stop early.
                        errors.update({n: "not tried" for n in pages if n not in errors})
                        print(
                            "audit: the first two pages failed; not trying the others.",
                            file=sys.stderr,
                        )
                        break
            finally:
                server.shutdown()
                server.server_close()
    except SetupError as error:
        print(f"audit: {error}", file=sys.stderr)
        return 2
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    text = summary(pages, results, errors) + f"\nLoad average at the end: {load}.\n"
    (REPORTS / "summary.md").write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"\nReports: {REPORTS}/", file=sys.stderr)
    if errors:
        print(
            f"audit: Lighthouse could not audit {len(errors)} of {len(pages)} page(s): "
            + ", ".join(errors),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
