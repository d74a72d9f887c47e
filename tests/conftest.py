"""Shared fixtures: small content trees in tmp_path, and one built demo portal per session."""

from __future__ import annotations

import datetime as dt
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


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory) -> Path:
    """The demo content built once for the whole session."""
    output = tmp_path_factory.mktemp("demo") / "output"
    build(DEMO_CONTENT, output, SETTINGS, now=DEMO_NOW)
    return output


@pytest.fixture(scope="session")
def prefixed_output(tmp_path_factory) -> Path:
    """A small portal built once per session as a PR preview under prefixed.PREFIX."""
    from prefixed import build_prefixed

    return build_prefixed(tmp_path_factory.mktemp("prefixed"))
