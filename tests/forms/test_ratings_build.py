"""Ratings come back into the build: ``portal forms export`` writes a site's counts, the build
shows "N lượt đánh giá · x% hài lòng" on an answer from MIN_RATINGS ratings on, a new file
rebuilds the site (incremental), a broken file stops the build naming it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portal.build import build
from portal.errors import ContentErrors
from portal.forms import export
from portal.forms.store import Store
from portal.frontmatter.fields import TIMEZONE
from support import REPO, SETTINGS

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=TIMEZONE)
ITEM = "tag:huyen.example,2026:huyen/qa/khai-sinh"
OTHER = "tag:huyen.example,2026:huyen/qa/ho-khau"


def qa(title: str, issue: str = "") -> str:
    extra = f"answers_issue: {issue}\n" if issue else ""
    return (
        f'---\ntitle: "{title}"\ndate: 2026-11-20 08:30\nquestion: "Xin hỏi…"\n'
        f'asked_by: "Nguyễn Văn An, xã Thử Nghiệm"\nasked: 2026-11-10\n{extra}---\nTrả lời.\n'
    )


def settings(tmp_path: Path, ratings: Path) -> Path:
    path = tmp_path / "settings.py"
    path.write_text(
        SETTINGS.read_text(encoding="utf-8")
        + f"\nTHEME = {str(REPO / 'theme')!r}\nPORTAL_RATINGS_PATH = {str(ratings)!r}\n"
        + f"PORTAL_STATS_PATH = {str(tmp_path / 'no-stats')!r}\n",
        encoding="utf-8",
    )
    return path


def _rate(store: Store, item: str, scores: list[int]) -> None:
    for n, score in enumerate(scores):
        store.rate("huyen", item, "", score, f"10.0.0.{n}", NOW)


def _shown(output: Path, url: str) -> str:
    soup = BeautifulSoup((output / "huyen" / url / "index.html").read_text("utf-8"), "html.parser")
    found = soup.select_one(".pt-rating")
    return found.get_text(" ", strip=True) if found else ""


def test_ratings_show_on_answers_and_rebuild(tmp_path, make_content):
    content = make_content(
        {"huyen/qa/khai-sinh.md": qa("Khai sinh"), "huyen/qa/ho-khau.md": qa("Hộ khẩu")}
    )
    ratings = tmp_path / "ratings"
    store = Store(tmp_path / "forms.sqlite3")
    _rate(store, ITEM, [5, 4, 4, 2, 1, 5, 3])  # 7 ratings, 4 satisfied: 57 %
    _rate(store, OTHER, [5, 5, 5, 5])  # 4 ratings: below the threshold
    export.export(store, ratings, ["huyen", "xa"])
    data = json.loads((ratings / "huyen.json").read_text("utf-8"))
    assert data["ratings"][ITEM]["days"] == {"2026-11-22": [1, 1, 1, 2, 2]}
    assert "10.0.0" not in (ratings / "huyen.json").read_text("utf-8")
    output = tmp_path / "output"
    conf = settings(tmp_path, ratings)
    build(content, output, conf, now=NOW, search=False)
    assert _shown(output, "hoi-dap/khai-sinh") == "7 lượt đánh giá · 57% hài lòng"
    assert _shown(output, "hoi-dap/ho-khau") == ""
    # One more rating of the other answer reaches the threshold: the site is built again.
    _rate(store, OTHER, [1, 1, 1, 1])  # the same four readers again, the same day: not counted
    export.export(store, ratings, ["huyen", "xa"])
    result = build(content, output, conf, now=NOW, search=False)
    assert all(s.kept for s in result.sites)  # the same counts, the same bytes: nothing rebuilt
    assert _shown(output, "hoi-dap/ho-khau") == ""
    store.rate("huyen", OTHER, "", 2, "10.0.0.9", NOW)
    export.export(store, ratings, ["huyen", "xa"])
    result = build(content, output, conf, now=NOW, search=False)
    assert {s.site for s in result.sites if not s.kept} == {"huyen"}
    assert _shown(output, "hoi-dap/ho-khau") == "5 lượt đánh giá · 80% hài lòng"
    # The Q&A listing links the answers sorted by satisfaction.
    listing = BeautifulSoup((output / "huyen/hoi-dap/index.html").read_text("utf-8"), "html.parser")
    link = listing.find("a", string="Xếp theo mức hài lòng")
    assert link["href"] == "/huyen/hoi-dap/hai-long-nhat/"
    ranked = BeautifulSoup(
        (output / "huyen/hoi-dap/hai-long-nhat/index.html").read_text("utf-8"), "html.parser"
    )
    rows = [li.get_text(" ", strip=True) for li in ranked.select(".pt-rows__item")]
    assert rows == [
        "Hộ khẩu 5 lượt đánh giá · 80% hài lòng",
        "Khai sinh 7 lượt đánh giá · 57% hài lòng",
    ]
    store.close()


def test_broken_ratings_file_stops_the_build(tmp_path, make_content):
    content = make_content({"huyen/qa/khai-sinh.md": qa("Khai sinh")})
    ratings = tmp_path / "ratings"
    ratings.mkdir()
    (ratings / "huyen.json").write_text('{"format": 1, "site": "xa", "ratings": {}}', "utf-8")
    with pytest.raises(ContentErrors) as caught:
        build(content, tmp_path / "out", settings(tmp_path, ratings), now=NOW, search=False)
    (error,) = caught.value.report.errors
    assert error.path.endswith("huyen.json") and error.field == "ratings"
    assert "không đúng định dạng" in error.message
