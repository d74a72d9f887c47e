"""Sections: Pelican integration of the catalog — the ``.md`` reader, the typed sections
(documents, schedules, invitations, procedures, Q&A, consultations) and attachments.

Signals: ``readers_init`` (serve ``.md`` from the catalog; other markup readers disabled),
``generator_init`` (Vietnamese date filters), ``get_generators`` (add ``SectionsGenerator``),
``finalized`` (copy attachments).
Settings read: ``PORTAL_CATALOG`` (the site's catalog, set by the build).
"""

from __future__ import annotations

from pelican import signals

from portal.filters import FILTERS
from portal.sections.generator import register_signals
from portal.sections.reader import PortalReader

DISABLED_READERS = ("markdown", "mkd", "mdown", "html", "htm", "rst")


def use_portal_reader(readers) -> None:
    """Serve ``.md`` from the catalog and disable every other markup reader."""
    readers.reader_classes["md"] = PortalReader
    for extension in DISABLED_READERS:
        readers.reader_classes[extension] = None


def add_filters(generator) -> None:
    generator.env.filters.update(FILTERS)


def register() -> None:
    signals.readers_init.connect(use_portal_reader)
    signals.generator_init.connect(add_filters)
    register_signals()
