"""Feed helpers on their own: ids, dates, tombstone windows, absolute links, the ``_portal``
values and the feed links a page gets in its ``<head>``."""

from __future__ import annotations

import datetime as dt

import pytest
from jinja2 import Environment, pass_context

from portal.catalog.item import Item
from portal.feeds.absolute import absolute_links
from portal.feeds.entries import item_id, rfc3339, takedown_date, tombstone_kept
from portal.feeds.extension import plain
from portal.feeds.generator import SETTINGS, page_kind_and_category
from portal.feeds.plan import feed_kinds, page_links, site_feeds
from portal.frontmatter.fields import TIMEZONE
from portal.sites import Site
from portal.slugs import slugify
from portal.types import get
from support import REPO

SITE = Site(
    id="tinh-lam-giang",
    name="Ủy ban nhân dân tỉnh Lam Giang",
    role="parent",
    base_url="https://LamGiang.example/",
    categories=["Tin tức - Sự kiện", "Thông báo"],
)
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=TIMEZONE)


def item(relpath: str, kind: str = "articles", **meta) -> Item:
    return Item(SITE.id, kind, f"/x/{relpath}", relpath, meta, lines={})


def test_id_is_the_site_host_site_id_and_file_stem():
    assert item_id(SITE, item("articles/2026-11-04-hoi-cho.md")) == (
        "tag:lamgiang.example,2026:tinh-lam-giang/articles/2026-11-04-hoi-cho"
    )
    # sub-folders kept; characters outside a URI percent-encoded, so two files never share one
    assert item_id(SITE, item("documents/2026/Quyết định 12.md", "documents")) == (
        "tag:lamgiang.example,2026:tinh-lam-giang/documents/2026/Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2012"
    )


def test_id_ignores_title_slug_and_where_the_site_is_served():
    a = item("articles/a.md", title="Cũ", slug="cu")
    b = item("articles/a.md", title="Mới", slug="moi")
    b.url = "tin-tuc/moi/"
    assert item_id(SITE, a) == item_id(SITE, b)


def test_dates_are_rfc3339_in_vietnam_time():
    assert rfc3339(dt.date(2026, 11, 20)) == "2026-11-20T00:00:00+07:00"
    assert rfc3339(dt.datetime(2026, 11, 20, 1, 30, tzinfo=dt.UTC)) == "2026-11-20T08:30:00+07:00"
    assert plain(dt.time(8, 5)) == "08:05"
    assert plain({"date": dt.date(2026, 11, 20), "chair": "", "items": [dt.date(2026, 1, 2)]}) == {
        "date": "2026-11-20",
        "items": ["2026-01-02"],
    }


def test_takedown_date_falls_back_to_the_last_change():
    dated = {"unpublished": {"reason": "error", "date": dt.date(2026, 11, 1)}}
    assert takedown_date(dated) == dt.date(2026, 11, 1)
    changed = {
        "unpublished": {"reason": "error"},
        "date": dt.datetime(2026, 10, 1, 8, tzinfo=TIMEZONE),
        "modified": dt.datetime(2026, 10, 5, 23, 30, tzinfo=dt.UTC),  # 06:30 on the 6th in Vietnam
    }
    assert takedown_date(changed) == dt.date(2026, 10, 6)


@pytest.mark.parametrize(
    ("days_ago", "kept"), [(-3, True), (0, True), (89, True), (90, False), (400, False)]
)
def test_tombstone_window(days_ago, kept):
    meta = {"unpublished": {"reason": "error", "date": NOW.date() - dt.timedelta(days=days_ago)}}
    assert tombstone_kept(meta, NOW, 90) is kept
    assert tombstone_kept(meta, NOW, 0) is False


PAGE = "https://lamgiang.example/tin-tuc/hoi-cho/"
ROOT = "https://lamgiang.example"


