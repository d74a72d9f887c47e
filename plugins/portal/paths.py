"""The one map of the paths a site writes itself, and the check that keeps items off them.

Contract:

- Every folder or file the build writes into a site other than an item's own page is named here
  once, as a constant the plugin that writes it imports (search, widget, theme assets, feeds,
  calendars, statistics, the report, host files …). Adding a folder here reserves it.
- ``OWNED`` lists them as ``Owned`` entries: a name or a pattern, the place it lives (the site's
  root, or the section folder of a content type), the module that writes it and whether it is a
  file. Section folders come from the content-type registry (``portal.types``).
- ``taken_by(kind, slug)`` says which entry an item's slug would land on (``None`` when free):
  a standing page lives at the site's root, any other item inside its section folder.
  ``portal check`` and the build refuse such an item at its ``slug`` (or ``title``) line.

File names carry a dot or start with ``_``, which no slug can (``[a-z0-9-]``): they are listed so
that the map is complete, and the tests check no slug can take them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.types import REGISTRY, get

# -- the site's root --------------------------------------------------------------------------
CATEGORY_PREFIX = "chuyen-muc"  # Pelican's category pages (pelicanconf CATEGORY_SAVE_AS)
TAG_PREFIX = "the"  # Pelican's tag pages (pelicanconf TAG_SAVE_AS)
SEARCH = "tim-kiem"  # the search page (portal.theme)
WIDGET = "widget"  # the embeddable feed widget (portal.theme)
THEME = "theme"  # hashed theme assets (portal.theme.assets)
FEEDS = "feeds"  # kept for the feeds' earlier folder: old links must never reach an item
STATS = "thong-ke-truy-cap"  # visit statistics (portal.stats), when a site has them
REPORT = "thong-ke"  # the monthly tally, when published (portal.report, PORTAL_REPORT_PUBLIC)
ADMIN = "admin"  # the form editor, Sveltia CMS, on the parent site (portal.cms)
BANNERS = "chien-dich"  # campaign banners' images (portal.theme.banners)
SEARCH_BUNDLE = "pagefind"  # the quick index (portal.search)
SEARCH_FULL = "pagefind-full"  # the full-text index
SEARCH_SHARED = "pagefind-sites"  # other sites' full-text bundles
# Listing pages: <listing>/trang-2/ … (pelicanconf PAGINATION_PATTERNS). The home page is not
# paginated: a standing page may be called ``trang-2``.
PAGE_FOLDER = "trang"
# Files of the root.
INDEX_FILE = "index.html"
NOT_FOUND_FILE = "404.html"
GONE_FILE = "410.html"  # portal.takedown
ROBOTS_FILE = "robots.txt"  # portal.sitemap
SITEMAP_FILE = "sitemap.xml"
HEADERS_FILE = "_headers"  # portal.headers (Netlify, Cloudflare Pages)
NGINX_FILE = "_nginx.conf"  # portal.headers (nginx include)
REDIRECTS_FILE = "_redirects"  # portal.takedown (Netlify-style hosts)
FEED_FILE = "feed.json"  # portal.feeds: at the root, in every section and category folder
ATOM_FILE = "atom.xml"
# -- inside sections --------------------------------------------------------------------------
SYNDICATED_FOLDER = "don-vi"  # tin-tuc/don-vi/: the members' news shared with a parent
THIS_WEEK = "tuan-nay"  # lich-cong-tac/tuan-nay/ (portal.schedules)
QA_FIELDS = "linh-vuc"  # hoi-dap/linh-vuc/<field>/: answers by field (portal.sections.qa)
QA_RANKED = "hai-long-nhat"  # hoi-dap/hai-long-nhat/: answers by satisfaction (portal.forms)
CALENDAR_FILE = "lich.ics"  # lich-cong-tac/lich.ics (portal.calendars)
DOCUMENTS_DATA = "du-lieu.json"  # van-ban/du-lieu.json: the library's data (portal.documents)
# The documents library's facets under van-ban/ (portal.documents.library): facet key → folder.
DOCUMENT_FACETS = {"type": "loai", "issuer": "co-quan", "field": "linh-vuc", "year": "nam"}

ROOT = ""  # ``Owned.within`` of the site's root


@dataclass(frozen=True)
class Owned:
    """One name the build writes: ``name`` exact, or a regular expression with ``pattern``
    (``example`` is one name it matches), at the root (``within`` empty) or inside the section
    folder of the type ``within``."""

    name: str
    owner: str
    within: str = ROOT
    pattern: bool = False
    file: bool = False
    example: str = ""

    def matches(self, segment: str) -> bool:
        if self.pattern:
            return re.fullmatch(self.name, segment) is not None
        return segment == self.name

    @property
    def sample(self) -> str:
        """A concrete name this entry covers."""
        return self.example if self.pattern else self.name

    @property
    def path(self) -> str:
        """Site-relative, e.g. ``van-ban/loai`` (a pattern shown by its example)."""
        return self.path_of(self.sample)

    def path_of(self, segment: str) -> str:
        """Site-relative path of ``segment`` where this entry lives: ``tin-tuc/trang-7``."""
        folder = get(self.within).url_prefix if self.within else ""
        return f"{folder}/{segment}" if folder else segment


_PAGINATION = rf"{PAGE_FOLDER}-[0-9]+"
_FEED_PAGE = r"feed-[0-9]+\.json"


def section_entries() -> list[Owned]:
    """Each type's section folder and what the build writes inside it (listing pages, feeds)."""
    entries = []
    for kind, ct in REGISTRY.items():
        folder = ct.url_prefix
        if not folder:
            continue  # standing pages live at the root
        entries += [
            Owned(folder, "portal.sections"),
            Owned(INDEX_FILE, "portal.sections", kind, file=True),
            Owned(_PAGINATION, "portal.sections", kind, pattern=True, example="trang-2"),
            Owned(FEED_FILE, "portal.feeds", kind, file=True),
            Owned(_FEED_PAGE, "portal.feeds", kind, pattern=True, file=True, example="feed-2.json"),
            Owned(ATOM_FILE, "portal.feeds", kind, file=True),
        ]
    return entries


