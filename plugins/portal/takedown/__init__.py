"""Takedowns: what stands at the URL of an item taken down after publication.

``error`` → 410 Gone: a ``410.html`` notice and CDN rules (``_redirects`` for Netlify-style hosts;
the nginx side is part of ``_nginx.conf``, written by ``portal.headers``); nothing of the item is
written.
``consolidated`` → a permanent redirect to ``redirect_to``: the same rules plus a small redirect
page at the old URL for hosts without rules. ``withdrawn`` pages are written by their own
generator with a withdrawal notice and are listed nowhere.

Signals: ``get_generators`` (add ``TakedownGenerator``). Settings read: ``PORTAL_CATALOG``.
"""

from __future__ import annotations

from pelican import signals

from portal.takedown.generator import TakedownGenerator


def get_generators(_pelican):
    return TakedownGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
