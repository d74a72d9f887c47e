"""Pagefind bundles merged at build time (portal.search.merge) against one Pagefind run over the
same pages: what the reader's WebAssembly loads must be the same. (The same in Chromium:
tests/browser/test_search_merge_browser.py.)"""

from __future__ import annotations

import gzip
import json
import shutil

import cbor2
import pytest
from merge_corpus import CHUNK_SIZE, index, pages

from portal.search import merge

pytestmark = pytest.mark.xdist_group("search_merge")


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    return index(tmp_path_factory.mktemp("merge"), pages())


def files(bundle):
    """Relative path → bytes (Pagefind's data files decompressed)."""
    out = {}
    for path in sorted(bundle.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            out[path.relative_to(bundle).as_posix()] = (
                merge._unpack(path) if path.suffix.startswith(".pf_") else data
            )
    return out


def metadata(bundle):
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    name = entry["languages"]["vi"]["hash"]
    return entry, cbor2.loads(merge._unpack(bundle / f"pagefind.{name}.pf_meta"))


def test_the_corpus_needs_merging(indexed):
    """Several shards, a meta field one shard lacks, variants with tone marks, sorts, filters:
    everything the merge has to get right is there."""
    parts = [merge.read(s) for s in indexed.shards]
    assert len(parts) >= 4
    assert len({tuple(p.meta_fields) for p in parts}) > 1
    assert any(variants for p in parts for _, variants in p.words.values())
    assert all(p.sorts.get("date") for p in parts if not p.folder.name.endswith("0000"))


def test_merged_in_the_single_runs_order_is_the_single_run(indexed):
    """Same page order: the same chunk files byte for byte (same names, so the same word
    ranges), the same fragment files, the same pages, sorts and meta fields. Filters are equal
    as data: Pagefind itself writes their values in hash-map order, different run to run."""
    single, merged = files(indexed.single), files(indexed.same_order)
    chunks = {k for k in single if k.startswith("index/")}
    assert len(chunks) > 20
    assert chunks == {k for k in merged if k.startswith("index/")}
    for name in chunks:
        assert merged[name] == single[name], name
    fragments = {k for k in single if k.startswith("fragment/")}
    assert fragments == {k for k in merged if k.startswith("fragment/")}
    assert all(merged[k] == single[k] for k in fragments)
    (entry_s, meta_s), (entry_m, meta_m) = metadata(indexed.single), metadata(indexed.same_order)
    assert entry_m["languages"]["vi"]["page_count"] == entry_s["languages"]["vi"]["page_count"]
    assert {k: v for k, v in entry_m.items() if k != "languages"} == {
        k: v for k, v in entry_s.items() if k != "languages"
    }
    version, pages_, ranges, filters, sorts, fields = meta_m
    assert (version, pages_, ranges, fields) == (meta_s[0], meta_s[1], meta_s[2], meta_s[5])
    assert dict(map(tuple, sorts)) == dict(map(tuple, meta_s[4])) and sorts
    assert sorted(k for k, _ in filters) == sorted(k for k, _ in meta_s[3])
    assert merge.read(indexed.same_order).filters == merge.read(indexed.single).filters
    for name in ("pagefind.js", "pagefind-worker.js"):
        assert merged[name] == single[name]


def canonical(bundle):
    """A bundle's content with pages named by URL instead of by number."""
    b = merge.read(bundle)
    url = [p.url for p in b.pages]

    def postings(plist):
        return sorted((url[n], tuple(locs), tuple(meta)) for n, locs, meta in plist)

    return {
        "pages": sorted((p.url, p.word_count, p.digest) for p in b.pages),
        "words": {
            w: (postings(pl), sorted((form, postings(vp)) for form, vp in var))
            for w, (pl, var) in merge.postings(b).items()
        },
        "filters": {
            f: {v: sorted(url[n] for n in ns) for v, ns in vals.items()}
            for f, vals in b.filters.items()
        },
        "meta_fields": b.meta_fields,
        "sorted": {k: len(v) for k, v in b.sorts.items()},
    }


def test_merged_in_the_shards_order_holds_the_same_index(indexed):
    assert canonical(indexed.merged) == canonical(indexed.single)
    # Sorted by date: the same dates in the same order (ties may be in another page order).
    dates = {p: merge.sort_values(t).get("date") for p, t in pages().items()}
    by_url = {f"/{p.removesuffix('index.html')}": d for p, d in dates.items()}
    for bundle in (indexed.single, indexed.merged):
        b = merge.read(bundle)
        order = [by_url[b.pages[n].url] for n in b.sorts["date"]]
        assert order == sorted(order)


def test_merged_files_are_gzip_as_pagefind_writes_them(indexed):
    for path in (indexed.merged / "index").iterdir():
        assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd")


def test_sort_values_must_agree_with_the_shards(indexed, tmp_path):
    parts = [merge.read(s) for s in indexed.shards]
    values = {
        f"/{rel.removesuffix('index.html')}": merge.sort_values(text)
        for rel, text in pages().items()
    }
    first = next(iter(u for u, v in values.items() if v))
    wrong = dict(values, **{first: {"date": "2999-12-31"}})
    with pytest.raises(merge.MergeError, match="date"):
        merge.merge(parts, tmp_path / "bad", wrong)


def test_a_page_in_two_parts_is_refused(indexed, tmp_path):
    part = merge.read(indexed.shards[0])
    with pytest.raises(merge.MergeError):
        merge.merge([part, part], tmp_path / "twice")


def test_decoded_cache_is_used_and_renewed(indexed, tmp_path):
    bundle = tmp_path / "b"
    shutil.copytree(indexed.shards[0], bundle)
    cache = tmp_path / "decoded.cbor"
    first = merge.load(bundle, cache)
    assert cache.is_file()
    again = merge.load(bundle, cache)
    assert same_bundle(again, first) and again.folder == bundle
    # Another bundle in the same folder (a new metadata file name): decoded again.
    shutil.rmtree(bundle)
    shutil.copytree(indexed.shards[1], bundle)
    assert merge.load(bundle, cache).pages == merge.read(indexed.shards[1]).pages


def test_moving_encoded_runs_equals_renumbering_every_posting(indexed, tmp_path):
    """The merge's fast way (each part's encoded postings moved by its page offset) writes the
    same files as decoding, renumbering and encoding every posting in the same page order."""
    parts = [merge.read(s) for s in indexed.shards]
    values = {
        f"/{rel.removesuffix('index.html')}": merge.sort_values(text)
        for rel, text in pages().items()
    }
    order = [p.url for part in parts for p in part.pages]
    merge.merge(parts, tmp_path / "slow", values, chunk_size=CHUNK_SIZE, order=order)
    assert files(tmp_path / "slow") == files(indexed.merged)


def test_chunks_of_an_earlier_merge_are_reused_only_when_the_same(indexed, tmp_path):
    parts = [merge.read(s) for s in indexed.shards]
    values = {
        f"/{rel.removesuffix('index.html')}": merge.sort_values(text)
        for rel, text in pages().items()
    }
    first, again, wary = tmp_path / "first", tmp_path / "again", tmp_path / "wary"
    merge.merge(parts, first, values, chunk_size=CHUNK_SIZE)
    merge.merge(parts, again, values, chunk_size=CHUNK_SIZE, reuse=first)
    assert files(again) == files(first) == files(indexed.merged)
    chunks = sorted((first / "index").iterdir())
    assert all(c.stat().st_ino == (again / "index" / c.name).stat().st_ino for c in chunks)
    # A listed hash that is not the chunk's: that chunk is written again, not linked.
    listing = tmp_path / "first.chunks.json"
    names = json.loads(listing.read_text(encoding="utf-8"))
    names[chunks[0].stem] = "vi_0000000"
    listing.write_text(json.dumps(names), encoding="utf-8")
    merge.merge(parts, wary, values, chunk_size=CHUNK_SIZE, reuse=first)
    assert (wary / "index" / chunks[0].name).stat().st_ino != chunks[0].stat().st_ino
    assert files(wary) == files(first)


def same_bundle(a, b) -> bool:
    fields = ("version", "language", "entry", "pages", "words", "filters", "sorts")
    return all(getattr(a, f) == getattr(b, f) for f in (*fields, "meta_fields", "wasm"))


def seal(payload: bytes) -> bytes:
    """A cache file as ``merge._save`` writes it (what someone who can write the cache can
    forge: the digest guards against damage, the checks on load against the rest)."""
    import hashlib

    head = merge.CACHE_MAGIC + merge.FORMAT.to_bytes(2, "big")
    return head + hashlib.sha256(payload).digest() + payload


def resealed(change, sharing=False):
    def tamper(data: bytes) -> bytes:
        start = len(merge.CACHE_MAGIC) + 2 + 32
        stored = cbor2.loads(data[start:])
        change(stored)
        return seal(cbor2.dumps(stored, value_sharing=sharing))

    return tamper


def _flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]


