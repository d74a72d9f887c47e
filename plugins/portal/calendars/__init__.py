"""ICS calendars (RFC 5545): a subscribable calendar per site (``lich-cong-tac/lich.ics``: every
row of the public schedules and every public invitation) and one ``giay-moi.ics`` beside each
public invitation's page. ``portal.notify`` e-mails the same events (``portal.calendars.ics``).

Signals: ``get_generators`` (``CalendarGenerator``). Settings read: ``PORTAL_SITE``,
``PORTAL_CATALOG``, ``PORTAL_LOCAL`` and ``PORTAL_LOCAL_ORIGIN`` (absolute URLs, through
``portal.urls.absolute_root``). Context set: ``CALENDAR_URL``, ``INVITATION_ICS``.
"""

from __future__ import annotations

from pelican import signals

from portal.calendars.generator import CalendarGenerator


def get_generators(_pelican):
    return CalendarGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
