"""The content-type registry: every content type described once (issue 14, item 1).

``REGISTRY`` maps a type's folder (``articles``, ``documents`` …) to its ``ContentType``, in
display order (sections, feeds, the docs' field table); ``get(folder)`` is one of them. Each type
lives in a module of its own here (``documents.py`` …); adding a type is one module, its line in
``_MODULES``, its templates, its UI strings, its docs row and a demo item.

Read by every stage: the front-matter schema and rules (``portal.frontmatter.schema``), URLs
(``portal.catalog.urls``), ``portal new`` (``portal.scaffold``), the sections' listings, the
main menu, search facts, feeds, the path map and the docs' field table (``portal.types.docs``).
No Pelican signals, no settings.
"""

from __future__ import annotations

from portal.types import (
    articles,
    consultations,
    documents,
    invitations,
    pages,
    procedures,
    qa,
    schedules,
)
from portal.types.base import ContentType, Draft, FieldSpec

_MODULES = (articles, documents, schedules, invitations, procedures, qa, consultations, pages)

REGISTRY: dict[str, ContentType] = {module.TYPE.folder: module.TYPE for module in _MODULES}


def get(folder: str) -> ContentType:
    """The type whose folder is ``folder``; ``KeyError`` when there is none."""
    return REGISTRY[folder]


def title_of(kind: str) -> str:
    """The section title of ``kind`` (a UI message id); ``kind`` itself when no type has it."""
    return REGISTRY[kind].title if kind in REGISTRY else kind


def search_labels() -> dict[str, str]:
    """How a search result names each type (UI message ids), for the search page."""
    return {folder: ct.search_label or ct.title for folder, ct in REGISTRY.items()}


def titles() -> dict[str, str]:
    """Each type's section title (a UI message id), for templates: ``SECTION_TITLES``."""
    return {folder: ct.title for folder, ct in REGISTRY.items()}


__all__ = [
    "REGISTRY",
    "ContentType",
    "Draft",
    "FieldSpec",
    "get",
    "search_labels",
    "title_of",
    "titles",
]
