"""Folding Vietnamese text to ASCII for slugs and search: tone marks dropped, đ → d.

A slug is at most ``MAX_SLUG`` characters (ASCII, so bytes), cut at a word: it becomes a folder
or file name (``tin-tuc/<slug>/``, ``giay-moi-<slug>.ics``), and no path component may pass the
file systems' 255 bytes whatever the length of the title it comes from."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Longer than any title of the demo (106) and readable in a link; with the longest prefix or
# suffix added to it (``giay-moi-…ics``) far under 255 bytes.
MAX_SLUG = 150


def fold(text: str) -> str:
    """Return ``text`` without diacritics, with đ/Đ as d/D, other characters kept."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(text: str, limit: int = MAX_SLUG) -> str:
    """``Đăng ký đất đai`` → ``dang-ky-dat-dai``; empty when nothing alphanumeric is left; cut
    at the last whole word within ``limit`` characters (mid-word only for one longer word)."""
    slug = _NON_ALNUM.sub("-", fold(text).lower()).strip("-")
    if len(slug) <= limit:
        return slug
    cut = slug.rfind("-", 0, limit + 1)
    return slug[:cut] if cut > 0 else slug[:limit]
