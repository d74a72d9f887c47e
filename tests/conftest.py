"""Shared fixtures: small content trees in tmp_path, and one built demo portal per session
(shared by the xdist workers of the run: see tests/README.md)."""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import re
import shutil
from pathlib import Path

import pytest
from xdist.scheduler import LoadGroupScheduling

import portal.build
from portal.build import build
from support import DEMO_CONTENT, DEMO_NOW, SETTINGS, SITES_YML, write_tree

# -- --dist loadgroup ------------------------------------------------------------------------------
# xdist 3.8 groups a test by appending "@<group>" to its nodeid in the worker, which pytest 9 no
# longer reads (Node.nodeid comes from Node._id): every group was silently spread over the
# workers. The controller groups instead, by the module's own mark, read from its source.
GROUP_MARK = re.compile(r"""^pytestmark = .*\bxdist_group\("([^"]+)"\)""", re.M)


@functools.cache
def module_group(root: Path, module: str) -> str | None:
    """The group a test module's ``pytestmark`` names (a string literal), if any."""
    try:
        found = GROUP_MARK.search((root / module).read_text(encoding="utf-8"))
    except OSError:
        return None
    return found.group(1) if found else None


class ModuleGroupScheduling(LoadGroupScheduling):
    """``--dist loadgroup``: the tests of modules marked ``xdist_group("<name>")`` go to one
    worker as one unit; every other test is a unit of its own (as with ``--dist load``)."""

    def _split_scope(self, nodeid: str) -> str:
        group = module_group(self.config.rootpath, nodeid.split("::", 1)[0])
        return f"group:{group}" if group else super()._split_scope(nodeid)


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") == "loadgroup":
        return ModuleGroupScheduling(config, log)
    return None


@pytest.fixture(autouse=True, scope="session")
def one_site_at_a_time_in_process():
    """Builds run in a test process take one site after another when they do not say
    ``jobs``: the workers of ``make test`` already take every core, and a build forked into
    one worker per core (``portal.workers``) paid the fork and compiled the theme's templates
    again in each child (about 3 times the CPU of a small build). The forked path stays tested
    wherever it is asked for: ``--jobs 2`` in tests/test_build_lock.py and
    tests/harness/test_build_faults.py, and every ``portal build`` run as a program
    (tests/test_deterministic.py builds the demo twice that way, one worker per core)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(portal.build, "default_jobs", lambda: 1)
        yield


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


@pytest.fixture(scope="session")
def prefixed_output(tmp_path_factory) -> Path:
    """A small portal built once per run as a PR preview under prefixed.PREFIX (read only)."""
    from prefixed import build_prefixed

    return built_once(tmp_path_factory, "prefixed", build_prefixed) / "output"
