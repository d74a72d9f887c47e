"""The tally as an HTML page: a self-contained file for the editors (``portal report --html``)
and, with ``PORTAL_REPORT_PUBLIC = True``, a page inside each built site at ``thong-ke/``
(noindex; in no sitemap, feed or search index). Both use the theme's ``components/report.html``.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from pelican.generators import Generator

from portal.filters import FILTERS
from portal.paths import REPORT
from portal.report.chart import layout
from portal.report.tally import Month, Tally, tally
from portal.theme import i18n
from portal.types import titles

REPORT_URL = f"{REPORT}/"  # reserved in portal.paths
REPORT_CSS = ("00-tokens.css", "01-base.css", "46-report.css")


def render_file(report: Tally, theme: Path) -> str:
    """The tally as one HTML file with its styles inline, rendered with the theme's templates."""
    env = Environment(
        loader=FileSystemLoader(str(theme / "templates")),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    i18n.install(env, theme / "translations")
    css = "\n".join(
        (theme / "static" / "css" / name).read_text(encoding="utf-8") for name in REPORT_CSS
    )
    return env.get_template("report_file.html").render(
        REPORT=report, report_chart=layout, SECTION_TITLES=titles(), css=css
    )


class ReportGenerator(Generator):
    """Writes ``thong-ke/index.html``: this site's tally of the build's month against the
    previous one, when ``PORTAL_REPORT_PUBLIC`` is True."""

    def generate_context(self) -> None:
        self.enabled = bool(self.settings.get("PORTAL_REPORT_PUBLIC", False))
        if not self.enabled:
            return
        now = self.settings["PORTAL_NOW"]
        site = self.settings["PORTAL_SITE"]
        catalogs = {site.id: self.settings["PORTAL_CATALOG"]}
        self.report = tally(catalogs, Month.of(now), now)

    def generate_output(self, writer) -> None:
        if not self.enabled:
            return
        writer.write_file(
            f"{REPORT_URL}index.html",
            self.get_template("report"),
            self.context,
            REPORT=self.report,
            report_chart=layout,
            url=REPORT_URL,
        )
