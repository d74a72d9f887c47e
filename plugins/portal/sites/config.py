"""Read and check ``content/sites.yml``.

Web addresses (``base_url``, ``forms.endpoint``) reach the sites' Content-Security-Policy, so
they are parsed and checked strictly (``check_address``): https (http only on loopback, for
tests), a plain host name, no user name, no space, quote, ``;``, ``,`` or control character;
the CSP uses the origin rebuilt from the parsed parts (``origin``), never the text as written.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from portal.errors import ErrorReport
from portal.frontmatter.fields import CONVERTERS, Field, Invalid, validate
from portal.frontmatter.parse import FrontMatterError, Node, decode, load_yaml

SITES_FILE = "sites.yml"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
DEFAULT_PORTS = {"http": 80, "https": 443}
# Whitespace, controls, non-ASCII, and what separates or quotes in headers, CSP and HTML.
_UNSAFE = re.compile(r"[^\x21-\x7e]|[;,'\"<>\\`{}|^]")
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
# A path of the site itself (a banner's link to a standing page): /a-b/c/, no '//' or '..'.
SITE_PATH = re.compile(r"/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*(?:[a-z0-9]+(?:-[a-z0-9]+)*(?:\.html)?)?")
# The administrative tier of a site's unit (``tier``), with its English plural: since the 2025
# reform a parent is a province's (or a provincial department's) portal and its members are
# communes, wards, special zones or units. The tier is configuration: the code names no tier.
TIERS = {
    "tỉnh": "provinces",
    "thành phố": "cities",
    "sở": "departments",
    "xã": "communes",
    "phường": "wards",
    "đặc khu": "special zones",
    "đơn vị": "units",
}

SITE_SCHEMA: dict[str, Field] = {
    "id": Field("slug", required=True),
    "name": Field(required=True),
    "short_name": Field(),
    "role": Field("enum", required=True, choices=("parent", "member")),
    "tier": Field("enum", choices=tuple(TIERS)),
    "parent": Field("slug"),
    "base_url": Field("url", required=True),
    "editors": Field("list", item=Field()),
    "contact": Field(
        "mapping",
        fields={
            "address": Field(),
            "phone": Field(),
            "fax": Field(),
            "email": Field("email"),
            "responsible": Field(),
        },
    ),
    "history": Field(
        "mapping",
        fields={"merged_into": Field("slug"), "dissolved": Field("bool"), "date": Field("date")},
    ),
    "lang": Field("list", item=Field("enum", choices=("vi", "en"))),
    # Readers' questions and feedback (portal.theme.forms): sent by e-mail to ``email`` (else
    # contact.email) from the reader's own mail program, or POSTed to ``endpoint``.
    "forms": Field("mapping", fields={"email": Field("email"), "endpoint": Field("url")}),
    "categories": Field("list", item=Field()),
    # The units whose items the site publishes (front matter `unit`): when listed, an item's
    # unit must be one of them, so a typo cannot split a unit in two in the monthly tally.
    "units": Field("list", item=Field()),
    # Q&A fields (lĩnh vực) the question form offers, in this order (portal.sections.qa).
    "qa_fields": Field("list", item=Field()),
    # "Chính quyền điện tử": the public-service portals (national, provincial) every page's
    # footer links to, in this order.
    "egov_links": Field(
        "records", fields={"name": Field(required=True), "url": Field("url", required=True)}
    ),
    # Campaign banners on the home page (portal.theme.banners): an image beside the site's
    # content, its alt text, an optional link (an http(s) address, or a path of the site such
    # as /lich-su-hinh-thanh/, checked by _check_banners), shown from start to end (both
    # included).
    "banners": Field(
        "records",
        fields={
            "image": Field(required=True),
            "alt": Field(required=True),
            "url": Field(),
            "start": Field("date", required=True),
            "end": Field("date", required=True),
        },
    ),
    "groups": Field("mapping"),  # names are free; checked by _groups
}


@dataclass
class Site:
    """One portal: plain values only (it travels inside Pelican settings and caches)."""

    id: str
    name: str
    role: str
    base_url: str
    short_name: str = ""
    tier: str = ""
    parent: str | None = None
    editors: list[str] = field(default_factory=list)
    contact: dict[str, str] = field(default_factory=dict)
    history: dict[str, Any] = field(default_factory=dict)
    lang: list[str] = field(default_factory=lambda: ["vi"])
    categories: list[str] = field(default_factory=list)
    groups: dict[str, list[str]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)
    units: list[str] = field(default_factory=list)
    qa_fields: list[str] = field(default_factory=list)
    egov_links: list[dict[str, str]] = field(default_factory=list)
    banners: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_parent(self) -> bool:
        return self.role == "parent"

    @property
    def form_email(self) -> str:
        """Where readers' questions and feedback go by e-mail."""
        return self.forms.get("email") or self.contact.get("email", "")

    @property
    def form_endpoint(self) -> str:
        return self.forms.get("endpoint", "")