def _set(index, value):
    def change(stored):
        stored[index] = value

    return change


def _column(column, value):
    """Word table column ``column`` (see ``merge._table``): its first value replaced."""

    def change(stored):
        stored[4][column][0] = value

    return change


def _shared(stored):
    stored[3] = [stored[3]] * 2  # the same list twice: CBOR shared references (tags 28, 29)


import datetime  # noqa: E402

TAMPERED = {
    "garbage": lambda data: b"\x80\x04\x95" + bytes(range(256)) * 4,
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "one bit flipped": _flip,
    "another format": lambda data: data.replace(
        merge.FORMAT.to_bytes(2, "big"), (merge.FORMAT + 1).to_bytes(2, "big"), 1
    ),
    "another bundle's stamp": resealed(_set(0, "vi:vi_0000000000")),
    "a tag (datetime)": resealed(_set(1, datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))),
    "shared references": resealed(_shared, sharing=True),
    "text for bytes": resealed(_column(9, "x")),
    "a run out of range": resealed(_column(1, 10**6)),
    "a negative page": resealed(_column(5, -1)),
    "a page out of range": resealed(lambda stored: stored[6].update({"date": [10**6]})),
    "a missing column": resealed(lambda stored: stored[4].pop()),
}


@pytest.mark.parametrize("how", list(TAMPERED))
def test_a_damaged_decoded_cache_is_decoded_again(indexed, tmp_path, how):
    """Whatever the cache holds, a bundle loaded through it is the bundle itself (never an
    exception), the merge of such parts is the merge of parts read from their bundles, and the
    cache is written again."""
    parts, fresh = [], []
    for number, shard in enumerate(indexed.shards):
        bundle = tmp_path / f"b{number}"
        shutil.copytree(shard, bundle)
        cache = tmp_path / f"decoded{number}.cbor"
        merge.load(bundle, cache)
        assert merge._cached(cache, merge._meta_name(merge.read(bundle).entry)) is not None
        cache.write_bytes(TAMPERED[how](cache.read_bytes()))
        assert merge._cached(cache, merge._meta_name(merge.read(bundle).entry)) is None
        part = merge.load(bundle, cache)
        assert same_bundle(part, merge.read(bundle))
        assert same_bundle(merge.load(bundle, cache), part)  # written again, and read
        parts.append(part)
        fresh.append(merge.read(shard))
    values = {
        f"/{rel.removesuffix('index.html')}": merge.sort_values(text)
        for rel, text in pages().items()
    }
    merge.merge(parts, tmp_path / "cached", values, chunk_size=CHUNK_SIZE)
    assert files(tmp_path / "cached") == files(indexed.merged)
    # The re-encoded meta fields the merge kept in the caches are read back as they were.
    again = [merge.load(p.folder, p.cache) for p in parts]
    assert any(p.remapped for p in again)
    assert [p.remapped for p in again] == [p.remapped for p in parts]
    merge.merge(again, tmp_path / "again", values, chunk_size=CHUNK_SIZE)
    assert files(tmp_path / "again") == files(indexed.merged)


