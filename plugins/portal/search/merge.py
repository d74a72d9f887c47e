"""Pagefind bundles merged at build time into the bundle one Pagefind run over all their pages
would have written.

Contract:
- ``read(bundle)`` decodes a Pagefind 1.5.2 bundle written by the command line (one language):
  its pages (fragment file, word count, URL, the SHA-1 of the fragment as Pagefind names it), its
  words with their postings (page numbers made absolute), its filters, sorts and meta fields.
  A word's postings stay the bytes Pagefind wrote (decoded once for their statistics; only the
  first posting is encoded again, to split it off), a chunk in another shape is decoded and
  encoded in full.
  ``load(bundle, cache)`` does the same through a decoded cache beside it (plain CBOR data with
  a format number and a SHA-256, checked field by field; never a pickle), so a shard that did
  not change is decoded once; a shard indexed again takes from its earlier decode what its
  files unchanged byte for byte hold (``read(bundle, earlier, same)``).
- ``merge(parts, target, sort_values)`` writes into ``target`` the bundle of all the parts'
  pages, in the parts' order (a single run numbers pages in the order it walks its folder,
  which the file system decides; any order is one such run). What the reader's WebAssembly
  gets is what a single run gives: words sorted and cut into index chunks exactly as Pagefind
  cuts them (``PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE``), file names from the same hashes, filters
  and sorts over every page. Scoring needs nothing else: Pagefind computes its word statistics
  (pages per word, average page length) in the browser from the postings and the pages' word
  counts. ``sort_values`` (page URL → sort key → value, as the staged HTML declares them in
  ``data-pagefind-sort``) orders the merged sorts; a part whose own sort order disagrees with
  them fails the merge (``MergeError``).
- Equivalence is tested against a single Pagefind run over the same pages
  (``tests/search/test_search_merge.py``): same chunk files byte for byte, same metadata,
  filters and sorts, same search results in Chromium.

The format (Pagefind's ``pagefind/src/index``, ``output``; read in its source, tag v1.5.2):
``pagefind-entry.json`` names the metadata file ``pagefind.<hash>.pf_meta``; every ``.pf_*`` file
is gzip of ``pagefind_dcd`` + CBOR (definite arrays, shortest integers). Metadata: ``[version,
[[fragment, word count]…], [[from, to, chunk]…], [[filter, file]…], [[sort key, [page…]]…],
[meta field…]]``. A chunk: ``[[[word, [[page delta, locations, meta locations]…], [[form,
pages]…]]…]]``; meta locations name a field by its index in the sorted meta fields. A filter:
``[name, [[value, [page…]]…]]``. Names: ``<lang>_`` + SHA-1 hex of the uncompressed bytes (each
byte in ``{:x}``: no leading zero), cut to the language's length + 8 characters (the metadata
file: + 8 more), longer on a collision.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import itertools
import json
import os
import re
import shutil
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import cbor2

PREFIX = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
FORMAT = 5  # of the decoded cache (a new Bundle, Run or layout: a new number; 3 was a pickle)
ASSETS = ("pagefind.js", "pagefind-worker.js")  # plus wasm.*.pagefind
DEFAULT_CHUNK_SIZE = 1000  # portal.search.index.CHUNK_SIZE


class MergeError(Exception):
    """Bundles that cannot be merged faithfully."""


@dataclass
class Page:
    fragment: str  # file name in fragment/, without .pf_fragment
    digest: str  # Pagefind's full hash of the fragment: <lang>_<sha1 hex>
    word_count: int
    url: str


@dataclass
class Bundle:
    folder: Path
    version: str
    language: str
    entry: dict
    pages: list[Page]
    # word → (its pages, its variants: ((form, pages), …)), each pages a ``Run`` (None: none)
    words: dict[str, tuple]
    filters: dict[str, dict[str, list[int]]]
    sorts: dict[str, list[int]]
    meta_fields: list[str]
    wasm: list[str] = field(default_factory=list)
    # merged meta fields → the words whose meta locations they number otherwise, re-encoded
    remapped: dict[tuple[str, ...], dict[str, tuple]] = field(default_factory=dict)
    cache: Path | None = None  # the decoded cache it was loaded through (portal.search.merge.load)
    # its index chunks in order: (file name, how many of ``words`` it holds, in their order)
    chunks: list[tuple[str, int]] = field(default_factory=list)
    # the same shard as decoded before it was indexed again (``earlier``): its re-encoded words
    # are taken where a word did not change (never saved)
    earlier: Bundle | None = None


class Run(NamedTuple):
    """A word's (or a variant's) postings in one bundle, kept encoded: the merge renumbers
    pages by moving the first page delta only (pages of a part stay consecutive)."""

    first: int  # page number of the first posting
    last: int  # page number of the last posting
    count: int  # postings
    weight: int  # what Pagefind counts to cut chunks: locations + meta locations + 1 each
    head: bytes  # the first posting's locations and meta locations, encoded
    tail: bytes  # the other postings, encoded (page deltas as written)
    meta: bool  # whether any posting has meta locations (renumbered fields re-encode it)
    body_first: bool  # whether the first posting has body locations (orders variants)


def _header(major: int, n: int) -> bytes:
    """A CBOR head, shortest form (as minicbor writes it)."""
    if n < 24:
        return bytes([major << 5 | n])
    for code, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | code]) + n.to_bytes(size, "big")
    raise MergeError(f"số quá lớn: {n}")


def _text(value: str) -> bytes:
    data = value.encode("utf-8")
    return _header(3, len(data)) + data


def _strip(encoded: bytes) -> bytes:
    """An encoded array without its head."""
    head = encoded[0] & 31
    return encoded[1 + {24: 1, 25: 2, 26: 4, 27: 8}.get(head, 0) :]


def _run(plist: list) -> Run | None:
    """A ``Run`` from postings ``[[page, locations, meta locations]…]`` (pages absolute)."""
    if not plist:
        return None
    rest, last = [], plist[0][0]
    for number, locs, meta in plist[1:]:
        rest.append([number - last, locs, meta])
        last = number
    return Run(
        plist[0][0],
        last,
        len(plist),
        sum(len(p[1]) + len(p[2]) + 1 for p in plist),
        _strip(cbor2.dumps(plist[0][1:])),
        _strip(cbor2.dumps(rest)),
        any(p[2] for p in plist),
        bool(plist[0][1]),
    )


def _expand(run: Run | None, offset: int = 0) -> list:
    """The postings of a ``Run``, pages absolute (plus ``offset``)."""
    if run is None:
        return []
    plist = cbor2.loads(
        _header(4, run.count) + b"\x83" + _header(0, run.first) + run.head + run.tail
    )
    _absolute(plist)
    if offset:
        for posting in plist:
            posting[0] += offset
    return plist


def postings(bundle: Bundle) -> dict[str, tuple[list, list]]:
    """A bundle's words decoded: word → (postings, [(form, postings)…]), pages absolute."""
    return {
        word: (_expand(run), [(form, _expand(vrun)) for form, vrun in variants])
        for word, (run, variants) in bundle.words.items()
    }


