"""A small generated site for the merge tests (``tests/search/test_search_merge.py``,
``tests/browser/test_search_merge_browser.py``): pages as the item templates write them for
search, in several shards, indexed once by one Pagefind run over all of them and once shard by
shard, then merged (``portal.search.merge``)."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path

from portal.search import merge
from portal.search.fold import mark_d
from portal.search.index import _write_bundle, page_url
from portal.search.shards import labelled, plan

SENTENCE = (
    "đất đai đăng ký giấy chứng nhận quyền sử dụng nông thôn mới đường giao thông lúa hè thu "
    "mùa lũ đê bao khai giảng lớp nghề mây tre đan trường học y tế xã phường tỉnh huyện ấp "
    "người dân cán bộ hội nghị chương trình kế hoạch báo cáo thủ tục hành chính một cửa"
)
WORDS = SENTENCE.split()
CHUNK_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
KINDS = ("articles", "documents")


def page(kind: str, day: str, title: str, body: str, image: bool = False, excerpt: str = "") -> str:
    """A page as ``components/search_record.html`` marks it (filter, sort, body, excerpt)."""
    sort = f'<span hidden data-pagefind-sort="date:{day}"></span>' if day else ""
    meta = '<img data-pagefind-meta="image[src]" src="/anh.png" alt="">' if image else ""
    if excerpt:
        meta += f'<data hidden value="{excerpt}" data-pagefind-meta="excerpt[value]"></data>'
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title></head>'
        f"<body><article data-pagefind-body><h1>{title}</h1>{meta}<p>{body}</p>"
        f'<span hidden data-pagefind-filter="type:{kind}"></span>{sort}</article></body></html>'
    )


def pages(count: int = 80, seed: int = 7) -> dict[str, str]:
    """Staging path → HTML (``đ`` marked, as Pagefind reads it). Documents numbered ``KH``
    live in 2025 only; ``khmer`` only in 2026 (the old false match of shards merged in the
    browser); images only on some 2026 articles (a meta field one shard lacks)."""
    rng = random.Random(seed)
    out = {}
    for i in range(count):
        kind = KINDS[i % 2]
        year = 2025 + (i // (count // 2))
        day = f"{year}-{1 + i % 12:02d}-{1 + i % 27:02d}" if i % 10 else ""
        title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120)))
        body += " " + " ".join(f"{rng.choice(WORDS)}{rng.randint(1, 400)}" for _ in range(8))
        if kind == "documents" and year == 2025:
            title = f"Kế hoạch số {i}/KH-UBND về {title.lower()}"
        if year == 2026 and i % 7 == 0:
            body += " Lễ hội của đồng bào Khmer ở ấp Rạch Gốc."
        image = year == 2026 and kind == "articles" and i % 3 == 0
        # A form only in a meta field beside another only in the body, on the same pages: a
        # single run lists the body's first ("xoái" before "xoài", against their order).
        excerpt = "Xoài cát" if i % 5 == 0 else ""
        if excerpt:
            body += " xoái"
        out[f"{kind}/p{i:03d}/index.html"] = mark_d(page(kind, day, title, body, image, excerpt))
    return labelled(out, "s/all")


@dataclass
class Indexed:
    single: Path  # one Pagefind run over every page
    shards: list[Path]  # one run per shard (portal.search.shards.plan)
    merged: Path  # the shards merged, pages in the shards' order
    same_order: Path  # the shards merged, pages in the single run's order


# Small index chunks: many chunk boundaries to get right (Pagefind's rule: a chunk ends once
# its postings reach the size, not pass it).
CHUNK_SIZE = 40


def index(root: Path, staged: dict[str, str]) -> Indexed:
    saved = os.environ.get(CHUNK_VARIABLE)
    os.environ[CHUNK_VARIABLE] = str(CHUNK_SIZE)
    try:
        _write_bundle("s", staged, root / "single", marked=True)
        shards = []
        for name, shard in plan(staged).items():
            _write_bundle("s", shard, root / "shards" / name, marked=True)
            shards.append(root / "shards" / name)
    finally:
        if saved is None:
            del os.environ[CHUNK_VARIABLE]
        else:
            os.environ[CHUNK_VARIABLE] = saved
    parts = [merge.read(folder) for folder in shards]
    values = {page_url("/", rel): merge.sort_values(text) for rel, text in staged.items()}
    merge.merge(parts, root / "merged", values, chunk_size=CHUNK_SIZE)
    order = [p.url for p in merge.read(root / "single").pages]
    merge.merge(parts, root / "same-order", values, chunk_size=CHUNK_SIZE, order=order)
    return Indexed(root / "single", shards, root / "merged", root / "same-order")
