"""Reading the feeds a build wrote: JSON pages, their chains, Atom files (test helpers)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

LOCAL_ORIGIN = "http://localhost:8000"
ATOM = "{http://www.w3.org/2005/Atom}"
TOMBSTONES = "{http://purl.org/atompub/tombstones/1.0}"


def json_feeds(site_dir: Path) -> list[Path]:
    """Every JSON Feed file of a built site (first and further pages)."""
    return sorted(p for p in site_dir.rglob("feed*.json") if p.is_file())


def first_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("feed.json"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def local_path(output: Path, url: str) -> Path:
    """The file a development URL (``http://localhost:8000/<site>/…``) is served from."""
    assert url.startswith(f"{LOCAL_ORIGIN}/"), url
    return output / url.removeprefix(f"{LOCAL_ORIGIN}/")


def chain(output: Path, first: Path) -> list[tuple[Path, dict]]:
    """A feed's pages, first to last, following ``next_url``."""
    pages = [(first, load(first))]
    while "next_url" in pages[-1][1] and len(pages) < 1000:
        path = local_path(output, pages[-1][1]["next_url"])
        pages.append((path, load(path)))
    return pages


def items_of(output: Path, first: Path) -> list[dict]:
    return [item for _, page in chain(output, first) for item in page["items"]]


def feed_key(site_dir: Path, first: Path) -> str:
    """``""`` for the site's root feed, else its folder (``tin-tuc``, ``chuyen-muc/thong-bao``)."""
    return first.parent.relative_to(site_dir).as_posix().removeprefix(".")


def atom(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())