def full_hash(data: bytes) -> str:
    """Pagefind's hex SHA-1: every byte in lower-case hex without padding."""
    return "".join(f"{b:x}" for b in hashlib.sha1(data).digest())


def _unpack(path: Path) -> bytes:
    data = path.read_bytes()
    if not data.startswith(PREFIX):
        data = gzip.decompress(data)
    if not data.startswith(PREFIX):
        raise MergeError(f"{path}: không phải tệp Pagefind")
    return data[len(PREFIX) :]


def _pack(path: Path, data: bytes) -> None:
    path.write_bytes(gzip.compress(PREFIX + data, compresslevel=9, mtime=0))


def read(bundle: Path, earlier: Bundle | None = None, same: frozenset[str] = frozenset()) -> Bundle:
    """Decode a Pagefind bundle (see the module's docstring). ``same``: the files (``index/…``,
    ``fragment/…``) that are, byte for byte, those ``earlier`` was decoded from (the same bundle
    before it was written again): what they hold is taken from ``earlier``, not decoded."""
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    languages = entry.get("languages", {})
    if len(languages) != 1:
        raise MergeError(f"{bundle}: cần đúng một ngôn ngữ, có {len(languages)}")
    ((language, info),) = languages.items()
    meta = cbor2.loads(_unpack(bundle / f"pagefind.{info['hash']}.pf_meta"))
    version, metapages, chunks, filters, sorts = meta[:5]
    meta_fields = list(meta[5]) if len(meta) > 5 else []
    known_pages, known_chunks = _known(earlier, same)
    pages = []
    for name, word_count in metapages:
        known = known_pages.get(name)
        if known is not None:
            pages.append(Page(name, known.digest, int(word_count), known.url))
            continue
        raw = _unpack(bundle / "fragment" / f"{name}.pf_fragment")
        url = json.loads(raw)["url"]
        pages.append(Page(name, f"{language}_{full_hash(raw)}", int(word_count), url))
    words: dict[str, tuple] = {}
    counts = []
    for _from, _to, chunk in chunks:
        held = known_chunks.get(chunk)
        if held is None:
            raw = _unpack(bundle / "index" / f"{chunk}.pf_index")
            try:
                held = _chunk_words(raw)
            except _Unusual:
                held = _decoded_words(raw)
        words.update(held)
        counts.append((chunk, len(held)))
    if sum(n for _, n in counts) != len(words):  # a word in two chunks: nothing to take later
        counts = []
    decoded_filters = {}
    for _name, filter_file in filters:
        fname, values = cbor2.loads(_unpack(bundle / "filter" / f"{filter_file}.pf_filter"))
        decoded_filters[fname] = {value: list(pages_) for value, pages_ in values}
    wasm = sorted(p.name for p in bundle.glob("wasm.*.pagefind"))
    return Bundle(
        bundle,
        version,
        language,
        entry,
        pages,
        words,
        decoded_filters,
        {key: list(order) for key, order in sorts},
        meta_fields,
        wasm,
        chunks=counts,
    )


