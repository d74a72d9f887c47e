"""The base of a pull request, read from git with GitPython: the merge-base of a ref and HEAD,
its content folder written into a temporary folder (blob by blob, no checkout: the working tree
and the index are never touched), and the git blob hash of every file there and in the working
tree (committed or not), so that both sides compare with the same hash.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import git
from git.exc import BadName, BadObject

SYMLINK_MODE = 0o120000


class BaseError(Exception):
    """The base could not be read: no repository, an unknown ref, no common history."""

    def __init__(self, message: str, english: str):
        super().__init__(message)
        self.message = message
        self.english = english


@dataclass
class Base:
    """The merge-base commit of ``ref`` and HEAD, and the blob hashes of its content folder."""

    ref: str
    commit: str
    prefix: str  # the content folder inside the repository (``content``)
    files: dict[str, str] = field(default_factory=dict)  # content-relative path → blob sha


def blob_sha(data: bytes) -> str:
    """The hash git gives ``data`` as a blob (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def working_files(content_dir: Path) -> dict[str, str]:
    """Every file under ``content_dir`` as it is on disk → its blob hash (symlinks by target)."""
    root = Path(content_dir)
    files: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in [*filenames, *(d for d in dirnames if (Path(dirpath) / d).is_symlink())]:
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            try:
                data = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
            except OSError:
                continue
            files[rel] = blob_sha(data)
    return files


def open_repo(content_dir: Path) -> git.Repo:
    try:
        return git.Repo(content_dir, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise BaseError(
            f"thư mục '{content_dir}' không nằm trong một kho git",
            "the content folder is not inside a git repository",
        ) from None


def merge_base(repo: git.Repo, ref: str) -> git.Commit:
    """The newest commit both ``ref`` and HEAD descend from."""
    try:
        theirs = repo.commit(ref)
        ours = repo.head.commit
    except (BadName, BadObject, ValueError, git.GitCommandError):
        raise BaseError(
            f"không tìm thấy nhánh hoặc commit '{ref}' (trong CI: cần fetch nhánh gốc)",
            f"unknown ref '{ref}' (in CI, fetch the base branch)",
        ) from None
    found = repo.merge_base(theirs, ours)
    if not found:
        raise BaseError(
            f"'{ref}' và HEAD không có commit chung; cần lịch sử đầy đủ (fetch-depth: 0)",
            f"'{ref}' and HEAD share no commit; fetch the full history (fetch-depth: 0)",
        )
    return found[0]


def content_prefix(repo: git.Repo, content_dir: Path) -> str:
    """The content folder's path inside the repository (``content``), POSIX style."""
    top = os.path.realpath(repo.working_tree_dir or ".")
    rel = os.path.relpath(os.path.realpath(content_dir), top)
    if rel.startswith(".."):
        raise BaseError(
            "thư mục nội dung nằm ngoài kho git", "the content folder is outside the repository"
        )
    return "" if rel == "." else Path(rel).as_posix()


def _write_tree(commit: git.Commit, prefix: str, dest: Path) -> dict[str, str]:
    """Write the blobs under ``prefix`` of ``commit`` below ``dest``; their hashes by path."""
    try:
        tree = commit.tree / prefix if prefix else commit.tree
    except KeyError:
        return {}  # no content folder at the base: everything is new
    if tree.type != "tree":
        return {}
    files: dict[str, str] = {}
    for entry in tree.traverse():
        if entry.type != "blob":
            continue  # trees are made on the way; submodules are not content
        rel = PurePosixPath(entry.path).relative_to(prefix).as_posix() if prefix else entry.path
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = entry.data_stream.read()
        if entry.mode == SYMLINK_MODE:
            os.symlink(data.decode(), target)
        else:
            target.write_bytes(data)
        files[rel] = entry.hexsha
    return files


@contextmanager
def checkout_base(content_dir: Path, ref: str) -> Iterator[tuple[Base, Path]]:
    """The base's content folder in a temporary folder, removed on exit."""
    repo = open_repo(content_dir)
    try:
        commit = merge_base(repo, ref)
        prefix = content_prefix(repo, content_dir)
        with tempfile.TemporaryDirectory(prefix="portal-base-") as tmp:
            folder = Path(os.path.realpath(tmp)) / (Path(prefix).name or "content")
            folder.mkdir()
            files = _write_tree(commit, prefix, folder)
            yield Base(ref, commit.hexsha, prefix, files), folder
    finally:
        repo.close()
