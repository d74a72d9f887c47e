"""The theme's generator: site-wide context (navigation, home page, article links), the search
page, and the hashed assets."""

from __future__ import annotations

from pelican.generators import Generator

from portal.theme import assets
from portal.theme.articles import link_neighbours, link_related
from portal.theme.home import build_home
from portal.theme.links import navigation, site_root

SEARCH_URL = "tim-kiem/"


class ThemeGenerator(Generator):
    def generate_context(self) -> None:
        settings = self.settings
        site = settings["PORTAL_SITE"]
        local = settings.get("PORTAL_LOCAL", True)
        articles = self.context.get("articles", [])  # listed, newest first
        link_neighbours(articles)
        link_related(articles)
        pages = self.context.get("pages", [])

        def root_of(other) -> str:
            return site_root(other, local)

        self.context["NAV"] = navigation(pages)
        self.context["SEARCH_URL"] = SEARCH_URL
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
        self.context["HOME"] = build_home(
            articles,
            self.context.get("sections", {}),
            self.context.get("this_week", []),
            settings["PORTAL_NOW"],
            site,
            settings["PORTAL_SITES"],
            settings.get("PORTAL_CATALOGS", {}),
            root_of,
        )

    def generate_output(self, writer) -> None:
        writer.write_file(
            f"{SEARCH_URL}index.html", self.get_template("search"), self.context, url=SEARCH_URL
        )
        assets.write(self.settings["PORTAL_ASSETS"], self.output_path)
