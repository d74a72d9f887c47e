"""Page-level incremental rendering (portal.pagekeys): a build renders only the pages whose key
changed, keeps the others from the last output, and gives exactly a cold build's output.

A small portal of its own (a parent with 26 articles in two categories, a member with two),
built once per module; each test starts from a copy of that build put back in place."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import jinja2
import pytest
from pelican.contents import Article

from portal import pagekeys
from portal.build import build
from portal.errors import ErrorReport
from portal.sites import load_sites
from support import DEMO_NOW, SETTINGS, SITES_YML, article, write_tree
from trees import SHOW, differences

CATEGORIES = ("Tin tức - Sự kiện", "Thông báo")


def _articles() -> dict[str, str]:
    files = {}
    for n in range(26):
        when = DEMO_NOW - dt.timedelta(days=n + 1, hours=n)
        files[f"huyen/articles/tin-{n:02d}.md"] = article(
            f"Tin số {n:02d} của huyện",
            body=f"Nội dung tin số {n}.\n\nĐoạn thứ hai của tin {n}.",
            date=when.strftime("%Y-%m-%d %H:%M"),
            category=f'"{CATEGORIES[n % 2]}"',
            tags=f"[{'lúa' if n % 3 else 'đường'}, thẻ {n % 4}]",
        )
    for n in range(2):
        files[f"xa/articles/tin-xa-{n}.md"] = article(
            f"Tin xã số {n}", date="2026-11-10 08:00", category=f'"{CATEGORIES[0]}"'
        )
    return files


class Space:
    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        self.cache = root / ".output-cache"
        sites = load_sites(self.content, ErrorReport())
        self.parent = next(s.id for s in sites if s.is_parent)

    def build(self, now: dt.datetime = DEMO_NOW):
        return build(self.content, self.output, SETTINGS, now=now, search=False)

    def records(self, site: str | None = None) -> dict:
        path = pagekeys.records_path(self.cache, site or self.parent)
        return json.loads(path.read_text(encoding="utf-8"))

    def rendered(self, result, site: str | None = None) -> list[str]:
        """The pages of ``site`` rendered by the build (the others were kept)."""
        found = next(s for s in result.sites if s.site == (site or self.parent))
        assert not found.kept
        names = self.records(site)["rendered_pages"]
        assert len(names) == found.pages_rendered
        return names

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.content / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def assert_same_as_cold(self, now: dt.datetime = DEMO_NOW) -> None:
        cold = self.root / f"cold-{len(list(self.root.glob('cold-*')))}"
        build(self.content, cold, SETTINGS, now=now, search=False, incremental=False)
        problems = differences(cold, self.output)
        assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"


@pytest.fixture(scope="module")
def small_built(tmp_path_factory):
    base = tmp_path_factory.mktemp("pagekeys")
    root = base / "space"
    write_tree(root / "content", {"sites.yml": SITES_YML, **_articles()})
    space = Space(root)
    result = space.build()
    assert all(s.pages_kept == 0 for s in result.sites)
    template = base / "template"
    root.rename(template)
    return root, template


@pytest.fixture
def space(small_built):
    root, template = small_built
    shutil.copytree(template, root, symlinks=True)
    try:
        yield Space(root)
    finally:
        shutil.rmtree(root)


def test_a_body_edit_renders_that_page_only(space):
    space.edit("huyen/articles/tin-10.md", "Đoạn thứ hai", "Đoạn thứ hai, đã sửa,")
    result = space.build()
    assert {s.site for s in result.sites if not s.kept} == {space.parent}
    assert space.rendered(result) == ["tin-tuc/tin-so-10-cua-huyen/index.html"]
    space.assert_same_as_cold()


def test_a_title_edit_renders_the_pages_that_show_it(space):
    space.edit("huyen/articles/tin-10.md", 'title: "', 'title: "Mới: ')
    result = space.build()
    rendered = space.rendered(result)
    total = space.records()["kept"] + len(rendered)
    # Its page (a new URL), its neighbours, the pages listing or relating it; not the others.
    assert "tin-tuc/moi-tin-so-10-cua-huyen/index.html" in rendered
    assert "tin-tuc/tin-so-09-cua-huyen/index.html" in rendered  # newer: links to it
    assert len(rendered) < total / 2, (len(rendered), total)
    space.assert_same_as_cold()


def test_a_new_article_renders_its_listings_not_every_page(space):
    space.content.joinpath("huyen/articles/tin-moi.md").write_text(
        article("Tin mới nhất", date="2026-11-22 09:00", category=f'"{CATEGORIES[1]}"'),
        encoding="utf-8",
    )
    result = space.build()
    rendered = set(space.rendered(result))
    assert "tin-tuc/tin-moi-nhat/index.html" in rendered
    assert "index.html" in rendered
    # Every listing's aside counts the articles per category, so the listings change; the
    # pages of older articles that neither neighbour nor relate it do not.
    assert "tin-tuc/tin-so-20-cua-huyen/index.html" not in rendered
    assert len(rendered) < space.records()["kept"], rendered
    space.assert_same_as_cold()


def test_time_renders_what_shows_it(space):
    """The next day: pages that show the date are rendered; the build equals a cold one."""
    later = DEMO_NOW + dt.timedelta(days=1)
    space.build(later)
    space.assert_same_as_cold(later)


def test_a_damaged_old_page_is_rendered_again(space):
    page = space.output / space.parent / "tin-tuc/tin-so-03-cua-huyen/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Tin số 03", "Sai"), encoding="utf-8")
    space.edit("huyen/articles/tin-20.md", "Đoạn thứ hai", "Đoạn hai")  # the site is built again
    result = space.build()
    assert "tin-tuc/tin-so-03-cua-huyen/index.html" in space.rendered(result)
    space.assert_same_as_cold()


def test_a_kept_page_is_checked_by_its_file_not_read(space):
    """A kept page is taken from the old output without reading it when its file is the one
    recorded (size, modification time, inode): damage of the same size is still seen (a new
    time); what the check trusts is that nothing puts a page's time back after rewriting it
    in place (then it stays as it is, until its key changes or a --full build)."""
    space.edit("huyen/articles/tin-20.md", "Đoạn thứ hai", "Đoạn hai")
    space.build()  # records made on this copy's own files
    site = space.output / space.parent
    damaged = site / "tin-tuc/tin-so-03-cua-huyen/index.html"
    trusted = site / "tin-tuc/tin-so-04-cua-huyen/index.html"
    text = damaged.read_text(encoding="utf-8")
    damaged.write_text(text.replace("Tin số 03", "Tin số 33"), encoding="utf-8")
    before = trusted.stat()
    trusted.write_text(
        trusted.read_text(encoding="utf-8").replace("Tin số 04", "Tin số 44"), "utf-8"
    )
    os.utime(trusted, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert trusted.stat().st_size == before.st_size and trusted.stat().st_ino == before.st_ino
    space.edit("huyen/articles/tin-20.md", "Đoạn hai", "Đoạn thứ hai")
    rendered = space.rendered(space.build())
    assert "tin-tuc/tin-so-03-cua-huyen/index.html" in rendered
    assert "tin-tuc/tin-so-04-cua-huyen/index.html" not in rendered
    assert "Tin số 44" in trusted.read_text(encoding="utf-8")
    trusted.write_text(
        trusted.read_text(encoding="utf-8").replace("Tin số 44", "Tin số 04"), "utf-8"
    )
    space.assert_same_as_cold()


# -- the digests, without a build -----------------------------------------------------------------


def _content(title: str, body: str, source: str) -> Article:
    return Article(body, {"title": title}, settings=None, source_path=source)


def _key(template: str, context: dict, plan: pagekeys.Plan):
    """The key recorded for a render of ``template`` with ``context``."""
    environment = jinja2.Environment()
    environment.filters["loud"] = lambda text: str(text).upper()
    compiled = environment.from_string(template)
    pages = pagekeys.Pages(plan)
    context = {**context, "output_file": "x.html"}
    pages.render(compiled, context)
    return pages.new["x.html"][0]


@pytest.fixture
def plan(tmp_path):
    return pagekeys.Plan("", str(tmp_path / "r.json"), "base", "/root/", "[]")


def test_a_listing_is_keyed_by_what_it_shows_of_its_items(plan):
    listing = "{% for a in items %}{{ a.title }}{% endfor %}"
    a, b = _content("A", "body a", "/root/a.md"), _content("B", "body b", "/root/b.md")
    key = _key(listing, {"items": [a, b]}, plan)
    b._content = "another body"
    assert _key(listing, {"items": [a, b]}, plan) == key  # the body is not shown
    b.title = "B2"
    assert _key(listing, {"items": [a, b]}, plan) != key
    assert _key(listing, {"items": [b, a]}, plan) != _key(listing, {"items": [a, b]}, plan)


def test_an_object_handed_to_python_is_keyed_whole(plan):
    template = "{% for a in items %}{{ describe(a) }}{% endfor %}"

    def describe(obj):
        return obj._content[:3]

    a = _content("A", "body a", "/root/a.md")
    key = _key(template, {"items": [a], "describe": describe}, plan)
    a._content = "changed"
    assert _key(template, {"items": [a], "describe": describe}, plan) != key


def test_the_named_object_is_keyed_whole(plan):
    a = _content("A", "body a", "/root/a.md")
    key = _key("{{ article.title }}", {"article": a}, plan)
    a._content = "changed"
    assert _key("{{ article.title }}", {"article": a}, plan) != key


def test_digests_are_kept_across_generators_unless_the_context_changed(plan):
    """Digests are kept for the whole run; a generator whose output step changes the shared
    context (here: appends to a list a name holds) makes them be digested again, so the next
    page's key is what a fresh run gives."""
    listing = "{% for a in items %}{{ a.title }}{% endfor %}"
    items = [_content("A", "body a", "/root/a.md")]
    context = {"items": items, "output_file": "x.html"}
    pages = pagekeys.Pages(plan)
    first, second = jinja2.Environment(), jinja2.Environment()  # one per generator
    pages.render(first.from_string(listing), context)
    items.append(_content("B", "body b", "/root/b.md"))
    pages.render(second.from_string(listing), {**context, "output_file": "y.html"})
    fresh = pagekeys.Pages(plan)
    fresh.render(second.from_string(listing), {**context, "output_file": "y.html"})
    assert pages.new["y.html"][0] == fresh.new["y.html"][0]
