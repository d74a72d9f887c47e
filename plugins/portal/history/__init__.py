"""History from git: when each content file was created and changed, by whom, and its public
update history, read once per build in one pass and joined to the catalog's items by path.

No Pelican signals: ``portal.catalog.tree.scan`` calls ``read_history`` once for every item of every
scanned site, then ``attach`` sets ``item.history`` (an ``ItemHistory`` or None). Templates use
``item.updated`` and ``item.update_log`` (``portal.catalog.item``). Settings read (by the build):
``PORTAL_HISTORY`` (default True).

Where there is no usable history the items keep their front-matter dates: a content folder
outside any git repository, or in one without commits, silently; a shallow clone (CI checkouts
default to one commit) with one notice in ``History.notice`` for the command line to print. The
notice is never logged: a warning logged during a build fails it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from git import GitCommandError, InvalidGitRepositoryError, NoSuchPathError, Repo

from portal.history.gitlog import file_logs, log_args, parse_log, read_versions, replay
from portal.history.items import attach, item_history
from portal.history.model import Change, FileLog, ItemHistory, Person, Update, Version

__all__ = [
    "Change",
    "FileLog",
    "History",
    "ItemHistory",
    "Person",
    "Update",
    "Version",
    "attach",
    "item_history",
    "read_history",
]

SHALLOW = (
    "kho git là bản sao nông (shallow clone) nên không đủ lịch sử; ngày tạo, ngày cập nhật "
    "và lịch sử cập nhật được lấy từ front matter. Hãy lấy đủ lịch sử (git fetch --unshallow, "
    "hoặc fetch-depth: 0 trong GitHub Actions)",
    "shallow git clone: the history is incomplete, so dates come from the front matter; "
    "fetch the full history (git fetch --unshallow, or fetch-depth: 0 in GitHub Actions)",
)
UNREADABLE = (
    "không đọc được lịch sử git ({detail}); ngày lấy từ front matter",
    "cannot read the git history ({detail}); dates come from the front matter",
)


@dataclass
class History:
    """The result of one pass: changes by absolute path of the content file."""

    files: dict[str, FileLog] = field(default_factory=dict)
    source: str = "none"  # git | shallow | unreadable | none (no repository, or no commit)
    notice: str = ""  # for people (Vietnamese, then English), when the history was not usable
    seconds: float = 0.0


def _notice(pair: tuple[str, str], **values: str) -> str:
    return f"{pair[0].format(**values)}. ({pair[1].format(**values)})"


def open_repository(content_dir: Path) -> Repo | None:
    """The git repository whose working tree holds ``content_dir``, if any."""
    try:
        repo = Repo(content_dir, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError):
        return None
    if repo.bare or repo.working_tree_dir is None:
        repo.close()
        return None
    return repo


def read_history(content_dir: Path, paths: Iterable[str] | None = None) -> History:
    """The history of every content file under ``content_dir`` in one pass: one ``git log`` for
    all files, then one ``cat-file`` process for the versions of the ``paths`` (absolute, as the
    catalog's ``item.source``) changed more than once. Only ``paths`` are kept (all files when
    None)."""
    started = time.perf_counter()
    repo = open_repository(content_dir)
    if repo is None:
        return History()
    try:
        return _read(repo, content_dir, paths, started)
    finally:
        repo.close()  # ends the persistent cat-file process


def _read(repo: Repo, content_dir: Path, paths: Iterable[str] | None, started: float) -> History:
    root = os.path.abspath(content_dir)
    top = os.path.realpath(str(repo.working_tree_dir))
    prefix = os.path.relpath(os.path.realpath(root), top)
    prefix = "" if prefix == "." else Path(prefix).as_posix()
    try:
        try:
            shallow, head = repo.git.rev_parse("--is-shallow-repository", "HEAD").split()
        except GitCommandError:
            if not repo.head.is_valid():
                return History()  # no commit yet
            raise
        if shallow == "true":
            return History(source="shallow", notice=_notice(SHALLOW))
        text = repo.git.log(*log_args(prefix), strip_newline_in_stdout=False)
        live = replay(parse_log(text), head)
        wanted = None if paths is None else {os.path.normpath(p) for p in paths}
        logs = read_versions(repo.odb, file_logs(live, Path(root), wanted))
    except (GitCommandError, ValueError, OSError) as exc:
        lines = str(getattr(exc, "stderr", "") or exc).strip().splitlines()
        detail = lines[-1].strip() if lines else type(exc).__name__
        return History(source="unreadable", notice=_notice(UNREADABLE, detail=detail))
    return History(logs, "git", "", time.perf_counter() - started)
