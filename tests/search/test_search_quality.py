"""The search benchmark's quality table (portal_bench.search_quality): labelled queries are
derived deterministically and label what the issue asks for (exact tones relevant, folded-only
not), and precision is counted as documented. Also what a quick record shows as its excerpt."""

from __future__ import annotations

from types import SimpleNamespace

from portal.search.facts import quick_record
from portal_bench.search_quality import (
    LabelledQuery,
    Record,
    fold,
    labelled_queries,
    precision,
    summarize,
    words,
)

RECORDS = [
    Record("/h/a/", "Cảnh báo lừa đảo qua mạng", "Người dân cảnh giác."),
    Record("/h/b/", "Hội nghị an ninh", "Tình trạng lừa đảo chiếm đoạt tài sản giảm."),
    Record("/h/c/", "Lúa đạo trổ bông đều", "Cánh đồng lúa đạt năng suất."),
    Record("/h/d/", "Đăng ký đất đai lần đầu", "Hướng dẫn hồ sơ.", "12/QĐ-UBND"),
    Record("/x/e/", "Đăng ký đất đai cho hộ gia đình", "Thủ tục.", "7/TB-UBND"),
]


def test_words_and_folding():
    assert words("Lừa ĐẢO, 2315/QĐ-UBND") == ["lừa", "đảo", "2315", "qđ", "ubnd"]
    assert fold("đảo") == "dao" and fold("Lúa") == "Lua"


def test_toned_queries_count_exact_matches_only():
    found = {q.query: q for q in labelled_queries(RECORDS) if q.kind == "tones"}
    # "lừa đảo" folds like "lúa đạo": relevant are the two pages with the exact words.
    assert found["lừa đảo"].relevant == {"/h/a/", "/h/b/"}
    assert found["lúa đạo"].relevant == {"/h/c/"}


def test_untoned_d_and_number_queries():
    queries = labelled_queries(RECORDS)
    d = {q.query: q.relevant for q in queries if q.kind == "đ"}
    assert d["dang ky dat"] == {"/h/d/", "/x/e/"}
    plain = {q.query: q.relevant for q in queries if q.kind == "no tones"}
    assert plain["canh bao lua"] == {"/h/a/"} and not any("đ" in q for q in plain)
    numbers = {q.query: q.relevant for q in queries if q.kind == "number"}
    assert numbers == {"12/QĐ-UBND": {"/h/d/"}, "7/TB-UBND": {"/x/e/"}}
    # Deterministic, whatever the order the records come in.
    assert labelled_queries(list(reversed(RECORDS))) == queries


def test_at_most_per_kind_queries_spread_over_the_candidates():
    many = [Record(f"/s/{i}/", f"Xã số {i} họp dân", "", f"{i}/QĐ-UBND") for i in range(100)]
    numbers = [q for q in labelled_queries(many, per_kind=20) if q.kind == "number"]
    assert len(numbers) == 20 and len({q.query for q in numbers}) == 20


def test_precision_at_k():
    relevant = {"/a/", "/b/"}
    assert precision(["/a/", "/x/"], relevant, 1) == 1.0
    assert precision(["/x/", "/a/"], relevant, 1) == 0.0
    assert precision(["/x/", "/a/", "/y/", "/b/", "/z/"], relevant, 5) == 1.0  # 2 of min(5, 2)
    assert precision(["/x/", "/a/", "/y/"], {"/a/", "/b/", "/c/", "/d/", "/e/", "/f/"}, 5) == 0.2
    assert precision([], relevant, 5) == 0.0 and precision(["/a/"], set(), 1) == 0.0
    table = summarize(
        [
            (LabelledQuery("tones", "q1", frozenset(relevant)), ["/a/"], ["/x/", "/b/"]),
            (LabelledQuery("tones", "q2", frozenset({"/c/"})), ["/x/"], ["/c/"]),
        ]
    )
    assert table == {
        "tones": {
            "queries": 2,
            "ours P@1": 0.5,
            "ours P@5": 0.25,
            "stock P@1": 0.5,
            "stock P@5": 0.75,
        }
    }


def _document(**meta):
    base = {"title": "Chỉ thị về đất đai", "doc_type": "Chỉ thị", "number": "05/CT-UBND"}
    base.update(meta, issuer="Ủy ban nhân dân tỉnh Lam Giang", signer="Trần Văn A")
    return SimpleNamespace(
        kind="documents",
        site="huyen",
        url="van-ban/chi-thi/",
        meta=base,
        teaser="Tăng cường quản lý nhà nước về đất đai trên địa bàn.",
    )


def test_quick_record_excerpt_is_the_summary_and_the_number_is_shown():
    record = quick_record(_document())
    # The summary is the excerpt; the fields stay searchable but never are the excerpt.
    assert '<p data-pagefind-meta="excerpt">Tăng cường quản lý' in record
    assert "<p>Ủy ban nhân dân tỉnh Lam Giang</p>" in record
    assert '<p data-pagefind-meta="number">05/CT-UBND</p>' in record
