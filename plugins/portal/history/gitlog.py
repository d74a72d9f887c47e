"""One walk of the git log: every change of every content file, with renames followed and merges
counted once, and the front matter of each version read through one persistent ``cat-file``.

The whole history comes from a single ``git log --raw -M -z --diff-merges=first-parent
--relative=<content>/`` run: every commit reachable from HEAD with its parents, committer date,
author and subject, and for each commit the files it changed under the content folder (with the
blob ids before and after). The changes are then replayed along the first-parent line of HEAD
(the published states of the branch): a merge is one change, dated when it landed, credited to
the authors of the commits it brought in. Blobs are read with GitPython's object database, which
keeps one ``git cat-file --batch`` process open for all of them.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from portal.frontmatter.fields import TIMEZONE, Invalid, to_bool
from portal.frontmatter.parse import FrontMatterError, parse
from portal.history.model import Change, FileLog, Person, Version

RECORD = "\x1e"  # starts each commit in the log output
UNIT = "\x1f"  # separates the header fields
LOG_FORMAT = "%x1e%H%x1f%P%x1f%ct%x1f%an%x1f%ae%x1f%s"  # RECORD, then fields split by UNIT


class Entry(NamedTuple):
    """One line of ``--raw`` output: a file changed by a commit."""

    status: str  # A, M, D, T, R
    old: str
    new: str
    old_blob: str
    new_blob: str


@dataclass
class Commit:
    sha: str
    parents: list[str]
    time: int
    author: Person
    subject: str
    entries: list[Entry] = field(default_factory=list)


def head_commit(folder: Path) -> str:
    """The commit checked out in the repository holding ``folder`` ('' outside a repository,
    before the first commit, or without git). Asked of git itself (one ``git rev-parse``), so
    the repository is found wherever its ``.git`` is: a folder, or a file naming it elsewhere
    (a worktree, a submodule), with refs loose, packed or in a worktree's common folder."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "HEAD"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def log_args(prefix: str) -> list[str]:
    """Arguments of the one ``git log`` run; ``prefix`` is the content folder inside the working
    tree (``""`` when it is the working tree)."""
    args = [
        "HEAD",
        "--raw",
        "--no-abbrev",
        "-M",
        "-z",
        "--no-color",
        "--no-ext-diff",
        "--diff-merges=first-parent",
        f"--format={LOG_FORMAT}",
    ]
    if prefix:
        args.append(f"--relative={prefix}/")
    return args


def parse_log(text: str) -> dict[str, Commit]:
    """Commits by sha from the output of ``git log`` with ``log_args``."""
    commits: dict[str, Commit] = {}
    for chunk in text.split(RECORD)[1:]:
        header, _, rest = chunk.partition("\0")
        sha, parents, time, name, email, subject = header.split(UNIT, 5)
        commit = Commit(sha, parents.split(), int(time), Person(name, email), subject)
        tokens = rest.lstrip("\n").split("\0")
        index = 0
        while index < len(tokens):
            token = tokens[index].lstrip("\n")
            if not token.startswith(":"):
                index += 1
                continue
            _old_mode, _new_mode, old_blob, new_blob, status = token[1:].split(" ")
            letter = status[0]
            if letter in "RC":
                old, new = tokens[index + 1], tokens[index + 2]
                index += 3
            else:
                old = new = tokens[index + 1]
                index += 2
            commit.entries.append(Entry(letter, old, new, old_blob, new_blob))
        commits[sha] = commit
    return commits


def first_parent_line(commits: dict[str, Commit], head: str) -> list[str]:
    """The first-parent line of ``head``, oldest first."""
    line: list[str] = []
    sha: str | None = head
    while sha is not None and sha in commits:
        line.append(sha)
        parents = commits[sha].parents
        sha = parents[0] if parents else None
    line.reverse()
    return line


def merged_in(commits: dict[str, Commit], line: list[str]) -> dict[str, list[Commit]]:
    """For each merge of the line: the commits it brought in (reachable from its other parents,
    not from its first parent), oldest first."""
    on_line = set(line)
    claimed: set[str] = set()
    found: dict[str, list[Commit]] = {}
    for sha in line:
        stack = list(commits[sha].parents[1:])
        side: list[Commit] = []
        while stack:
            other = stack.pop()
            if other in on_line or other in claimed or other not in commits:
                continue
            claimed.add(other)
            side.append(commits[other])
            stack.extend(commits[other].parents)
        if side:
            found[sha] = sorted(side, key=lambda c: (c.time, c.sha))
    return found