def _known(earlier: Bundle | None, same: frozenset[str]) -> tuple[dict[str, Page], dict]:
    """What ``read`` takes from ``earlier``: its pages by fragment and its chunks' words by
    chunk, of the files in ``same`` only."""
    if earlier is None or not same:
        return {}, {}
    pages = {p.fragment: p for p in earlier.pages if f"fragment/{p.fragment}.pf_fragment" in same}
    chunks = {}
    if sum(n for _, n in earlier.chunks) == len(earlier.words):
        items = iter(earlier.words.items())
        for name, count in earlier.chunks:
            held = dict(itertools.islice(items, count))
            if f"index/{name}.pf_index" in same:
                chunks[name] = held
    return pages, chunks


def _decoded_words(raw: bytes) -> dict[str, tuple]:
    """An index chunk's words, every posting decoded and encoded again (``_run``)."""
    words = {}
    for entry_word in cbor2.loads(raw)[0]:
        word, plist = entry_word[0], entry_word[1]
        variants = entry_word[2] if len(entry_word) > 2 else []
        _absolute(plist)
        for variant in variants:
            _absolute(variant[1])
        words[word] = (_run(plist), tuple((form, _run(vp)) for form, vp in variants))
    return words


class _Unusual(Exception):
    """A chunk not in the shape ``_chunk_words`` reads (``_decoded_words`` reads it)."""


def _head_at(data: bytes, pos: int) -> tuple[int, int, int]:
    """The CBOR head at ``pos``: major type, value, size in bytes."""
    info = data[pos] & 31
    if info < 24:
        return data[pos] >> 5, info, 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise _Unusual
    return data[pos] >> 5, int.from_bytes(data[pos + 1 : pos + 1 + size], "big"), 1 + size


def _chunk_words(raw: bytes) -> dict[str, tuple]:
    """``_decoded_words``, faster: each word's postings are decoded (for their statistics) but
    not encoded again: a ``Run``'s tail is the bytes Pagefind wrote (shortest integers, three
    fields a posting, as ``_run`` writes them), only the first posting is encoded again to
    split it off and checked against them. Anything else raises ``_Unusual``."""
    stream = io.BytesIO(raw)
    decoder = cbor2.CBORDecoder(stream, read_size=1)  # read_size 1: tell() is the position

    def array() -> int:
        major, value, size = _head_at(raw, stream.tell())
        if major != 4:
            raise _Unusual
        stream.seek(stream.tell() + size)
        return value

    def postings() -> Run | None:
        start = stream.tell()
        plist = decoder.decode()
        if type(plist) is not list or any(len(p) != 3 for p in plist):
            raise _Unusual
        if not plist:
            return None
        first = plist[0]
        encoded = cbor2.dumps(first)
        body = start + _head_at(raw, start)[2]
        if raw[body : body + len(encoded)] != encoded or first[0] < 0:
            raise _Unusual
        return Run(
            first[0],
            sum(p[0] for p in plist),
            len(plist),
            sum(len(p[1]) + len(p[2]) + 1 for p in plist),
            encoded[1 + _head_at(encoded, 1)[2] :],
            raw[body + len(encoded) : stream.tell()],
            any(p[2] for p in plist),
            bool(first[1]),
        )

    if array() != 1:
        raise _Unusual
    words = {}
    for _ in range(array()):
        fields = array()
        if fields not in (2, 3):
            raise _Unusual
        word = decoder.decode()
        run = postings()
        variants = []
        for _ in range(array() if fields == 3 else 0):
            if array() != 2:
                raise _Unusual
            form = decoder.decode()
            variants.append((form, postings()))
        words[word] = (run, tuple(variants))
    if stream.tell() != len(raw):
        raise _Unusual
    return words


def _absolute(plist: list) -> None:
    number = 0
    for posting in plist:
        number += posting[0]
        posting[0] = number
        if len(posting) < 3:
            posting.append([])


