"""Weekly work schedules: the week by day and session, previous/next week of the same owner,
links to the invitations a row names, and the current week at ``lich-cong-tac/tuan-nay/``.

Signals: ``get_generators`` (``WeekGenerator``, after the sections generator).
Settings read: ``PORTAL_NOW``.
"""

from __future__ import annotations

from pelican import signals

from portal.schedules.generator import WeekGenerator


def get_generators(_pelican):
    return WeekGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
