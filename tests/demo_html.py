"""Parsed pages of a built output, shared by the test modules that read every page of the
built demo (tests/theme/test_theme_pages.py, tests/theme/test_reader_polish.py): each page is
parsed once per test process (about 4 s of CPU and 150 MB for the demo's 380 pages), and
those modules run on one xdist worker (``xdist_group("demo-html")``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup


@cache
def parse(path: Path) -> BeautifulSoup:
    """The page at ``path`` (html.parser), parsed once. Read only."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
