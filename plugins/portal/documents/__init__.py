"""Documents library: validity of each document, facet pages by type, issuer, field and year
(pre-rendered, no JavaScript needed) and ``van-ban/du-lieu.json`` for instant filtering.

Signals: ``get_generators`` (``LibraryGenerator``, after the sections generator).
Settings read: ``PORTAL_NOW``.
"""

from __future__ import annotations

from pelican import signals

from portal.documents.generator import LibraryGenerator


def get_generators(_pelican):
    return LibraryGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