OWNED: tuple[Owned, ...] = (
    *section_entries(),
    Owned(CATEGORY_PREFIX, "pelican (CATEGORY_SAVE_AS), portal.feeds"),
    Owned(TAG_PREFIX, "pelican (TAG_SAVE_AS)"),
    Owned(SEARCH, "portal.theme"),
    Owned(WIDGET, "portal.theme"),
    Owned(THEME, "portal.theme.assets"),
    Owned(FEEDS, "portal.feeds"),
    Owned(STATS, "portal.stats"),
    Owned(REPORT, "portal.report"),
    Owned(ADMIN, "portal.cms (the form editor)"),
    Owned(BANNERS, "portal.theme.banners"),
    # pagefind, pagefind-full, pagefind-sites, pagefind-ui.js … and any bundle Pagefind adds
    Owned(r"pagefind([-_.].*)?", "portal.search", pattern=True, example="pagefind-vi"),
    Owned(INDEX_FILE, "portal.theme", file=True),
    Owned(NOT_FOUND_FILE, "portal.theme", file=True),
    Owned(GONE_FILE, "portal.takedown", file=True),
    Owned(ROBOTS_FILE, "portal.sitemap", file=True),
    Owned(SITEMAP_FILE, "portal.sitemap", file=True),
    Owned(HEADERS_FILE, "portal.headers", file=True),
    Owned(NGINX_FILE, "portal.headers", file=True),
    Owned(REDIRECTS_FILE, "portal.takedown", file=True),
    Owned(FEED_FILE, "portal.feeds", file=True),
    Owned(_FEED_PAGE, "portal.feeds", pattern=True, file=True, example="feed-2.json"),
    Owned(ATOM_FILE, "portal.feeds", file=True),
    Owned(SYNDICATED_FOLDER, "portal.theme", "articles"),
    # tin-tuc/2026/11/: the month archives (pelicanconf MONTH_ARCHIVE_SAVE_AS)
    Owned(r"[0-9]{4}", "pelican (MONTH_ARCHIVE_SAVE_AS)", "articles", pattern=True, example="2026"),
    *(Owned(folder, "portal.documents", "documents") for folder in DOCUMENT_FACETS.values()),
    Owned(THIS_WEEK, "portal.schedules", "schedules"),
    Owned(QA_RANKED, "portal.forms", "qa"),
    Owned(QA_FIELDS, "portal.sections.qa", "qa"),
    Owned(CALENDAR_FILE, "portal.calendars", "schedules", file=True),
    Owned(DOCUMENTS_DATA, "portal.documents", "documents", file=True),
)


def taken_by(kind: str, slug: str) -> Owned | None:
    """The entry an item of type ``kind`` with ``slug`` would land on, if any: a standing page
    at the site's root, any other item inside its section folder."""
    where = kind if kind in REGISTRY and get(kind).url_prefix else ROOT
    for entry in OWNED:
        if entry.within == where and entry.matches(slug):
            return entry
    return None
