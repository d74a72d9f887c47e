"""A bundle merged at build time (portal.search.merge) answers in Chromium exactly as one
Pagefind run over the same pages: same results, scores, excerpts, filter counts and sorted
order, with and without tone marks; and a word only some shards hold is never matched by a
shorter word of the others (the false match of shards merged in the browser)."""

from __future__ import annotations

import pytest
from merge_corpus import index, pages

from portal.search import mark_d
from portal.search.index import _write_bundle
from portal.search.shards import plan

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("search_merge")]

RANKING = {"diacriticSimilarity": 0.8, "metaWeights": {"title": 8}}  # as the search page

SEARCH = """async ([bundle, query, options, ranking]) => {
  const module = await import(`/${bundle}/pagefind.js`);
  const pf = module.createInstance({ basePath: `/${bundle}/`, noWorker: true });
  await pf.options({ ranking, excerptLength: 30 });
  const found = await pf.search(query, options);
  const data = await Promise.all(found.results.map((r) => r.data()));
  return {
    results: found.results.map((r, i) => [data[i].url, r.score, data[i].excerpt]),
    filters: found.filters,
    total: found.unfilteredResultCount,
  };
}"""

MERGED_IN_BROWSER = """async ([bundles, query, ranking]) => {
  const module = await import(`/${bundles[0]}/pagefind.js`);
  const pf = module.createInstance({ basePath: `/${bundles[0]}/`, noWorker: true });
  await pf.options({ ranking, excerptLength: 30 });
  for (const other of bundles.slice(1)) await pf.mergeIndex(`/${other}/`, { ranking });
  const found = await pf.search(query);
  const data = await Promise.all(found.results.map((r) => r.data()));
  return found.results.map((r, i) => [data[i].url, r.score, data[i].excerpt]);
}"""

QUERIES = [
    ("đất đai", {}),
    ("dat dai", {}),
    ("khai giảng lớp nghề", {}),
    ("khai giang lop nghe", {}),
    ("lúa hè thu", {"filters": {"type": "documents"}}),
    ("nông thôn", {"sort": {"date": "desc"}}),
    ("thủ tục", {"sort": {"date": "asc"}, "filters": {"type": "articles"}}),
    ("kh", {}),
    ("đường12", {}),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory, shared_server):
    root = tmp_path_factory.mktemp("merged-search")
    bundles = index(root, pages())
    # The old way, for contrast: shards with Pagefind's chunks as a build cuts them, to be
    # merged in the browser.
    for name, shard in plan(pages()).items():
        _write_bundle("s", shard, root / "browser-shards" / name, marked=True)
    (root / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    return shared_server(root, csp=False), bundles


def run(page, base: str, bundle: str, query: str, options: dict) -> dict:
    """Pagefind's answer from ``bundle``; the query marked as the search page marks it."""
    if page.url != f"{base}/index.html":
        page.goto(f"{base}/index.html")
    return page.evaluate(SEARCH, [bundle, mark_d(query), options, RANKING])


@pytest.mark.parametrize(("query", "options"), QUERIES)
def test_merged_bundle_answers_as_one_pagefind_run(pooled_page, served, query, options):
    base, _ = served
    page = pooled_page()
    single = run(page, base, "single", query, options)
    same_order = run(page, base, "same-order", query, options)
    merged = run(page, base, "merged", query, options)
    assert single["results"], query
    # Pages numbered as the single run numbered them: everything identical.
    assert same_order == single
    # Pages in the shards' order: the same results with the same scores and excerpts; only
    # pages of equal score (or equal date, sorted) may come in another order.
    assert merged["filters"] == single["filters"] and merged["total"] == single["total"]
    if "sort" in options:
        assert sorted(merged["results"]) == sorted(single["results"])
    else:

        def by_score(found):
            return sorted(found["results"], key=lambda r: (-r[1], r[0]))

        assert by_score(merged) == by_score(single)
        assert [r[1] for r in merged["results"]] == [r[1] for r in single["results"]]


def test_a_word_some_shards_lack_is_not_matched_by_a_shorter_one(pooled_page, served):
    """'khmer' is only in 2026 pages; 2025 documents are numbered 'KH'. Shards merged in the
    browser let the 2025 shard answer with its 'kh' pages; one merged bundle holds the word."""
    base, bundles = served
    page = pooled_page()
    # The old way, for contrast: the shards merged in the browser do match "kh".
    shards = [f"browser-shards/{s.name}" for s in bundles.shards]
    page.goto(f"{base}/index.html")
    old = page.evaluate(MERGED_IN_BROWSER, [shards, "khmer", RANKING])
    assert any("KH-UBND" in excerpt for _, _, excerpt in old)
    found = run(page, base, "merged", "khmer", {})["results"]
    expected = {
        f"/{rel.removesuffix('index.html')}" for rel, text in pages().items() if "Khmer" in text
    }
    assert expected and {url for url, _, _ in found} == expected
    assert not any("KH-UBND" in excerpt for _, _, excerpt in found)
