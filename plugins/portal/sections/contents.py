"""Pelican content classes for the typed sections (documents, schedules, …)."""

from __future__ import annotations

from pelican.contents import Page


class SectionItem(Page):
    """An item of a typed section; URL and template come from the catalog via metadata."""

    mandatory_properties = ("title",)
    allowed_statuses = ("published", "hidden")
    default_status = "published"
