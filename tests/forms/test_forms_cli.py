"""portal forms deliver and export from the command line, on a store the endpoint left."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner
from forms_support import TOKEN

from portal.cli import main
from portal.forms.store import Store
from portal.frontmatter.fields import TIMEZONE
from support import DEMO_CONTENT

WHEN = dt.datetime(2026, 11, 21, 9, 0, tzinfo=TIMEZONE)
ISSUE = {"title": "[Góp ý] Thử", "body": "…", "labels": ["gop-y"], "assignees": []}


def test_deliver_and_export(tmp_path, github):
    db = tmp_path / "forms.sqlite3"
    store = Store(db)
    store.add_submission(
        "feedback", "tinh-lam-giang", "", WHEN, lambda ref: ISSUE, "a@b.vn", "", "GY"
    )
    store.rate("tinh-lam-giang", "tag:x", "", 5, "192.0.2.1", WHEN)
    store.close()
    env = {"PORTAL_FORMS_GITHUB_TOKEN": TOKEN}
    run = ["forms", "deliver", "--db", str(db), "--repo", "o/r", "--api-url", github.url]
    github.down = True
    try:
        queued = CliRunner().invoke(main, run, env=env)
    finally:
        github.down = False
    assert queued.exit_code == 1 and "còn chờ 1" in queued.output
    sent = CliRunner().invoke(main, run, env=env)
    assert sent.exit_code == 0 and "Đã gửi 1, còn chờ 0" in sent.output
    out = tmp_path / "ratings"
    done = CliRunner().invoke(
        main,
        ["forms", "export", "--db", str(db), "--content", str(DEMO_CONTENT), "--out", str(out)],
    )
    assert done.exit_code == 0, done.output
    data = json.loads((out / "tinh-lam-giang.json").read_text("utf-8"))
    assert data["ratings"]["tag:x"]["days"] == {"2026-11-21": [0, 0, 0, 0, 1]}
    assert data["received"] == {"feedback": {"2026-11-21": 1}, "question": {}}
    assert sorted(p.name for p in out.iterdir()) == [
        "phuong-cau-moi.json",
        "tinh-lam-giang.json",
        "xa-dao-thanh.json",
        "xa-phuoc-dinh.json",
    ]
