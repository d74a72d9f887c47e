"""What the home page shows: lead story, latest news, announcements, this week's schedules, newest
documents, upcoming invitations, open consultations, member portals, and the parent's news."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from portal.paths import CATEGORY_PREFIX
from portal.slugs import slugify
from portal.types.base import CLOSED, OPEN

ANNOUNCEMENTS = "Thông báo"
LATEST = 6
SHORT = 5


@dataclass
class ForeignItem:
    """An item of another site, linked by its URL there: the parent's news on a member site,
    a member's shared news on its parent, credited to ``source``."""

    title: str
    url: str
    date: dt.datetime
    teaser: str = ""
    source: str = ""  # the site's name
    source_url: str = ""  # the site's home


def foreign_news(site, catalog, root: str, wanted) -> list[ForeignItem]:
    """Listed articles of another site's catalog for which ``wanted(item)`` holds, newest first."""
    news = [i for i in catalog.items if i.kind == "articles" and i.listed and wanted(i)]
    news.sort(key=lambda i: (i.meta["date"], i.url), reverse=True)
    return [
        ForeignItem(
            i.meta["title"],
            f"{root}/{i.url}",
            i.meta["date"],
            i.teaser,
            site.short_name or site.name,
            f"{root}/",
        )
        for i in news
    ]


def syndicated_news(site, sites: list, catalogs: dict, root_of) -> list[ForeignItem]:
    """What the members of ``site`` share with it (``syndicate: [parent]``), newest first."""
    shared = []
    for member in sites:
        if member.parent == site.id and member.id in catalogs:
            shared += foreign_news(
                member,
                catalogs[member.id],
                root_of(member),
                lambda i: "parent" in (i.meta.get("syndicate") or []),
            )
    shared.sort(key=lambda i: (i.date, i.url), reverse=True)
    return shared


@dataclass
class Home:
    lead: Any = None
    latest: list = field(default_factory=list)
    announcements: list = field(default_factory=list)
    announcements_url: str = ""
    week: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    invitations: list = field(default_factory=list)
    consultations: list = field(default_factory=list)
    members: list = field(default_factory=list)  # (Site, root URL)
    parent: Any = None  # (Site, root URL)
    parent_news: list[ForeignItem] = field(default_factory=list)
    parent_announcements: list[ForeignItem] = field(default_factory=list)
    syndicated: list[ForeignItem] = field(default_factory=list)  # shared by the members


def build_home(
    articles: list,
    sections: dict[str, list],
    this_week: list,
    now: dt.datetime,
    site,
    sites: list,
    catalogs: dict,
    root_of,
    syndicated: list[ForeignItem],
) -> Home:
    """``articles`` newest first; ``sections`` as the sections generator sorted them;
    ``this_week`` the schedules of the current week (``portal.schedules``); ``syndicated``
    what the members share with this site (``syndicated_news``), newest first."""
    home = Home()
    featured = [a for a in articles if a.item.meta.get("featured")]
    home.lead = featured[0] if featured else (articles[0] if articles else None)
    rest = [a for a in articles if a is not home.lead]
    home.announcements = [a for a in rest if a.item.meta.get("category") == ANNOUNCEMENTS][:SHORT]
    home.announcements_url = f"{CATEGORY_PREFIX}/{slugify(ANNOUNCEMENTS)}/"
    shown = set(map(id, home.announcements))
    home.latest = [a for a in rest if id(a) not in shown][:LATEST]
    home.week = this_week
    home.documents = sections.get("documents", [])[:SHORT]
    upcoming = [i for i in sections.get("invitations", []) if i.item.phase != CLOSED]
    home.invitations = sorted(upcoming, key=lambda i: i.item.meta["start"])[:SHORT]
    home.consultations = [c for c in sections.get("consultations", []) if c.item.phase == OPEN]
    home.members = [(s, root_of(s)) for s in sites if s.parent == site.id]
    home.syndicated = syndicated[:SHORT]
    parent = next((s for s in sites if s.id == site.parent), None)
    if parent is not None:
        home.parent = (parent, root_of(parent))
        home.parent_news, home.parent_announcements = parent_news(site, sites, catalogs, root_of)
    return home


def parent_news(site, sites: list, catalogs: dict, root_of) -> tuple[list, list]:
    """What a member's home shows of its parent: the newest news and announcements."""
    parent = next((s for s in sites if s.id == site.parent), None)
    catalog = catalogs.get(parent.id) if parent is not None else None
    if catalog is None:
        return [], []
    root = root_of(parent)

    def announcement(item) -> bool:
        return item.meta.get("category") == ANNOUNCEMENTS

    news = foreign_news(parent, catalog, root, lambda i: not announcement(i))[:SHORT]
    return news, foreign_news(parent, catalog, root, announcement)[:SHORT]


def empty_sites(catalogs: dict) -> list[str]:
    """The sites read that have no public item (left out of search)."""
    return sorted(s for s, c in catalogs.items() if not any(i.listed for i in c.items))


def cross_site(site, sites: list, catalogs: dict, root_of) -> tuple:
    """Everything a site's pages show of the other sites' content: what its members share with
    it, its parent's newest news, and which sites are left out of search. A site's pages depend
    on the other sites through this alone (``portal.incremental`` rebuilds a site when it
    changes)."""
    return (
        syndicated_news(site, sites, catalogs, root_of),
        parent_news(site, sites, catalogs, root_of),
        empty_sites(catalogs),
    )
