"""Content of the e-mail tests (plain helpers; fixtures live in conftest.py)."""

from __future__ import annotations

SLUG = "hop-ban-ke-hoach-dau-tu-cong-nam-2027"
PATH = "huyen/invitations/hop-5.md"
UID = "giay-moi-hop-5@huyen.example"
GROUP = ["ct@huyen.example", "pct@huyen.example"]  # support.SITES_YML: huyen's lanh-dao


def invitation(**fields: str) -> str:
    """A valid invitation of the site ``huyen`` notifying ``lanh-dao`` and one address."""
    meta = {
        "title": '"Họp bàn kế hoạch đầu tư công năm 2027"',
        "date": "2026-11-20 08:00",
        "number": '"5/GM-UBND"',
        "start": "2026-12-01 08:00",
        "end": "2026-12-01 10:30",
        "location": '"Phòng họp số 1, UBND huyện"',
        "chair": '"Ông Nguyễn Văn Một, Chủ tịch UBND huyện"',
        "participants": '["Phòng Tài chính - Kế hoạch", "Phòng Kinh tế"]',
        "notify": "[lanh-dao, Ke.Toan@huyen.example]",
    }
    meta.update(fields)
    lines = "\n".join(f"{k}: {v}" for k, v in meta.items() if v is not None)
    return f"---\n{lines}\n---\nĐề nghị các đại biểu dự họp đúng giờ.\n"