def load(
    bundle: Path,
    cache: Path | None = None,
    earlier: Bundle | None = None,
    same: frozenset[str] = frozenset(),
) -> Bundle:
    """``read``, through the decoded cache ``cache`` (written when missing, stale or unusable;
    it keeps the metadata file's name, which names everything else). The merge adds to it what
    it re-encodes for this part (``Bundle.remapped``), so that is done once too.

    The cache is data, never code (a build cache can be restored from elsewhere, e.g. by CI):
    ``CACHE_MAGIC``, ``FORMAT``, the SHA-256 of the payload, then the payload in CBOR of plain
    lists, maps, strings, byte strings, integers and booleans (no tags), each field's type and
    range checked on load. Anything else is ignored and the bundle decoded again.
    ``earlier`` and ``same``: see ``read``."""
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    stamp = _meta_name(entry)
    if cache is not None:
        decoded = _cached(cache, stamp)
        if decoded is not None:
            decoded.folder, decoded.entry, decoded.cache = bundle, entry, cache
            return decoded
    decoded = read(bundle, earlier, same)
    decoded.cache = cache
    _save(decoded)
    return decoded


def earlier(bundle: Path, cache: Path) -> Bundle | None:
    """What the decoded cache ``cache`` holds for ``bundle`` as it is now (before it is indexed
    again), None when missing or not its: only for ``Bundle.earlier``."""
    try:
        entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        return _cached(cache, _meta_name(entry))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


CACHE_MAGIC = b"portal-search-decoded\n"
_DIGEST = hashlib.sha256().digest_size


def _save(decoded: Bundle) -> None:
    if decoded.cache is None:
        return
    payload = cbor2.dumps(
        [
            _meta_name(decoded.entry),
            decoded.version,
            decoded.language,
            [x for p in decoded.pages for x in (p.fragment, p.digest, p.word_count, p.url)],
            _table(decoded.words),
            decoded.filters,
            decoded.sorts,
            decoded.meta_fields,
            decoded.wasm,
            [[list(fields), _table(words)] for fields, words in decoded.remapped.items()],
            [x for name, count in decoded.chunks for x in (name, count)],
        ]
    )
    head = CACHE_MAGIC + FORMAT.to_bytes(2, "big") + hashlib.sha256(payload).digest()
    fresh = decoded.cache.with_name(decoded.cache.name + ".new")
    fresh.write_bytes(head + payload)
    os.replace(fresh, decoded.cache)


def _cached(cache: Path, stamp: str) -> Bundle | None:
    """The bundle kept in ``cache`` (see ``load``), None when missing, stale or malformed."""
    try:
        data = cache.read_bytes()
    except OSError:
        return None
    start = len(CACHE_MAGIC) + 2 + _DIGEST
    if data[: len(CACHE_MAGIC) + 2] != CACHE_MAGIC + FORMAT.to_bytes(2, "big"):
        return None
    payload = memoryview(data)[start:]
    if hashlib.sha256(payload).digest() != data[start - _DIGEST : start]:
        return None
    try:
        stored = cbor2.loads(
            payload,
            tag_hook=_no_tag,
            semantic_decoders=_NO_TAGS,
            max_depth=8,
            allow_indefinite=False,
            allow_duplicate_keys=False,
        )
        return _bundle(stored, stamp)
    except Exception:  # a cache: anything unreadable is decoded again
        return None


def _no_tag(*_args) -> None:
    raise ValueError("a tag in the decoded cache")


# Every tag cbor2 would decode itself (datetimes, shared references, sets…) is refused too.
_NO_TAGS = dict.fromkeys(range(1 << 16), _no_tag)
_RUN = functools.partial(tuple.__new__, Run)


def _table(words: dict[str, tuple]) -> list:
    """``Bundle.words`` as plain columns: words, each word's run (an index into the run
    columns; -1: none), its variant count; variants' forms and runs; the eight run columns."""
    names, word_runs, counts, forms, variant_runs = [], [], [], [], []
    columns: tuple[list, ...] = tuple([] for _ in Run._fields)

    def add(run: Run | None) -> int:
        if run is None:
            return -1
        for column, value in zip(columns, run, strict=True):
            column.append(value)
        return len(columns[0]) - 1

    for word, (run, variants) in words.items():
        names.append(word)
        word_runs.append(add(run))
        counts.append(len(variants))
        for form, vrun in variants:
            forms.append(form)
            variant_runs.append(add(vrun))
    return [names, word_runs, counts, forms, variant_runs, *columns]


def _only(values, kind: type) -> None:
    if type(values) is not list or (values and set(map(type, values)) != {kind}):
        raise ValueError(f"not a list of {kind.__name__}")


def _within(values: list[int], low: int, high: int | None = None) -> None:
    _only(values, int)
    if values and (min(values) < low or (high is not None and max(values) >= high)):
        raise ValueError("out of range")


