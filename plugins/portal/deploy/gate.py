"""The fast check of a built output before it is published (``portal gate``).

What the deploy job is about to publish is checked on its own, without the code's test suite
(which ran on the pull request that brought the code): the build was already strict (any
warning fails it); here

- **links**: every internal link of every page (pages, images and ``srcset``, scripts,
  stylesheets, attachments, feeds, forms) names a file of the output, across sites, and every
  same-page ``#fragment`` names an element (production links carry a site's host: they are
  resolved in that site's folder);
- **leaks**: no item that must not be public (draft, scheduled, expired, taken down as an
  error) has a folder in the output, and no source file (``.md``, ``.yml``, dotfiles, a
  ``drafts`` folder) was copied in (but the form editor's ``admin/config.yml``, published on
  purpose: portal.cms);
- **headers**: every site has ``_headers`` with a CSP and HSTS, and ``_nginx.conf``, which
  nginx accepts (``nginx -t`` on an origin configuration; skipped, and said, without nginx);
- **feeds**: every JSON Feed parses with its required members, every ``.xml`` is well formed.

Problems go to an ``ErrorReport`` as ``file:line: field: message`` (Vietnamese, with English):
a page and its line for links, the content file and line for leaks. ``tests/test_links.py``
and the gate share ``targets`` and ``check_links``.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portal.cms.admin import CONFIG_FILE
from portal.errors import ErrorReport
from portal.paths import ADMIN
from portal.urlprefix import path_prefix

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
SOURCE_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".py", ".pyc", ".pickle"}
# Site-relative files with a source suffix that are published on purpose.
PUBLISHED = {f"{ADMIN}/{CONFIG_FILE}"}  # the form editor's configuration (portal.cms)
HOST_FILES = {"_headers", "_redirects", "_nginx.conf"}
JSON_FEED = "https://jsonfeed.org/version/1"


@dataclass
class GateResult:
    report: ErrorReport = field(default_factory=ErrorReport)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class _Links(HTMLParser):
    """Every fetch or navigation a page makes, with its line, and every element id: one pass of
    the standard parser (several times faster than building a tree)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        line = self.getpos()[0]
        for linking, attr in LINKING:
            if tag == linking and values.get(attr):
                self.found.append((attr, values[attr], line))
        for linking, attr in SRCSET:
            if tag == linking and values.get(attr):
                for part in values[attr].split(","):
                    if part.strip():
                        self.found.append((attr, part.split()[0], line))

    handle_startendtag = handle_starttag


def targets(text: str) -> tuple[list[tuple[str, str, int]], set[str]]:
    """(attribute, URL, line) of every fetch or navigation of a page, and its element ids."""
    parser = _Links()
    parser.feed(text)
    parser.close()
    return parser.found, parser.ids


def resolves(root: Path, path: str) -> bool:
    local = root / unquote(path).lstrip("/")
    if path.endswith("/"):
        return (local / "index.html").is_file()
    return local.is_file() or (local / "index.html").is_file()


def _pages(output: Path) -> Iterable[Path]:
    for page in sorted(output.rglob("*.html")):
        if "/pagefind" not in "/" + page.relative_to(output).as_posix():
            yield page


def check_links(
    output: Path, hosts: dict[str, str], report: ErrorReport, prefix: str = "", origin: str = ""
) -> int:
    """Every internal link of ``output``; ``hosts`` (host name → site id) makes the output a
    production one (``output/<site-id>/`` served at the root of its host), empty a development
    one (every site under ``<prefix>/<site-id>/``, ``prefix`` being the build's normalised
    ``PORTAL_PATH_PREFIX``; absolute links to ``origin``, the development build's
    ``PORTAL_LOCAL_ORIGIN``, are followed too). Returns how many links were followed."""
    checked = 0
    own = urlsplit(origin) if origin else None
    for page in _pages(output):
        rel = page.relative_to(output).as_posix()
        site = rel.split("/", 1)[0]
        # The folder a root-relative path of this page is resolved in.
        root = output / site if hosts else output
        under = prefix if not hosts else ""  # where the output's root is served
        folder = under + "/" + page.relative_to(root).parent.as_posix()
        found, ids = targets(page.read_text(encoding="utf-8"))
        for attr, target, line in found:
            parts = urlsplit(target)
            base = root
            if own and (parts.scheme, parts.netloc) == (own.scheme, own.netloc):
                pass  # the development origin: its path carries the prefix
            elif parts.scheme or parts.netloc:
                if parts.scheme not in ("http", "https") or parts.netloc not in hosts:
                    continue  # another site on the web, mailto:, tel:
                base = output / hosts[parts.netloc]
            elif not parts.path:
                if parts.fragment and parts.fragment not in ids:
                    report.add(
                        page,
                        line,
                        attr,
                        f"#{parts.fragment} không trỏ tới phần tử nào của trang",
                        f"#{parts.fragment} names no element of the page",
                    )
                continue
            checked += 1
            path = parts.path or "/"
            if not path.startswith("/"):  # attachments and images beside their page
                path = posixpath.normpath(posixpath.join(folder, path)) + (
                    "/" if path.endswith("/") else ""
                )
            inside = not under or path == under or path.startswith(under + "/")
            if not inside or not resolves(base, path[len(under) :] or "/"):
                report.add(
                    page,
                    line,
                    attr,
                    f"liên kết hỏng: {target}",
                    f"broken link: {target}",
                )
    return checked


