"""Write the calendars of one site: ``lich-cong-tac/lich.ics`` (subscribable) and
``giay-moi/<slug>/giay-moi.ics`` beside every public invitation."""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator

from portal.calendars.ics import (
    CALENDAR_PATH,
    INVITATION_FILE,
    invitation_calendar,
    item_uid,
    site_calendar,
    to_bytes,
)
from portal.urls import absolute_root

logger = logging.getLogger(__name__)


class CalendarGenerator(Generator):
    def generate_context(self) -> None:
        self.context["CALENDAR_URL"] = CALENDAR_PATH
        self.context["INVITATION_ICS"] = INVITATION_FILE

    def generate_output(self, writer) -> None:
        site = self.settings["PORTAL_SITE"]
        catalog = self.settings["PORTAL_CATALOG"]
        root = absolute_root(site, self.settings)
        items = [i for i in catalog.items if i.listed]
        self._check_uids(items, site)
        self._write(CALENDAR_PATH, to_bytes(site_calendar(site, items, root)))
        for item in items:
            if item.kind == "invitations":
                calendar = invitation_calendar(item, site, root)
                self._write(f"{item.url}{INVITATION_FILE}", to_bytes(calendar))

    def _write(self, relpath: str, data: bytes) -> None:
        path = os.path.join(self.output_path, relpath)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)

    @staticmethod
    def _check_uids(items, site) -> None:
        """Two files folding to the same name would merge their events in every client."""
        seen: dict[str, str] = {}
        for item in items:
            if item.kind not in ("schedules", "invitations"):
                continue
            uid = item_uid(item, site)
            if uid in seen:
                logger.error(
                    "lịch: %s và %s cho cùng mã sự kiện %s; hãy đổi tên một tệp "
                    "(two files give the same calendar UID; rename one)",
                    seen[uid],
                    item.relpath,
                    uid,
                )
            seen[uid] = item.relpath
