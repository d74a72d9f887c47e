"""The item cache (``portal.catalog.itemcache``): an unchanged file is taken from the last
build's reading, and what comes back is exactly what reading it gives, at the build's ``now``;
anything it depends on changing (an attachment, a picture, ``now``, the file) means reading
again, errors always come from a real reading, and an edited cache cannot put into a page what
the sanitiser removes."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from portal.build import build
from portal.catalog import itemcache as ic
from portal.catalog.tree import scan
from portal.errors import ErrorReport
from portal.markup.render import clean
from support import DEMO_CONTENT, DEMO_NOW, SETTINGS, article
from trees import SHOW, differences

DOCUMENT = """\
---
title: "Quy định thử"
date: 2026-11-02 08:00
number: "12/QĐ-UBND"
doc_type: "Quyết định"
issuer: "UBND huyện Thử Nghiệm"
issued: 2026-11-02
summary: "Trích yếu"
files: [vb.pdf]
---
Nội dung.
"""
SCRIPT = '<p>Tin</p><script>document.title="bị chiếm"</script>'


def read(content, now=DEMO_NOW, cache=None):
    """(items by source, errors) of a scan of ``content``, through ``cache`` if given."""
    report = ErrorReport()
    ic.use_cache(cache)
    try:
        _, catalogs = scan(content, now, report)
    finally:
        ic.use_cache(None)
    items = {i.source: i for c in catalogs.values() for i in c.items}
    return items, sorted(report.errors)


def cached(path, content, now=DEMO_NOW):
    """A scan that fills a cache saved at ``path``, then the cache as the next build loads it."""
    first = ic.ItemCache(path, "fingerprint")
    read(content, now, first)
    first.save()
    return ic.ItemCache(path, "fingerprint")


def same(a, b) -> bool:
    """Equal items with equal encodings (so also the same types and time zones)."""
    return a == b and ic.encode(a) == ic.encode(b)


def test_every_demo_item_comes_back_from_the_cache_as_read(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, content)
    cold, errors = read(content)
    assert not errors
    cache = cached(tmp_path / "items.json", content)
    # A body with pictures gets <picture>/srcset markup the sanitiser would remove: such an
    # item is always read (its HTML could not be checked on the way back).
    stored = [i for i in cold.values() if clean(i.html)]
    assert len(stored) >= len(cold) - 2 and len(cache.entries) == len(stored)
    warm, _ = read(content, cache=cache)
    assert cache.hits == len(stored)
    assert cold.keys() == warm.keys()
    for source, item in cold.items():
        assert same(item, warm[source]), source
        assert item is not warm[source]
    moments = [v for i in warm.values() for v in i.meta.values() if isinstance(v, dt.datetime)]
    assert moments and all(m.tzinfo is DEMO_NOW.tzinfo for m in moments if m.tzinfo)


def test_the_codec_keeps_types_and_refuses_what_it_does_not_know():
    values = {
        "vn": dt.datetime(2026, 11, 20, 8, 30, tzinfo=DEMO_NOW.tzinfo),
        "utc": dt.datetime(2026, 11, 20, 8, 30, tzinfo=dt.UTC),
        "offset": dt.datetime(2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        "day": dt.date(2026, 1, 2),
        "time": dt.time(8, 30),
        "tuple": ("a", 1),
        "set": {"b", "a"},
        "nested": [{"x": True, "y": None, "z": 1.5}],
    }
    back = ic.decode(json.dumps(ic.encode(values)))
    assert back == values
    assert [type(v) for v in back.values()] == [type(v) for v in values.values()]
    assert [getattr(v, "tzinfo", None) for v in back.values()] == [
        getattr(v, "tzinfo", None) for v in values.values()
    ]
    for made_by_hand in ('{"a": 1}', '[{"$dc": "Item", "fields": {"site": "x"}}]', '{"$x": 1}'):
        with pytest.raises((ValueError, TypeError)):  # only what encode makes comes back
            ic.decode(made_by_hand)
    for unknown in (object(), dt.timezone(dt.timedelta(hours=1), "CET"), float("nan")):
        with pytest.raises(ic.Unencodable):
            ic.encode(
                {"value": unknown}
                if not isinstance(unknown, dt.tzinfo)
                else dt.datetime(2026, 1, 1, tzinfo=unknown)
            )


def test_a_changed_attachment_is_read_again(make_content, tmp_path):
    pdf = b"%PDF-1.4\n" + b"x" * 100
    content = make_content(
        {
            "huyen/articles/a.md": article("Có tệp", body="Xem [tệp đính kèm](files/a.pdf)."),
            "huyen/articles/files/a.pdf": pdf,
        }
    )
    cache = cached(tmp_path / "items.json", content)
    assert len(cache.entries) == 1
    (content / "huyen/articles/files/a.pdf").write_bytes(pdf + b"y" * 50)
    warm, _ = read(content, cache=cache)
    cold, _ = read(content)
    assert cache.hits == 0
    (item,) = warm.values()
    assert item.inline[0].size == len(pdf) + 50
    assert same(item, cold[item.source])


def test_now_decides_the_state_and_a_new_written_item_is_read_again(make_content, tmp_path):
    content = make_content({"huyen/articles/a.md": article("Hẹn giờ", date="2026-12-01 08:00")})
    cache = cached(tmp_path / "items.json", content)
    later = dt.datetime(2026, 12, 2, 8, 0, tzinfo=DEMO_NOW.tzinfo)
    warm, _ = read(content, later, cache)
    (item,) = warm.values()
    assert item.state == "public"
    assert cache.hits == 1 and cache.dropped == 0  # looked up, then read: it is written now
    assert same(item, read(content, later)[0][item.source])
    # Within the same state the stored item is used.
    again, _ = read(content, DEMO_NOW, cached(tmp_path / "items2.json", content))
    assert next(iter(again.values())).state == "scheduled"


def test_errors_are_never_cached(make_content, tmp_path):
    content = make_content({"huyen/articles/a.md": article("Sai ngày", date="2026-13-45 08:00")})
    cache = cached(tmp_path / "items.json", content)
    assert cache.entries == {}
    _, errors = read(content, cache=cache)
    assert errors and errors == read(content)[1]


def test_an_edited_entry_cannot_put_a_script_into_a_page(make_content, tmp_path):
    content = make_content({"huyen/articles/a.md": article("Tin", body="Nội dung **thật**.")})
    path = tmp_path / "items.json"
    cached(path, content)
    data = json.loads(path.read_text(encoding="utf-8"))
    for key, entry in data["entries"].items():
        text = entry["item"].replace("<strong>thật</strong>", SCRIPT.replace('"', '\\"'))
        assert text != entry["item"]
        entry["item"], entry["sha256"] = text, ic._digest("fingerprint", key, text)
    path.write_text(json.dumps(data), encoding="utf-8")
    cache = ic.ItemCache(path, "fingerprint")
    assert cache.entries  # the seal is right: only the sanitiser check stops it
    warm, _ = read(content, cache=cache)
    (item,) = warm.values()
    assert cache.hits == 0 and cache.dropped == 1
    assert "<script" not in item.html and "<strong>thật</strong>" in item.html


def test_a_replaced_attachment_rebuilds_like_a_cold_build(make_content, tmp_path):
    """The content file is unchanged; only the file it names is: the page shows the new size."""
    pdf = b"%PDF-1.4\n" + b"x" * 100
    content = make_content({"huyen/documents/a/a.md": DOCUMENT, "huyen/documents/a/vb.pdf": pdf})
    output = tmp_path / "output"
    build(content, output, SETTINGS, now=DEMO_NOW, search=False, jobs=1)
    (content / "huyen/documents/a/vb.pdf").write_bytes(pdf + b"y" * 5000)
    build(content, output, SETTINGS, now=DEMO_NOW, search=False, jobs=1)
    cold = tmp_path / "cold"
    build(content, cold, SETTINGS, now=DEMO_NOW, search=False, incremental=False, jobs=1)
    problems = differences(cold, output)
    assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"


def test_forked_readers_send_back_each_site_once_and_miss_nothing(tmp_path, monkeypatch):
    """Read by two workers, each site's result carries only that site's cache entries (a
    worker reads several sites; sending its whole ``used`` again with each one made the
    build hold every earlier site's entries several times over), and the caches end up with
    the same entries as when every site is read in this process."""
    from portal import incremental as inc
    from portal.catalog import tree
    from portal.markup.render import use_cache as use_render_cache

    sent: list[tuple[str, int, dict]] = []
    real = tree.run_all

    def watched(keys, run, jobs):
        results = real(keys, run, jobs)
        sent.extend((key, len(r[0].items), r[3]) for key, r in zip(keys, results, strict=True))
        return results

    monkeypatch.setattr(tree, "run_all", watched)
    used = {}
    for jobs in (1, 2):
        items = ic.ItemCache(tmp_path / f"items-{jobs}.json", "fingerprint")
        renders = inc.RenderCache(tmp_path / f"render-{jobs}.json", "fingerprint")
        ic.use_cache(items)
        use_render_cache(renders)
        try:
            _, catalogs = scan(DEMO_CONTENT, DEMO_NOW, ErrorReport(), jobs=jobs)
        finally:
            ic.use_cache(None)
            use_render_cache(None)
        used[jobs] = (items.used, renders.used)
    assert len(catalogs) >= 3  # so that a worker reads more than one site
    assert used[1] == used[2] and used[1][0] and used[1][1]
    forked = sent[len(sent) // 2 :]
    assert sum(len(read) for _, _, read in forked) == len(used[2][0])
    for site, count, read in forked:
        assert 0 < len(read) <= count, site
