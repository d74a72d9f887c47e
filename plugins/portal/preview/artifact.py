"""A pull request's preview artifact, read as data only.

The PR's build (``pull_request``, read-only, no secrets) uploads a folder holding exactly two
plain files: ``site.tar`` (the built output, every site under ``<site-id>/``) and
``preview.json`` (``{"pr": N, "head_sha": "…", "changes": <portal changes --json>}``). The
publisher (``workflow_run``, with write access) trusts none of it:

- the folder holds those two names only, each a regular file (``lstat``: a symlink is refused),
  ``preview.json`` at most ``MAX_JSON`` bytes of JSON of the expected shape;
- every member of ``site.tar`` is checked before anything is written: only regular files and
  folders (no symlink, hard link, device, FIFO), a relative path (no leading ``/``, no drive, no
  ``..`` or empty segment, no backslash or control character), each file at most ``max_file``
  bytes, all together at most ``max_total``, at most ``MAX_MEMBERS`` members;
- then files are written by this module (``open(..., "xb")``, mode 0644; folders 0755) inside a
  new folder; ``tarfile``'s own extraction, owners, modes and times are never used, and nothing
  from the artifact is run.

A refused artifact raises ``ArtifactError`` naming every problem (Vietnamese with English), and
nothing is written or published.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tarfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

SITE_TAR = "site.tar"
META = "preview.json"
CLOSED = "closed.json"  # the artifact of a closed PR's run: {"pr": N}
MAX_FILE = 25 * 1024 * 1024  # a page, an image or an attachment (attachments are ≤ 20 MB)
MAX_TOTAL = 900 * 1024 * 1024  # a GitHub Pages site must stay under 1 GB
MAX_MEMBERS = 200_000
MAX_JSON = 4 * 1024 * 1024
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")
_SHA = re.compile(r"^[0-9a-f]{40}$")


class ArtifactError(Exception):
    """The artifact is refused; ``problems`` are Vietnamese lines with their English twin."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Artifact:
    pr: int
    head_sha: str
    changes: dict[str, Any] = field(default_factory=dict)
    files: int = 0
    size: int = 0


def _member_problems(member: tarfile.TarInfo, max_file: int) -> list[str]:
    name = member.name
    shown = name.encode("unicode_escape").decode("ascii")
    found = []
    path = PurePosixPath(name)
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        found.append(f"{shown}: đường dẫn tuyệt đối (absolute path)")
    elif any(part in ("..",) for part in path.parts) or "/../" in f"/{name}/":
        found.append(f"{shown}: đường dẫn ra ngoài thư mục bằng '..' ('..' path)")
    elif _UNSAFE.search(name) or "//" in name.rstrip("/"):
        found.append(f"{shown}: tên có ký tự điều khiển, '\\\\' hay '//' (unsafe name)")
    if member.issym() or member.islnk():
        found.append(
            f"{shown}: liên kết tượng trưng hay liên kết cứng tới {member.linkname!r} "
            "(symlink or hard link)"
        )
    elif not (member.isreg() or member.isdir()):
        found.append(f"{shown}: không phải tệp thường hay thư mục (device, FIFO or other)")
    elif member.isreg() and member.size > max_file:
        found.append(
            f"{shown}: tệp {member.size} byte, quá giới hạn {max_file} byte (file too large)"
        )
    return found


def check_tar(
    tar_path: Path, max_file: int = MAX_FILE, max_total: int = MAX_TOTAL
) -> list[tarfile.TarInfo]:
    """The members of ``tar_path`` once every one passed; raises ArtifactError otherwise."""
    problems: list[str] = []
    members: list[tarfile.TarInfo] = []
    total = 0
    try:
        with tarfile.open(tar_path, mode="r:") as archive:
            for member in archive:
                if len(members) >= MAX_MEMBERS:
                    problems.append(f"quá {MAX_MEMBERS} mục (too many members)")
                    break
                members.append(member)
                problems += _member_problems(member, max_file)
                total += member.size if member.isreg() else 0
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ArtifactError([f"{SITE_TAR}: không đọc được ({exc}) (unreadable archive)"]) from None
    if total > max_total:
        problems.append(f"tổng {total} byte, quá giới hạn {max_total} byte (artifact too large)")
    names = [PurePosixPath(m.name).as_posix() for m in members]
    if len(set(names)) != len(names):
        problems.append("có tên trùng nhau trong gói (duplicate names)")
    if problems:
        raise ArtifactError(problems)
    return members


