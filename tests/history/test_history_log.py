"""The git history pass on real repositories with fixed dates: creation and change dates,
authors, renames, merges, change notes after publication, shallow clones, folders outside git,
and the one-pass property (a fixed number of git processes whatever the number of files)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
from pathlib import Path

import git
import pytest
from gitrepo import GitRepo

from portal.frontmatter.fields import TIMEZONE
from portal.history import Person, item_history, read_history
from support import article

LAN = ("Trần Thị Lan", "lan@xa.example")
MINH = ("Lê Văn Minh", "minh@huyen.example")
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=TIMEZONE)


def at(text: str) -> dt.datetime:
    """A moment in Vietnam: ``2026-10-05 09:00``."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=TIMEZONE)


def iso(text: str) -> str:
    return f"{text.replace(' ', 'T')}:00+07:00"


@pytest.fixture
def repo(tmp_path):
    """An empty git repository with a content/ folder to come."""
    made = GitRepo(tmp_path / "repo")
    yield made
    made.close()


def content(repo: GitRepo) -> Path:
    return repo.root / "content"


def log_of(repo: GitRepo, rel: str):
    history = read_history(content(repo))
    assert history.source == "git", history.notice
    return history.files[str(content(repo) / rel)]


A = "huyen/articles/a.md"


def test_created_modified_and_authors(repo):
    repo.commit("Thêm tin", iso("2026-10-01 08:00"), {f"content/{A}": article()}, author=LAN)
    repo.commit("Việc khác", iso("2026-10-02 08:00"), {"README.md": "x"})
    repo.commit(
        "Sửa tin",
        iso("2026-10-05 14:30"),
        {f"content/{A}": article(body="Nội dung mới.")},
        author=MINH,
    )
    log = log_of(repo, A)
    assert [(c.date, c.status, c.subject) for c in log.changes] == [
        (at("2026-10-01 08:00"), "A", "Thêm tin"),
        (at("2026-10-05 14:30"), "M", "Sửa tin"),
    ]
    assert all(c.date.tzinfo == TIMEZONE for c in log.changes)
    assert log.changes[1].sha == repo.repo.head.commit.hexsha
    meta = {"date": at("2026-10-01 07:00")}
    history = item_history(log, meta, NOW)
    assert history.created == at("2026-10-01 08:00")
    assert history.last_commit == at("2026-10-05 14:30")
    assert history.authors == (Person(*LAN), Person(*MINH))
    assert history.creators == (Person(*LAN),)
    assert history.last_update == at("2026-10-05 14:30")  # not minor: a real update


def test_renamed_file_keeps_its_creation_and_changes(repo):
    repo.commit("Thêm", iso("2026-10-01 08:00"), {"content/huyen/articles/cu.md": article()})
    repo.commit(
        "Đổi tên", iso("2026-10-03 08:00"), moves={"content/huyen/articles/cu.md": f"content/{A}"}
    )
    repo.commit("Sửa", iso("2026-10-04 08:00"), {f"content/{A}": article(body="Khác hẳn.")})
    history = read_history(content(repo))
    assert str(content(repo) / "huyen/articles/cu.md") not in history.files
    log = history.files[str(content(repo) / A)]
    assert [(c.status, c.date) for c in log.changes] == [
        ("A", at("2026-10-01 08:00")),
        ("R", at("2026-10-03 08:00")),
        ("M", at("2026-10-04 08:00")),
    ]
    assert log.changes[1].same_content  # a pure rename changes nothing a reader sees
    shown = item_history(log, {"date": at("2026-10-01 08:00")}, NOW)
    assert shown.created == at("2026-10-01 08:00")
    assert shown.last_update == at("2026-10-04 08:00")


def test_rename_alone_is_not_an_update(repo):
    repo.commit("Thêm", iso("2026-10-01 08:00"), {"content/huyen/articles/cu.md": article()})
    repo.commit(
        "Đổi tên", iso("2026-10-03 08:00"), moves={"content/huyen/articles/cu.md": f"content/{A}"}
    )
    shown = item_history(log_of(repo, A), {"date": at("2026-10-01 08:00")}, NOW)
    assert shown.last_update is None
    assert len(shown.changes) == 2


