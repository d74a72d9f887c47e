"""Lay out every schedule by day and session, link weeks and invitations, and write the current
week at a stable URL (``lich-cong-tac/tuan-nay/``)."""

from __future__ import annotations

from pelican.generators import Generator

from portal.paths import THIS_WEEK as THIS_WEEK_FOLDER
from portal.schedules.week import current, days, link_weeks
from portal.types import get
from portal.types.schedules import week_bounds

THIS_WEEK = f"{get('schedules').url_prefix}/{THIS_WEEK_FOLDER}/"


class WeekGenerator(Generator):
    def generate_context(self) -> None:
        sections = self.context["sections"]
        invitations = {i.item.meta["number"]: i for i in sections.get("invitations", [])}
        schedules = sections.get("schedules", [])
        for schedule in schedules:
            schedule.days = days(schedule.item.meta, invitations)
            schedule.week_bounds = week_bounds(schedule.item.meta["week"])  # listings show them
        link_weeks(schedules)
        self.this_week = current(schedules, self.settings["PORTAL_NOW"].date())
        self.context["this_week"] = self.this_week  # the home page shows it too
        self.context["THIS_WEEK_URL"] = THIS_WEEK

    def generate_output(self, writer) -> None:
        latest = self.context["sections"].get("schedules", [])[:1]
        writer.write_file(
            f"{THIS_WEEK}index.html",
            self.get_template("this_week"),
            self.context,
            url=THIS_WEEK,
            schedules=self.this_week,
            latest=latest[0] if latest else None,
        )
