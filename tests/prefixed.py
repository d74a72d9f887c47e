"""A small parent-and-member portal built as a pull request's preview under a path prefix
(``PORTAL_PATH_PREFIX``), shared by the prefix tests and the browser test of search under it."""

from __future__ import annotations

import time
from pathlib import Path

from portal.build import build
from support import DEMO_NOW, PDF, REPO, SITES_YML, article, write_tree

PREFIX = "/portal/pr-7"
ORIGIN = "https://preview.example"
SHARED = article(
    "Xã khánh thành cầu giao thông nông thôn ấp Một",
    "Cây cầu mới nối hai ấp.",
    category='"Tin tức - Sự kiện"',
    syndicate="[parent]",
)
DOCUMENT = """\
---
title: "Quyết định về kế hoạch cải cách hành chính"
date: 2026-11-01 08:00
number: "12/QĐ-UBND"
doc_type: Quyết định
issuer: Ủy ban nhân dân huyện
issued: 2026-11-01
summary: "Kế hoạch cải cách hành chính năm 2027"
files: [qd-12.pdf]
---
Toàn văn quyết định.
"""


def preview_settings(folder: Path, prefix=PREFIX, origin=ORIGIN, mode="local") -> Path:
    """A settings file like previewconf.py with fixed values (no environment)."""
    path = folder / "previewsettings.py"
    path.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "from pelicanconf import *\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        f"PORTAL_URL_MODE = {mode!r}\n"
        "PORTAL_PREVIEW = True\n"
        f"PORTAL_LOCAL_ORIGIN = {origin!r}\n"
        f"PORTAL_PATH_PREFIX = {prefix!r}\n",
        encoding="utf-8",
    )
    return path


def build_prefixed(root: Path) -> Path:
    """The small portal built under PREFIX into ``root/output``; returns the output."""
    content = write_tree(
        root / "content",
        {
            "sites.yml": SITES_YML,
            "huyen/articles/news.md": article("Huyện tổ chức hội nghị tổng kết năm", "Tin."),
            "huyen/documents/qd-12/index.md": DOCUMENT,
            "huyen/documents/qd-12/qd-12.pdf": PDF,
            "xa/articles/shared.md": SHARED,
        },
    )
    output = root / "output"
    started = time.perf_counter()
    build(content, output, preview_settings(root), now=DEMO_NOW, incremental=False)
    print(f"prefixed build: {time.perf_counter() - started:.2f} s")
    return output