def test_postings_kept_as_written_equal_postings_encoded_again(indexed):
    """``read`` keeps each word's postings as Pagefind wrote them (``_chunk_words``): the same
    runs as decoding and encoding every posting (``_decoded_words``), for every chunk."""
    chunks = 0
    for shard in (*indexed.shards, indexed.single):
        for path in sorted((shard / "index").iterdir()):
            raw = merge._unpack(path)
            assert merge._chunk_words(raw) == merge._decoded_words(raw)
            chunks += 1
    assert chunks > 40


def test_a_chunk_in_another_shape_is_decoded_in_full():
    short = cbor2.dumps([[["w", [[0, [1], []], [1, [2]]], []]]])  # a posting of two fields
    with pytest.raises(merge._Unusual):
        merge._chunk_words(short)
    assert merge._decoded_words(short)["w"][0].count == 2
    long = cbor2.dumps([[["w", [[0, [1], []]], [], "more"]]])  # a word of four fields
    with pytest.raises(merge._Unusual):
        merge._chunk_words(long)


def test_a_merge_keeping_its_chunks_apart_serves_the_same_bundle(indexed, tmp_path):
    """``keep``: the served folder holds the bundle only, the kept folder its index chunks
    (the same files) and their list, which the next merge reuses."""
    parts = [merge.read(s) for s in indexed.shards]
    values = {
        f"/{rel.removesuffix('index.html')}": merge.sort_values(text)
        for rel, text in pages().items()
    }
    served, kept = tmp_path / "served", tmp_path / "kept"
    merge.merge(parts, served, values, chunk_size=CHUNK_SIZE, keep=kept)
    assert files(served) == files(indexed.merged)
    assert not (tmp_path / "served.chunks.json").exists()
    assert [p.name for p in kept.iterdir()] == ["index"]
    chunks = sorted((served / "index").iterdir())
    assert [c.stat().st_ino for c in chunks] == [
        (kept / "index" / c.name).stat().st_ino for c in chunks
    ]
    again = tmp_path / "again"
    merge.merge(parts, again, values, chunk_size=CHUNK_SIZE, reuse=kept, keep=tmp_path / "k2")
    assert files(again) == files(indexed.merged)
    assert all(c.stat().st_ino == (again / "index" / c.name).stat().st_ino for c in chunks)


