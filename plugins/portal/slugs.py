"""Folding Vietnamese text to ASCII for slugs and search: tone marks dropped, đ → d."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Return ``text`` without diacritics, with đ/Đ as d/D, other characters kept."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(text: str) -> str:
    """``Đăng ký đất đai`` → ``dang-ky-dat-dai``; empty when nothing alphanumeric is left."""
    return _NON_ALNUM.sub("-", fold(text).lower()).strip("-")