def test_links_become_absolute():
    html = (
        '<p><a href="quyet-dinh.pdf">QĐ</a> <a href="/van-ban/">Văn bản</a> '
        '<a href="#fn:1">1</a> <a href="https://other.example/x?a=1&amp;b=2">x</a> '
        '<a href="mailto:vp@lamgiang.example">thư</a> <a href="../khac/">khác</a></p>'
        '<img src="anh.jpg" srcset="anh-480w.webp 480w, anh-800w.webp 800w" alt="a &gt; b">'
        '<p>Viết src="x.png" trong chữ thì giữ nguyên.</p>'
    )
    result = absolute_links(html, PAGE, ROOT)
    assert f'href="{PAGE}quyet-dinh.pdf"' in result
    assert f'href="{ROOT}/van-ban/"' in result
    assert f'href="{PAGE}#fn:1"' in result
    assert 'href="https://other.example/x?a=1&amp;b=2"' in result
    assert 'href="mailto:vp@lamgiang.example"' in result
    assert f'href="{ROOT}/tin-tuc/khac/"' in result
    assert f'src="{PAGE}anh.jpg"' in result
    assert f'srcset="{PAGE}anh-480w.webp 480w, {PAGE}anh-800w.webp 800w"' in result
    assert 'alt="a &gt; b"' in result
    assert 'src="x.png" trong chữ' in result


def render_links(**variables) -> list[tuple[str, str]]:
    feeds = site_feeds(SITE, lambda name: f"chuyen-muc/{slugify(name)}/", {"Thông báo"})
    env = Environment(autoescape=True)

    @pass_context
    def page_feeds(context):
        return page_links(feeds, *page_kind_and_category(context))

    template = env.from_string("{% for f in FEEDS() %}{{ f.type }} {{ f.url }}|{% endfor %}")
    text = template.render(FEEDS=page_feeds, **variables)
    return [tuple(part.split(" ")) for part in text.split("|") if part]


class _Named:
    def __init__(self, **values):
        self.__dict__.update(values)


EVERYTHING = [("application/feed+json", "feed.json"), ("application/atom+xml", "atom.xml")]


def test_home_page_links_everything():
    assert render_links(nav_current="home") == EVERYTHING


def test_section_pages_link_their_section_first():
    documents = [
        ("application/feed+json", "van-ban/feed.json"),
        ("application/atom+xml", "van-ban/atom.xml"),
    ]
    assert render_links(section="documents") == documents + EVERYTHING
    assert render_links(page=_Named(kind="documents")) == documents + EVERYTHING
    invitation = render_links(page=_Named(kind="invitations"), nav_current="schedules")
    assert invitation[0] == ("application/feed+json", "giay-moi/feed.json")
    assert render_links(page=_Named(kind="pages")) == EVERYTHING


def test_articles_and_category_pages_link_their_category():
    category = _Named(name="Thông báo")
    expected = [
        ("application/feed+json", "chuyen-muc/thong-bao/feed.json"),
        ("application/atom+xml", "chuyen-muc/thong-bao/atom.xml"),
        ("application/feed+json", "tin-tuc/feed.json"),
        ("application/atom+xml", "tin-tuc/atom.xml"),
        *EVERYTHING,
    ]
    assert render_links(article=_Named(), category=category) == expected
    assert render_links(category=category, nav_current="articles") == expected
    news = render_links(nav_current="articles")
    assert news[0] == ("application/feed+json", "tin-tuc/feed.json")


def test_feed_titles_are_vietnamese_with_the_site_name():
    feeds = {f.key: f for f in site_feeds(SITE, lambda n: "chuyen-muc/x/", {"Thông báo"})}
    assert feeds["articles"].title == "Tin tức – Ủy ban nhân dân tỉnh Lam Giang"
    assert feeds["category:Thông báo"].title == "Thông báo – Ủy ban nhân dân tỉnh Lam Giang"
    assert feeds["category:Thông báo"].home == "chuyen-muc/x/"
    # a category with no listed news has no page yet: its feed describes the news listing
    assert feeds["category:Tin tức - Sự kiện"].home == "tin-tuc/"


def test_docs_name_every_setting_and_feed():
    docs = (REPO / "docs/feeds.md").read_text(encoding="utf-8")
    for name in SETTINGS:
        assert f"`{name}`" in docs, name
    for kind in feed_kinds():
        assert f"`/{get(kind).url_prefix}/feed.json`" in docs, kind
    assert "`/chuyen-muc/thong-bao/feed.json`" in docs
