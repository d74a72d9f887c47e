"""``portal.sealed.SealedStore``: what one build saves, the next loads as it was, and a store
written entry by entry is the same JSON text as the whole store dumped at once."""

from __future__ import annotations

import json

import pytest

from portal.sealed import SealedStore


@pytest.mark.parametrize(
    "used",
    [
        {},
        {"k1": "<p>Tin tức</p>", "k2": 'quote " backslash \\ line\u2028sep \x00'},
        {f"key-{n}": "Đăng ký đất đai " * n for n in range(50)},
    ],
)
def test_what_is_saved_loads_back_and_is_the_whole_store_as_json(tmp_path, used):
    path = tmp_path / "store.json"
    store = SealedStore(path, "fingerprint")
    store.used = dict(used)
    store.save()
    text = path.read_text(encoding="utf-8")
    entries = {key: {"text": t, "sha256": store._seal(key, t)} for key, t in used.items()}
    whole = {"format": SealedStore.FORMAT, "fingerprint": "fingerprint", "entries": entries}
    assert text == json.dumps(whole, ensure_ascii=False)
    loaded = SealedStore(path, "fingerprint")
    assert loaded.entries == used and loaded.dropped == 0
    assert SealedStore(path, "other code").entries == {}
