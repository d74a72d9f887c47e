"""Compiled templates shared by every Pelican run of a build.

Pelican gives each generator of each site its own Jinja environment, and each environment
compiles every template it loads again: on a parent and 12 members that was ~900 compilations
and about a tenth of a cold build. Jinja's bytecode cache keys an entry by template name and
file and checks it against the source's checksum, so an edited template is compiled afresh;
kept in memory, the cache lives as long as the ``portal`` process.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


SHARED = MemoryBytecodeCache()