def member_tiers(site: Site, sites: list[Site]) -> list[str]:
    """The tiers of ``site``'s members (``xã``, ``phường`` …), each once, in sites.yml order;
    members without a ``tier`` are left out."""
    tiers = [s.tier for s in sites if s.parent == site.id and s.tier]
    return list(dict.fromkeys(tiers))


def origin(url: str) -> str:
    """``scheme://host[:port]`` rebuilt from the parsed parts of a checked address (lower-case
    host, IPv6 in brackets, default port dropped)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    suffix = f":{port}" if port and port != DEFAULT_PORTS.get(parts.scheme) else ""
    return f"{parts.scheme}://{host}{suffix}"


def _bad(value: str, message: str, english: str) -> Invalid:
    return Invalid(f"địa chỉ '{value}' {message}", english)


def check_address(value: str, query: bool = False) -> str:
    """The origin of the web address ``value``; ``Invalid`` says what is wrong. ``query``:
    whether a query string is allowed (a form endpoint may carry one, a site's base never)."""
    shown = value.encode("unicode_escape").decode("ascii")[:200]
    if _UNSAFE.search(value):
        raise _bad(
            shown,
            "không được chứa khoảng trắng, ký tự điều khiển, chữ có dấu hay các dấu ; , ' \" "
            "< > \\; tên miền tiếng Việt viết ở dạng xn--…, ký tự có dấu trong đường dẫn "
            "viết ở dạng %XX",
            "no spaces, control characters, non-ASCII, quotes or ; , < > \\ in an address",
        )
    try:
        parts = urlsplit(value)
    except ValueError:  # an unclosed '[' of an IPv6 host
        raise _bad(shown, "không hợp lệ (dấu '[' ']')", "not a valid address") from None
    try:
        parts.port  # noqa: B018 - reading the port parses it
    except ValueError:
        raise _bad(shown, "có cổng (port) không hợp lệ", "invalid port") from None
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise _bad(
            shown,
            "phải là địa chỉ web đầy đủ, ví dụ https://ten-mien.gov.vn",
            "must be a full https:// address",
        )
    if parts.scheme == "http" and host not in LOOPBACK:
        raise _bad(
            shown,
            "phải dùng https:// (http:// chỉ với máy cục bộ 127.0.0.1 hoặc localhost khi "
            "thử nghiệm)",
            "must be https:// (http:// only on loopback, for tests)",
        )
    if "@" in parts.netloc:
        raise _bad(
            shown,
            "không được chứa tên người dùng hay mật khẩu (phần trước '@')",
            "no user name or password in an address",
        )
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not _HOSTNAME.fullmatch(host):
            raise _bad(shown, f"có tên miền '{host}' không hợp lệ", "invalid host name") from None
    if "#" in value or (not query and "?" in value):
        raise _bad(
            shown,
            "không được có phần '#…'" if query else "không được có phần '?…' hay '#…'",
            "no fragment" if query else "no query or fragment",
        )
    return origin(value)


def _check_addresses(
    fields: dict[str, Node], values: dict[str, Any], report: ErrorReport, path: str, site_id: str
) -> None:
    """``base_url`` and ``forms.endpoint`` checked as addresses, at their own lines."""
    forms = fields.get("forms")
    places = [("base_url", fields.get("base_url"), values.get("base_url"), False)]
    if forms is not None and forms.kind == "mapping":
        endpoint = values.get("forms", {}).get("endpoint")
        places.append(("forms.endpoint", forms.value.get("endpoint"), endpoint, True))  # type: ignore[union-attr]
    for name, node, value, query in places:
        if node is None or not value:
            continue
        try:
            check_address(value, query=query)
        except Invalid as exc:
            report.add(path, node.line, f"{site_id}.{name}", exc.message, exc.english)


def _groups(node: Node, report: ErrorReport, path: str, site_id: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    if node.kind != "mapping":
        report.add(
            path,
            node.line,
            "groups",
            "phải là nhóm 'tên nhóm: [địa chỉ…]'",
            "groups must be a mapping",
        )
        return groups
    email_list = Field("list", item=Field("email"))
    for name, value in node.value.items():  # type: ignore[union-attr]
        converted = validate(
            {name: value}, {name: email_list}, report, path, value.line, prefix=f"{site_id}.groups."
        )
        groups[name] = converted.get(name, [])
    return groups


def load_sites(content_dir: Path, report: ErrorReport) -> list[Site]:
    """Read ``content_dir/sites.yml``; every problem goes to ``report``."""
    path = content_dir / SITES_FILE
    spath = str(path)
    if not path.is_file():
        report.add(
            spath,
            1,
            "sites.yml",
            "không tìm thấy tệp danh sách trang (sites.yml)",
            "sites.yml not found",
        )
        return []
    try:
        root = load_yaml(decode(path.read_bytes()), where=("sites.yml", "sites.yml"))
    except FrontMatterError as exc:
        report.add(spath, exc.line, exc.field, exc.message, exc.english)
        return []
    if root is None or root.kind != "list":
        report.add(
            spath,
            root.line if root else 1,
            "sites.yml",
            "sites.yml phải là một danh sách các trang",
            "sites.yml must be a list",
        )
        return []
    sites: list[Site] = []
    lines: dict[str, int] = {}
    for entry in root.value:  # type: ignore[union-attr]
        if entry.kind != "mapping":
            report.add(
                spath,
                entry.line,
                "sites.yml",
                "mỗi trang phải là nhóm 'tên: giá trị'",
                "each site must be a mapping",
            )
            continue
        fields = dict(entry.value)  # type: ignore[arg-type]
        groups_node = fields.pop("groups", None)
        site_id = fields["id"].value if "id" in fields and fields["id"].kind == "text" else "?"
        before = len(report)
        values = validate(fields, SITE_SCHEMA, report, spath, entry.line, prefix=f"{site_id}.")
        if groups_node is not None:
            values["groups"] = _groups(groups_node, report, spath, str(site_id))
        _check_addresses(fields, values, report, spath, str(site_id))
        if len(report) > before or "id" not in values:
            continue
        if values["id"] in lines:
            report.add(
                spath,
                entry.line,
                f"{site_id}.id",
                f"mã trang '{site_id}' trùng với trang ở dòng {lines[values['id']]}",
                "duplicate site id",
            )
            continue
        lines[values["id"]] = entry.line
        sites.append(Site(**values))
    _check_relations(sites, lines, report, spath, content_dir)
    _check_banners(sites, lines, report, spath, content_dir)
    return sites


BANNER_IMAGES = (".jpg", ".jpeg", ".png", ".webp")


def check_banner_images(site: Site, site_dir: Path, report: ErrorReport, path: str) -> set[str]:
    """Each banner's image is an image file inside the site's folder; the images' real paths
    (so ``portal check`` does not call them unused)."""
    root = site_dir.resolve()
    found = set()
    for index, banner in enumerate(site.banners):
        field_name = f"{site.id}.banners[{index + 1}].image"
        image = (root / banner["image"]).resolve()
        line = banner.get("line", 1)
        if not image.is_relative_to(root) or not image.is_file():
            message = f"không có tệp ảnh '{banner['image']}' trong content/{site.id}/"
            report.add(path, line, field_name, message, "no such image in the site's folder")
        elif image.suffix.lower() not in BANNER_IMAGES:
            report.add(
                path,
                line,
                field_name,
                "ảnh băng rôn phải là tệp .jpg, .png hoặc .webp",
                "a banner image must be .jpg, .png or .webp",
            )
        else:
            found.add(str(image))
    return found


def _check_banners(
    sites: list[Site], lines: dict[str, int], report: ErrorReport, path: str, content_dir: Path
) -> None:
    """Each banner ends after it starts; it remembers its site's line for check_banner_images
    (run when the site's folder is scanned: sites.yml alone is read without it)."""
    for site in sites:
        for index, banner in enumerate(site.banners):
            where = f"{site.id}.banners[{index + 1}]"
            banner["line"] = lines[site.id]
            url = banner.get("url", "")
            if url.startswith("/") and not SITE_PATH.fullmatch(url):
                report.add(
                    path,
                    lines[site.id],
                    f"{where}.url",
                    f"'{url}' không phải đường dẫn trong trang: chỉ gồm chữ thường không dấu, "
                    "số, '-' và '/', ví dụ /lich-su-hinh-thanh/",
                    "a site path holds only a-z, 0-9, '-' and '/'",
                )
            elif url and not url.startswith("/"):
                try:
                    CONVERTERS["url"](url)
                except Invalid as exc:
                    report.add(path, lines[site.id], f"{where}.url", exc.message, exc.english)
            if banner["end"] < banner["start"]:
                report.add(
                    path,
                    lines[site.id],
                    f"{where}.end",
                    "ngày kết thúc phải sau ngày bắt đầu",
                    "end must not be before start",
                )


def _check_relations(
    sites: list[Site], lines: dict[str, int], report: ErrorReport, path: str, content_dir: Path
) -> None:
    parents = [s for s in sites if s.is_parent]
    if sites and len(parents) != 1:
        report.add(
            path,
            1,
            "role",
            f"phải có đúng một trang 'role: parent' (đang có {len(parents)})",
            "exactly one site must have role: parent",
        )
    ids = {s.id for s in sites}
    for site in sites:
        line = lines[site.id]
        if site.role == "member" and (not parents or site.parent != parents[0].id):
            report.add(
                path,
                line,
                f"{site.id}.parent",
                "trang thành viên phải ghi 'parent' là mã của trang cấp trên",
                "a member must name the parent site in 'parent'",
            )
        if site.role == "parent" and site.parent:
            report.add(
                path,
                line,
                f"{site.id}.parent",
                "trang cấp trên không có 'parent'",
                "the parent site has no parent",
            )
        merged = site.history.get("merged_into")
        if merged and merged not in ids:
            report.add(
                path,
                line,
                f"{site.id}.history.merged_into",
                f"không có trang '{merged}'",
                "no such site",
            )
        if not (content_dir / site.id).is_dir():
            report.add(
                path,
                line,
                f"{site.id}.id",
                f"không có thư mục nội dung content/{site.id}/",
                "site folder missing",
            )
    for child in sorted(content_dir.iterdir()) if content_dir.is_dir() else []:
        if child.is_dir() and not child.name.startswith(".") and child.name not in ids:
            report.add(
                str(child),
                1,
                "site",
                f"thư mục '{child.name}' không có trong sites.yml nên sẽ không được xây "
                "dựng; hãy khai báo trang này hoặc xoá thư mục",
                "folder is not a site in sites.yml",
            )
