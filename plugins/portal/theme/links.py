"""The site-wide navigation built from sections and standing pages.

The main menu (``navigation``) lists Home, the sections that hold something on this site, then
the standing pages marked ``nav: true``. Two entries open a submenu: "Tin tức" (the news
categories in use, in ``sites.yml`` order) and the first standing page (the other standing
pages), so the menu stays one row wide on a desktop however many pages a site marks.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.messages import N_
from portal.types import REGISTRY


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # site-relative, no leading slash ("" is the home page)
    key: str = ""  # what ``nav_current`` is compared with
    translate: bool = True  # a UI message id; a page title is shown as written
    children: tuple[Link, ...] = ()  # a submenu (one level)
    id: str = ""  # the submenu's element id


def present_sections(articles, sections: dict) -> set[str]:
    """The section kinds that hold at least one listed item on this site, and "qa" always (its
    page holds the question form)."""
    present = {kind for kind, entries in sections.items() if entries} | {"qa"}
    return present | ({"articles"} if articles else set())


def category_links(categories, order: list[str]) -> tuple[Link, ...]:
    """The news categories that hold articles, in ``order`` (sites.yml), then the others."""
    rank = {name: index for index, name in enumerate(order)}
    used = sorted(
        (cat for cat, entries in categories if entries),
        key=lambda cat: (rank.get(str(cat), len(rank)), str(cat)),
    )
    return tuple(Link(str(cat), cat.url, cat.url, translate=False) for cat in used)


def navigation(
    pages, present: set[str] | None = None, categories: tuple[Link, ...] = ()
) -> list[Link]:
    """Home, the sections in ``present`` (all when None), then the standing pages marked
    ``nav: true`` by ``order`` then title: the first of them with the others as its submenu.
    "Tin tức" gets ``categories`` as its submenu."""
    links = [Link(N_("Trang chủ"), "", "home")]
    stand_ins = {ct.menu_fallback_for: ct for ct in REGISTRY.values() if ct.menu_fallback_for}
    for kind, ct in REGISTRY.items():
        if not ct.in_menu:
            continue
        if present is not None and kind not in present:
            other = stand_ins.get(kind)  # a site with invitations but no schedules
            if other is not None and other.folder in present:
                links.append(Link(other.nav_label, f"{other.url_prefix}/", kind))
            continue
        children = categories if kind == "articles" else ()
        menu_id = f"pt-nav-sub-{kind}" if children else ""
        links.append(Link(ct.nav_label, f"{ct.url_prefix}/", kind, children=children, id=menu_id))
    shown = [p for p in pages if p.item.meta.get("nav") and p.lang == "vi"]
    shown.sort(key=lambda p: (p.item.meta.get("order", 100), p.title))
    if shown:
        first, rest = shown[0], shown[1:]
        children = tuple(Link(p.title, p.url, p.url, translate=False) for p in rest)
        menu_id = "pt-nav-sub-pages" if children else ""
        links.append(Link(first.title, first.url, first.url, False, children, menu_id))
    return links