def _words(table) -> dict[str, tuple]:
    """``_table`` read back, every column checked."""
    if type(table) is not list or len(table) != 5 + len(Run._fields):
        raise ValueError("not a word table")
    names, word_runs, counts, forms, variant_runs, *columns = table
    first, last, count, weight, head, tail, meta, body_first = columns
    for column in (first, last, count, weight):
        _within(column, 0)
    for column, kind in ((head, bytes), (tail, bytes), (meta, bool), (body_first, bool)):
        _only(column, kind)
    if len({len(c) for c in columns}) != 1:
        raise ValueError("run columns differ in length")
    _only(names, str)
    _only(forms, str)
    _within(word_runs, -1, len(first))
    _within(variant_runs, -1, len(first))
    _within(counts, 0)
    if not (len(names) == len(word_runs) == len(counts)) or len(forms) != len(variant_runs):
        raise ValueError("word columns differ in length")
    if sum(counts) != len(forms):
        raise ValueError("variant counts")
    runs = list(map(_RUN, zip(*columns, strict=True)))
    runs.append(None)  # index -1
    pairs = iter(list(zip(forms, map(runs.__getitem__, variant_runs), strict=True)))
    variants = [tuple(itertools.islice(pairs, n)) if n else () for n in counts]
    entries = zip(map(runs.__getitem__, word_runs), variants, strict=True)
    words = dict(zip(names, entries, strict=True))
    if len(words) != len(names):
        raise ValueError("a word twice")
    return words


def _bundle(stored, stamp: str) -> Bundle | None:
    """A ``Bundle`` from the cache's payload (folder, entry and cache set by ``load``)."""
    if type(stored) is not list or len(stored) != 11 or stored[0] != stamp:
        return None
    _, version, language, flat, table, filters, sorts, meta_fields, wasm, remapped, chunks = stored
    if type(version) is not str or type(language) is not str:
        raise ValueError("version or language")
    if type(flat) is not list or len(flat) % 4:
        raise ValueError("pages")
    fragments, digests, word_counts, urls = flat[0::4], flat[1::4], flat[2::4], flat[3::4]
    for column in (fragments, digests, urls):
        _only(column, str)
    _within(word_counts, 0)
    pages = list(map(Page, fragments, digests, word_counts, urls))
    if type(filters) is not dict or type(sorts) is not dict:
        raise ValueError("filters or sorts")
    for name, values in filters.items():
        if type(name) is not str or type(values) is not dict:
            raise ValueError("filter")
        _only(list(values), str)
        for plist in values.values():
            _within(plist, 0, len(pages))
    _only(list(sorts), str)
    for order in sorts.values():
        _within(order, 0, len(pages))
    _only(meta_fields, str)
    _only(wasm, str)
    if any("/" in name or not name.startswith("wasm.") for name in wasm):
        raise ValueError("wasm")
    if type(remapped) is not list:
        raise ValueError("remapped")
    again = {}
    for item in remapped:
        if type(item) is not list or len(item) != 2:
            raise ValueError("remapped")
        _only(item[0], str)
        again[tuple(item[0])] = _words(item[1])
    words = _words(table)
    if type(chunks) is not list or len(chunks) % 2:
        raise ValueError("chunks")
    names, counts = chunks[0::2], chunks[1::2]
    _only(names, str)
    _within(counts, 0)
    if names and sum(counts) != len(words):
        raise ValueError("chunk counts")
    return Bundle(
        Path(),
        version,
        language,
        {},
        pages,
        words,
        filters,
        sorts,
        meta_fields,
        wasm,
        again,
        chunks=list(zip(names, counts, strict=True)),
    )


def _meta_name(entry: dict) -> str:
    return "|".join(f"{k}:{v.get('hash')}" for k, v in sorted(entry["languages"].items()))


# --- merging -----------------------------------------------------------------------------


_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _f32(value: float) -> float:
    return struct.unpack("<f", struct.pack("<f", value))[0]


def _number(value: str) -> float | None:
    """Pagefind's number sort value (an i32, else an f32), None if not a number."""
    if _INT.fullmatch(value) and -(2**31) <= int(value) < 2**31:
        return _f32(float(int(value)))
    if _FLOAT.fullmatch(value):
        try:
            return _f32(float(value))
        except OverflowError:
            return None
    return None


def _sort_order(values: list[tuple[str, int]]) -> list[int]:
    """Page numbers by value as Pagefind orders them: numbers when every value is one, else
    strings (by code point, as Rust compares UTF-8); ties in page order (a stable sort)."""
    numbers = [_number(v) for v, _ in values]
    if all(n is not None for n in numbers):
        keyed = sorted(
            zip(numbers, (p for _, p in values), strict=True), key=lambda x: (x[0], x[1])
        )
    else:
        keyed = sorted(((v, p) for v, p in values), key=lambda x: (x[0], x[1]))
    return [p for _, p in keyed]


