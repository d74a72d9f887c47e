"""Write the 410 notice, redirect pages and the CDN rules files."""

from __future__ import annotations

import os

from pelican.generators import Generator

from portal.catalog.urls import save_as

GONE_PAGE = "410.html"
RULES_NETLIFY = "_redirects"
RULES_NGINX = "nginx-rules.conf"


def rules(catalog) -> tuple[list[str], list[str]]:
    """Lines of ``_redirects`` and of the nginx include, in source order."""
    netlify: list[str] = []
    nginx: list[str] = [f"error_page 410 /{GONE_PAGE};"]
    for item in sorted(catalog.items, key=lambda i: i.url):
        path = f"/{item.url}"
        if item.state == "gone":
            netlify.append(f"{path}  /{GONE_PAGE}  410!")
            nginx.append(f"location = {path} {{ return 410; }}")
            nginx.append(f"location = {path}index.html {{ return 410; }}")
        elif item.state == "redirected":
            target = item.meta["unpublished"]["redirect_to"]
            netlify.append(f"{path}  {target}  301!")
            nginx.append(f"location = {path} {{ return 301 {target}; }}")
            nginx.append(f"location = {path}index.html {{ return 301 {target}; }}")
    return netlify, nginx


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
        netlify, nginx = rules(self.catalog)
        for name, lines in ((RULES_NETLIFY, netlify), (RULES_NGINX, nginx)):
            with open(os.path.join(self.output_path, name), "w", encoding="utf-8") as handle:
                handle.write("".join(f"{line}\n" for line in lines))
