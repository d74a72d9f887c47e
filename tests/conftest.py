"""Shared fixtures: small content trees in tmp_path, and one built demo portal per session
(shared by the xdist workers of the run: see tests/README.md)."""

from __future__ import annotations

import datetime as dt
import fcntl
import shutil
from pathlib import Path

import pytest

from portal.build import build
from support import DEMO_CONTENT, DEMO_NOW, SETTINGS, SITES_YML, write_tree


@pytest.fixture
def make_content(tmp_path):
    """Factory: a content folder with the two test sites plus the given files."""

    def make(files: dict[str, str | bytes] | None = None, sites: str = SITES_YML) -> Path:
        root = tmp_path / "content"
        (root / "huyen").mkdir(parents=True, exist_ok=True)
        (root / "xa").mkdir(parents=True, exist_ok=True)
        write_tree(root, {"sites.yml": sites, **(files or {})})
        return root

    return make


@pytest.fixture
def build_into(tmp_path):
    """Factory: build a content folder into tmp_path/output at DEMO_NOW; returns the output."""

    def run(content: Path, now: dt.datetime = DEMO_NOW, **kwargs) -> Path:
        output = tmp_path / "output"
        build(content, output, SETTINGS, now=now, **kwargs)
        return output

    return run


def run_folder(tmp_path_factory) -> Path:
    """A folder shared by every xdist worker of this run (the run's base temp folder; a run
    without xdist: its own), for what is built once per run."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if base.name.startswith("popen-gw") else base


def built_once(tmp_path_factory, name: str, make) -> Path:
    """``make(folder)`` into ``<run folder>/<name>/`` by the first worker that asks; the others
    wait for it (a file lock) and take the same folder. Read only: a test that changes a
    built tree copies it first. A failed ``make`` leaves no mark, so the next worker tries
    again (and fails with its own error)."""
    folder = run_folder(tmp_path_factory) / name
    done = folder.with_name(name + ".done")
    with open(folder.with_name(name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory) -> Path:
    """The demo content built once for the whole run (read only)."""
    root = built_once(
        tmp_path_factory,
        "demo",
        lambda folder: build(DEMO_CONTENT, folder / "output", SETTINGS, now=DEMO_NOW),
    )
    return root / "output"
