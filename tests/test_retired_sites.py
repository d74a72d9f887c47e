"""A site taken out of sites.yml stops being published: the next build deletes its output
folder and what the cache kept for it, says so, and touches nothing else
(``portal.incremental.Ledger.retire``); so does the next ``portal assemble`` into the same
folder (``portal.shards.assemble``)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from portal import shards
from portal.build import build
from portal.cli import main
from portal.incremental import MANIFEST, cache_folder
from support import SETTINGS, SITES_YML, article

WARD = """\
- id: phuong
  name: "Ủy ban nhân dân phường Thử Nghiệm"
  role: member
  parent: huyen
  base_url: https://phuong.example
  categories: ["Tin tức - Sự kiện"]
"""


def _content(make_content):
    root = make_content(
        {
            "huyen/articles/tin-huyen.md": article("Tin huyện"),
            "xa/articles/tin-xa.md": article("Tin xã", category='"Tin tức - Sự kiện"'),
            "phuong/articles/tin-phuong.md": article("Tin phường", category='"Tin tức - Sự kiện"'),
        },
        sites=SITES_YML + WARD,
    )
    return root


def _drop_ward(root):
    (root / "sites.yml").write_text(SITES_YML, encoding="utf-8")
    for path in sorted((root / "phuong").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (root / "phuong").rmdir()


def _cached_for(cache, site_id):
    """Every path in the cache that belongs to ``site_id``."""
    return sorted(
        str(p.relative_to(cache))
        for p in cache.rglob("*")
        if site_id in p.relative_to(cache).parts or p.name.startswith(f"{site_id}.")
    )


def test_a_site_taken_out_of_sites_yml_is_no_longer_published(make_content, build_into):
    root = _content(make_content)
    output = build_into(root)
    cache = cache_folder({}, output)
    assert (output / "phuong" / "index.html").is_file()
    assert _cached_for(cache, "phuong"), "the search cache and page records hold the ward"
    (output / "keep-me.txt").write_text("not the build's\n", encoding="utf-8")

    _drop_ward(root)
    build_into(root)
    assert sorted(p.name for p in output.iterdir()) == ["huyen", "index.html", "keep-me.txt", "xa"]
    assert _cached_for(cache, "phuong") == []
    manifest = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["sites"]) == ["huyen", "xa"]
    assert (output / "huyen" / "index.html").is_file()
    assert "phuong.example" not in (output / "huyen" / "index.html").read_text(encoding="utf-8")


def test_the_removal_is_said_and_a_full_build_removes_too(make_content, tmp_path):
    root = _content(make_content)
    output = tmp_path / "output"
    build(root, output, SETTINGS, search=False)
    _drop_ward(root)
    result = build(root, output, SETTINGS, search=False, incremental=False)
    assert not (output / "phuong").exists()
    assert [n for n in result.notices if "phuong" in n] == [
        "Đã gỡ phuong: cổng không còn trong sites.yml. (Removed phuong: no longer in sites.yml.)"
    ]


def test_a_recorded_name_that_is_not_a_site_id_is_never_a_path(make_content, build_into):
    root = _content(make_content)
    output = build_into(root, search=False)
    cache = cache_folder({}, output)
    outside = output.parent / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep\n", encoding="utf-8")
    manifest = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
    manifest["sites"]["../outside"] = {"pages": "x"}
    (cache / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    _drop_ward(root)
    build_into(root, search=False)
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "keep\n"
    assert not (output / "phuong").exists()


def _assemble(root, tmp_path, output, name):
    """Every site built as its own shard (as a deploy matrix would), then ``portal assemble``."""
    parts = []
    for number, site_id in enumerate(shards.built_sites(root, _configured(root)), 1):
        part = tmp_path / name / f"shard-{number}"
        build(root, part, SETTINGS, site_ids=[site_id], search=False, incremental=False)
        parts.append(str(part))
    args = ["assemble", *parts, "--content", str(root), "--output", str(output)]
    return CliRunner().invoke(main, [*args, "--settings", str(SETTINGS)])


def _configured(root):
    from portal.errors import ErrorReport
    from portal.sites import load_sites

    return load_sites(root, ErrorReport())


def test_assembling_again_removes_a_site_taken_out_of_sites_yml(make_content, tmp_path):
    root = _content(make_content)
    output = tmp_path / "assembled"
    first = _assemble(root, tmp_path, output, "before")
    assert first.exit_code == 0, first.output
    assert (output / "phuong" / "index.html").is_file()
    assert not [p.name for p in output.rglob(".*")], "the record stays outside the output"
    outside = tmp_path / "outside"
    (outside / "precious.txt").parent.mkdir()
    (outside / "precious.txt").write_text("keep\n", encoding="utf-8")
    record = shards.assembled_record(output)
    stored = json.loads(record.read_text(encoding="utf-8"))
    record.write_text(json.dumps({"sites": [*stored["sites"], "../outside"]}), encoding="utf-8")

    _drop_ward(root)
    second = _assemble(root, tmp_path, output, "after")
    assert second.exit_code == 0, second.output
    assert sorted(p.name for p in output.iterdir()) == ["huyen", "index.html", "xa"]
    assert "Đã gỡ phuong: cổng không còn trong sites.yml." in second.output
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "keep\n"
    assert json.loads(record.read_text(encoding="utf-8")) == {"sites": ["huyen", "xa"]}
