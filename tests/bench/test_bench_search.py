"""The search benchmark runs (never how fast): its corpus is deterministic and valid, its
measuring tools count what they claim, and a small end-to-end run fills every table row."""

from __future__ import annotations

import gzip
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from portal.cli import main as portal_cli
from portal_bench import corpus, search


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_corpus_is_deterministic_and_passes_check(tmp_path):
    first = corpus.generate(tmp_path / "a", pages=150, members=3, seed=7)
    corpus.generate(tmp_path / "b", pages=150, members=3, seed=7)
    files = _files(tmp_path / "a")
    assert files == _files(tmp_path / "b")
    assert _files(corpus.generate(tmp_path / "c", pages=150, members=3, seed=8).root) != files

    result = CliRunner().invoke(
        portal_cli, ["check", "--content", str(tmp_path / "a"), "--now", "2026-11-30 12:00"]
    )
    assert result.exit_code == 0, result.output
    assert "150 tệp nội dung trên 4 trang" in result.output

    assert first.total == 150
    assert len(first.sites) == 4
    assert first.counts[first.parent]["articles"] > 0
    assert sum(first.counts[first.parent].values()) == 30  # the parent's ~20 %
    kinds = first.by_kind()
    assert kinds["articles"] > 100 and all(kinds[k] > 0 for k in corpus.KINDS)
    assert all(first.numbers[site] for site in first.sites)


def test_corpus_dates_and_pdfs(tmp_path):
    info = corpus.generate(tmp_path, pages=60, members=1)
    dates = []
    for path in tmp_path.rglob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("date: ", "issued: ", "asked: ")):
                dates.append(line.split(": ", 1)[1][:10])
    assert dates and min(dates) >= "2023-01-01" and max(dates) <= f"{corpus.NOW:%Y-%m-%d}"
    pdfs = list(tmp_path.rglob("*.pdf"))
    assert len(pdfs) == info.by_kind()["documents"]
    data = pdfs[0].read_bytes()
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    xref = int(data.rsplit(b"startxref\n", 1)[1].split()[0])
    assert data[xref:].startswith(b"xref")


def test_tree_memory_includes_grandchildren():
    # The child only starts a grandchild that holds ~120 MB; the child itself stays small.
    grandchild = "import time; x = b'x' * 120_000_000; time.sleep(1.5)"
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}])"
    run = search.run_measured([sys.executable, "-c", child])
    assert run.returncode == 0
    assert run.peak_bytes > 120_000_000


def test_counting_server_counts_bytes_sent(tmp_path):
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "vi_1.pf_index").write_bytes(gzip.compress(b"index" * 100))
    (tmp_path / "app.js").write_text("console.log('xin chào');\n" * 200, encoding="utf-8")
    with search.serving(tmp_path) as server:

        def fetch(path: str) -> bytes:
            request = urllib.request.Request(server.url + path, headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request) as response:
                return response.read()

        index = fetch("/pagefind/vi_1.pf_index")
        script = fetch("/app.js")
        blank = fetch(search.BLANK_PAGE)
        sent = server.settle()
    assert index == (tmp_path / "pagefind" / "vi_1.pf_index").read_bytes()  # as written
    assert gzip.decompress(script) == (tmp_path / "app.js").read_bytes()  # gzipped like a CDN
    assert b"<!doctype html>" in blank
    # A request is recorded once its body is written, which may be after the client has read it
    # and sent the next one: the record is a multiset, not a sequence.
    assert sorted(sent) == sorted(
        [
            ("/pagefind/vi_1.pf_index", len(index)),
            ("/app.js", len(script)),
            (search.BLANK_PAGE, len(blank)),
        ]
    )
    assert search.index_bytes(sent) == (len(index), 1)
    assert search.by_file_kind(sent) == {"index chunks": (1, len(index))}


# Both indexers, 20 queries and ~75 labelled ones in Chromium (about 4 min alone): make test-slow;
# make bench-search runs it too.
@pytest.mark.browser
@pytest.mark.slow
def test_bench_search_end_to_end(tmp_path):
    report = search.run(pages=120, members=2, work=tmp_path / "work", browsers=2)
    text = search.render(report)

    assert report.ours.pages == report.stock.pages == 120
    assert report.ours.peak_bytes > 0 and report.stock.peak_bytes > 0
    assert report.ours.index_bytes > 0 and report.stock.index_bytes > 0
    assert report.ours.largest and report.ours.largest[1] > 0
    assert [run.query for run in report.queries] == search.queries_for(report.info)
    assert len(report.queries) == 20
    for run in report.queries:
        assert run.ours.results is not None, (run.query, run.ours.error)
        assert run.stock.results is not None, (run.query, run.stock.error)
        assert run.ours.bytes > 0 and run.stock.bytes > 0
        assert f"| `{run.query}` |" in text
    by_query = {run.query: run for run in report.queries}
    for common in ("xã", "công", "năm"):
        assert by_query[common].ours.results > 0
    assert by_query["dao"].ours.results > 0  # "dao" finds words written with đ
    assert "indexing peak memory" in text and "≤ 300 KB" in text
    # The quality table: labelled queries of every kind, each answered by both.
    kinds = {run.query.kind for run in report.quality}
    assert kinds == {"tones", "no tones", "đ", "number"}
    for run in report.quality:
        assert run.ours.results is not None and run.stock.results is not None, run.query
        assert run.query.relevant and run.plain is not None
    assert "## Quality: precision at 1 and 5" in text and "| number |" in text
    print(text)
