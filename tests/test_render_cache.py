"""The cache of rendered Markdown is data, checked before use: an edited entry cannot put into
a page what the sanitiser removes, a corrupted one is rendered again, and a pickle left by an
earlier version is never loaded (loading one runs code)."""

from __future__ import annotations

import hashlib
import json
import os
import pickle

import pytest

from portal import incremental as inc
from portal.build import build
from support import DEMO_NOW, SETTINGS, article
from trees import SHOW, differences

BODY = "Nội dung **được lưu** trong bộ nhớ đệm."
SCRIPT = '<p>Tin</p><script>document.title="bị chiếm"</script><img src=x onerror="alert(1)">'


def key_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tamper(cache_dir, change) -> int:
    """Apply ``change(key, html) -> html | None`` to every entry of the stored cache, resealing
    each as anyone with the file could (the digest has no secret); returns entries changed."""
    changed = 0
    path = cache_dir / inc.RENDER_CACHE
    data = json.loads(path.read_text(encoding="utf-8"))
    cache = inc.RenderCache.__new__(inc.RenderCache)
    cache.fingerprint = data["fingerprint"]
    for key, entry in data["entries"].items():
        new = change(key, entry["html"])
        if new is not None:
            entry["html"], entry["sha256"] = new, cache._seal(key, new)
            changed += 1
    path.write_text(json.dumps(data), encoding="utf-8")
    return changed


@pytest.fixture
def built(make_content, tmp_path):
    """Two sites built incrementally (the cache written), and a function that edits another
    article of the parent so that the parent is built again from the cache."""
    content = make_content(
        {
            "huyen/articles/a.md": article("Tin trong bộ nhớ đệm", body=BODY),
            "huyen/articles/b.md": article("Tin khác", date="2026-11-19 08:00"),
            "xa/articles/c.md": article("Tin của xã", category='"Tin tức - Sự kiện"'),
        }
    )
    output = tmp_path / "output"
    build(content, output, SETTINGS, now=DEMO_NOW, search=False, jobs=1)
    cache_dir = tmp_path / ".output-cache"
    assert (cache_dir / inc.RENDER_CACHE).is_file()

    def rebuild():
        (content / "huyen/articles/b.md").write_text(
            article("Tin khác (đã sửa)", date="2026-11-19 08:00"), encoding="utf-8"
        )
        result = build(content, output, SETTINGS, now=DEMO_NOW, search=False, jobs=1)
        assert "huyen" in {s.site for s in result.sites if not s.kept}
        cold = tmp_path / "cold"
        build(content, cold, SETTINGS, now=DEMO_NOW, search=False, incremental=False, jobs=1)
        problems = differences(cold, output)
        assert not problems, f"{len(problems)} differences, first: {problems[:SHOW]}"

    return content, output, cache_dir, rebuild


def test_a_tampered_entry_with_script_never_reaches_a_page(built):
    _content, output, cache_dir, rebuild = built
    wanted = key_of(BODY + "\n")

    def inject(key, html):
        return SCRIPT if "được lưu" in html or key == wanted else None

    assert tamper(cache_dir, inject) == 1
    rebuild()
    pages = "".join(p.read_text(encoding="utf-8") for p in output.rglob("*.html"))
    assert "bị chiếm" not in pages and "onerror" not in pages
    assert "<strong>được lưu</strong>" in pages


def test_a_corrupted_cache_is_rendered_again(built):
    _content, output, cache_dir, rebuild = built
    path = cache_dir / inc.RENDER_CACHE
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["entries"].values():  # not resealed: the digest no longer matches
        entry["html"] = entry["html"].replace("được lưu", "đã hỏng") + " "
    path.write_text(json.dumps(data), encoding="utf-8")
    stored = inc.RenderCache(path, data["fingerprint"])
    assert stored.entries == {} and stored.dropped == len(data["entries"])
    rebuild()
    path.write_bytes(path.read_bytes()[:100])  # cut short: not JSON
    assert inc.RenderCache(path, data["fingerprint"]).entries == {}
    pages = "".join(p.read_text(encoding="utf-8") for p in output.rglob("*.html"))
    assert "đã hỏng" not in pages and "<strong>được lưu</strong>" in pages


class _Trap:
    """Unpickling this runs ``os.system``: what a pickle in a cache shared between CI runs
    could do."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_in_the_cache_is_never_loaded(built, tmp_path):
    _content, _output, cache_dir, rebuild = built
    marker = tmp_path / "code-ran"
    payload = {"fingerprint": "x", "entries": _Trap(marker)}
    (cache_dir / "render.pickle").write_bytes(pickle.dumps(payload))
    (cache_dir / inc.RENDER_CACHE).write_bytes(pickle.dumps(payload))
    rebuild()
    assert not marker.exists()
    assert not (cache_dir / "render.pickle").exists()
    assert json.loads((cache_dir / inc.RENDER_CACHE).read_text(encoding="utf-8"))["entries"]
