"""A Pelican generator for the typed sections: one page per written item, one paginated listing
per section, and the attachments of every written item (articles and pages included) copied
beside their page."""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.generators import Generator

from portal.catalog.urls import SECTION_TITLES, SECTIONS
from portal.images import publish_attachments, write_pictures
from portal.sections.contents import SectionItem
from portal.sections.qa import field_of, qa_fields

logger = logging.getLogger(__name__)

TYPED_SECTIONS = ("documents", "schedules", "invitations", "procedures", "qa", "consultations")
SECTION_TEMPLATES = {"documents": "documents"}  # listings with a template of their own
SORT_KEYS = {
    "documents": lambda c: (c.item.meta["issued"], c.item.meta.get("number", "")),
    "schedules": lambda c: c.item.meta["week"],
    "invitations": lambda c: c.item.meta["start"],
    "consultations": lambda c: c.item.meta["closes"],
}


class SectionsGenerator(Generator):
    """Read the typed sections through Pelican's readers and write their pages and listings."""

    def generate_context(self) -> None:
        catalog = self.settings["PORTAL_CATALOG"]
        self.sections: dict[str, list[SectionItem]] = {}
        self.hidden: list[SectionItem] = []
        for kind in TYPED_SECTIONS:
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
            key = SORT_KEYS.get(kind, lambda c: c.date)
            listed.sort(key=lambda c, key=key: (key(c), c.slug), reverse=True)
            self.sections[kind] = listed
        self.context["sections"] = self.sections
        site = self.settings.get("PORTAL_SITE")
        configured = list(getattr(site, "qa_fields", []) or [])
        self.context["QA_FIELDS"] = qa_fields(self.sections.get("qa", []), configured)
        self.context["SECTION_TITLES"] = SECTION_TITLES
        self.context["SECTION_URLS"] = {k: f"{v}/" for k, v in SECTIONS.items() if v}

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
            url = f"{SECTIONS[kind]}/"
            writer.write_file(
                f"{url}index.html",
                self.get_template(SECTION_TEMPLATES.get(kind, "section")),
                self.context,
                paginated={"items": contents},
                template_name="section",
                url=url,
                section=kind,
                section_title=SECTION_TITLES[kind],
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
                section_title=SECTION_TITLES["qa"],
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
