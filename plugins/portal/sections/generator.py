"""A Pelican generator for the typed sections: one page per written item, one paginated listing
per section, and the attachments of every written item (articles and pages included) copied
beside their page."""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.generators import Generator

from portal.images import publish_attachments, write_pictures
from portal.sections.contents import SectionItem
from portal.sections.qa import field_of, qa_fields
from portal.types import REGISTRY, get, search_labels, titles

logger = logging.getLogger(__name__)


class SectionsGenerator(Generator):
    """Read the typed sections through Pelican's readers and write their pages and listings."""

    def generate_context(self) -> None:
        catalog = self.settings["PORTAL_CATALOG"]
        self.sections: dict[str, list[SectionItem]] = {}
        self.hidden: list[SectionItem] = []
        for kind, ct in REGISTRY.items():
            if not ct.listed_by_sections:  # news and standing pages: Pelican's generators
                continue
            listed = []
            for item in catalog.items:
                if item.kind != kind or not item.written:
                    continue
                content = self.readers.read_file(
                    base_path=self.path,
                    path=item.relpath,
                    content_class=SectionItem,
                    context=self.context,
                )
                self.add_source_path(content)
                (listed if item.listed else self.hidden).append(content)
            listed.sort(key=lambda c, ct=ct: (ct.sort_key(c.item.meta), c.slug), reverse=True)
            self.sections[kind] = listed
        self.context["sections"] = self.sections
        site = self.settings.get("PORTAL_SITE")
        configured = list(getattr(site, "qa_fields", []) or [])
        self.context["QA_FIELDS"] = qa_fields(self.sections.get("qa", []), configured)
        self.context["SECTION_TITLES"] = titles()
        self.context["SEARCH_TYPES"] = search_labels()  # the search page's type names
        self.context["SECTION_URLS"] = {
            k: f"{ct.url_prefix}/" for k, ct in REGISTRY.items() if ct.url_prefix
        }

    def generate_output(self, writer) -> None:
        for kind, contents in self.sections.items():
            for content in [*contents, *(c for c in self.hidden if c.kind == kind)]:
                writer.write_file(
                    content.save_as,
                    self.get_template(content.template),
                    self.context,
                    page=content,
                    url=content.url,
                )
            url = f"{get(kind).url_prefix}/"
            writer.write_file(
                f"{url}index.html",
                self.get_template(get(kind).listing_template),
                self.context,
                paginated={"items": contents},
                template_name="section",
                url=url,
                section=kind,
                section_title=get(kind).title,
                items=contents,
            )
        for qa_field in self.context["QA_FIELDS"]:  # one listing per Q&A field
            contents = [c for c in self.sections.get("qa", []) if field_of(c) == qa_field.name]
            writer.write_file(
                f"{qa_field.url}index.html",
                self.get_template("section"),
                self.context,
                paginated={"items": contents},
                template_name="section",
                url=qa_field.url,
                section="qa",
                section_title=get("qa").title,
                items=contents,
                qa_field=qa_field,
            )


def copy_attachments(pelican) -> None:
    """Copy every written item's attachments beside its page, and write its images' WebP
    variants there (``finalized`` receiver)."""
    catalog = pelican.settings.get("PORTAL_CATALOG")
    if catalog is None:
        return
    for item in catalog.items:
        if not item.written:
            continue
        publish_attachments(item, os.path.join(pelican.output_path, item.url))  # images cleaned
        write_pictures(item, os.path.join(pelican.output_path, item.url))


def get_generators(_pelican):
    return SectionsGenerator


def register_signals() -> None:
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(copy_attachments)
