"""Kept pages are hard links to the old output's pages (``portal.pagekeys.KeyedWriter``): one
directory entry instead of a read and a write; a page written again over such a link never
writes through it into the old output (which is still what is served until the swap)."""

from __future__ import annotations

import os
from pathlib import Path

from portal import pagekeys
from portal.build import build
from support import DEMO_NOW, SETTINGS, article
from trees import SHOW, differences


def test_kept_pages_are_links_and_the_edited_page_is_new(make_content, tmp_path):
    content = make_content(
        {
            "huyen/articles/a.md": article("Tin A", body="Nội dung A."),
            "huyen/articles/b.md": article("Tin B", date="2026-11-19 08:00"),
        }
    )
    output = tmp_path / "output"
    build(content, output, SETTINGS, now=DEMO_NOW, search=False, jobs=1)
    pages = {p: p.stat().st_ino for p in (output / "huyen").rglob("*.html")}
    page_a = next(p for p in pages if "tin-a" in str(p))
    text = (content / "huyen/articles/a.md").read_text(encoding="utf-8")
    (content / "huyen/articles/a.md").write_text(text.replace("A.", "A đã sửa."), "utf-8")
    result = build(content, output, SETTINGS, now=DEMO_NOW, search=False, jobs=1)
    huyen = next(s for s in result.sites if s.site == "huyen")
    assert huyen.pages_kept > 0
    linked = [p for p, inode in pages.items() if p.stat().st_ino == inode]
    assert len(linked) == huyen.pages_kept
    assert page_a not in linked and "đã sửa" in page_a.read_text(encoding="utf-8")
    assert all(p.stat().st_nlink == 1 for p in linked)  # the old output is gone
    cold = tmp_path / "cold"
    build(content, cold, SETTINGS, now=DEMO_NOW, search=False, incremental=False, jobs=1)
    problems = differences(cold, output)
    assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"


class _Pages:
    def __init__(self, link_next):
        self.link_next = link_next


def _old_page_and_writer(tmp_path):
    """An old build's page, a staging folder and a keyed writer into it, and the page's path
    there."""
    old = tmp_path / "old" / "tin" / "index.html"
    old.parent.mkdir(parents=True)
    old.write_text("<p>trang cũ</p>", encoding="utf-8")
    staging = tmp_path / "staging"
    (staging / "tin").mkdir(parents=True)
    writer = pagekeys.KeyedWriter(str(staging), {"RELATIVE_URLS": False, "SITEURL": ""})
    return old, staging, writer, str(staging / "tin" / "index.html")


def test_a_page_written_again_over_a_link_leaves_the_old_page_alone(tmp_path, monkeypatch):
    old, staging, writer, target = _old_page_and_writer(tmp_path)
    monkeypatch.setattr(pagekeys, "_current", _Pages(("tin/index.html", str(old), "x")))
    with writer._open_w(target, "utf-8") as handle:
        handle.write("<p>trang cũ</p>")  # what the kept render returned: not written
    assert os.path.samefile(target, old)
    with writer._open_w(target, "utf-8", override=True) as handle:
        handle.write("<p>trang mới</p>")
    assert not os.path.samefile(target, old)
    assert old.read_text(encoding="utf-8") == "<p>trang cũ</p>"
    assert (staging / "tin" / "index.html").read_text(encoding="utf-8") == "<p>trang mới</p>"


def test_a_kept_page_not_read_is_linked_or_else_copied(tmp_path, monkeypatch):
    """A kept page whose file was not read (the render gave '') is the old page: linked, or
    where no link can be made (another file system), its text written; written again over
    the link, the old page's text is what a kept render would have given."""
    old, staging, writer, target = _old_page_and_writer(tmp_path)
    kept = _Pages(("tin/index.html", str(old), None))
    monkeypatch.setattr(pagekeys, "_current", kept)
    with writer._open_w(target, "utf-8") as handle:
        handle.write("")
    assert os.path.samefile(target, old)
    kept.link_next = ("tin/index.html", str(old), None)
    with writer._open_w(target, "utf-8", override=True) as handle:
        handle.write("")
    assert not os.path.samefile(target, old)
    assert Path(target).read_text(encoding="utf-8") == "<p>trang cũ</p>"

    def no_links(*_args):
        raise OSError("another file system")

    monkeypatch.setattr(os, "link", no_links)
    writer = pagekeys.KeyedWriter(str(staging), {"RELATIVE_URLS": False, "SITEURL": ""})
    target = str(staging / "tin" / "khac.html")
    kept.link_next = ("tin/khac.html", str(old), None)
    with writer._open_w(target, "utf-8") as handle:
        handle.write("")
    assert Path(target).read_text(encoding="utf-8") == "<p>trang cũ</p>"
    assert old.read_text(encoding="utf-8") == "<p>trang cũ</p>"
