"""Items read in an earlier build, by the SHA-256 of their file: an unchanged content file costs
a hash and a lookup instead of YAML, validation, Markdown and the attachment checks.

What ``catalog.scan.read_item`` makes of a file is a function of the code (the cache holds one
code fingerprint), the file's bytes, where it is (site folder, path, type folder), the size
limit of attachments, the files it names (their bytes and where they resolve) and ``now``,
which only decides the publication state. So an entry's key is the code fingerprint's file,
the site folder, the relative path, the type, the limit and the file's SHA-256; it is used only
when every file it named still resolves to the same place with the same SHA-256; its state is
computed again at ``now`` and, when that changes whether the item is written (pictures are
planned only for written items), the file is read again. Only files read without any error
are stored, so errors are always reported from a real read.

Stored as data, never code: JSON (``items.json``) with a format number and the fingerprint;
each entry is ``[item, written, files]``, the item encoded with explicit types (``encode``/
``decode``: dates, times and time zones, tuples, sets, attachments and pictures; anything else
is not stored; every JSON object of an entry is one of these tagged values, so ``decode`` is one
``json.loads`` whose hook sees only them) and sealed with a SHA-256 of (fingerprint, key,
text), so a truncated or corrupted entry is dropped. A digest
anyone can recompute does not stop a deliberate edit: as for rendered Markdown, an entry's HTML
is used only when the sanitiser leaves it unchanged (``markup.render.clean``). The cache holds
drafts' front matter and text like the rest of the cache folder: never share it with workflows
that run untrusted code (``docs/architecture.md``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from portal.catalog.attachments import Attachment
from portal.catalog.item import Item
from portal.frontmatter.fields import TIMEZONE
from portal.images.picture import Picture
from portal.sealed import SealedStore
from portal.sealed import digest as _digest

ITEM_CACHE = "items.json"
FORMAT = 2  # 2: entries are lists, dataclass fields [name, value] pairs (one json.loads)
_CLASSES = {cls.__name__: cls for cls in (Item, Attachment, Picture)}


class Unencodable(TypeError):
    """A value the codec does not know: the item is not stored."""


def _tz(value: dt.tzinfo | None) -> Any:
    if value is None:
        return None
    if value is TIMEZONE:
        return "vn"
    if value is dt.UTC:
        return "utc"
    if type(value) is dt.timezone:
        plain = dt.timezone(value.utcoffset(None))
        if value.tzname(None) == plain.tzname(None):
            return value.utcoffset(None).total_seconds()
    raise Unencodable(repr(value))


def _untz(value: Any) -> dt.tzinfo | None:
    if value is None:
        return None
    if value == "vn":
        return TIMEZONE
    if value == "utc":
        return dt.UTC
    return dt.timezone(dt.timedelta(seconds=value))


def encode(value: Any) -> Any:
    """A JSON-able image of ``value`` from which ``decode`` makes an equal value of the same
    types (time zones included); Unencodable for anything else."""
    kind = type(value)
    if value is None or kind in (str, bool, int):
        return value
    if kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise Unencodable("float")
        return {"$f": value}
    if kind is list:
        return [encode(v) for v in value]
    if kind is tuple:
        return {"$tuple": [encode(v) for v in value]}
    if kind in (set, frozenset):
        members = sorted((encode(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        return {"$set" if kind is set else "$frozenset": members}
    if kind is dict:
        return {"$map": [[encode(k), encode(v)] for k, v in value.items()]}
    if kind is dt.datetime:
        naive = value.replace(tzinfo=None)
        return {"$dt": naive.isoformat(), "tz": _tz(value.tzinfo), "fold": value.fold}
    if kind is dt.date:
        return {"$date": value.isoformat()}
    if kind is dt.time:
        if value.tzinfo is not None:
            raise Unencodable("time with a zone")
        return {"$time": value.isoformat()}
    if kind.__name__ in _CLASSES and _CLASSES[kind.__name__] is kind:
        fields = [[f.name, encode(getattr(value, f.name))] for f in dataclasses.fields(value)]
        return {"$dc": kind.__name__, "fields": fields}
    raise Unencodable(kind.__qualname__)


def decode(text: str) -> Any:
    """The value ``encode`` made, from its JSON text; ValueError (or TypeError) for anything
    ``encode`` cannot have made. Plain values and lists are decoded by ``json`` itself, the
    tagged objects by ``_tagged``, innermost first."""
    return json.loads(text, object_hook=_tagged)


def _tagged(value: dict) -> Any:
    if "$f" in value:
        return float(value["$f"])
    if "$tuple" in value:
        return tuple(value["$tuple"])
    if "$set" in value:
        return set(value["$set"])
    if "$frozenset" in value:
        return frozenset(value["$frozenset"])
    if "$map" in value:
        return dict(value["$map"])
    if "$dt" in value:
        moment = dt.datetime.fromisoformat(value["$dt"])
        return moment.replace(tzinfo=_untz(value["tz"]), fold=value["fold"])
    if "$date" in value:
        return dt.date.fromisoformat(value["$date"])
    if "$time" in value:
        return dt.time.fromisoformat(value["$time"])
    if "$dc" in value:
        return _CLASSES[value["$dc"]](**dict(value["fields"]))
    raise ValueError("unknown encoded value")


def file_sha(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def named_files(item: Item) -> list[list[str]]:
    """Every file ``item`` names, with where it resolves and its SHA-256 ('' when it is not a
    readable file): what an entry's validity is checked against."""
    paths = sorted({*item.referenced, *(a.source for a in item.all_attachments)})
    found = []
    for path in paths:
        real = os.path.realpath(path)
        try:
            sha = file_sha(real) if os.path.isfile(real) else ""
        except OSError:
            sha = ""
        found.append([path, real, sha])
    return found


class ItemCache(SealedStore):
    """Entries by key (see the module's contract), for one code fingerprint; ``used`` is what
    this build read from it or stored, the next build's cache."""

    FORMAT = FORMAT
    FIELD = "item"

    def __init__(self, path: Path, fingerprint: str):
        super().__init__(path, fingerprint)
        self.hits = 0

    def key(self, site_dir: str, relpath: str, kind: str, max_bytes: int, data: bytes) -> str:
        return _digest(site_dir, relpath, kind, str(max_bytes), hashlib.sha256(data).hexdigest())

    def lookup(self, key: str, trusted) -> tuple[Item, bool] | None:
        """The stored item of ``key`` and whether it was written, if its files are unchanged
        and ``trusted(html)``; None otherwise (the file is read)."""
        text = self.entries.get(key)
        if text is None:
            return None
        try:
            item, written, files = decode(text)
            written = bool(written)
        except (ValueError, KeyError, TypeError, AttributeError):
            self.dropped += 1
            return None
        if not isinstance(item, Item) or files != named_files(item) or not trusted(item.html):
            self.dropped += 1
            return None
        self.hits += 1
        self.used[key] = text
        return item, written

    def store(self, key: str, item: Item, trusted) -> None:
        """Keep ``item`` (read without errors) for the next build, if it can be encoded and its
        HTML passes ``trusted``."""
        if not trusted(item.html):
            return
        try:
            encoded = encode(item)
        except Unencodable:
            return
        data = [encoded, item.written, named_files(item)]
        self.used[key] = json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_cache: ItemCache | None = None


def current_cache() -> ItemCache | None:
    """The cache ``read_item`` answers from, if any."""
    return _cache


def use_cache(cache: ItemCache | None) -> None:
    global _cache
    _cache = cache
