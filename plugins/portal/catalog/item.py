"""The catalog's item: one content file, read, validated, rendered and placed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from portal.catalog.attachments import Attachment
from portal.catalog.publication import LISTED, WRITTEN
from portal.history.model import ItemHistory, Update
from portal.images.picture import Picture
from portal.types.base import STANDING


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
    history: ItemHistory | None = None  # from git (portal.history); None: front matter only
    phase: str = STANDING  # at the build's moment (portal.catalog.phases, portal.types)

    @property
    def written(self) -> bool:
        return self.state in WRITTEN

    @property
    def listed(self) -> bool:
        return self.state in LISTED

    @property
    def all_attachments(self) -> list[Attachment]:
        return [*self.files, *([self.image] if self.image else []), *self.inline]

    @property
    def updated(self) -> dt.datetime | None:
        """The moment shown as "Cập nhật lúc": the later of the front matter's ``modified`` and
        the last non-minor change committed after publication (docs/content-model.md)."""
        moments = [self.meta.get("modified"), self.history.last_update if self.history else None]
        known = [moment for moment in moments if moment is not None]
        return max(known) if known else None

    @property
    def update_log(self) -> tuple[Update, ...]:
        """The public update history, newest first: the notes committed after publication, and
        the front matter's own note first when it is newer than all of them (not committed
        yet). Empty without git history: the page then shows the front matter's note alone."""
        if self.history is None or not self.history.updates:
            return ()
        log = tuple(reversed(self.history.updates))
        note, modified = self.meta.get("change_note"), self.meta.get("modified")
        if note and modified and note != log[0].note and modified > log[0].date:
            log = (Update(modified, note), *log)
        return log

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)
