"""Every internal link of the built demo resolves: pages, images (srcset included), scripts,
stylesheets, attachments, feeds and calendars, across sites, and every same-page fragment names
an element of that page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

# (tag, attribute) pairs that make a browser fetch or navigate.
LINKING = (
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("form", "action"),
)
SRCSET = (("img", "srcset"), ("source", "srcset"))


def targets(soup: BeautifulSoup) -> list[str]:
    found = []
    for tag, attr in LINKING:
        found += [node[attr] for node in soup.find_all(tag) if node.get(attr)]
    for tag, attr in SRCSET:
        for node in soup.find_all(tag):
            found += [part.split()[0] for part in node.get(attr, "").split(",") if part.strip()]
    return found


def resolves(output: Path, path: str) -> bool:
    local = output / unquote(path).lstrip("/")
    if path.endswith("/"):
        return (local / "index.html").is_file()
    return local.is_file() or (local / "index.html").is_file()


def test_every_internal_link_resolves(demo_output):
    broken: list[str] = []
    checked = 0
    for page in sorted(demo_output.rglob("*.html")):
        rel = page.relative_to(demo_output).as_posix()
        if "/pagefind" in f"/{rel}":
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids = {node["id"] for node in soup.find_all(id=True)}
        for target in targets(soup):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                continue  # another site on the web, mailto:, tel:
            if not parts.path:
                if parts.fragment and parts.fragment not in ids:
                    broken.append(f"{rel}: #{parts.fragment} names no element")
                continue
            checked += 1
            path = parts.path
            if not path.startswith("/"):  # attachments and images beside their page
                path = "/" + (Path(rel).parent / path).as_posix()
            if not resolves(demo_output, path):
                broken.append(f"{rel}: {target}")
    assert checked > 1000  # the demo links a lot: a parser that finds nothing must fail
    assert not broken, "\n".join(broken[:40])
