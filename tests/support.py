"""Shared test helpers (plain functions and constants; fixtures live in conftest.py)."""

from __future__ import annotations

import datetime as dt
import subprocess
import textwrap
from pathlib import Path

from portal.frontmatter.fields import TIMEZONE

REPO = Path(__file__).resolve().parents[1]
SETTINGS = REPO / "pelicanconf.py"
DEMO_CONTENT = REPO / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The demo is dated up to 2026-11-21; building "at" this moment keeps tests independent of today.
DEMO_NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=TIMEZONE)

SITES_YML = """\
- id: huyen
  name: "Ủy ban nhân dân huyện Thử Nghiệm"
  role: parent
  base_url: https://huyen.example
  contact: {address: "Số 1 đường Chính", phone: "0270 000 000", email: vp@huyen.example,
            responsible: "Ông Nguyễn Văn Một"}
  categories: ["Tin tức - Sự kiện", "Thông báo"]
  groups:
    lanh-dao: [ct@huyen.example, pct@huyen.example]
- id: xa
  name: "Ủy ban nhân dân xã Thử Nghiệm"
  role: member
  parent: huyen
  base_url: https://xa.example
  categories: ["Tin tức - Sự kiện"]
"""

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative path → text or bytes) under ``root``; text is dedented."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return root


def article(title: str = "Tin thử nghiệm", body: str = "Nội dung tin.", **fields: str) -> str:
    """A valid article's text, with extra or overriding front-matter lines."""
    meta = {"title": f'"{title}"', "date": "2026-11-20 08:30", "category": '"Thông báo"'}
    meta.update(fields)
    lines = "\n".join(f"{k}: {v}" for k, v in meta.items())
    return f"---\n{lines}\n---\n{body}\n"


def invitation(**fields: str | None) -> str:
    """A valid invitation of the site ``huyen`` (no attachment) notifying its ``lanh-dao`` group
    and one address, with extra or overriding front-matter lines (``None`` drops a line)."""
    meta: dict[str, str | None] = {
        "title": '"Họp bàn kế hoạch đầu tư công năm 2027"',
        "date": "2026-11-20 08:00",
        "number": '"5/GM-UBND"',
        "start": "2026-12-01 08:00",
        "end": "2026-12-01 10:30",
        "location": '"Phòng họp số 1, UBND huyện"',
        "chair": '"Ông Nguyễn Văn Một, Chủ tịch UBND huyện"',
        "participants": '["Phòng Tài chính - Kế hoạch", "Phòng Kinh tế"]',
        "notify": "[lanh-dao, ke.toan@huyen.example]",
    }
    meta.update(fields)
    lines = "\n".join(f"{k}: {v}" for k, v in meta.items() if v is not None)
    return f"---\n{lines}\n---\nĐề nghị các đại biểu dự họp đúng giờ.\n"


def run_step(
    script: str, cwd: Path, environment: dict[str, str], output: Path
) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """A workflow's ``run:`` script as the runner runs it (bash -eo pipefail, no profile) in
    ``environment``; its result and what it wrote to ``$GITHUB_OUTPUT`` (``output``)."""
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    outputs = dict(
        line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if line
    )
    return done, outputs