def check_leaks(output: Path, catalogs: dict, report: ErrorReport) -> int:
    """No folder for an item that must not be public; no source file in the output."""
    from portal.catalog.publication import PRIVATE

    checked = 0
    for site_id, catalog in catalogs.items():
        for item in catalog.items:
            if item.state not in PRIVATE | {"gone"} or not item.url:
                continue
            checked += 1
            where = output / site_id / unquote(item.url)
            if where.exists():
                report.add(
                    item.source,
                    1,
                    "state",
                    f"mục '{item.state}' không được công khai nhưng có trong bản dựng: {where}",
                    f"a {item.state} item is in the output",
                )
    for path in sorted(output.rglob("*")):
        checked += 1
        name = path.name
        if path.is_dir() and name == "drafts":
            report.add(path, 1, "output", "thư mục bản nháp trong bản dựng", "a drafts folder")
        elif name.startswith(".") or (
            path.is_file()
            and path.suffix.lower() in SOURCE_SUFFIXES
            and "/".join(path.relative_to(output).parts[1:]) not in PUBLISHED
        ):
            report.add(
                path, 1, "output", "tệp nguồn hay tệp ẩn trong bản dựng", "a source or hidden file"
            )
    return checked


def check_headers(output: Path, site_ids: list[str], report: ErrorReport) -> bool | None:
    """Every site's header files; nginx -t on them when nginx is installed (None: it is not)."""
    for site_id in site_ids:
        folder = output / site_id
        headers = folder / "_headers"
        text = headers.read_text(encoding="utf-8") if headers.is_file() else ""
        for needed in ("Content-Security-Policy", "Strict-Transport-Security"):
            if needed not in text:
                report.add(
                    headers, 1, needed, f"thiếu tiêu đề {needed}", f"no {needed} in _headers"
                )
        if not (folder / "_nginx.conf").is_file():
            report.add(folder / "_nginx.conf", 1, "_nginx.conf", "thiếu tệp", "missing")
    from portal.deploy.origin import nginx_config
    from portal.headers.server import NginxError, find_nginx, free_port

    try:
        nginx = find_nginx()
    except NginxError:
        return None
    with tempfile.TemporaryDirectory(prefix="portal-gate-") as runtime:
        hosts = {site: f"{site}.invalid" for site in site_ids}
        root = output.resolve()
        config = Path(runtime) / "nginx.conf"
        text = nginx_config(str(root.parent), hosts, free_port(), Path(runtime), root.name)
        config.write_text(text, encoding="utf-8")
        done = subprocess.run(
            [nginx, "-t", "-p", runtime, "-c", str(config)], capture_output=True, text=True
        )
    if done.returncode:
        report.add(
            output, 1, "_nginx.conf", "nginx từ chối cấu hình", f"nginx refused: {done.stderr}"
        )
    return True


def check_feeds(output: Path, report: ErrorReport) -> int:
    checked = 0
    for path in sorted(output.rglob("feed*.json")):
        checked += 1
        try:
            feed = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            report.add(path, 1, "json", f"JSON hỏng: {exc}", "invalid JSON")
            continue
        if not str(feed.get("version", "")).startswith(JSON_FEED) or not feed.get("title"):
            report.add(path, 1, "version", "thiếu version/title", "no JSON Feed version or title")
        items = feed.get("items")
        if not isinstance(items, list) or any(
            not isinstance(i, dict) or "id" not in i for i in items
        ):
            report.add(path, 1, "items", "items sai", "items must be objects with an id")
    for path in sorted(output.rglob("*.xml")):
        if "/pagefind" in path.as_posix():
            continue
        checked += 1
        try:
            ET.parse(path)
        except ET.ParseError as exc:
            report.add(path, exc.position[0], "xml", f"XML hỏng: {exc}", "malformed XML")
    return checked


def gate(
    content_dir: Path, output_dir: Path, settings_file: Path | None, now: dt.datetime
) -> GateResult:
    """Every check of this module on ``output_dir``, built from ``content_dir`` at ``now``."""
    from portal import build as builder
    from portal.catalog import tree

    result = GateResult()
    base = builder.load_base_settings(settings_file)
    local = base.get("PORTAL_URL_MODE", "local") == "local"
    sites, catalogs = tree.scan(content_dir, now, result.report)
    if result.report:
        return result
    hosts = {} if local else {urlsplit(s.base_url).netloc: s.id for s in sites}
    built = [s.id for s in sites if (output_dir / s.id).is_dir()]
    for site in sites:
        if site.id not in built:
            result.report.add(
                output_dir / site.id, 1, "output", "trang chưa dựng", "site not built"
            )
    prefix = path_prefix(base) if local else ""
    origin = str(base.get("PORTAL_LOCAL_ORIGIN", "")) if local else ""
    result.counts["links"] = check_links(output_dir, hosts, result.report, prefix, origin)
    result.counts["leaks"] = check_leaks(output_dir, catalogs, result.report)
    result.counts["feeds"] = check_feeds(output_dir, result.report)
    if check_headers(output_dir, built, result.report) is None:
        result.notes.append("không có nginx: bỏ qua nginx -t (no nginx: nginx -t skipped)")
    return result
