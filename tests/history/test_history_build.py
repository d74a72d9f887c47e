"""History on the built pages: "Cập nhật lúc" and the public update history from git, the
front-matter fallback outside git and in a shallow clone (one notice, no failure), and builds of
the same commit in two folders staying byte-identical."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import git
import pytest
from bs4 import BeautifulSoup
from gitrepo import GitRepo

from portal.build import build
from support import DEMO_NOW, SETTINGS, SITES_YML, article

TIN = "content/huyen/articles/tin.md"
HOI = "content/huyen/qa/hoi.md"
QA = """\
---
title: "Hỏi về cấp giấy chứng nhận"
date: 2026-10-01 08:00
question: "Bao lâu thì được cấp?"
asked_by: "Ông Trần Văn Hai"
{extra}---
Trả lời: 15 ngày.
"""
# (commit moment, front-matter lines of the article's version); the notes newest last.
ARTICLE_VERSIONS = [
    ("2026-10-01T08:00:00+07:00", {"date": "2026-10-01 07:30"}),
    ("2026-10-03T09:15:00+07:00", {"modified": "2026-10-03 09:00", "change_note": "Sửa số liệu"}),
    ("2026-10-04T10:00:00+07:00", {"modified": "2026-10-04 09:00", "change_note": "Bổ sung ảnh"}),
    (
        "2026-10-05T11:00:00+07:00",
        {"modified": "2026-10-04 09:00", "change_note": "Bổ sung ảnh", "minor": "true"},
    ),
    (
        "2026-10-06T08:00:00+07:00",
        {"modified": "2026-10-06 07:00", "change_note": "Thêm danh sách"},
    ),
    ("2026-10-07T08:00:00+07:00", {"modified": "2026-10-07 07:00", "change_note": "Đính chính"}),
]


def article_version(number: int, fields: dict[str, str]) -> str:
    lines = {"date": "2026-10-01 07:30", **fields}
    if "change_note" in lines:
        lines["change_note"] = f'"{lines["change_note"]}"'
    return article("Tin có cập nhật", body=f"Bản {number}.", **lines)


@pytest.fixture(scope="module")
def portal_repo(tmp_path_factory) -> Path:
    """A portal repository: an article updated five times, a Q&A updated once."""
    root = tmp_path_factory.mktemp("history") / "repo"
    repo = GitRepo(root)
    for number, (when, fields) in enumerate(ARTICLE_VERSIONS):
        files = {TIN: article_version(number, fields)}
        if number == 0:
            files |= {
                "content/sites.yml": SITES_YML,
                "content/xa/.gitkeep": "",
                HOI: QA.format(extra=""),
            }
        repo.commit(f"Bản {number}", when, files)
    repo.commit(
        "Hỏi đáp: bổ sung căn cứ",
        "2026-10-05T15:00:00+07:00",
        {HOI: QA.format(extra='modified: 2026-10-05 14:00\nchange_note: "Bổ sung căn cứ"\n')},
    )
    repo.close()
    return root


def built(content: Path, output: Path, **kwargs):
    return build(content, output, SETTINGS, now=DEMO_NOW, search=False, **kwargs)


def page(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def updated_at(soup: BeautifulSoup) -> str | None:
    found = soup.select_one(".pt-article__updated time")
    return found["datetime"] if found else None


def history_entries(soup: BeautifulSoup) -> list[tuple[str, str, bool]]:
    """(datetime, note, folded in <details>) of each entry, in page order."""
    return [
        (
            li.select_one("time")["datetime"],
            li.select_one(".pt-history__note").get_text(strip=True),
            li.find_parent("details") is not None,
        )
        for li in soup.select(".pt-history li")
    ]


@pytest.fixture(scope="module")
def from_git(portal_repo, tmp_path_factory):
    """The repository's content built with its history."""
    output = tmp_path_factory.mktemp("from-git") / "output"
    result = built(portal_repo / "content", output)
    return output, result


def test_article_shows_update_history_newest_first_older_folded(from_git):
    output, result = from_git
    assert result.notices == []
    soup = page(output, "huyen/tin-tuc/tin-co-cap-nhat")
    assert soup.select_one(".pt-history__title").get_text(strip=True) == "Lịch sử cập nhật"
    assert history_entries(soup) == [
        ("2026-10-07T08:00:00+07:00", "Đính chính", False),
        ("2026-10-06T08:00:00+07:00", "Thêm danh sách", False),
        ("2026-10-04T10:00:00+07:00", "Bổ sung ảnh", False),
        ("2026-10-03T09:15:00+07:00", "Sửa số liệu", True),
    ]
    summary = soup.select_one(".pt-history details > summary").get_text(strip=True)
    assert summary == "Xem thêm 1 lần cập nhật trước"
    # The last non-minor change landed at 08:00, after the front matter's 07:00.
    assert updated_at(soup) == "2026-10-07T08:00:00+07:00"
    assert soup.select_one(".pt-article__change") is None  # the list replaces the single note


