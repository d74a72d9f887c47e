"""Page keys nobody can multiply: one spelling of a path per page, and a bound on what a key is.

``normalise`` spells a requested path the way nginx resolves it before serving a file (its
``ngx_http_parse_complex_uri``): percent-escapes decoded once (``%2E`` is a dot, ``%2F`` a
slash, ``%68`` an ``h``), repeated slashes merged (``merge_slashes on``), then the dot segments
``.`` and ``..`` removed as RFC 3986 §5.2.4 says (``..`` never climbs above the root). Case is
kept: nginx on Linux and S3 behind CloudFront serve ``/Tin-Tuc/`` as another file (a 404).
So ``/tin-tuc/x/../``, ``/tin-tuc/%2E%2E/tin-tuc/``, ``//tin-tuc/./`` are all ``/tin-tuc/``, the
one page they served, and ``index.html`` is dropped later by ``logs.page_key``.

``acceptable`` bounds what remains: at most ``KEY_MAX`` characters, none of them a control or
format character, whitespace, U+FFFD (bytes that were not UTF-8), ``%`` (an escape left after
one decoding: nginx would have looked for a file of that name), ``? #`` or the characters
RFC 3986 never allows in a path (``" < > \\ ^ ` { | } [ ]``). The site's own URLs are slugs of
letters, digits and ``- . _ /``, so a key that fails is no page of it; the line is an ``asset``.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

KEY_MAX = 512  # characters of a page key
_SLASHES = re.compile(r"/{2,}")
_REFUSED = re.compile(r'[\x00-\x20\x7f-\x9f"%<>\\^`{|}?#\[\]\ufffd]|\s')


def normalise(path: str) -> str:
    """``path`` (as requested, percent-encoded, without query) as the file server resolves it:
    decoded, slashes merged, dot segments removed; always starting with ``/``."""
    return resolve(unquote(path, errors="replace"))


def resolve(path: str) -> str:
    """``path`` (decoded) with slashes merged and dot segments removed; starts with ``/``."""
    path = _SLASHES.sub("/", "/" + path)
    if "." not in path:
        return path
    parts = path.split("/")[1:]
    out: list[str] = []
    for index, segment in enumerate(parts):
        if segment in (".", ".."):
            if segment == ".." and out:
                out.pop()
            if index == len(parts) - 1:
                out.append("")  # "/a/.." is the folder "/", like "/a/."
        else:
            out.append(segment)
    return "/" + "/".join(out)


def acceptable(key: str) -> bool:
    """Whether ``key`` may be counted: short, and made of characters a page's URL can hold."""
    if len(key) > KEY_MAX or _REFUSED.search(key):
        return False
    return key.isascii() or not any(unicodedata.category(c) in ("Cf", "Co", "Cs") for c in key)
