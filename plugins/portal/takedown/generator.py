"""Write the 410 notice, redirect pages and the CDN rules files."""

from __future__ import annotations

import os

from pelican.generators import Generator

from portal.catalog.urls import save_as
from portal.paths import GONE_FILE, REDIRECTS_FILE

GONE_PAGE = GONE_FILE
RULES_NETLIFY = REDIRECTS_FILE


def entries(catalog) -> list[tuple[str, int, str]]:
    """(path, status, target) of every taken-down URL, in path order: 410 for an item withdrawn
    by error (target: the notice), 301 for one moved."""
    out: list[tuple[str, int, str]] = []
    for item in sorted(catalog.items, key=lambda i: i.url):
        if item.state == "gone":
            out.append((f"/{item.url}", 410, f"/{GONE_PAGE}"))
        elif item.state == "redirected":
            out.append((f"/{item.url}", 301, item.meta["unpublished"]["redirect_to"]))
    return out


def rules(catalog) -> list[str]:
    """Lines of ``_redirects`` (the nginx side is written with the headers: portal.headers)."""
    return [f"{path}  {target}  {status}!" for path, status, target in entries(catalog)]


class TakedownGenerator(Generator):
    def generate_context(self) -> None:
        self.catalog = self.settings["PORTAL_CATALOG"]

    def generate_output(self, writer) -> None:
        writer.write_file(GONE_PAGE, self.get_template("gone"), self.context, url=GONE_PAGE)
        for item in self.catalog.items:
            if item.state == "redirected":
                writer.write_file(
                    save_as(item.url),
                    self.get_template("redirect"),
                    self.context,
                    target=item.meta["unpublished"]["redirect_to"],
                    url=item.url,
                )
        lines = rules(self.catalog)
        with open(os.path.join(self.output_path, RULES_NETLIFY), "w", encoding="utf-8") as handle:
            handle.write("".join(f"{line}\n" for line in lines))
