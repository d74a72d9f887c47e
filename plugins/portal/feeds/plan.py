"""Which feeds a site has, where each lives, what it holds, and which of them a page links to.

Every feed is a folder of the site with ``feed.json`` (JSON Feed 1.1, first page), ``feed-2.json``
… (further pages) and ``atom.xml`` (Atom 1.0, first page) in it:

- everything: the site's root (``/feed.json``);
- one per section: ``/tin-tuc/``, ``/van-ban/``, ``/lich-cong-tac/``, ``/giay-moi/``,
  ``/thu-tuc-hanh-chinh/``, ``/hoi-dap/``, ``/lay-y-kien/``;
- one per article category of the site (``sites.yml``), beside the category's page:
  ``/chuyen-muc/<slug>/``; the announcements are the category ``Thông báo``.

Every feed is written even when it holds nothing yet, so a consumer's address never breaks.
File names carry a dot, which no slug can, so they never meet an item's page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portal.paths import ATOM_FILE, FEED_FILE
from portal.sites import Site
from portal.types import REGISTRY, get

JSON_TYPE = "application/feed+json"
ATOM_TYPE = "application/atom+xml"
EVERYTHING = "all"


def feed_kinds() -> tuple[str, ...]:
    """The types with a feed of their own (``ContentType.feed``; standing pages have none)."""
    return tuple(kind for kind, ct in REGISTRY.items() if ct.feed)


@dataclass(frozen=True)
class Feed:
    """One feed of a site; paths are site-relative, without a leading slash."""

    key: str  # "all", a section kind, or "category:<name>"
    folder: str  # "" (the site's root), "tin-tuc/", "chuyen-muc/thong-bao/" …
    title: str
    description: str
    home: str  # the HTML page the feed describes
    kinds: frozenset[str]
    category: str | None = None

    def holds(self, kind: str, category: str | None) -> bool:
        return kind in self.kinds and (self.category is None or category == self.category)

    def page_path(self, number: int) -> str:
        """``feed.json`` for the first page, ``feed-<n>.json`` for the others."""
        return f"{self.folder}{FEED_FILE if number == 1 else f'feed-{number}.json'}"

    @property
    def atom_path(self) -> str:
        return f"{self.folder}{ATOM_FILE}"


@dataclass(frozen=True)
class FeedLink:
    """A ``<link rel="alternate">`` of a page: ``url`` is site-relative, no leading slash."""

    title: str
    url: str
    type: str


def site_feeds(
    site: Site, category_url: Callable[[str], str], listed_categories: set[str]
) -> list[Feed]:
    """The feeds of ``site``: everything, each section, each category. ``category_url(name)``
    is the folder of a category's page; a category without listed news has no page yet, so
    its feed describes the news listing instead."""
    name = site.name
    news = f"{get('articles').url_prefix}/"
    feeds = [
        Feed(
            EVERYTHING,
            "",
            f"Tất cả nội dung – {name}",
            f"Tin tức, văn bản, lịch công tác, giấy mời họp, thủ tục hành chính, hỏi đáp và lấy "
            f"ý kiến dự thảo mới đăng trên Cổng thông tin điện tử {name}.",
            "",
            frozenset(feed_kinds()),
        )
    ]
    for kind in feed_kinds():
        label = get(kind).title
        feeds.append(
            Feed(
                kind,
                f"{get(kind).url_prefix}/",
                f"{label} – {name}",
                f"{label} mới đăng trên Cổng thông tin điện tử {name}.",
                f"{get(kind).url_prefix}/",
                frozenset({kind}),
            )
        )
    for category in site.categories:
        folder = category_url(category)
        feeds.append(
            Feed(
                f"category:{category}",
                folder,
                f"{category} – {name}",
                f"Tin chuyên mục {category} trên Cổng thông tin điện tử {name}.",
                folder if category in listed_categories else news,
                frozenset({"articles"}),
                category,
            )
        )
    return feeds


def links(feed: Feed) -> list[FeedLink]:
    return [
        FeedLink(feed.title, feed.page_path(1), JSON_TYPE),
        FeedLink(f"{feed.title} (Atom)", feed.atom_path, ATOM_TYPE),
    ]


def page_links(feeds: list[Feed], kind: str | None, category: str | None) -> list[FeedLink]:
    """The feeds a page links to, most specific first: its category's (a category page or an
    article), its section's, then everything."""
    by_key = {feed.key: feed for feed in feeds}
    chosen = []
    if category is not None and f"category:{category}" in by_key:
        chosen.append(by_key[f"category:{category}"])
    if kind is not None and kind in by_key and kind != EVERYTHING:
        chosen.append(by_key[kind])
    chosen.append(by_key[EVERYTHING])
    return [link for feed in chosen for link in links(feed)]