def _ordered(values: list[str]) -> bool:
    """Whether ``values`` are in the order Pagefind sorts them (numbers if all are)."""
    numbers = [_number(v) for v in values]
    keys = numbers if all(n is not None for n in numbers) else values
    return all(a <= b for a, b in itertools.pairwise(keys))


def _short(full: str, language: str, taken, extra: int, same=None) -> str:
    """A file name from a full hash: cut, and longer while it collides."""
    short = full[: len(language) + 8]
    while short in taken:
        if same is not None and same(taken[short]):
            break
        short = full[: len(short) + extra]
        if len(short) >= len(full):
            short = full
            break
    return short


def _chunks(words: list[tuple[str, list]], size: int) -> list[list[tuple[str, list]]]:
    """Pagefind's cut: a chunk ends once its postings (locations + meta locations + 1 per
    page, variants not counted) reach ``size``."""
    chunks, current, count = [], [], 0
    for item in words:
        count += sum(run.weight for run, _ in item[1][0])
        current.append(item)
        if count >= size:
            chunks.append(current)
            current, count = [], 0
    if current:
        chunks.append(current)
    return chunks


def _prefix_pair(a: str, b: str) -> tuple[str, str]:
    common = 0
    for x, y in zip(b, a, strict=False):
        if x != y:
            break
        common += 1
    return a[: common + 1], b[: common + 1]


def _ranges(chunks: list[list[tuple[str, list]]]) -> list[list[str]]:
    ranges = [[c[0][0], c[-1][0]] for c in chunks]
    for i in range(len(ranges) - 1):
        to, nxt = _prefix_pair(ranges[i][1], ranges[i + 1][0])
        if to >= ranges[i][0]:
            ranges[i][1] = to
        ranges[i + 1][0] = nxt
    return ranges


def _first(posting: list) -> int:
    return posting[0]


def _remap_meta(locs: list, fields: list[int]) -> list:
    return [-(fields[-x - 1]) - 1 if x < 0 else x for x in locs]


def _moved(plist: list, new, fields: list[int] | None) -> list:
    """Postings renumbered (``new``: old page number → new) and meta fields renumbered."""
    return [
        [new[n], locs, _remap_meta(meta, fields) if fields and meta else meta]
        for n, locs, meta in plist
    ]


def _renumbered(run: Run | None, fields: list[int] | None) -> Run | None:
    """``run``, its meta locations re-encoded when the merged meta fields number them
    otherwise."""
    if run is None or fields is None or not run.meta:
        return run
    return _run(_moved(_expand(run), range(run.last + 1), fields))


def _pages(runs: list[tuple[Run, int]]) -> tuple[bytes, int]:
    """Encoded postings of runs (each with its part's page offset), in page order."""
    out, count, last = [], 0, 0
    for run, offset in runs:
        first = run.first + offset
        out.append(b"\x83" + _header(0, first - last) + run.head + run.tail)
        last = run.last + offset
        count += run.count
    return _header(4, count) + b"".join(out), count


def _word(word: str, entry: list) -> bytes:
    """A word as a chunk holds it: ``[word, pages, [[form, pages]…]]``; variants in the order
    a single run lists them (``_appearance``)."""
    runs, variants = entry
    pages, _ = _pages(runs)
    forms = sorted(
        variants.items(),
        key=lambda item: (
            item[1][0][0].first + item[1][0][1],
            0 if item[1][0][0].body_first else 1,
            item[0],
        ),
    )
    encoded = [b"\x82" + _text(form) + _pages(vruns)[0] for form, vruns in forms]
    return b"\x83" + _text(word) + pages + _header(4, len(forms)) + b"".join(encoded)