def read_meta(path: Path) -> Artifact:
    """``preview.json``: the PR number, the head commit and the change summary."""
    if path.stat().st_size > MAX_JSON:
        raise ArtifactError([f"{META}: quá {MAX_JSON} byte ({META} too large)"])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ArtifactError([f"{META}: JSON hỏng ({exc}) (invalid JSON)"]) from None
    pr, sha = (data.get("pr"), data.get("head_sha")) if isinstance(data, dict) else (None, None)
    changes = data.get("changes") if isinstance(data, dict) else None
    problems = []
    if not isinstance(pr, int) or isinstance(pr, bool) or pr <= 0:
        problems.append(f"{META}: pr phải là số của pull request (pr must be a PR number)")
    if not isinstance(sha, str) or not _SHA.match(sha):
        problems.append(f"{META}: head_sha phải là mã commit 40 ký tự (head_sha: a commit id)")
    if changes is not None and not isinstance(changes, dict):
        problems.append(f"{META}: changes phải là kết quả portal changes --json")
    if problems:
        raise ArtifactError(problems)
    return Artifact(pr=pr, head_sha=sha, changes=changes or {})


def check_folder(folder: Path) -> None:
    """The downloaded artifact folder holds exactly ``site.tar`` and ``preview.json``, both
    regular files (a symlink is refused, not followed)."""
    problems = []
    names = sorted(os.listdir(folder))
    for name in names:
        mode = os.lstat(folder / name).st_mode
        if name not in (SITE_TAR, META):
            problems.append(f"{name}: tệp lạ trong gói (unexpected entry)")
        elif not stat.S_ISREG(mode):
            problems.append(f"{name}: không phải tệp thường (not a regular file)")
    problems += [f"{n}: thiếu trong gói (missing)" for n in (SITE_TAR, META) if n not in names]
    if problems:
        raise ArtifactError(problems)


def read_closed(folder: Path) -> int:
    """The PR number of a closed PR's artifact: exactly ``closed.json``, a regular file of at
    most 1 KB holding ``{"pr": N}``."""
    names = sorted(os.listdir(folder))
    path = folder / CLOSED
    if names != [CLOSED] or not stat.S_ISREG(os.lstat(path).st_mode):
        raise ArtifactError([f"gói phải chỉ có tệp thường {CLOSED} (only {CLOSED})"])
    if path.stat().st_size > 1024:
        raise ArtifactError([f"{CLOSED}: quá 1 KB (too large)"])
    try:
        pr = json.loads(path.read_text(encoding="utf-8")).get("pr")
    except (ValueError, UnicodeDecodeError, AttributeError):
        pr = None
    if not isinstance(pr, int) or isinstance(pr, bool) or pr <= 0:
        raise ArtifactError([f"{CLOSED}: pr phải là số của pull request (pr must be a number)"])
    return pr


def unpack(
    folder: Path, target: Path, max_file: int = MAX_FILE, max_total: int = MAX_TOTAL
) -> Artifact:
    """Check the artifact in ``folder`` and write its site into ``target`` (a new folder)."""
    check_folder(folder)
    artifact = read_meta(folder / META)
    members = check_tar(folder / SITE_TAR, max_file, max_total)
    target.mkdir(mode=0o755)
    with tarfile.open(folder / SITE_TAR, mode="r:") as archive:
        for member in members:
            path = PurePosixPath(member.name)
            if not path.parts or path.parts == (".",):
                continue
            local = target.joinpath(*[p for p in path.parts if p != "."])
            if member.isdir():
                local.mkdir(mode=0o755, parents=True, exist_ok=True)
                continue
            local.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
            source = archive.extractfile(member)
            if source is None:
                continue
            with source, open(local, "xb") as out:
                written = 0
                while chunk := source.read(1 << 20):
                    written += len(chunk)
                    if written > member.size:  # never more than the header promised
                        raise ArtifactError([f"{member.name}: kích thước sai (size mismatch)"])
                    out.write(chunk)
            os.chmod(local, 0o644)
            artifact.files += 1
            artifact.size += member.size
    return artifact
