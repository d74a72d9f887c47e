"""Theme support: hashed assets, gettext UI strings in the page's language, navigation, the home
page's blocks, previous/next and related articles, and the search page.

Signals: ``initialized`` (collect the theme's assets), ``generator_init`` (Jinja globals,
filters and gettext), ``get_generators`` (``ThemeGenerator``, after the other portal generators).
Settings read: ``THEME``, ``PORTAL_SITE``, ``PORTAL_SITES``, ``PORTAL_CATALOGS``, ``PORTAL_NOW``,
``PORTAL_LOCAL``; settings written: ``PORTAL_ASSETS``.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import pass_context
from pelican import signals

from portal.search.facts import facts
from portal.theme import assets, i18n
from portal.theme.context import PortalContext
from portal.theme.generator import ThemeGenerator


def collect_assets(pelican) -> None:
    pelican.settings["PORTAL_ASSETS"] = assets.collect(Path(pelican.settings["THEME"]) / "static")


def setup_environment(generator) -> None:
    manifest = generator.settings.get("PORTAL_ASSETS") or {}

    @pass_context
    def asset(context, logical: str) -> str:
        return f"{context['SITEURL']}/{manifest[logical].path}"

    # A generator's environment lives for one Pelican run, in which templates do not change:
    # without auto-reload, every include and import is a cache hit instead of a stat.
    generator.env.auto_reload = False
    generator.env.context_class = PortalContext  # a cheaper derived context (theme.context)
    generator.env.globals["asset"] = asset
    generator.env.globals["search_facts"] = facts
    i18n.install(generator.env, Path(generator.settings["THEME"]) / "translations")


def get_generators(_pelican):
    return ThemeGenerator


def register() -> None:
    signals.initialized.connect(collect_assets)
    signals.generator_init.connect(setup_environment)
    signals.get_generators.connect(get_generators)
