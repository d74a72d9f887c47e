"""Absolute links in an item's HTML, for feeds read far from the site: a relative reference
(``quyet-dinh-12.pdf``, ``#chu-thich``) resolves against the item's page, a site path
(``/van-ban/``) against the site's root, and ``srcset`` candidates likewise.

Works on sanitised HTML, where every attribute value is double-quoted with ``"`` escaped
(``portal.markup.render``); links are looked for inside start tags only, never in text.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

# A start tag as the sanitiser writes it; a quoted value may hold ``>``.
_START_TAG = re.compile(r'<[a-zA-Z][^\s/>]*(?:\s+[^\s"\'=/>]+(?:="[^"]*")?)*\s*/?>')
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src))="([^"]*)"')
_SRCSET = re.compile(r'(\ssrcset)="([^"]*)"')


def absolute_url(value: str, page_url: str, root: str) -> str:
    """``value`` as an absolute URL; one with a scheme or host is left as it is."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return value
    if value.startswith("/"):
        return f"{root}{value}"
    return urljoin(page_url, value)


def absolute_srcset(value: str, page_url: str, root: str) -> str:
    """``a-480w.webp 480w, a-800w.webp 800w`` with each candidate's URL made absolute."""
    candidates = []
    for candidate in value.split(","):
        if not candidate.strip():
            continue
        url, *descriptor = candidate.split()
        candidates.append(" ".join([absolute_url(url, page_url, root), *descriptor]))
    return ", ".join(candidates)


def absolute_links(fragment: str, page_url: str, root: str) -> str:
    """``fragment`` with every ``href``, ``src`` and ``srcset`` absolute."""

    def attribute(match: re.Match[str]) -> str:
        url = absolute_url(html.unescape(match[2]), page_url, root)
        return f'{match[1]}="{html.escape(url)}"'

    def srcset(match: re.Match[str]) -> str:
        value = html.unescape(match[2]).strip()
        if not value:
            return match[0]
        return f'{match[1]}="{html.escape(absolute_srcset(value, page_url, root))}"'

    def tag(match: re.Match[str]) -> str:
        return _SRCSET.sub(srcset, _URL_ATTRIBUTE.sub(attribute, match[0]))

    return _START_TAG.sub(tag, fragment)
