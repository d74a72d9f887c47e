"""The path prefix of a development-layout build, and the rule that keeps a preview off the
production origin.

Contract:

- ``PORTAL_PATH_PREFIX`` (default ``""``) puts every site of a ``PORTAL_URL_MODE = "local"``
  build under ``<prefix>/<site-id>/`` instead of ``/<site-id>/``: a pull request's preview is
  served at ``https://<owner>.github.io/<repo>/pr-<N>/<site-id>/`` with the prefix
  ``/<repo>/pr-<N>``. It is part of every site root (``portal.urls.site_root``), so
  ``SITEURL``, links between sites, assets, feeds, calendars, canonical links, the search
  bundles and the header files all carry it; the output folders stay ``<output>/<site-id>/``.
  ``portal serve`` of such a build serves the output under the prefix (``/`` redirects there).
- ``path_prefix(settings)`` reads it: ``""`` or ``/seg[/seg…]`` (letters, digits, ``._~-``; no
  trailing slash, no ``.``/``..`` segment). Anything else, or a prefix with
  ``PORTAL_URL_MODE = "base_url"`` (production sites live at their own ``base_url``), raises
  ``PrefixError`` with a Vietnamese message and its English twin.
- ``PORTAL_PREVIEW = True`` (``previewconf.py``) marks a preview build: ``check_preview_origin``
  refuses a ``PORTAL_LOCAL_ORIGIN`` whose host is the host of a site's ``base_url`` in
  ``sites.yml``, a subdomain of one or a parent domain of one, so unreviewed content never
  shares cookies, storage or URLs with the portal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

SEGMENT = re.compile(r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$")


class PrefixError(ValueError):
    """A path prefix or preview origin the build cannot use."""

    def __init__(self, message: str, english: str):
        super().__init__(f"{message} ({english})")
        self.message = message
        self.english = english


def normalize(prefix: str) -> str:
    """``""`` or ``/a/b`` from what a settings file or a command line gives (``a/b/``, ``/a/b/``
    …); raises PrefixError for anything that is not plain path segments."""
    text = str(prefix or "").strip()
    if not text or text == "/":
        return ""
    segments = text.strip("/").split("/")
    for segment in segments:
        if segment in ("", ".", "..") or not SEGMENT.match(segment):
            raise PrefixError(
                f"PORTAL_PATH_PREFIX '{text}' không hợp lệ: chỉ gồm các đoạn chữ, số, '-', '_', "
                "'.', '~' cách nhau bởi '/', không có '..' hay '//'",
                f"invalid PORTAL_PATH_PREFIX '{text}': plain path segments only",
            )
    return "/" + "/".join(segments)


def path_prefix(settings: dict[str, Any]) -> str:
    """The build's normalised ``PORTAL_PATH_PREFIX`` (``""`` when unset)."""
    prefix = normalize(settings.get("PORTAL_PATH_PREFIX", ""))
    if prefix and settings.get("PORTAL_URL_MODE", "local") != "local":
        raise PrefixError(
            'PORTAL_PATH_PREFIX chỉ dùng với PORTAL_URL_MODE = "local" (bản xem thử); bản '
            "chính thức đặt mỗi trang tại base_url của nó",
            'PORTAL_PATH_PREFIX needs PORTAL_URL_MODE = "local"; production uses base_url',
        )
    return prefix


def host(url: str) -> str:
    return (urlsplit(str(url)).hostname or "").lower().rstrip(".")


def _related(one: str, other: str) -> bool:
    """The same host, or one a subdomain of the other (cookies of ``.example`` reach both)."""
    return one == other or one.endswith("." + other) or other.endswith("." + one)


def check_preview_origin(settings: dict[str, Any], base_urls: Iterable[str]) -> None:
    """For a preview build (``PORTAL_PREVIEW``): raises PrefixError when its origin is a
    production host (or a subdomain of one, or one of its parents) or it is not a local-layout
    build."""
    if not settings.get("PORTAL_PREVIEW"):
        return
    if settings.get("PORTAL_URL_MODE", "local") != "local":
        raise PrefixError(
            'bản xem thử phải dựng với PORTAL_URL_MODE = "local"',
            'a preview is built with PORTAL_URL_MODE = "local"',
        )
    origin = str(settings.get("PORTAL_LOCAL_ORIGIN") or "")
    own = host(origin)
    production = {host(url) for url in base_urls} - {""}
    if not own or any(_related(own, other) for other in production):
        raise PrefixError(
            f"bản xem thử không được đặt trên tên miền chính thức {own} (PORTAL_LOCAL_ORIGIN "
            f"= {origin}); hãy dùng tên miền riêng cho bản xem thử",
            f"the preview origin {origin} is (under) a production host of sites.yml",
        )
