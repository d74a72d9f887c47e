"""The one map of the paths a site owns (portal.paths): every name in it is refused as an item's
slug with ``file:line: slug: …``, and what the build writes is in the map."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal import paths
from portal.catalog.tree import scan
from portal.errors import ErrorReport
from portal.frontmatter.fields import Invalid, to_slug
from portal.scaffold import scaffold
from portal.sites import Site
from portal.types import REGISTRY, get
from support import DEMO_NOW, PDF, REPO

PREFIXES = {kind: ct.url_prefix for kind, ct in REGISTRY.items()}

# What can be an item's slug: folders and folder patterns (a file name has a dot or a '_').
SLUG_ENTRIES = [entry for entry in paths.OWNED if not entry.file]
SITE = Site("huyen", "UBND huyện Thử", "parent", "https://huyen.example", categories=["Thông báo"])


def _name(entry: paths.Owned) -> str:
    return f"{entry.within or 'pages'}__{entry.sample}"


def _item(entry: paths.Owned) -> str:
    """``portal new``'s file for the entry's type (a page for the root) with the entry's name as
    its slug, on line 2."""
    kind = entry.within or "pages"
    files = ["files/ok.pdf"] if kind == "documents" else []
    text = scaffold(kind, SITE, f"Mục thử {entry.sample}", DEMO_NOW, files)
    return text.replace("---\n", f"---\nslug: {entry.sample}\n", 1)


@pytest.fixture(scope="module")
def reserved_scan(tmp_path_factory) -> tuple[Path, ErrorReport]:
    """One content folder holding one item per reserved name, scanned once."""
    from support import SITES_YML, write_tree

    root = tmp_path_factory.mktemp("reserved") / "content"
    files: dict[str, str | bytes] = {"sites.yml": SITES_YML, "huyen/documents/files/ok.pdf": PDF}
    for index, entry in enumerate(SLUG_ENTRIES):
        kind = entry.within or "pages"
        files[f"huyen/{kind}/{index:03d}-{entry.sample}.md"] = _item(entry)
    write_tree(root, files)
    report = ErrorReport()
    scan(root, DEMO_NOW, report)
    return root, report


@pytest.mark.parametrize("entry", SLUG_ENTRIES, ids=_name)
def test_every_reserved_name_is_refused_as_a_slug(reserved_scan, entry):
    root, report = reserved_scan
    index = SLUG_ENTRIES.index(entry)
    kind = entry.within or "pages"
    target = root / "huyen" / kind / f"{index:03d}-{entry.sample}.md"
    mine = [e for e in report.errors if Path(e.path) == target]
    slugs = [e for e in mine if e.field == "slug"]
    assert len(slugs) == 1, [str(e) for e in mine]
    error = slugs[0]
    assert error.line == 2
    assert f"/{entry.path}" in error.message and "slug" in error.message
    assert str(error).startswith(f"{error.display_path()}:2: slug: ")


def test_free_names_beside_reserved_ones_are_accepted(make_content):
    """A name that only looks like a reserved one is free: the map is no wider than it needs."""
    content = make_content(
        {
            f"huyen/pages/{slug}.md": f"---\ntitle: Trang {slug}\nslug: {slug}\n---\nTrang.\n"
            for slug in ("widgets", "trang-chu", "the-le", "tim-kiem-nhanh", "van-ban-moi")
        }
        | {
            "huyen/articles/loai.md": "---\ntitle: Loại\ndate: 2026-11-20 08:00\n"
            'category: "Thông báo"\nslug: loai\n---\nTin.\n'
        }
    )
    report = ErrorReport()
    scan(content, DEMO_NOW, report)
    assert report.sorted() == []


@pytest.mark.parametrize("entry", [e for e in paths.OWNED if e.file], ids=_name)
def test_no_slug_can_take_a_file_name(entry):
    with pytest.raises(Invalid):
        to_slug(entry.sample)


def test_every_section_and_what_it_holds_is_in_the_map():
    for kind, folder in PREFIXES.items():
        if folder:
            assert paths.taken_by("pages", folder), folder
            assert paths.taken_by(kind, "trang-12"), kind


def test_pelican_settings_use_the_maps_names():
    """pelicanconf.py is plain settings (it cannot import the package): its folders are the
    map's."""
    spec = importlib.util.spec_from_file_location("conf", REPO / "pelicanconf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    assert conf.CATEGORY_SAVE_AS.startswith(f"{paths.CATEGORY_PREFIX}/")
    assert conf.TAG_SAVE_AS.startswith(f"{paths.TAG_PREFIX}/")
    assert conf.NEWS_SAVE_AS.startswith(f"{get('articles').url_prefix}/")
    month = conf.MONTH_ARCHIVE_SAVE_AS.split("/")[1].format(date=DEMO_NOW)
    assert paths.taken_by("articles", month)
    page = conf.PAGINATION_PATTERNS[1][1].split("/")[1].format(number=2)
    assert paths.taken_by("articles", page)
    assert "index" not in conf.PAGINATED_TEMPLATES  # so the root has no trang-2/


def test_demo_output_holds_only_mapped_names_and_items(demo_output):
    """Every name the build wrote at a site's root or in a section folder is in the map or is
    the page of an item: a folder added by a plugin without the map fails here."""
    items = {"pages": set()} | {kind: set() for kind in PREFIXES}
    from portal.catalog.tree import scan as scan_content
    from support import DEMO_CONTENT

    report = ErrorReport()
    _, catalogs = scan_content(DEMO_CONTENT, DEMO_NOW, report)
    for catalog in catalogs.values():
        for item in catalog.items:
            items[item.kind].add(item.slug)
    unknown = []
    for site in (p for p in demo_output.iterdir() if p.is_dir()):
        for kind, folder in [("pages", "")] + [(k, f) for k, f in PREFIXES.items() if f]:
            where = site / folder if folder else site
            for child in where.iterdir():
                if folder == "" and child.name in PREFIXES.values():
                    continue
                if child.name in items[kind] or paths.taken_by(kind, child.name):
                    continue
                if child.is_file() and any(
                    e.within == ("" if kind == "pages" else kind) and e.matches(child.name)
                    for e in paths.OWNED
                ):
                    continue
                unknown.append(str(child.relative_to(demo_output)))
    assert unknown == []


def test_a_page_named_widget_fails_the_real_build(tmp_path, make_content):
    """The issue's case: ``slug: widget`` built and was published into the widget's folder."""
    content = make_content({"huyen/pages/w.md": "---\ntitle: Tiện ích\nslug: widget\n---\nA.\n"})
    portal = Path(sys.executable).parent / "portal"
    result = subprocess.run(
        [
            *(str(portal), "build", "--content", str(content), "--output", str(tmp_path / "o")),
            *("--settings", str(REPO / "pelicanconf.py"), "--now", "2026-11-22 12:00"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert re.search(r"w\.md:3: slug: đường dẫn '/widget/' trùng với '/widget'", result.stdout)
    assert "Traceback" not in result.stdout + result.stderr


PART = st.text(alphabet="abcdefghiklmnopqrstuvxy0123456789", min_size=1, max_size=8)
NAMES = [e.sample for e in paths.OWNED if not e.file]  # near misses: reserved names as parts
SLUG = st.lists(st.one_of(PART, st.sampled_from(NAMES)), min_size=1, max_size=3).map("-".join)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(SLUG, st.integers(0, 10**6), st.sampled_from(sorted(k for k, f in PREFIXES.items() if f)))
def test_listing_pages_are_taken_in_every_section_and_nothing_else_is_by_accident(slug, n, kind):
    """``trang-<n>`` is taken in every section for any n, never at the root; a random slug is
    taken at the root only when it is a root name of the map or a Pagefind folder."""
    assert paths.taken_by(kind, f"trang-{n}") is not None
    assert paths.taken_by("pages", f"trang-{n}") is None
    roots = {e.name for e in paths.OWNED if not e.within and not e.pattern}
    expected = slug in roots or re.fullmatch(r"pagefind([-_.].*)?", slug) is not None
    assert (paths.taken_by("pages", slug) is not None) == expected
