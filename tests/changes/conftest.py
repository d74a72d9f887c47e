"""Fixtures of the change tests: a real git repository in tmp_path whose ``main`` holds a small
portal, with a pull-request branch checked out on top of it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import git
import pytest
from click.testing import CliRunner

from portal.cli import main
from support import SITES_YML, article, write_tree

NOW = "2026-11-22 12:00"  # support.DEMO_NOW
PUBLISHED = article("Tin đã đăng", "Nội dung ban đầu.")
BASE_FILES = {
    "sites.yml": SITES_YML,
    "huyen/articles/da-dang.md": PUBLISHED,
    "huyen/articles/nhap.md": article("Bản nháp", "Chưa xong.", status="draft"),
    "xa/articles/tin-xa.md": article("Tin của xã", category='"Tin tức - Sự kiện"'),
}


class Repo:
    """A git repository with the content folder at ``content/``; commits at fixed dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.git = git.Repo.init(root, initial_branch="main")
        self.commits = 0

    def write(self, files: dict[str, str | bytes]) -> None:
        write_tree(self.content, files)

    def remove(self, rel: str) -> None:
        (self.content / rel).unlink()

    def move(self, old: str, new: str) -> None:
        target = self.content / new
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(self.content / old, target)

    def commit(self, message: str = "Sửa nội dung") -> str:
        """Commit everything in the working tree, one day after the previous commit."""
        self.commits += 1
        moment = (dt.datetime(2026, 11, 1, 9, 0) + dt.timedelta(days=self.commits)).isoformat()
        self.git.git.add("--all")
        self.git.git.commit(
            "--quiet",
            "--message",
            message,
            env={
                "GIT_AUTHOR_NAME": "Cộng tác viên",
                "GIT_AUTHOR_EMAIL": "ctv@huyen.example",
                "GIT_AUTHOR_DATE": f"{moment} +0700",
                "GIT_COMMITTER_NAME": "Cộng tác viên",
                "GIT_COMMITTER_EMAIL": "ctv@huyen.example",
                "GIT_COMMITTER_DATE": f"{moment} +0700",
            },
        )
        return self.git.head.commit.hexsha

    def branch(self, name: str = "pr") -> None:
        self.git.git.checkout("--quiet", "-b", name)

    def checkout(self, name: str) -> None:
        self.git.git.checkout("--quiet", name)


@pytest.fixture
def make_repo(tmp_path):
    """Factory: a repository whose ``main`` holds ``files``, with branch ``pr`` checked out."""

    def make(files: dict[str, str | bytes]) -> Repo:
        repository = Repo(tmp_path / "repo")
        repository.write(files)
        repository.commit("Nội dung ban đầu")
        repository.branch("pr")
        return repository

    return make


@pytest.fixture
def repo(make_repo) -> Repo:
    """``main`` with a published article, a draft and a member's article; branch ``pr`` out."""
    return make_repo(BASE_FILES)


@pytest.fixture
def portal():
    """Run the ``portal`` command at NOW; returns click's result."""
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, [*args, "--now", NOW])

    return run
