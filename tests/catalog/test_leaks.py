"""Nothing private reaches any output file: drafts, scheduled, expired and taken-down items of
every type, and their attachments, leave no trace (compressed files are searched too)."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from portal.frontmatter.fields import TIMEZONE
from support import DEMO_NOW, PDF, article

PRIVATE = {
    "draft": {"status": "draft"},
    "scheduled": {"date": "2027-03-01 08:00"},
    "expired": {"date": "2026-10-01 08:00", "expires": "2026-11-01 00:00"},
    "gone": {"unpublished": '{reason: error, note: "Sai sót"}'},
    "redirected": {"unpublished": "{reason: consolidated, redirect_to: /tin-tuc/tin-cong-khai/}"},
}


def marker(state: str, kind: str) -> str:
    return f"LEAK{state.upper()}{kind.upper()}Z"


def private_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "huyen/articles/public.md": article("Tin công khai", "Tin được phép đăng."),
        "huyen/articles/withdrawn.md": article(
            "Tin thu hồi WITHDRAWNTITLE",
            "Thân bài thu hồi.",
            unpublished='{reason: withdrawn, note: "Thông tin chưa chính xác"}',
        ),
    }
    for state, extra in PRIVATE.items():
        fields = {"date": "2026-11-20 08:00", **extra}
        lines = "\n            ".join(f"{k}: {v}" for k, v in fields.items())
        m = marker(state, "art")
        files[f"huyen/articles/{state}.md"] = article(
            f"Tin {m}", f"Thân bài {m}. ![ảnh {m}](anh-{state}.png)", **fields
        )
        files[f"huyen/articles/anh-{state}.png"] = b"\x89PNG\r\n\x1a\n" + m.encode()
        d = marker(state, "doc")
        files[f"huyen/documents/{state}.md"] = f"""\
            ---
            title: "Văn bản {d}"
            number: "{len(state)}{state}/QĐ-UBND"
            doc_type: Quyết định
            issuer: "UBND huyện"
            issued: 2026-11-19
            summary: "Trích yếu {d}"
            files: [files/{state}-{d.lower()}.pdf]
            {lines}
            ---
            Nội dung {d}
            """
        files[f"huyen/documents/files/{state}-{d.lower()}.pdf"] = PDF + d.encode()
        q = marker(state, "qa")
        files[f"huyen/qa/{state}.md"] = f"""\
            ---
            title: "Hỏi {q}"
            question: "Câu hỏi {q}"
            {lines}
            ---
            Trả lời {q}
            """
    # redirected documents/qa need an existing target of their own site
    files["huyen/documents/redirected.md"] = files["huyen/documents/redirected.md"].replace(
        "/tin-tuc/tin-cong-khai/", "/van-ban/"
    )
    files["huyen/qa/redirected.md"] = files["huyen/qa/redirected.md"].replace(
        "/tin-tuc/tin-cong-khai/", "/hoi-dap/"
    )
    return files


def every_output_text(output: Path):
    for path in sorted(output.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            yield path, data


@pytest.fixture
def built(make_content, build_into):
    return build_into(make_content(private_files()))


def test_no_private_marker_anywhere(built):
    markers = [marker(s, k).encode() for s in PRIVATE for k in ("art", "doc", "qa")]
    names = [marker(s, k).lower() for s in PRIVATE for k in ("art", "doc", "qa")]
    checked = 0
    for path, data in every_output_text(built):
        checked += 1
        for m in markers:
            assert m not in data, f"{m.decode()} leaked into {path}"
        for name in names:
            if name in path.as_posix():
                # only a consolidated item's old URL stays, as a bare redirect page
                assert "redirected" in name and path.name == "index.html", path
                assert b'http-equiv="refresh"' in data and b"<p>" in data, path
    assert checked > 20
    assert not list(built.rglob("drafts")), "a drafts/ folder was written"


def test_public_and_withdrawn_are_written(built):
    site = built / "huyen"
    assert "Tin được phép đăng" in (site / "tin-tuc/tin-cong-khai/index.html").read_text()
    withdrawn = (site / "tin-tuc/tin-thu-hoi-withdrawntitle/index.html").read_text()
    assert "đã bị thu hồi" in withdrawn and "Thông tin chưa chính xác" in withdrawn
    for listing in ("index.html", "tin-tuc/index.html", "chuyen-muc/thong-bao/index.html"):
        text = (site / listing).read_text()
        assert "Tin công khai" in text, listing
        assert "WITHDRAWNTITLE" not in text, f"withdrawn item listed in {listing}"


def test_takedown_rules(built):
    site = built / "huyen"
    netlify = (site / "_redirects").read_text()
    nginx = (site / "_nginx.conf").read_text()  # sites under /huyen/ in development
    gone = "/tin-tuc/tin-leakgoneartz/"
    assert f"{gone}  /410.html  410!" in netlify
    assert f"location = /huyen{gone} {{\n    return 410;" in nginx
    assert not (site / gone.strip("/")).exists()
    moved = "/tin-tuc/tin-leakredirectedartz/"
    assert f"{moved}  /tin-tuc/tin-cong-khai/  301!" in netlify
    page = (site / moved.strip("/") / "index.html").read_text()
    assert 'http-equiv="refresh"' in page and "/tin-tuc/tin-cong-khai/" in page
    assert "Nội dung đã bị gỡ bỏ" in (site / "410.html").read_text()
    # items never published leave no rule that would reveal their URL
    assert "leakdraft" not in netlify and "leakscheduled" not in netlify
    assert "leakdraft" not in nginx and "leakscheduled" not in nginx


def test_scheduled_item_appears_once_its_time_has_come(make_content, build_into):
    content = make_content(
        {"huyen/articles/later.md": article("Tin hẹn giờ", date="2026-11-22 15:00")}
    )
    before = build_into(content, now=DEMO_NOW)
    assert not (before / "huyen/tin-tuc/tin-hen-gio").exists()
    after = build_into(content, now=dt.datetime(2026, 11, 22, 15, 0, tzinfo=TIMEZONE))
    assert (after / "huyen/tin-tuc/tin-hen-gio/index.html").is_file()


def test_rebuild_removes_what_became_private(make_content, build_into):
    """A page published yesterday and drafted today is gone from the output."""
    content = make_content({"huyen/articles/a.md": article("Tin sẽ rút")})
    output = build_into(content)
    assert (output / "huyen/tin-tuc/tin-se-rut/index.html").is_file()
    (content / "huyen/articles/a.md").write_text(article("Tin sẽ rút", status="draft"))
    output = build_into(content)
    assert not (output / "huyen/tin-tuc/tin-se-rut").exists()


def test_sitemap_lists_only_public_items(built):
    sitemap = (built / "huyen/sitemap.xml").read_text()
    assert "https://huyen.example/tin-tuc/tin-cong-khai/" in sitemap
    for state in PRIVATE:
        assert f"leak{state}" not in sitemap
    assert "withdrawntitle" not in sitemap
    assert "Sitemap: https://huyen.example/sitemap.xml" in (built / "huyen/robots.txt").read_text()
