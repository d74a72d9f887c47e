"""The catalog's item: one content file, read, validated, rendered and placed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from portal.catalog.attachments import Attachment
from portal.catalog.publication import LISTED, WRITTEN
from portal.images.picture import Picture


@dataclass
class Item:
    """Plain, picklable values only."""

    site: str
    kind: str  # type folder: articles, documents, …
    source: str  # absolute path of the Markdown file
    relpath: str  # path inside the site folder
    meta: dict[str, Any]
    lines: dict[str, int]
    html: str = ""
    teaser: str = ""
    slug: str = ""
    url: str = ""
    state: str = "public"
    files: list[Attachment] = field(default_factory=list)  # the ``files`` field
    image: Attachment | None = None
    inline: list[Attachment] = field(default_factory=list)  # linked from the body
    picture: Picture | None = None  # the ``image`` field's responsive variants
    inline_pictures: dict[str, Picture] = field(default_factory=dict)  # body images, by name
    referenced: set[str] = field(default_factory=set)  # every file it names, even refused ones

    @property
    def written(self) -> bool:
        return self.state in WRITTEN

    @property
    def listed(self) -> bool:
        return self.state in LISTED

    @property
    def all_attachments(self) -> list[Attachment]:
        return [*self.files, *([self.image] if self.image else []), *self.inline]

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)
