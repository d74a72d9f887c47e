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


__all__ = ["REGISTRY", "ContentType", "Draft", "FieldSpec", "get"]
