"""Scan the content tree: read every file of every site once, validate it, render its body, place
it at its URL and check what only the whole site can tell (duplicate URLs and numbers, unknown
categories and groups, redirects to nowhere, stray files). Every problem goes to one report.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

from portal import paths
from portal.catalog import attachments as att
from portal.catalog import itemcache, phases
from portal.catalog.checks import check_file_name, check_item, is_placeholder
from portal.catalog.item import Item
from portal.catalog.publication import state as publication_state
from portal.catalog.urls import item_url
from portal.errors import ErrorReport
from portal.frontmatter.fields import Invalid, to_email, validate
from portal.frontmatter.parse import FrontMatterError, parse
from portal.frontmatter.schema import check_rules
from portal.images import add_pictures
from portal.markup.render import clean, first_paragraph, relative_links, render, rewrite_links
from portal.sites.config import SITES_FILE, Site, check_banner_images
from portal.slugs import slugify
from portal.types import REGISTRY

logger = logging.getLogger(__name__)

CONTENT_SUFFIX = ".md"
IGNORED_NAMES = {".gitkeep", ".keep"}
DEFAULT_MAX_ATTACHMENT_MB = 20
# A content file is read whole and its text copied into listings, feeds and search records. The
# longest legal text one would type in (a law of 200 articles) is ~300 KB of Markdown; anything
# larger belongs in an attached PDF. 1 MiB leaves room and keeps a 28 MB file out.
MAX_CONTENT_BYTES = 1024 * 1024
# Control characters have no place in a text (NUL reached the HTML); tab, CR, LF are text.
_BODY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Quotes or lists nested deeper than this: Python-Markdown recurses once per level (a list
# 300 levels deep ended in RecursionError) and its time grows with the depth (40,000 '>' took
# 1.8 s); a text quotes a quote, or lists within a list, seldom more.
MAX_NESTING = 20
_DEEP = re.compile(
    rf"^(?: {{0,3}}(?:> ?){{{MAX_NESTING + 1}}}"  # a quote marker more than 20 times
    rf"|[ \t]{{{4 * MAX_NESTING},}}(?:[-*+]|\d+[.)])(?:\s|$))",  # a list item 80 columns in
    re.MULTILINE,
)
# Values that get a page of their own (a tag, a category, a document's issuer or field) or a
# filter: each must fold to a non-empty slug.
FACET_FIELDS = ("tags", "category", "issuer", "fields", "field")
# The default summary (the text's first paragraph) is copied into listings and feeds: cut long.
TEASER_LIMIT = 1_000


@dataclass
class SiteCatalog:
    """Everything read from one site folder."""

    site: Site
    root: str
    items: list[Item] = field(default_factory=list)
    history_notice: str = ""  # why git history could not be used (portal.history), if it could not
    # Source → SHA-256 of the item as read, from its item-cache entry (``catalog.itemcache``:
    # the item and every file it names, by SHA-256), the content folder's path removed: what
    # ``incremental.item_digest`` uses instead of digesting the item and its files again.
    read: dict[str, str] = field(default_factory=dict)

    @cached_property
    def by_source(self) -> dict[str, Item]:
        """Items keyed by absolute source path (what Pelican's readers receive); read only
        once the scan is complete."""
        return {item.source: item for item in self.items}

    def of_kind(self, kind: str, listed_only: bool = True) -> list[Item]:
        return [i for i in self.items if i.kind == kind and (i.listed or not listed_only)]


def read_item(
    path: Path,
    site: Site,
    site_dir: Path,
    kind: str,
    report: ErrorReport,
    max_bytes: int,
    now: dt.datetime,
    read: dict[str, str] | None = None,
    root: str = "",
) -> Item | None:
    """Read one content file; ``None`` when it could not be read at all (errors reported).
    With the item cache on, ``read`` gets the digest of the item's cache entry (``root``, the
    content folder's path, removed; see ``SiteCatalog.read``)."""
    spath = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_CONTENT_BYTES:
            report.add(
                spath,
                1,
                "file",
                f"tệp nội dung dài {size / 1024 / 1024:.1f} MB, quá giới hạn "
                f"{MAX_CONTENT_BYTES // 1024 // 1024} MB; văn bản dài hãy đính kèm tệp PDF "
                "(trường 'files') và chỉ viết phần tóm tắt trong bài",
                f"content file of {size} bytes, over the limit of {MAX_CONTENT_BYTES}",
            )
            return None
        data = path.read_bytes()
        cache = itemcache.current_cache()
        if cache is not None:
            rel = path.relative_to(site_dir).as_posix()
            key = cache.key(str(site_dir), rel, kind, max_bytes, data)
            cached = _cached(cache, key, now)
            if cached is not None:
                _note_read(cache, key, spath, read, root)
                return cached
        errors = len(report)
        parsed = parse(data)
    except FrontMatterError as exc:
        report.add(spath, exc.line, exc.field, exc.message, exc.english)
        return None
    except OSError as exc:
        report.add(spath, 1, "file", f"không đọc được tệp ({exc.strerror})", "cannot read file")
        return None
    meta = validate(parsed.fields, REGISTRY[kind].schema, report, spath, 1)
    check_rules(kind, meta, parsed.fields, report, spath)
    check_item(spath, kind, meta, parsed.fields, parsed.body, parsed.body_line, report)
    renderable = _check_body(parsed.body, parsed.body_line, report, spath)
    if meta.get("status") != "draft":  # a draft gets no page (portal new leaves '…' to fill)
        _check_facets(meta, parsed.fields, report, spath)
    lines = {key: node.line for key, node in parsed.fields.items()}
    item = Item(
        site=site.id,
        kind=kind,
        source=spath,
        relpath=path.relative_to(site_dir).as_posix(),
        meta=meta,
        lines=lines,
        state=publication_state(meta, now),
    )
    try:
        item.html = render(parsed.body) if renderable else ""
    except RecursionError:  # Python-Markdown recurses once per nested list or quote
        report.add(
            spath,
            parsed.body_line,
            "body",
            "nội dung có danh sách hoặc trích dẫn lồng nhau quá sâu; hãy viết phẳng lại",
            "lists or quotes nested too deep",
        )
    # A question-and-answer's teaser is the question: its text opens with a greeting.
    lead = meta.get("question") or first_paragraph(item.html)
    item.teaser = meta.get("summary") or _cut(" ".join(lead.split()), TEASER_LIMIT)
    item.slug = meta.get("slug") or slugify(meta.get("title", ""))
    if not item.slug and "title" in meta:
        report.add(
            spath,
            item.line("title"),
            "title",
            "không tạo được đường dẫn từ tiêu đề; hãy thêm trường 'slug'",
            "title gives an empty slug; add a slug",
        )
    item.url = item_url(kind, item.slug)
    _attach(item, path, site_dir, report, max_bytes, parsed.body, parsed.body_line)
    if cache is not None and len(report) == errors:
        cache.store(key, item, clean)
        _note_read(cache, key, spath, read, root)
    return item  # even with errors: kept for the site-wide checks; the report stops the build


def _cached(cache: itemcache.ItemCache, key: str, now: dt.datetime) -> Item | None:
    """The item an earlier build read from the same file, at ``now`` (its state computed
    again), when still valid (``catalog.itemcache``): else None, and the file is read."""
    found = cache.lookup(key, clean)
    if found is None:
        return None
    item, was_written = found
    item.state = publication_state(item.meta, now)
    # Pictures are planned only for what is written: a change of that means reading again.
    return item if item.written == was_written else None


def _note_read(cache, key: str, source: str, read: dict | None, root: str) -> None:
    text = cache.used.get(key)
    if read is not None and text is not None:
        read[source] = hashlib.sha256(text.replace(root, "").encode("utf-8")).hexdigest()


def _cut(text: str, limit: int) -> str:
    """``text`` cut at the last whole word within ``limit`` characters, marked with '…'."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    return (head[:space] if space > 0 else head).rstrip(" ,;:.") + "…"


def _check_body(body: str, first_line: int, report: ErrorReport, path: str) -> bool:
    """A control character, a quote or a list nested too deep in the text is refused at its line;
    ``False`` then (the text is not rendered)."""
    deep = _DEEP.search(body)
    if deep:
        report.add(
            path,
            first_line + body.count("\n", 0, deep.start()),
            "body",
            f"trích dẫn ('>') hoặc danh sách lồng nhau quá {MAX_NESTING} tầng; hãy viết phẳng lại",
            f"quotes or lists nested more than {MAX_NESTING} levels deep",
        )
    bad = _BODY_CONTROL.search(body)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        report.add(
            path,
            first_line + body.count("\n", 0, bad.start()),
            "body",
            f"nội dung có ký tự điều khiển không in được ({code}); hãy xoá nó (thường do "
            "chép từ tệp khác sang)",
            f"control character {code} in the text",
        )
    return not (deep or bad)


def _check_facets(meta: dict, fields: dict, report: ErrorReport, path: str) -> None:
    """Each value that gets a page or a filter must give a link: letters or digits."""
    for key in FACET_FIELDS:
        value = meta.get(key)
        values = value if isinstance(value, list) else [value] if value else []
        for index, label in enumerate(values):
            if not slugify(label) and not is_placeholder(label):  # '…': check_item says
                name = f"{key}[{index + 1}]" if isinstance(value, list) else key
                report.add(
                    path,
                    fields[key].line,
                    name,
                    f"'{label}' không có chữ cái hay chữ số nào để làm đường dẫn cho trang "
                    "của nó; hãy viết tên bằng chữ, ví dụ 'UBND tỉnh' hay 'Đất đai'",
                    "has no letter or digit to make its page's link; write it in words",
                )


def _line_in_body(body: str, first_line: int, reference: str) -> int:
    """The file line of the first body line that mentions ``reference`` (as written or encoded)."""
    forms = (reference, quote(reference))
    for offset, text in enumerate(body.splitlines()):
        if any(form in text for form in forms):
            return first_line + offset
    return first_line


def _attach(
    item: Item,
    path: Path,
    site_dir: Path,
    report: ErrorReport,
    max_bytes: int,
    body: str,
    body_line: int,
) -> None:
    def checked(reference: str, key: str, images_only: bool = False) -> att.Attachment | None:
        item.referenced.add(os.path.abspath(path.parent / reference))
        try:
            return att.check(reference, path, site_dir, max_bytes, images_only)
        except att.AttachmentError as exc:
            report.add(
                item.source,
                item.line(key) if key != "body" else _line_in_body(body, body_line, reference),
                key,
                exc.message,
                exc.english,
            )
            return None

    for reference in item.meta.get("files", []):
        found = checked(reference, "files")
        if found:
            item.files.append(found)
    if "image" in item.meta:
        item.image = checked(item.meta["image"], "image", images_only=True)
    mapping: dict[str, str] = {}
    for reference in relative_links(item.html):
        if reference in mapping:
            continue
        found = checked(reference, "body")
        if found:
            item.inline.append(found)
            mapping[reference] = found.name
    if mapping:
        item.html = rewrite_links(item.html, mapping)
    if item.written:  # only what is published gets variants (private files stay unread)
        add_pictures(item, report, lambda reference: _line_in_body(body, body_line, reference))
    names: dict[str, str] = {}
    for attachment in item.all_attachments:
        other = names.get(attachment.name)
        if other and other != attachment.source:
            report.add(
                item.source,
                1,
                "files",
                f"hai tệp đính kèm khác nhau cùng tên xuất bản '{attachment.name}'; "
                "hãy đổi tên một tệp",
                "two attachments publish under the same name",
            )
        names[attachment.name] = attachment.source


def scan_site(
    site: Site,
    content_dir: Path,
    now: dt.datetime,
    report: ErrorReport,
    max_bytes: int = DEFAULT_MAX_ATTACHMENT_MB * 1024 * 1024,
) -> SiteCatalog:
    """Read every file of one site and check the site as a whole."""
    site_dir = Path(os.path.abspath(content_dir / site.id))
    catalog = SiteCatalog(site, str(site_dir))
    root = str(Path(content_dir).resolve()) + "/"  # as in incremental.site_keys
    content_files: list[tuple[Path, str]] = []
    other_files: list[Path] = []
    for path in _walk(site_dir, report):
        rel = path.relative_to(site_dir)
        kind = rel.parts[0] if len(rel.parts) > 1 else ""
        if path.suffix == CONTENT_SUFFIX and kind in REGISTRY:
            content_files.append((path, kind))
            check_file_name(path, report)
        elif path.suffix.lower() in (".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".rst"):
            report.add(
                str(path),
                1,
                "file",
                "tệp nội dung phải có đuôi .md và nằm trong một thư mục loại nội dung ("
                + ", ".join(REGISTRY)
                + ")",
                "content must be a .md file inside a type folder",
            )
        else:
            other_files.append(path)
    for path, kind in content_files:
        item = read_item(path, site, site_dir, kind, report, max_bytes, now, catalog.read, root)
        if item is not None:
            catalog.items.append(item)
    _check_site(catalog, report)
    phases.assign(catalog, now)
    used = {a.source for item in catalog.items for a in item.all_attachments}
    used |= {ref for item in catalog.items for ref in item.referenced}
    used |= check_banner_images(site, site_dir, report, str(content_dir / SITES_FILE))
    for path in other_files:
        if str(path.resolve()) not in used and str(path) not in used:
            report.add(
                str(path),
                1,
                "file",
                "tệp này không được nội dung nào sử dụng; hãy đính kèm nó vào một bài "
                "(trường 'files' hoặc liên kết trong bài) hoặc xoá nó",
                "file is not used by any content",
            )
    return catalog


def _walk(root: Path, report: ErrorReport) -> Iterable[Path]:
    """Every file under ``root``; a symlink leading out of the site is an error, never followed."""
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in list(dirnames):
            folder = Path(dirpath) / name
            if folder.is_symlink():
                dirnames.remove(name)
                _symlink_error(folder, report)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name in IGNORED_NAMES:
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                _symlink_error(path, report)
                continue
            yield path


def _symlink_error(path: Path, report: ErrorReport) -> None:
    report.add(
        str(path),
        1,
        "file",
        "liên kết tượng trưng (symlink) không được dùng trong thư mục nội dung; hãy chép "
        "tệp thật vào đây",
        "symbolic links are not allowed in content folders",
    )


def _check_site(catalog: SiteCatalog, report: ErrorReport) -> None:
    site = catalog.site
    urls: dict[str, Item] = {}
    numbers: dict[tuple[str, str, str], Item] = {}
    for item in catalog.items:
        lang = item.meta.get("lang")  # docs/huong-dan.md, "Trang tiếng Anh": a page's language
        if item.kind == "pages" and lang and lang not in site.lang:
            report.add(
                item.source,
                item.line("lang"),
                "lang",
                f"trang '{site.id}' chưa khai báo ngôn ngữ '{lang}'; hãy thêm 'lang: "
                f"[{', '.join([*site.lang, lang])}]' cho trang này trong sites.yml",
                f"the site does not declare the language {lang} in sites.yml",
            )
        if not item.slug:
            continue  # already reported: no title, or one with no letters
        owned = paths.taken_by(item.kind, item.slug)
        if owned is not None:
            report.add(
                item.source,
                item.line("slug" if "slug" in item.meta else "title"),
                "slug",
                f"đường dẫn '/{item.url}' trùng với '/{owned.path_of(item.slug)}' do cổng tự "
                "tạo; hãy đặt 'slug' khác",
                f"URL is reserved by the portal ({owned.owner} writes /{owned.path_of(item.slug)})",
            )
        other = urls.get(item.url)
        if other is not None:
            for a, b in ((item, other), (other, item)):
                report.add(
                    a.source,
                    a.line("title"),
                    "slug",
                    f"trùng đường dẫn '/{item.url}' với tệp {b.relpath}; hãy đặt 'slug' khác",
                    f"same URL as {b.relpath}",
                )
        urls[item.url] = item
        if item.kind in ("documents", "invitations") and "number" in item.meta:
            key = (item.kind, item.meta.get("issuer", ""), item.meta["number"].casefold())
            twin = numbers.get(key)
            if twin is not None:
                report.add(
                    item.source,
                    item.line("number"),
                    "number",
                    f"số ký hiệu '{item.meta['number']}' đã dùng ở tệp {twin.relpath}",
                    f"number already used by {twin.relpath}",
                )
            numbers[key] = item
        category = item.meta.get("category")
        if item.kind == "articles" and category and category not in site.categories:
            report.add(
                item.source,
                item.line("category"),
                "category",
                f"chuyên mục '{item.meta['category']}' không có trong danh sách của "
                f"trang: {', '.join(site.categories)}",
                "unknown category",
            )
        unit = item.meta.get("unit")
        if unit and site.units and unit not in site.units:
            close = difflib.get_close_matches(unit, site.units, n=1, cutoff=0.6)
            hint = f"; có phải '{close[0]}'?" if close else ""
            report.add(
                item.source,
                item.line("unit"),
                "unit",
                f"đơn vị '{unit}' không có trong danh sách 'units' của trang trong sites.yml{hint}",
                "unit not in the site's units list"
                + (f" (did you mean '{close[0]}'?)" if close else ""),
            )
        for index, entry in enumerate(item.meta.get("notify", [])):
            if "@" in entry:
                try:
                    to_email(entry)
                except Invalid as exc:
                    field = f"notify[{index + 1}]"
                    report.add(item.source, item.line("notify"), field, exc.message, exc.english)
                continue
            if entry not in site.groups:
                report.add(
                    item.source,
                    item.line("notify"),
                    f"notify[{index + 1}]",
                    f"'{entry}' không phải địa chỉ thư điện tử hay nhóm trong sites.yml",
                    "neither an address nor a group of sites.yml",
                )
    _check_translations(catalog, report)
    invitations = {i.meta.get("number") for i in catalog.items if i.kind == "invitations"}
    public_urls = {f"/{i.url}" for i in catalog.items if i.written}
    public_urls |= {f"/{ct.url_prefix}/" for ct in REGISTRY.values() if ct.url_prefix} | {"/"}
    for item in catalog.items:
        for index, entry in enumerate(
            item.meta.get("items", []) if item.kind == "schedules" else []
        ):
            number = entry.get("invitation")
            if number and number not in invitations:
                report.add(
                    item.source,
                    item.line("items"),
                    f"items[{index + 1}].invitation",
                    f"không có giấy mời số '{number}' trên trang này",
                    "no invitation with that number",
                )
        takedown = item.meta.get("unpublished") or {}
        target = takedown.get("redirect_to")
        if takedown.get("reason") == "consolidated" and target and target not in public_urls:
            report.add(
                item.source,
                item.line("unpublished"),
                "unpublished.redirect_to",
                f"'{target}' không phải trang đang công bố trên trang này",
                "redirect target is not a published page of this site",
            )


def _check_translations(catalog: SiteCatalog, report: ErrorReport) -> None:
    """A page's ``translation_of`` names a published page of the site in another language."""
    pages = {i.slug: i for i in catalog.items if i.kind == "pages" and i.written}
    for item in catalog.items:
        target = item.meta.get("translation_of")
        if not target:
            continue
        original = pages.get(target)
        if original is None:
            report.add(
                item.source,
                item.line("translation_of"),
                "translation_of",
                f"không có trang tĩnh '{target}' đang công bố trên trang này",
                "no published standing page with that slug",
            )
        elif original.meta.get("lang", "vi") == item.meta.get("lang", "vi"):
            report.add(
                item.source,
                item.line("translation_of"),
                "translation_of",
                "bản dịch phải khác ngôn ngữ với trang gốc; hãy thêm 'lang: en'",
                "a translation needs a different lang from its original",
            )
