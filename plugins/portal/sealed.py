"""What a build keeps between runs as data: digests, and stores of sealed entries.

``digest(*parts)``: the SHA-256 of the parts, each followed by a NUL byte (so ``("ab", "c")``
and ``("a", "bc")`` differ); the one digest every cache and key of the build uses.

``SealedStore``: entries (text by key) in one JSON file with a format number, the code
fingerprint and, for each entry, a SHA-256 of (fingerprint, key, text). A truncated, corrupted,
hand-edited or stale file or entry is dropped on load (counted in ``dropped``), never trusted,
never a traceback. A digest anyone can recompute does not stop a deliberate edit: each store
also checks what it hands out (``portal.incremental.RenderCache``,
``portal.catalog.itemcache.ItemCache``). ``save`` keeps only what this build ``used``, so a
store never grows without end.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


class SealedStore:
    """Sealed entries of one kind; a subclass names its ``FORMAT`` and the ``FIELD`` its text
    is stored under."""

    FORMAT = 0
    FIELD = "text"

    def __init__(self, path: Path, fingerprint: str):
        self.path = path
        self.fingerprint = fingerprint
        self.entries: dict[str, str] = {}  # key -> text, as loaded
        self.used: dict[str, str] = {}  # what this build read or stored: the next build's store
        self.seals: dict[str, str] = {}  # key -> seal of the text loaded (checked on load)
        self.dropped = 0
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(stored, dict) or stored.get("format") != self.FORMAT:
            return
        if stored.get("fingerprint") != fingerprint or not isinstance(stored.get("entries"), dict):
            return
        for key, entry in stored["entries"].items():
            text = entry.get(self.FIELD) if isinstance(entry, dict) else None
            if isinstance(text, str) and entry.get("sha256") == self._seal(key, text):
                self.entries[key] = text
                self.seals[key] = entry["sha256"]
            else:
                self.dropped += 1

    def _seal(self, key: str, text: str) -> str:
        return digest(self.fingerprint, key, text)

    def save(self) -> None:
        """Write the entries of ``used``, one at a time: the same text as ``json.dumps`` of
        the whole store, without holding all of it in memory at once (the item cache of a
        province is tens of MB of JSON). An entry kept as loaded keeps the seal checked on
        load (same fingerprint, key and text: the same digest)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        head = {"format": self.FORMAT, "fingerprint": self.fingerprint}
        with temporary.open("w", encoding="utf-8") as out:
            out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "entries": {')
            for number, (key, text) in enumerate(self.used.items()):
                seal = self.seals.get(key) if self.entries.get(key) == text else None
                entry = {self.FIELD: text, "sha256": seal or self._seal(key, text)}
                out.write(", " if number else "")
                out.write(f"{json.dumps(key, ensure_ascii=False)}: ")
                out.write(json.dumps(entry, ensure_ascii=False))
            out.write("}}")
        temporary.replace(self.path)
