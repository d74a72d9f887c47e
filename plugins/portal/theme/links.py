"""Where each site lives, and the site-wide navigation built from sections and standing pages."""

from __future__ import annotations

from dataclasses import dataclass

from portal.catalog.urls import SECTIONS
from portal.messages import N_
from portal.sites import Site

# Main navigation, in order: (section kind, Vietnamese label). Labels are gettext message ids.
NAV_SECTIONS = (
    ("articles", N_("Tin tức")),
    ("documents", N_("Văn bản")),
    ("schedules", N_("Lịch công tác")),
    ("procedures", N_("Thủ tục hành chính")),
    ("qa", N_("Hỏi đáp")),
    ("consultations", N_("Lấy ý kiến")),
)


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # site-relative, no leading slash ("" is the home page)
    key: str = ""  # what ``nav_current`` is compared with
    translate: bool = True  # a UI message id; a page title is shown as written


def site_root(site: Site, local: bool) -> str:
    """The URL prefix of a site: ``/<id>`` in development, its base_url in production."""
    return f"/{site.id}" if local else site.base_url.rstrip("/")


def absolute_root(site: Site, settings: dict) -> str:
    """The absolute URL prefix of a site, for feeds, calendars and e-mail: its base_url in
    production, ``PORTAL_LOCAL_ORIGIN`` + ``/<id>`` in development (no trailing slash)."""
    if settings.get("PORTAL_LOCAL", True):
        origin = settings.get("PORTAL_LOCAL_ORIGIN", "http://localhost:8000").rstrip("/")
        return f"{origin}/{site.id}"
    return site.base_url.rstrip("/")


def navigation(pages) -> list[Link]:
    """Home, the sections, then standing pages marked ``nav: true`` by ``order`` then title."""
    links = [Link(N_("Trang chủ"), "", "home")]
    links += [Link(label, f"{SECTIONS[kind]}/", kind) for kind, label in NAV_SECTIONS]
    shown = [p for p in pages if p.item.meta.get("nav") and p.lang == "vi"]
    shown.sort(key=lambda p: (p.item.meta.get("order", 100), p.title))
    links += [Link(p.title, p.url, p.url, translate=False) for p in shown]
    return links
