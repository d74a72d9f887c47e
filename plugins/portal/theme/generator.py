"""The theme's generator: site-wide context (navigation, home page, article links), the search
page, and the hashed assets."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from portal.feeds.entries import item_id
from portal.forms.ratings import RANKED_URL, SiteRatings, ranked
from portal.paths import SEARCH, SYNDICATED_FOLDER, WIDGET
from portal.search.index import BUNDLE, FULL, SHARED, SHARED_FULL
from portal.sections.qa import form_topics
from portal.sites.config import member_tiers
from portal.stats.view import STATS_URL, site_stats
from portal.theme import assets
from portal.theme.articles import link_neighbours, link_related
from portal.theme.banners import current_banners, write_banners
from portal.theme.home import build_home, empty_sites, syndicated_news
from portal.theme.links import category_links, navigation, present_sections
from portal.types import get
from portal.urls import absolute_root, site_root

SEARCH_URL = f"{SEARCH}/"
WIDGET_URL = f"{WIDGET}/v1/"
SYNDICATED_URL = f"{get('articles').url_prefix}/{SYNDICATED_FOLDER}/"


def search_sites(site, sites, root_of) -> list[dict[str, str]]:
    """The sites a site's search page covers: itself first, then its members (for a parent,
    searched by default) or its parent (for a member, on request). ``base`` is the site's root
    (result URLs are relative to it), ``full`` the folder of its full-text shards as this site
    serves it (``shards.json`` lists them; other sites' are copied into this site's output by
    portal.search, so every fetch is same-origin). The quick index (``pagefind/``) already
    holds all of them."""
    own_root = root_of(site)
    entries = [
        {
            "id": site.id,
            "name": site.name,
            "relation": "self",
            "base": f"{own_root}/",
            "full": f"{own_root}/{FULL}/",
        }
    ]
    for other in sites:
        if other.parent == site.id:
            relation = "member"
        elif other.id == site.parent:
            relation = "parent"
        else:
            continue
        entry = {
            "id": other.id,
            "name": other.name,
            "relation": relation,
            "base": f"{root_of(other)}/",
            "full": f"{own_root}/{SHARED}/{other.id}/{SHARED_FULL}/",
        }
        entries.append(entry)
    return entries


def write_widget(theme: str, output_path: str) -> None:
    """The feed widget for other sites' pages, at a stable versioned URL (``widget/v1/``): hosts
    link it by name, so it is not content-hashed; a breaking change gets a new version."""
    source = Path(theme) / "widget"
    target = Path(output_path) / WIDGET_URL
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.*")):
        (target / path.name).write_bytes(path.read_bytes())


class ThemeGenerator(Generator):
    def generate_context(self) -> None:
        settings = self.settings
        site = settings["PORTAL_SITE"]
        local = settings.get("PORTAL_LOCAL", True)
        prefix = settings.get("PORTAL_PATH_PREFIX", "")
        articles = self.context.get("articles", [])  # listed, newest first
        link_neighbours(articles)
        link_related(articles)
        pages = self.context.get("pages", [])

        def root_of(other) -> str:
            return site_root(other, local, prefix)

        present = present_sections(articles, self.context.get("sections", {}))
        categories = category_links(self.context.get("categories", []), site.categories)
        self.context["PRESENT"] = present  # section kinds with items: empty ones are not offered
        self.context["NAV"] = navigation(pages, present, categories)
        self.context["ABSOLUTE_ROOT"] = absolute_root(site, settings)
        # Canonical links name the production page, except in a pull request's preview
        # (PORTAL_PREVIEW), whose pages are marked noindex and point at themselves.
        preview = bool(settings.get("PORTAL_PREVIEW"))
        self.context["PREVIEW"] = preview
        self.context["CANONICAL_ROOT"] = (
            self.context["ABSOLUTE_ROOT"] if preview else site.base_url.rstrip("/")
        )
        self.context["item_id"] = lambda item: item_id(site, item)
        self.context["RATINGS"] = SiteRatings(settings.get("PORTAL_RATINGS"))
        self.context["QA_RANKED"] = ranked(
            self.context.get("sections", {}).get("qa", []),
            self.context["RATINGS"],
            self.context["item_id"],
        )
        self.context["QA_RANKED_URL"] = RANKED_URL
        catalog = settings.get("PORTAL_CATALOG")
        qa_items = [i for i in catalog.items if i.kind == "qa" and i.listed] if catalog else []
        self.context["FORM_TOPICS"] = form_topics(
            list(site.qa_fields), [str(i.meta.get("field") or "") for i in qa_items]
        )
        self.context["SEARCH_URL"] = SEARCH_URL
        catalogs = settings.get("PORTAL_CATALOGS", {})
        empty = set(empty_sites(catalogs))
        others = [s for s in settings["PORTAL_SITES"] if s.id not in empty or s.id == site.id]
        self.context["SEARCH_SITES"] = search_sites(site, others, root_of)
        self.context["SEARCH_QUICK"] = f"{root_of(site)}/{BUNDLE}/"
        self.context["site_root"] = root_of
        self.context["english_pages"] = [p for p in pages if p.lang == "en"]
        by_slug = {page.slug: page for page in pages}
        translations: dict[str, list] = {}
        for page in pages:
            original = page.item.meta.get("translation_of")
            if original:
                translations.setdefault(original, []).append(page)
        for page in pages:
            page.translations_of_page = translations.get(page.slug, [])
            page.original = by_slug.get(page.item.meta.get("translation_of"))
        self.context["SYNDICATED"] = syndicated_news(
            site, settings["PORTAL_SITES"], settings.get("PORTAL_CATALOGS", {}), root_of
        )
        self.context["SYNDICATED_URL"] = SYNDICATED_URL
        self.context["MEMBER_TIERS"] = member_tiers(site, settings["PORTAL_SITES"])
        # Most viewed among the dated items (news, documents, Q&A…); standing pages (Giới
        # thiệu, Liên hệ) are read every day and would crowd the list out.
        listed = list(articles)
        for entries in self.context.get("sections", {}).values():
            listed += entries
        self.context["STATS"] = site_stats(
            settings.get("PORTAL_STATS"), settings["PORTAL_NOW"], listed
        )
        self.banners = current_banners(
            site, self.settings["PATH"], settings["PORTAL_NOW"].date(), settings.get("SITEURL", "")
        )
        self.context["BANNERS"] = self.banners
        self.context["HOME"] = build_home(
            articles,
            self.context.get("sections", {}),
            self.context.get("this_week", []),
            settings["PORTAL_NOW"],
            site,
            settings["PORTAL_SITES"],
            settings.get("PORTAL_CATALOGS", {}),
            root_of,
            self.context["SYNDICATED"],
        )

    def generate_output(self, writer) -> None:
        write_banners(self.banners, self.output_path)
        writer.write_file(
            f"{SEARCH_URL}index.html", self.get_template("search"), self.context, url=SEARCH_URL
        )
        site = self.settings["PORTAL_SITE"]
        if any(s.parent == site.id for s in self.settings["PORTAL_SITES"]):
            writer.write_file(
                f"{SYNDICATED_URL}index.html",
                self.get_template("syndicated"),
                self.context,
                url=SYNDICATED_URL,
            )
        if self.context["STATS"] is not None:
            writer.write_file(
                f"{STATS_URL}index.html", self.get_template("stats"), self.context, url=STATS_URL
            )
        if self.context["QA_RANKED"]:
            writer.write_file(
                f"{RANKED_URL}index.html",
                self.get_template("qa_ranked"),
                self.context,
                url=RANKED_URL,
            )
        assets.write(self.settings["PORTAL_ASSETS"], self.output_path)
        write_widget(self.settings["THEME"], self.output_path)