def test_merge_counts_once_dated_when_it_landed_credited_to_the_branch_authors(repo):
    repo.commit("Khởi tạo", iso("2026-10-01 08:00"), {f"content/{A}": article()})
    repo.git("checkout", "-q", "-b", "pr")
    repo.commit("Sửa lần 1", iso("2026-10-02 08:00"), {f"content/{A}": article(body="1")}, LAN)
    repo.commit(
        "Sửa lần 2 và thêm tin",
        iso("2026-10-03 08:00"),
        {f"content/{A}": article(body="2"), "content/huyen/articles/c.md": article("Tin C")},
        LAN,
    )
    repo.git("checkout", "-q", "main")
    repo.commit(
        "Tin B", iso("2026-10-04 08:00"), {"content/huyen/articles/b.md": article("B")}, MINH
    )
    # The branch brings main in (a side merge): B must not be credited to the branch.
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "--no-ff", "-m", "Cập nhật nhánh", "main", when=iso("2026-10-05 08:00"))
    repo.git("checkout", "-q", "main")
    merge = repo.merge("pr", "Merge pull request #7", iso("2026-10-06 09:00"))
    history = read_history(content(repo))
    a = history.files[str(content(repo) / A)]
    assert [(c.sha, c.date) for c in a.changes][1:] == [(merge, at("2026-10-06 09:00"))]
    assert len(a.changes) == 2  # the branch's two edits are one change on the main line
    assert a.changes[1].authors == (Person(*LAN),)
    assert a.changes[1].subject == "Merge pull request #7"
    c = history.files[str(content(repo) / "huyen/articles/c.md")]
    assert [(ch.status, ch.date, ch.authors) for ch in c.changes] == [
        ("A", at("2026-10-06 09:00"), (Person(*LAN),))
    ]
    b = history.files[str(content(repo) / "huyen/articles/b.md")]
    assert [(ch.date, ch.authors) for ch in b.changes] == [
        (at("2026-10-04 08:00"), (Person(*MINH),))
    ]


def noted(body: str, **fields: str) -> str:
    return article(body=body, **fields)


def test_update_history_lists_new_change_notes_after_publication(repo):
    path = f"content/{A}"
    repo.commit("Đăng", iso("2026-10-01 08:00"), {path: noted("v1")})
    repo.commit(
        "Sửa số liệu",
        iso("2026-10-05 10:00"),
        {path: noted("v2", modified="2026-10-05 09:00", change_note='"Sửa số liệu"')},
    )
    repo.commit(  # a typo fixed, marked minor: same note, not an update
        "Chính tả",
        iso("2026-10-06 10:00"),
        {path: noted("v3", modified="2026-10-05 09:00", change_note='"Sửa số liệu"', minor="true")},
    )
    repo.commit(
        "Bổ sung",
        iso("2026-10-08 16:45"),
        {path: noted("v4", modified="2026-10-08 16:00", change_note='"Bổ sung danh sách"')},
    )
    repo.commit(  # minor again after the last note
        "Chính tả 2",
        iso("2026-10-09 10:00"),
        {
            path: noted(
                "v5", modified="2026-10-08 16:00", change_note='"Bổ sung danh sách"', minor="true"
            )
        },
    )
    shown = item_history(log_of(repo, A), {"date": at("2026-10-01 07:00")}, NOW)
    assert shown.published == at("2026-10-01 08:00")  # merged after its date: published then
    assert [(u.date, u.note) for u in shown.updates] == [
        (at("2026-10-05 10:00"), "Sửa số liệu"),
        (at("2026-10-08 16:45"), "Bổ sung danh sách"),
    ]
    assert shown.last_update == at("2026-10-08 16:45")


def test_changes_before_publication_are_not_updates(repo):
    path = f"content/{A}"
    scheduled = {"date": "2026-10-10 08:00"}
    repo.commit("Hẹn giờ", iso("2026-10-01 08:00"), {path: noted("v1", **scheduled)})
    repo.commit(
        "Sửa trước khi đăng",
        iso("2026-10-03 08:00"),
        {path: noted("v2", change_note='"Trước khi đăng"', **scheduled)},
    )
    repo.commit(
        "Sửa sau khi đăng",
        iso("2026-10-12 08:00"),
        {path: noted("v3", change_note='"Sau khi đăng"', **scheduled)},
    )
    shown = item_history(log_of(repo, A), {"date": at("2026-10-10 08:00")}, NOW)
    assert shown.published == at("2026-10-10 08:00")
    assert [u.note for u in shown.updates] == ["Sau khi đăng"]
    assert shown.last_update == at("2026-10-12 08:00")


def test_a_draft_is_published_when_its_draft_status_goes(repo):
    path = f"content/{A}"
    repo.commit("Nháp", iso("2026-10-01 08:00"), {path: noted("v1", status="draft")})
    repo.commit(
        "Nháp sửa", iso("2026-10-02 08:00"), {path: noted("v2", status="draft", change_note='"a"')}
    )
    repo.commit("Đăng", iso("2026-10-04 08:00"), {path: noted("v3", change_note='"a"')})
    repo.commit("Cập nhật", iso("2026-10-06 08:00"), {path: noted("v4", change_note='"b"')})
    shown = item_history(log_of(repo, A), {"date": at("2026-09-30 08:00")}, NOW)
    assert shown.published == at("2026-10-04 08:00")
    assert [(u.date, u.note) for u in shown.updates] == [(at("2026-10-06 08:00"), "b")]


def test_changes_after_the_builds_moment_are_ignored(repo):
    path = f"content/{A}"
    repo.commit("Đăng", iso("2026-10-01 08:00"), {path: noted("v1")})
    repo.commit("Sửa", iso("2026-10-05 08:00"), {path: noted("v2", change_note='"x"')})
    log = log_of(repo, A)
    assert item_history(log, {}, at("2026-10-03 00:00")).updates == ()
    assert item_history(log, {}, at("2026-10-03 00:00")).last_commit == at("2026-10-01 08:00")
    assert item_history(log, {}, at("2026-09-01 00:00")) is None


