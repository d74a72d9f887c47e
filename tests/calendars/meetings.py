"""Content of the calendar tests: an invitation and a weekly schedule, as collaborators write
them (plain helpers; fixtures live in conftest.py)."""

from __future__ import annotations

from support import PDF
from support import invitation as base_invitation


def invitation(**fields: str) -> str:
    """A valid invitation's text, with extra or overriding front-matter lines."""
    return base_invitation(**{"files": "[gm-5.pdf]", **fields})


SCHEDULE = """\
---
title: "Lịch công tác tuần 49 năm 2026"
date: 2026-11-21 16:00
week: 2026-W49
owner: "Thường trực UBND huyện"
items:
  - date: 2026-11-30
    time: "07:30"
    content: "Họp giao ban Thường trực UBND huyện"
    chair: "Chủ tịch UBND huyện"
    participants: ["Các Phó Chủ tịch", "Chánh Văn phòng"]
    location: "Phòng họp số 2"
    prepared_by: "Văn phòng HĐND và UBND huyện"
  - date: 2026-11-30
    time: "07:30"
    content: "Tiếp công dân định kỳ"
    chair: "Phó Chủ tịch UBND huyện"
  - date: 2026-12-01
    content: "Làm việc tại xã Thử Nghiệm"
  - date: 2026-12-01
    time: "08:00"
    content: "Họp bàn kế hoạch đầu tư công"
    invitation: "5/GM-UBND"
---
"""


def meeting_files(**fields: str) -> dict[str, str | bytes]:
    """The invitation (``huyen/invitations/hop-5.md``), its PDF and the week's schedule."""
    return {
        "huyen/invitations/hop-5.md": invitation(**fields),
        "huyen/invitations/gm-5.pdf": PDF,
        "huyen/schedules/tuan-49.md": SCHEDULE,
    }
