"""A real git repository in tmp_path whose commits carry fixed dates and authors."""

from __future__ import annotations

from pathlib import Path

from git import Repo

from support import write_tree

EDITOR = ("Ban biên tập", "bbt@huyen.example")


class GitRepo:
    """Write files, commit them at a given moment as a given author; branch and merge."""

    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.repo = Repo.init(root, initial_branch="main")
        with self.repo.config_writer() as config:
            config.set_value("user", "name", EDITOR[0])
            config.set_value("user", "email", EDITOR[1])
            config.set_value("commit", "gpgsign", "false")

    def git(self, *args: str, when: str | None = None, author=EDITOR, committer=EDITOR) -> str:
        """Run git in the repository; ``when`` (ISO 8601) dates the commit it makes."""
        env = {
            "GIT_AUTHOR_NAME": author[0],
            "GIT_AUTHOR_EMAIL": author[1],
            "GIT_COMMITTER_NAME": committer[0],
            "GIT_COMMITTER_EMAIL": committer[1],
        }
        if when:
            env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        return self.repo.git.execute(["git", *args], env=env)

    def commit(
        self,
        message: str,
        when: str,
        files: dict[str, str | bytes] | None = None,
        author=EDITOR,
        remove: tuple[str, ...] = (),
        moves: dict[str, str] | None = None,
    ) -> str:
        """Write ``files``, remove and move paths, commit everything; returns the sha."""
        write_tree(self.root, files or {})
        for old, new in (moves or {}).items():
            (self.root / new).parent.mkdir(parents=True, exist_ok=True)
            self.git("mv", old, new)
        for path in remove:
            self.git("rm", "-q", path)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when, author=author)
        return self.repo.head.commit.hexsha

    def merge(self, branch: str, message: str, when: str, author=EDITOR) -> str:
        """Merge ``branch`` into the current branch with a merge commit."""
        self.git("merge", "-q", "--no-ff", "-m", message, branch, when=when, author=author)
        return self.repo.head.commit.hexsha

    def close(self) -> None:
        self.repo.close()
