"""Fixtures of the image tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def image_file(tmp_path):
    """Factory: write image bytes to tmp_path/images/<name>; returns the path."""

    def write(name: str, data: bytes) -> Path:
        path = tmp_path / "images" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    return write
