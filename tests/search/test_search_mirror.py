"""``portal.search.index.mirror``: a folder made to hold what another holds, as hard links, changing
only what changed (the served bundles and the related sites' copies of them)."""

from __future__ import annotations

import os
from pathlib import Path

from portal.search.index import mirror


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def test_mirror_links_what_changed_and_nothing_else(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    for rel, text in {
        "pagefind-entry.json": "{}",
        "pagefind.js": "js",
        "fragment/vi_a.pf_fragment": "a",
        "fragment/vi_b.pf_fragment": "b",
        "index/vi_c.pf_index": "c",
    }.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text)
    mirror(source, target, skip=("pagefind.js",))
    first = inodes(target)
    assert first == {k: v for k, v in inodes(source).items() if k != "pagefind.js"}
    # The same name, other bytes (a new file); a new file; a file gone; the others untouched.
    (source / "fragment/vi_b.pf_fragment").unlink()
    (source / "fragment/vi_b.pf_fragment").write_text("b, edited")
    (source / "index/vi_d.pf_index").write_text("d")
    (source / "index/vi_c.pf_index").unlink()
    entry = target / "pagefind-entry.json"
    before = entry.stat().st_mtime_ns, entry.stat().st_ctime_ns
    mirror(source, target, skip=("pagefind.js",))
    assert inodes(target) == {k: v for k, v in inodes(source).items() if k != "pagefind.js"}
    assert (target / "fragment/vi_b.pf_fragment").read_text() == "b, edited"
    assert inodes(target)["fragment/vi_a.pf_fragment"] == first["fragment/vi_a.pf_fragment"]
    assert (entry.stat().st_mtime_ns, entry.stat().st_ctime_ns) == before  # not linked again
    # A file of the target that is another file with the same bytes is replaced by the link.
    os.unlink(target / "fragment/vi_a.pf_fragment")
    (target / "fragment/vi_a.pf_fragment").write_text("a")
    mirror(source, target, skip=("pagefind.js",))
    assert inodes(target) == {k: v for k, v in inodes(source).items() if k != "pagefind.js"}


def test_mirror_removes_the_folders_it_empties(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    for rel in ("a/b/one", "a/two", "c/three"):
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(rel)
    mirror(source, target)
    (source / "a/b/one").unlink()
    (source / "a/b").rmdir()
    (source / "c/three").unlink()
    (source / "c").rmdir()
    mirror(source, target)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["a", "a/two"]