def merge(
    parts: list[Bundle],
    target: Path,
    sort_values: dict[str, dict[str, str]] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    order: list[str] | None = None,
    reuse: Path | None = None,
    keep: Path | None = None,
) -> int:
    """Write the merged bundle of ``parts`` (pages in the parts' order) into the empty or
    missing folder ``target``; returns its page count. Files are linked from the parts where
    their bytes do not change (fragments, scripts, WebAssembly), and index chunks from the
    bundle ``reuse`` (an earlier merge) where it has the same chunk: most of an edit's merge
    time is compressing chunks, and an edit changes about a third of them. Each merged bundle
    lists its chunks' full hashes beside it (``<target>.chunks.json``) for that. With
    ``keep`` (a new folder), the chunks are linked into ``keep/index/`` and listed beside
    ``keep`` instead: a ``reuse`` for the next merge that holds only what it reads, while
    ``target`` holds only the bundle."""
    parts = [p for p in parts if p.pages]
    if not parts:
        raise MergeError("không có trang nào để gộp")
    language, version = parts[0].language, parts[0].version
    for part in parts:
        if (part.language, part.version) != (language, version):
            raise MergeError(
                f"{part.folder}: {part.language}/{part.version} khác {language}/{version}"
            )
    meta_fields = sorted({f for part in parts for f in part.meta_fields})
    # Pages, numbered in the parts' order (or in ``order``).
    offsets, pages, sources = [], [], []
    for part in parts:
        offsets.append(len(pages))
        pages.extend(part.pages)
        sources.extend((part.folder, page.fragment) for page in part.pages)
    urls = [p.url for p in pages]
    if len(set(urls)) != len(urls):
        raise MergeError("một trang có mặt trong hai phần")
    if order is not None:
        if sorted(order) != sorted(urls):
            raise MergeError("thứ tự trang không khớp các trang của các phần")
        number = {url: i for i, url in enumerate(order)}
        permutation = [number[url] for url in urls]  # old global number → new
        pages = [pages[i] for i in sorted(range(len(urls)), key=permutation.__getitem__)]
        sources = [sources[i] for i in sorted(range(len(urls)), key=permutation.__getitem__)]
        urls = list(order)
        maps = [permutation[o : o + len(p.pages)] for p, o in zip(parts, offsets, strict=True)]
    else:
        maps = [range(o, o + len(p.pages)) for p, o in zip(parts, offsets, strict=True)]
    # Words: each part's runs moved by its offset (pages of a part stay consecutive); with
    # ``order``, postings decoded, renumbered and sorted into one run per word.
    words: dict[str, list] = {}
    dirty: list[Bundle] = []
    for part, new, offset in zip(parts, maps, offsets, strict=True):
        fields = [meta_fields.index(f) for f in part.meta_fields]
        remap = fields if fields != list(range(len(fields))) else None
        if order is not None:
            for word, (run, variants) in part.words.items():
                have = words.setdefault(word, [[], {}])
                have[0].extend(_moved(_expand(run), new, remap))
                for form, vrun in variants:
                    have[1].setdefault(form, []).extend(_moved(_expand(vrun), new, remap))
            continue
        renumbered = _remapped(part, meta_fields, remap, dirty) if remap else {}
        for word, entry in part.words.items():
            run, variants = renumbered.get(word, entry)
            have = words.get(word)
            if have is None:
                have = words[word] = [[], {}]
            if run is not None:
                have[0].append((run, offset))
            for form, vrun in variants:
                if vrun is not None:
                    have[1].setdefault(form, []).append((vrun, offset))
    if order is not None:
        for have in words.values():
            have[0].sort(key=_first)
            have[0] = [(_run(have[0]), 0)] if have[0] else []
            for form, plist in have[1].items():
                plist.sort(key=_first)
                have[1][form] = [(_run(plist), 0)]
    ordered = sorted(words.items())
    chunks = _chunks(ordered, chunk_size)
    ranges = _ranges(chunks)
    target.mkdir(parents=True, exist_ok=True)
    (target / "index").mkdir(exist_ok=True)
    (target / "fragment").mkdir(exist_ok=True)
    if keep is not None:
        (keep / "index").mkdir(parents=True, exist_ok=True)
    chunk_names: dict[str, str] = {}
    meta_chunks = []
    earlier = _chunk_list(reuse) if reuse is not None else {}
    for (start, end), chunk in zip(ranges, chunks, strict=True):
        data = b"\x81" + _header(4, len(chunk)) + b"".join(_word(w, e) for w, e in chunk)
        digest = f"{language}_{full_hash(data)}"
        name = _short(digest, language, chunk_names, 2)
        chunk_names[name] = digest
        path = target / "index" / f"{name}.pf_index"
        kept = reuse / "index" / f"{name}.pf_index" if reuse is not None else None
        if kept is not None and earlier.get(name) == digest and kept.is_file():
            _link(kept, path)
        else:
            _pack(path, data)
        if keep is not None:
            _link(path, keep / "index" / path.name)
        meta_chunks.append([start, end, name])
    _chunk_list(keep if keep is not None else target, chunk_names)
    # Filters: every value's pages in page order.
    filters: dict[str, dict[str, list[int]]] = {}
    for part, new in zip(parts, maps, strict=True):
        for fname, values in part.filters.items():
            mine = filters.setdefault(fname, {})
            for value, plist in values.items():
                mine.setdefault(value, []).extend(new[n] for n in plist)
    meta_filters = []
    if filters:
        (target / "filter").mkdir(exist_ok=True)
    filter_names: dict[str, bool] = {}
    for fname in sorted(filters):
        values = [[v, sorted(p)] for v, p in sorted(filters[fname].items())]
        data = cbor2.dumps([fname, values])
        name = _short(f"{language}_{full_hash(data)}", language, filter_names, 2)
        filter_names[name] = True
        _pack(target / "filter" / f"{name}.pf_filter", data)
        meta_filters.append([fname, name])
    meta_sorts = _merge_sorts(parts, maps, urls, sort_values or {})
    # Fragments: linked from the parts, named as a single run names them.
    fragment_names: dict[str, str] = {}
    meta_pages = []
    for page, (folder, old) in zip(pages, sources, strict=True):
        digest = page.digest
        name = _short(digest, language, fragment_names, 1, same=digest.__eq__)
        fragment_names[name] = digest
        _link(
            folder / "fragment" / f"{old}.pf_fragment", target / "fragment" / f"{name}.pf_fragment"
        )
        meta_pages.append([name, page.word_count])
    meta = cbor2.dumps([version, meta_pages, meta_chunks, meta_filters, meta_sorts, meta_fields])
    meta_hash = f"{language}_{full_hash(meta)[: len(language) + 8]}"
    _pack(target / f"pagefind.{meta_hash}.pf_meta", meta)
    first = parts[0]
    for name in (*ASSETS, *first.wasm):
        if (first.folder / name).is_file():
            _link(first.folder / name, target / name)
    entry = json.loads(json.dumps(first.entry))
    entry["languages"][language]["hash"] = meta_hash
    entry["languages"][language]["page_count"] = len(pages)
    text = json.dumps(entry, separators=(",", ":"), ensure_ascii=False)
    (target / ENTRY).write_text(text, encoding="utf-8")
    for part in dirty:
        _save(part)
    return len(pages)