def _touched_by(side: list[Commit]) -> dict[str, list[Person]]:
    """Path → authors of the (non-merge) side commits that changed it, in order."""
    touched: dict[str, list[Person]] = {}
    for commit in side:
        if len(commit.parents) > 1:
            continue  # a side merge (main into the branch) would credit main's changes
        for entry in commit.entries:
            for path in {entry.old, entry.new}:
                people = touched.setdefault(path, [])
                if commit.author not in people:
                    people.append(commit.author)
    return touched


def replay(commits: dict[str, Commit], head: str) -> dict[str, list[Change]]:
    """Relative path (as it is at HEAD) → its changes along the first-parent line, oldest first;
    a renamed file keeps its changes, a deleted one is dropped."""
    line = first_parent_line(commits, head)
    sides = merged_in(commits, line)
    live: dict[str, list[Change]] = {}
    for sha in line:
        commit = commits[sha]
        date = dt.datetime.fromtimestamp(commit.time, TIMEZONE)
        touched = _touched_by(sides.get(sha, []))
        moved: dict[str, list[Change]] = {}
        for entry in commit.entries:  # sources of renames and deletions first (swaps work)
            if entry.status in ("R", "D"):
                moved[entry.old] = live.pop(entry.old, [])
        for entry in commit.entries:
            if entry.status == "D":
                continue
            if entry.status == "A":
                changes: list[Change] = []
            elif entry.status == "R":
                changes = moved.get(entry.old, [])
            else:
                changes = live.get(entry.new, [])
            authors = [*touched.get(entry.new, []), *touched.get(entry.old, [])]
            people = tuple(dict.fromkeys(authors)) or (commit.author,)
            changes.append(
                Change(
                    sha=sha,
                    date=date,
                    subject=commit.subject,
                    authors=people,
                    status="M" if entry.status not in ("A", "R", "T") else entry.status,
                    blob=entry.new_blob,
                    same_content=entry.status == "R" and entry.old_blob == entry.new_blob,
                )
            )
            live[entry.new] = changes
    return live


def version_of(data: bytes) -> Version:
    """The facts the history needs from one version of a file; a version whose front matter
    cannot be read counts as a plain, published one with no note."""
    try:
        fields = parse(data).fields
    except FrontMatterError:
        return Version()

    def text(key: str) -> str:
        node = fields.get(key)
        return node.value.strip() if node is not None and isinstance(node.value, str) else ""

    try:
        minor = to_bool(text("minor")) if text("minor") else False
    except Invalid:
        minor = False
    return Version(draft=text("status") == "draft", minor=minor, note=text("change_note"))


def read_versions(odb, logs: dict[str, FileLog]) -> dict[str, FileLog]:
    """``logs`` with ``version`` filled in for every change of the files changed more than once,
    each blob read once through ``odb`` (GitPython's ``GitCmdObjectDB``: one persistent
    ``git cat-file --batch`` process for all of them)."""
    seen: dict[str, Version] = {}
    done: dict[str, FileLog] = {}
    for path, log in logs.items():
        if len(log.changes) < 2:
            done[path] = log
            continue
        changes = []
        for change in log.changes:
            if change.blob not in seen:
                seen[change.blob] = version_of(odb.stream(bytes.fromhex(change.blob)).read())
            changes.append(replace(change, version=seen[change.blob]))
        done[path] = FileLog(path, tuple(changes))
    return done


def file_logs(
    live: dict[str, list[Change]], root: Path, wanted: set[str] | None
) -> dict[str, FileLog]:
    """Absolute path → FileLog, for the wanted paths (all when ``wanted`` is None)."""
    logs: dict[str, FileLog] = {}
    for rel, changes in live.items():
        path = os.path.normpath(os.path.join(root, rel))
        if wanted is None or path in wanted:
            logs[path] = FileLog(path, tuple(changes))
    return logs