def test_unreadable_old_front_matter_is_no_traceback(repo):
    path = f"content/{A}"
    repo.commit("Hỏng", iso("2026-10-01 08:00"), {path: "---\ntitle: [unclosed\n---\nx\n"})
    repo.commit("Sửa", iso("2026-10-02 08:00"), {path: noted("v2", change_note='"Sửa"')})
    shown = item_history(log_of(repo, A), {"date": at("2026-10-01 00:00")}, NOW)
    assert [u.note for u in shown.updates] == ["Sửa"]


def test_deleted_then_untracked_and_uncommitted_files(repo):
    repo.commit("Thêm", iso("2026-10-01 08:00"), {f"content/{A}": article(), "content/x.md": "x"})
    repo.commit("Xoá", iso("2026-10-02 08:00"), remove=("content/x.md",))
    (content(repo) / "huyen/articles/moi.md").write_text(article("Mới"), encoding="utf-8")
    (content(repo) / A).write_text(article(body="chưa commit"), encoding="utf-8")
    history = read_history(content(repo))
    assert set(history.files) == {str(content(repo) / A)}  # untracked and deleted: none
    assert len(history.files[str(content(repo) / A)].changes) == 1  # committed changes only


def test_only_the_given_paths_are_kept(repo):
    repo.commit("Thêm", iso("2026-10-01 08:00"), {f"content/{A}": article(), "content/b.md": "b"})
    wanted = str(content(repo) / A)
    assert set(read_history(content(repo), [wanted]).files) == {wanted}


def test_content_folder_at_the_top_of_the_repository(repo):
    repo.commit("Thêm", iso("2026-10-01 08:00"), {A: article()})
    history = read_history(repo.root)
    assert set(history.files) == {str(repo.root / A)}


def test_shallow_clone_falls_back_with_one_notice(repo, tmp_path):
    repo.commit("Thêm", iso("2026-10-01 08:00"), {f"content/{A}": article()})
    repo.commit("Sửa", iso("2026-10-02 08:00"), {f"content/{A}": noted("v2", change_note='"x"')})
    clone = tmp_path / "shallow"
    git.Repo.clone_from(f"file://{repo.root}", clone, depth=1).close()
    history = read_history(clone / "content")
    assert history.source == "shallow"
    assert history.files == {}
    assert "bản sao nông" in history.notice and "shallow git clone" in history.notice


def test_folder_outside_any_repository_is_silently_front_matter_only(tmp_path):
    folder = tmp_path / "plain" / "content"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text(article(), encoding="utf-8")
    history = read_history(folder)
    assert (history.source, history.files, history.notice) == ("none", {}, "")


def test_repository_without_commits_is_front_matter_only(repo):
    (repo.root / "content").mkdir()
    assert read_history(content(repo)).source == "none"


# -- One pass ----------------------------------------------------------------------------------


@pytest.fixture
def counted_git(tmp_path):
    """GitPython runs git through a wrapper that records every process it starts."""
    calls = tmp_path / "git-calls.log"
    wrapper = tmp_path / "git-counting"
    wrapper.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{calls}"\nexec git "$@"\n', encoding="utf-8"
    )
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    previous = os.environ.pop("GIT_PYTHON_GIT_EXECUTABLE", None)
    git.refresh(str(wrapper))
    calls.write_text("", encoding="utf-8")

    def spawned() -> list[str]:
        found = calls.read_text(encoding="utf-8").splitlines()
        calls.write_text("", encoding="utf-8")
        return found

    yield spawned
    git.refresh(previous or shutil.which("git"))


def many(repo: GitRepo, files: int, commits: int) -> None:
    for number in range(commits):
        repo.commit(
            f"Lần {number}",
            iso(f"2026-10-{number + 1:02d} 08:00"),
            {
                f"content/huyen/articles/t{i}.md": noted(f"v{number}", change_note=f'"n{number}"')
                for i in range(files)
            },
        )


def test_one_pass_whatever_the_number_of_files(tmp_path, counted_git):
    small, large = GitRepo(tmp_path / "small"), GitRepo(tmp_path / "large")
    many(small, files=2, commits=2)
    many(large, files=40, commits=6)
    counted_git()  # setting up the repositories is not the pass
    found_small = read_history(small.root / "content")
    assert len(found_small.files) == 2
    spawned_small = counted_git()
    found_large = read_history(large.root / "content")
    spawned_large = counted_git()
    small.close()
    large.close()
    assert len(found_large.files) == 40
    assert all(len(log.changes) == 6 for log in found_large.files.values())
    assert all(c.version is not None for log in found_large.files.values() for c in log.changes)
    # rev-parse (shallow?), one log, one persistent cat-file for every version of every file
    assert len(spawned_large) == len(spawned_small) <= 3, spawned_large
    assert sum(call.startswith("log ") for call in spawned_large) == 1, spawned_large
    assert sum(call.startswith("cat-file") for call in spawned_large) == 1, spawned_large
