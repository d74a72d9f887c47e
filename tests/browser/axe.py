"""axe-core accessibility checks for the browser tests.

``run_axe(page)`` injects axe-core (the npm package pinned in the repository's
``package.json``, installed into ``node_modules/`` by ``make install``) into a Playwright sync
``page`` and runs it on the whole document with the WCAG 2.0, 2.1 and 2.2 level A and AA rules
plus axe's best practices. ``serious_violations(results)`` turns the serious and critical
violations into one readable line each, for an assertion message::

    violations = serious_violations(run_axe(page))
    assert not violations, "\\n".join(violations)

The script is evaluated through the DevTools protocol (``page.evaluate``), not added as a
``<script>`` element: the test server sends the strict Content-Security-Policy of the product
(no inline script), and a page under test is never weakened for the checker.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"

# https://github.com/dequelabs/axe-core/blob/develop/doc/API.md#axe-core-tags
TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22a",
    "wcag22aa",
    "best-practice",
]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
SERIOUS = ("serious", "critical")
MAX_TARGETS = 3  # selectors shown per violation; the count says how many there are in all


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8") + "\n;undefined"


def run_axe(page: Any) -> dict:
    """Run axe-core on the page's whole document; axe's results object (``violations``,
    ``passes``, ``incomplete``, ``inapplicable``, ...) as a dict."""
    if not AXE_JS.is_file():
        pytest.fail(
            f"axe-core is not installed ({AXE_JS.relative_to(REPO)} is missing): "
            "run `make install` (it runs `npm ci` for package.json).",
            pytrace=False,
        )
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, not as a <script>: the test server's strict
        # CSP blocks inline script, and the page under test must not be weakened for axe.
        page.evaluate(_axe_source())
    return page.evaluate("options => axe.run(document, options)", OPTIONS)


def serious_violations(results: dict) -> list[str]:
    """One line per violation whose impact is serious or critical: the rule id, axe's help
    text and the first few target selectors, e.g.
    ``image-alt (critical): Images must have alternative text [img] (1 element)``."""
    lines = []
    for violation in results.get("violations", []):
        if violation.get("impact") not in SERIOUS:
            continue
        nodes = violation.get("nodes", [])
        targets = [_selector(node.get("target", [])) for node in nodes]
        shown = ", ".join(targets[:MAX_TARGETS])
        more = ", …" if len(targets) > MAX_TARGETS else ""
        count = f"{len(nodes)} element{'s' if len(nodes) != 1 else ''}"
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation.get('help', '')} "
            f"[{shown}{more}] ({count})"
        )
    return lines


def _selector(target: list) -> str:
    """axe's target: a list of selectors, one per frame; a nested list reaches into shadow
    roots."""
    parts = [" >>> ".join(p) if isinstance(p, list) else str(p) for p in target]
    return " | ".join(parts)
