"""The Pelican reader for ``.md`` files: it reads nothing itself. The catalog has already parsed,
validated and rendered every file; this hands Pelican the item's metadata, or a ``skip`` status
for anything that must not be published, so Pelican never builds a private item at all.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category, Tag

from portal.catalog.urls import save_as
from portal.slugs import slugify
from portal.types import get

_SITE_ABSOLUTE = re.compile(r'\b(href|src)="/(?!/)')


def prefix_site_paths(fragment: str, siteurl: str) -> str:
    """Site-absolute links (``/van-ban/``) point into the site wherever it is served from: under
    ``/<site-id>/`` in development, or a base_url with a path."""
    prefix = urlsplit(siteurl).path.rstrip("/")
    return _SITE_ABSOLUTE.sub(rf'\1="{prefix}/', fragment) if prefix else fragment


def _named(kind: type, name: str, settings: dict) -> Any:
    """A Pelican category or tag whose slug is ours (folded, capped at a word: a page's folder),
    not Pelican's own, which has no length bound."""
    wrapper = kind(name, settings)
    wrapper.slug = slugify(name)
    return wrapper


class PortalReader(BaseReader):
    """Serve Pelican the catalog's item for ``source_path``."""

    enabled = True
    file_extensions = ("md",)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        catalog = self.settings["PORTAL_CATALOG"]
        item = catalog.by_source.get(source_path)
        if item is None:  # the catalog walks the same folders; this means a bug, not bad content
            raise LookupError(f"{source_path} is not in the portal catalog")
        if not item.written:
            return "", {"status": "skip"}
        meta = item.meta
        settings = self.settings
        metadata: dict[str, Any] = {
            "title": meta["title"],
            "slug": item.slug,
            "url": item.url,
            "save_as": save_as(item.url),
            "status": "published" if item.listed else "hidden",
            "summary": html.escape(item.teaser),
            "lang": meta.get("lang", "vi"),
            "item": item,
            "kind": item.kind,
            "template": get(item.kind).template,
        }
        if "date" in meta:
            metadata["date"] = meta["date"]
        if "modified" in meta:
            metadata["modified"] = meta["modified"]
        if "category" in meta:
            metadata["category"] = _named(Category, meta["category"], settings)
        if meta.get("tags"):
            metadata["tags"] = [_named(Tag, tag, settings) for tag in meta["tags"]]
        if meta.get("authors"):
            metadata["authors"] = [Author(name, settings) for name in meta["authors"]]
        return prefix_site_paths(item.html, settings.get("SITEURL", "")), metadata
