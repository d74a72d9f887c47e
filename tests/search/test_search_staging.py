"""Where Pagefind's staged copies are written (portal.search.index._staging_root): in memory
when there is room, else the system's temporary folder, with the same pages indexed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portal.search import index
from portal.search.fold import mark_d
from portal.search.merge import read


def page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title></head>'
        f"<body><article data-pagefind-body><h1>{title}</h1><p>{body}</p></article></body></html>"
    )


PAGES = {
    f"tin-tuc/{n}/index.html": mark_d(page(f"Tin {n}", f"Đường giao thông ấp {n}"))
    for n in ("a", "b", "c")
}


def _words_and_urls(bundle: Path) -> tuple[list[str], list[str]]:
    decoded = read(bundle)
    return sorted(decoded.words), sorted(p.url for p in decoded.pages)


@pytest.mark.skipif(not os.path.isdir(index.MEMORY_STAGING), reason="no /dev/shm here")
def test_pages_are_staged_in_memory_when_there_is_room(tmp_path, monkeypatch):
    assert index._staging_root(PAGES) == index.MEMORY_STAGING
    staged = []
    real = index._index

    def watch(staging: Path, bundle: Path) -> None:  # the real Pagefind run, its folder noted
        staged.append(staging)
        real(staging, bundle)

    monkeypatch.setattr(index, "_index", watch)
    index._write_bundle("s", PAGES, tmp_path / "memory", marked=True)
    assert str(staged[0]).startswith(index.MEMORY_STAGING + "/")
    assert not staged[0].exists()  # removed once indexed
    # Without it (a missing folder, or one too small): the system's temporary folder, and
    # the same pages and words indexed.
    monkeypatch.setattr(index, "MEMORY_STAGING", str(tmp_path / "missing"))
    assert index._staging_root(PAGES) is None
    index._write_bundle("s", PAGES, tmp_path / "disk", marked=True)
    assert not str(staged[1]).startswith("/dev/shm/")
    assert _words_and_urls(tmp_path / "memory") == _words_and_urls(tmp_path / "disk")