def test_a_shard_indexed_again_takes_its_unchanged_re_encoded_words(indexed, tmp_path):
    """A part decoded again (``Bundle.earlier``: as it was before) takes the meta fields'
    re-encoding of every word whose postings did not change, and only of those: a changed
    word's old re-encoding (here garbage) is never used, and the merge is the same."""
    values = {
        f"/{rel.removesuffix('index.html')}": merge.sort_values(text)
        for rel, text in pages().items()
    }
    before = [merge.read(s) for s in indexed.shards]
    merge.merge(before, tmp_path / "first", values, chunk_size=CHUNK_SIZE)
    old = next(p for p in before if p.remapped)
    ((key, done),) = old.remapped.items()
    changed = next(w for w in sorted(done) if old.words[w][0] is not None)
    run, variants = old.words[changed]
    old.words[changed] = (run._replace(tail=run.tail + b"\x00"), variants)
    done[changed] = (None, ())  # what a changed word must never take
    parts = [merge.read(s) for s in indexed.shards]
    for part, earlier in zip(parts, before, strict=True):
        part.earlier = earlier
    merge.merge(parts, tmp_path / "again", values, chunk_size=CHUNK_SIZE)
    assert files(tmp_path / "again") == files(indexed.merged)
    new = next(p for p in parts if p.folder == old.folder)
    taken = new.remapped[key]
    assert taken[changed] != (None, ()) and taken.keys() == done.keys()
    assert all(taken[w] is done[w] for w in done if w != changed)
    assert new.earlier is None  # not kept once used


def test_a_bundle_read_again_takes_what_its_unchanged_files_held(indexed, tmp_path):
    """``read(bundle, earlier, same)``: the pages and chunk words of the files in ``same``
    (byte for byte those ``earlier`` was read from) are taken from ``earlier``, the others
    read; the chunks' word counts survive the decoded cache."""
    shard = indexed.shards[0]
    before = merge.read(shard)
    assert len(before.chunks) > 1 and sum(n for _, n in before.chunks) == len(before.words)
    every = frozenset(
        [f"index/{name}.pf_index" for name, _ in before.chunks]
        + [f"fragment/{p.fragment}.pf_fragment" for p in before.pages]
    )
    again = merge.read(shard, before, every)
    assert same_bundle(again, before) and again.chunks == before.chunks
    # Marked: what is taken shows, and only for the files in ``same``.
    marked = merge.read(shard)
    word = next(iter(marked.words))  # of the first chunk
    marked.words[word] = (None, ())
    marked.pages[0].url = "/taken/"
    taken = merge.read(shard, marked, every)
    assert taken.words[word] == (None, ()) and taken.pages[0].url == "/taken/"
    first_chunk, first_page = before.chunks[0][0], before.pages[0].fragment
    fewer = every - {f"index/{first_chunk}.pf_index", f"fragment/{first_page}.pf_fragment"}
    assert same_bundle(merge.read(shard, marked, fewer), before)
    bundle, cache = tmp_path / "b", tmp_path / "decoded.cbor"
    shutil.copytree(shard, bundle)
    merge.load(bundle, cache)
    assert merge.load(bundle, cache).chunks == before.chunks