def test_feed_and_sitemap_carry_the_same_update_time(from_git):
    output, _ = from_git
    feed = json.loads((output / "huyen/feed.json").read_text(encoding="utf-8"))
    (entry,) = [e for e in feed["items"] if e["url"].endswith("/tin-tuc/tin-co-cap-nhat/")]
    assert entry["date_modified"] == "2026-10-07T08:00:00+07:00"  # the commit, as on the page
    sitemap = (output / "huyen/sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r"tin-co-cap-nhat/</loc>\s*<lastmod>2026-10-07</lastmod>", sitemap)


def test_typed_item_shows_update_time_and_history(from_git):
    output, _ = from_git
    soup = page(output, "huyen/hoi-dap/hoi-ve-cap-giay-chung-nhan")
    assert updated_at(soup) == "2026-10-05T15:00:00+07:00"
    assert history_entries(soup) == [("2026-10-05T15:00:00+07:00", "Bổ sung căn cứ", False)]
    assert soup.select_one(".pt-history details") is None  # short: nothing folded
    assert soup.select_one(".pt-history")["data-pagefind-ignore"] is not None


def front_matter_only(output: Path) -> None:
    soup = page(output, "huyen/tin-tuc/tin-co-cap-nhat")
    assert soup.select_one(".pt-history") is None
    assert updated_at(soup) == "2026-10-07T07:00:00+07:00"  # the front matter's modified
    note = soup.select_one(".pt-article__change").get_text(" ", strip=True)
    assert note == "Ghi chú cập nhật: Đính chính"
    qa = page(output, "huyen/hoi-dap/hoi-ve-cap-giay-chung-nhan")
    assert updated_at(qa) == "2026-10-05T14:00:00+07:00"


def test_content_outside_git_uses_front_matter_silently(portal_repo, tmp_path):
    plain = tmp_path / "plain" / "content"
    shutil.copytree(portal_repo / "content", plain)
    result = built(plain, tmp_path / "output")
    assert result.notices == []
    front_matter_only(tmp_path / "output")


def test_history_can_be_switched_off(portal_repo, tmp_path):
    result = built(portal_repo / "content", tmp_path / "output", history=False)
    assert result.notices == []
    front_matter_only(tmp_path / "output")


def test_shallow_clone_builds_from_front_matter_with_one_notice(portal_repo, tmp_path):
    clone = tmp_path / "shallow"
    git.Repo.clone_from(f"file://{portal_repo}", clone, depth=1).close()
    result = built(clone / "content", tmp_path / "output")
    assert len(result.notices) == 1
    assert "shallow" in result.notices[0] and "bản sao nông" in result.notices[0]
    front_matter_only(tmp_path / "output")


def test_cli_prints_the_shallow_notice_once(portal_repo, tmp_path):
    clone = tmp_path / "shallow"
    git.Repo.clone_from(f"file://{portal_repo}", clone, depth=1).close()
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("portal")),
            "build",
            "--content",
            str(clone / "content"),
            "--output",
            str(tmp_path / "output"),
            "--settings",
            str(SETTINGS),
            "--now",
            "2026-11-22 12:00",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    warnings = [line for line in done.stderr.splitlines() if "shallow" in line]
    assert len(warnings) == 1, done.stderr
    assert warnings[0].startswith("Cảnh báo: ")
    assert "WARNING" not in done.stderr and "Traceback" not in done.stderr


def test_two_clones_of_one_commit_build_identically(portal_repo, tmp_path):
    outputs = []
    for name in ("one", "two/deeper"):
        clone = tmp_path / name / "repo"
        git.Repo.clone_from(f"file://{portal_repo}", clone).close()
        output = tmp_path / name / "output"
        built(clone / "content", output)
        outputs.append(output)
    files = [
        {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        for out in outputs
    ]
    assert files[0].keys() == files[1].keys()
    differing = [name for name in files[0] if files[0][name] != files[1][name]]
    assert not differing, differing[:10]
    assert b"pt-history" in files[0]["huyen/tin-tuc/tin-co-cap-nhat/index.html"]
