"""Atomic output: a build writes into a staging folder beside the output and swaps each finished
site in only when everything succeeded, so a failed build leaves the previous output untouched
and a server reading the output never sees a half-written site.

On Linux the swap is one ``renameat2(RENAME_EXCHANGE)`` system call (the two folders trade places
at once); where that call is missing or the file system refuses it, two renames within the same
folder, leaving a window of microseconds in which the site's folder does not exist.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2
STAGING_SUFFIX = ".building"
# Removing a site's old folder is tens of thousands of unlinks (34,624 files for the bench
# parent at scale 1). An unlink is CPU work in the kernel (~0.1 ms on the loaded 2-core VM),
# not a wait on the disk: a thread per file (one future each) tripled the CPU time (futures,
# wake-ups, threads contending for one folder's lock) and was no faster. Files go in chunks of
# folder-ordered paths, a few threads at most, so idle cores (a CI runner's) can share the work.
REMOVE_THREADS = min(4, os.cpu_count() or 1)
REMOVE_CHUNK = 512


def _renameat2():
    """libc's renameat2, or None (not glibc ≥ 2.28, or not Linux)."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    path, fd = ctypes.c_char_p, ctypes.c_int
    function.argtypes = [fd, path, fd, path, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step; False when the system cannot (the caller falls back
    to renames)."""
    if _RENAMEAT2 is None:
        return False
    result = _RENAMEAT2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def staging_dir(output_dir: Path) -> Path:
    """The prefix of ``output_dir``'s staging folders: hidden siblings, so renames stay on one
    file system and nothing half-built is ever inside the served folder. Each run adds its own
    suffix (``fresh_staging``)."""
    return output_dir.parent / f".{output_dir.name}{STAGING_SUFFIX}"


def stagings(output_dir: Path) -> list[Path]:
    """Every staging folder of ``output_dir`` on disk (this run's and those of dead runs)."""
    prefix = staging_dir(output_dir)
    if not prefix.parent.is_dir():
        return []
    return sorted(
        p
        for p in prefix.parent.iterdir()
        if p.name == prefix.name or p.name.startswith(prefix.name + "-")
    )


def remove_tree(root: Path) -> None:
    """Delete ``root`` and everything under it, as ``shutil.rmtree(root, ignore_errors=True)``
    (symbolic links removed, never followed): the files in chunks (``REMOVE_CHUNK``, a few
    threads), then the folders, deepest first."""
    if root.is_symlink() or not root.is_dir():
        if root.is_symlink() or root.exists():
            with contextlib.suppress(OSError):
                root.unlink()
        return
    files: list[str] = []
    folders: list[tuple[int, str]] = []
    stack = [(0, str(root))]
    while stack:
        depth, folder = stack.pop()
        folders.append((depth, folder))
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((depth + 1, entry.path))
                    else:
                        files.append(entry.path)
        except OSError:
            continue

    def unlink_all(paths: list[str]) -> None:
        for path in paths:
            with contextlib.suppress(OSError):
                os.unlink(path)

    chunks = [files[i : i + REMOVE_CHUNK] for i in range(0, len(files), REMOVE_CHUNK)]
    if len(chunks) > 1 and REMOVE_THREADS > 1:
        with ThreadPoolExecutor(REMOVE_THREADS) as pool:
            list(pool.map(unlink_all, chunks))
    else:
        unlink_all(files)
    for _, folder in sorted(folders, key=lambda found: -found[0]):
        with contextlib.suppress(OSError):
            os.rmdir(folder)
    shutil.rmtree(root, ignore_errors=True)  # anything that appeared meanwhile


def fresh_staging(output_dir: Path) -> Path:
    """An empty staging folder of this run's own (``.<output>.building-<pid>-<random>``).
    The caller holds the output's lock (``portal.lock``), so every other staging folder is what
    a dead run left behind, and is deleted."""
    for stale in stagings(output_dir):
        remove_tree(stale)
    prefix = staging_dir(output_dir)
    staging = prefix.with_name(f"{prefix.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    staging.mkdir(parents=True)
    return staging


def put_in_place(new: Path, target: Path) -> None:
    """Make ``new`` (a file or folder) be ``target``; what was at ``target``, if anything, is
    left at ``new``'s path for the caller to delete."""
    if not target.exists():
        new.rename(target)
        return
    if exchange(new, target):
        return
    aside = new.with_name(new.name + ".old")
    target.rename(aside)
    new.rename(target)
    aside.rename(new)