def _chunk_list(bundle: Path, names: dict[str, str] | None = None) -> dict[str, str]:
    """The full hash of each index chunk of a merged bundle, kept beside it: read (``names``
    None; {} when missing or unreadable) or written."""
    path = bundle.with_name(bundle.name + ".chunks.json")
    if names is not None:
        path.write_text(json.dumps(names, sort_keys=True), encoding="utf-8")
        return names
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remapped(part: Bundle, meta_fields: list[str], remap: list[int], dirty: list) -> dict:
    """The part's words with meta locations, re-encoded for the merged meta fields (kept on
    the part for the next merge with the same fields). A word whose postings are what they
    were in ``part.earlier`` (same meta fields) takes its re-encoding from there."""
    key = tuple(meta_fields)
    if key not in part.remapped:
        done = {}
        before = part.earlier
        if before is not None and before.meta_fields == part.meta_fields:
            old_words, old_done = before.words, before.remapped.get(key, {})
        else:
            old_words, old_done = {}, {}
        for word, entry in part.words.items():
            run, variants = entry
            if (run is not None and run.meta) or any(v is not None and v.meta for _, v in variants):
                kept = old_done.get(word)
                if kept is not None and old_words.get(word) == entry:
                    done[word] = kept
                    continue
                done[word] = (
                    _renumbered(run, remap) if run is not None else None,
                    tuple(
                        (f, _renumbered(v, remap) if v is not None else None) for f, v in variants
                    ),
                )
        part.remapped = {key: done}
        part.earlier = None
        dirty.append(part)
    return part.remapped[key]


def _merge_sorts(parts, maps, urls, sort_values) -> list:
    keys = sorted({k for part in parts for k in part.sorts})
    out = []
    for key in keys:
        values = []
        for number, url in enumerate(urls):
            value = sort_values.get(url, {}).get(key)
            if value is not None:
                values.append((value, number))
        out.append([key, _sort_order(values)])
        # The values must be what Pagefind read: each part's own order sorts them.
        given = dict((n, v) for v, n in values)
        for part, new in zip(parts, maps, strict=True):
            mine = [new[n] for n in part.sorts.get(key, [])]
            held = {n for n in new if n in given}
            if set(mine) != held or not _ordered([given[n] for n in mine]):
                raise MergeError(
                    f"{part.folder}: thứ tự sắp xếp «{key}» không khớp giá trị trong trang"
                )
    return out


def _link(source: Path, target: Path) -> None:
    if target.exists():
        target.unlink()
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


_SORT = re.compile(r'data-pagefind-sort="([^":]+):([^"]*)"')


def sort_values(html: str) -> dict[str, str]:
    """The sort values a page declares (``data-pagefind-sort="key:value"``), as the portal's
    templates write them; the merge checks them against each part's own sort order."""
    import html as html_lib

    return {key: html_lib.unescape(value) for key, value in _SORT.findall(html)}
