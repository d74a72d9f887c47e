"""Write a site's feeds, and give templates ``FEEDS()``: the feeds the page being rendered
links to in its ``<head>``."""

from __future__ import annotations

import logging
import os

from jinja2 import pass_context
from pelican.generators import Generator
from pelican.urlwrappers import Category

from portal.feeds import atom, jsonfeed
from portal.feeds.entries import Entry, SiteFacts, entry_for, newest_first
from portal.feeds.plan import Feed, FeedLink, page_links, site_feeds
from portal.urls import absolute_root

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
TOMBSTONE_DAYS = 90
SETTINGS = {
    "PORTAL_FEED_PAGE_SIZE": (PAGE_SIZE, 1),
    "PORTAL_FEED_TOMBSTONE_DAYS": (TOMBSTONE_DAYS, 0),
}
FAVICON = "images/emblem.svg"  # the theme's asset shown as the feeds' icon


def whole_number(settings: dict, name: str) -> int | None:
    """A setting of ``SETTINGS``: a whole number at least its minimum, else an error logged."""
    default, minimum = SETTINGS[name]
    value = settings.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        logger.error(
            "nguồn cấp tin: %s phải là số nguyên từ %d trở lên, không phải %r "
            "(%s must be a whole number of at least %d)",
            name,
            minimum,
            value,
            name,
            minimum,
        )
        return None
    return value


def unknown_settings(settings: dict) -> list[str]:
    """``PORTAL_FEED_*`` settings this plugin does not read (a typo would be ignored silently)."""
    return sorted(k for k in settings if k.startswith("PORTAL_FEED_") and k not in SETTINGS)


def page_kind_and_category(context) -> tuple[str | None, str | None]:
    """The section and category of the page being rendered, from the variables Pelican and the
    portal's generators pass: ``section`` (listings), ``page`` (typed items), ``article`` and
    ``category`` (articles, category pages), else the template's ``nav_current``."""
    page = context.get("page")
    kind = context.get("section") or getattr(page, "kind", None)
    if kind is None and context.get("article") is not None:
        kind = "articles"
    if kind is None:
        kind = context.get("nav_current")
    category = context.get("category")
    return kind, getattr(category, "name", None)


class FeedsGenerator(Generator):
    """JSON Feed 1.1 pages and an Atom feed for everything, each section and each category."""

    def generate_context(self) -> None:
        settings = self.settings
        site = settings["PORTAL_SITE"]
        catalog = settings["PORTAL_CATALOG"]
        listed = {i.meta["category"] for i in catalog.items if i.kind == "articles" and i.listed}
        self.feeds = site_feeds(site, self._category_folder, listed)
        feeds = self.feeds

        @pass_context
        def page_feeds(context) -> list[FeedLink]:
            return page_links(feeds, *page_kind_and_category(context))

        self.context["FEEDS"] = page_feeds

    def _category_folder(self, name: str) -> str:
        return Category(name, self.settings).url

    def generate_output(self, writer) -> None:
        settings = self.settings
        for name in unknown_settings(settings):
            logger.error(
                "nguồn cấp tin: thiết lập %s không tồn tại; chỉ có %s (unknown setting)",
                name,
                ", ".join(SETTINGS),
            )
        page_size = whole_number(settings, "PORTAL_FEED_PAGE_SIZE")
        days = whole_number(settings, "PORTAL_FEED_TOMBSTONE_DAYS")
        if page_size is None or days is None:
            return
        site = settings["PORTAL_SITE"]
        catalog = settings["PORTAL_CATALOG"]
        facts = SiteFacts(
            site,
            absolute_root(site, settings),
            settings["PORTAL_NOW"],
            days,
        )
        entries = self._entries(catalog, facts)
        favicon = self._favicon(facts.root)
        fallback = atom.newest(entries)
        for feed in self.feeds:
            held = [e for e in entries if feed.holds(e.kind, e.category)]
            self._write_feed(feed, held, facts, page_size, favicon, fallback)

    def _entries(self, catalog, facts: SiteFacts) -> list[Entry]:
        entries = []
        for item in catalog.items:
            try:
                entry = entry_for(item, facts)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                logger.error(
                    "nguồn cấp tin: không tạo được mục cho %s: %s: %s "
                    "(cannot build the feed entry)",
                    item.relpath,
                    type(exc).__name__,
                    exc,
                )
                continue
            if entry is not None:
                entries.append(entry)
        return newest_first(entries)

    def _favicon(self, root: str) -> str | None:
        asset = (self.settings.get("PORTAL_ASSETS") or {}).get(FAVICON)
        return f"{root}/{asset.path}" if asset is not None else None

    def _write_feed(
        self,
        feed: Feed,
        entries: list[Entry],
        facts: SiteFacts,
        page_size: int,
        favicon: str | None,
        fallback: str | None,
    ) -> None:
        pages = jsonfeed.paginate(feed, entries, page_size)
        for page in pages:
            data = jsonfeed.document(page, facts, favicon)
            self._write(feed.page_path(page.number), jsonfeed.to_bytes(data))
        self._write(feed.atom_path, atom.document(pages[0], facts, favicon, fallback))

    def _write(self, relpath: str, data: bytes) -> None:
        path = os.path.join(self.output_path, relpath)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            logger.error(
                "nguồn cấp tin: không ghi được %s: %s (cannot write the feed)",
                relpath,
                exc.strerror,
            )
