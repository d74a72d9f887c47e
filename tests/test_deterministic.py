"""Deterministic builds: the same sources built twice, in different folders, from different
working directories and with different ``PYTHONHASHSEED`` (so set and dict-of-str ordering
differs between the two), give byte-identical output.

One known exception, outside the portal's hands: Pagefind (1.5.2) writes the entries of its
filter files, and the filter list of its ``pf_meta`` file, in Rust ``HashMap`` order, which is
random per process (https://github.com/Pagefind/pagefind/issues/638: fragments were made
stable in 1.3.0, "filter/metadata indexes" were not). Those files, whose names are hashes of
their bytes, and ``pagefind-entry.json``, which names the meta file, are compared decoded and
with that order normalised instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import DEMO_CONTENT, DEMO_NOW, SETTINGS
from trees import SHOW, bundles, differences, files

BUILD = """\
import datetime as dt, sys
from pathlib import Path
from portal.build import build
content, output, settings, now = sys.argv[1:]
build(Path(content), Path(output), Path(settings), now=dt.datetime.fromisoformat(now))
"""


def _build(root: Path, seed: str) -> Path:
    output = root / "output"
    root.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONHASHSEED": seed}
    args = [str(DEMO_CONTENT), str(output), str(SETTINGS), DEMO_NOW.isoformat()]
    done = subprocess.run(
        [sys.executable, "-c", BUILD, *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return output


@pytest.fixture(scope="module")
def twice(tmp_path_factory) -> tuple[Path, Path]:
    """The demo built twice, into folders of different names and depths."""
    first = _build(tmp_path_factory.mktemp("first"), "1")
    second = _build(tmp_path_factory.mktemp("second") / "deeper", "2")
    return first, second


def test_builds_are_byte_identical(twice):
    first, second = twice
    problems = differences(first, second)
    assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"
    assert len(files(first)) > 100  # the demo did build
    assert bundles(first), "no Pagefind bundle in the build"
