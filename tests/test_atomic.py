"""Atomic output: a build that fails midway leaves the previous output exactly as it was, and a
successful one replaces each site whole (nothing stale survives, nothing half-built shows)."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest
from pelican import signals

from portal import swap
from portal.build import BuildFailed, build
from support import DEMO_NOW, REPO, SETTINGS, article


def snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` (relative path → sha256), the cache folder aside."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


@pytest.fixture
def failing_settings(tmp_path):
    """Settings that load a plugin failing the build of site ``xa``, after ``huyen`` was built."""
    plugin_dir = tmp_path / "plugins"
    plugin_dir.mkdir()
    (plugin_dir / "fail_on_xa.py").write_text(
        textwrap.dedent(
            """
            from pelican import signals


            def fail(pelican):
                if pelican.settings["PORTAL_SITE"].id == "xa":
                    raise RuntimeError("the disk is full, say")


            def register():
                signals.finalized.connect(fail)
            """
        ),
        encoding="utf-8",
    )
    settings = tmp_path / "failing.py"
    settings.write_text(
        "import sys\n"
        f"sys.path[:0] = [{str(plugin_dir)!r}, {str(REPO)!r}]\n"
        "from pelicanconf import *\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        "PLUGINS = PLUGINS + ['fail_on_xa']\n",
        encoding="utf-8",
    )
    yield settings
    # Pelican's signals outlive the build: the receiver must not fail later tests' builds.
    import fail_on_xa

    signals.finalized.disconnect(fail_on_xa.fail)


def test_a_failed_build_leaves_the_previous_output_untouched(
    make_content, tmp_path, failing_settings
):
    content = make_content(
        {
            "huyen/articles/a.md": article("Tin cũ của huyện"),
            "xa/articles/b.md": article("Tin cũ của xã", category='"Tin tức - Sự kiện"'),
        }
    )
    output = tmp_path / "output"
    build(content, output, SETTINGS, now=DEMO_NOW, search=False)
    before = snapshot(output)
    assert "huyen/tin-tuc/tin-cu-cua-huyen/index.html" in before

    (content / "huyen/articles/a.md").write_text(article("Tin mới của huyện"), encoding="utf-8")
    with pytest.raises((BuildFailed, RuntimeError)):
        build(content, output, failing_settings, now=DEMO_NOW, search=False)

    # huyen was rebuilt successfully before xa failed, yet nothing of that build shows.
    assert snapshot(output) == before
    assert swap.stagings(output) == []


def test_a_successful_build_replaces_each_site_whole(make_content, tmp_path):
    content = make_content(
        {
            "huyen/articles/a.md": article("Tin sẽ bị xoá"),
            "xa/articles/b.md": article("Tin của xã", category='"Tin tức - Sự kiện"'),
        }
    )
    output = tmp_path / "output"
    build(content, output, SETTINGS, now=DEMO_NOW, search=False)
    old_page = output / "huyen/tin-tuc/tin-se-bi-xoa/index.html"
    assert old_page.is_file()

    (content / "huyen/articles/a.md").unlink()
    (content / "huyen/articles/c.md").write_text(article("Tin thay thế"), encoding="utf-8")
    build(content, output, SETTINGS, now=DEMO_NOW, search=False)

    assert not old_page.exists()
    assert (output / "huyen/tin-tuc/tin-thay-the/index.html").is_file()
    assert swap.stagings(output) == []
    assert sorted(p.name for p in output.iterdir() if not p.name.startswith(".")) == [
        "huyen",
        "index.html",
        "xa",
    ]


def test_a_partial_build_keeps_the_other_sites(make_content, tmp_path):
    content = make_content(
        {
            "huyen/articles/a.md": article("Tin của huyện"),
            "xa/articles/b.md": article("Tin của xã", category='"Tin tức - Sự kiện"'),
        }
    )
    output = tmp_path / "output"
    build(content, output, SETTINGS, now=DEMO_NOW, search=False)
    parent_before = snapshot(output / "huyen")

    (content / "xa/articles/b.md").write_text(
        article("Tin mới của xã", category='"Tin tức - Sự kiện"'), encoding="utf-8"
    )
    build(content, output, SETTINGS, site_ids=["xa"], now=DEMO_NOW, search=False)

    assert snapshot(output / "huyen") == parent_before
    assert (output / "xa/tin-tuc/tin-moi-cua-xa/index.html").is_file()
    assert not (output / "xa/tin-tuc/tin-cua-xa").exists()


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_the_swap(tmp_path, monkeypatch, exchange):
    """On this Linux machine the two folders trade places in one system call; where renameat2
    is missing (not glibc, not Linux), two renames do the same."""
    if exchange:
        assert swap._RENAMEAT2 is not None
    else:
        monkeypatch.setattr(swap, "_RENAMEAT2", None)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "new").write_text("new")
    (b / "old").write_text("old")
    swap.put_in_place(a, b)
    assert (b / "new").read_text() == "new"
    assert (a / "old").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


@pytest.mark.parametrize("chunk", [8, swap.REMOVE_CHUNK])
def test_remove_tree_deletes_everything_and_follows_no_link(tmp_path, monkeypatch, chunk):
    """The old folders are removed (``swap.remove_tree``; files in chunks, by a few threads when
    there are several chunks): all of it, and nothing a symbolic link inside points to."""
    monkeypatch.setattr(swap, "REMOVE_CHUNK", chunk)
    monkeypatch.setattr(swap, "REMOVE_THREADS", 3)
    outside = tmp_path / "outside"
    (outside / "keep").mkdir(parents=True)
    (outside / "keep" / "file.txt").write_text("giữ lại", encoding="utf-8")
    root = tmp_path / "old"
    for number in range(120):
        page = root / f"section-{number % 5}" / f"page-{number}"
        page.mkdir(parents=True)
        (page / "index.html").write_text("<p>trang</p>", encoding="utf-8")
    (root / "deep" / "a" / "b" / "c").mkdir(parents=True)
    (root / "deep" / "a" / "b" / "c" / "f.txt").write_text("1", encoding="utf-8")
    (root / "section-1" / "to-folder").symlink_to(outside / "keep")
    (root / "to-file").symlink_to(outside / "keep" / "file.txt")
    swap.remove_tree(root)
    assert not root.exists()
    assert (outside / "keep" / "file.txt").read_text(encoding="utf-8") == "giữ lại"
    swap.remove_tree(root)  # nothing there: nothing to do
    link = tmp_path / "link"
    link.symlink_to(outside)
    swap.remove_tree(link)
    assert not link.exists() and (outside / "keep" / "file.txt").is_file()
