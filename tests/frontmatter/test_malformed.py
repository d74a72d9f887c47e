"""Every malformed file fails the check with its file, line and field named — never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from portal.catalog.tree import scan
from portal.errors import ErrorReport
from support import DEMO_NOW, FIXTURES, PDF, REPO

MALFORMED = FIXTURES / "malformed"
SUPPORT = {
    "huyen/documents/files/ok.pdf": PDF,
    "huyen/documents/files/fake.pdf": b"<html><script>alert(1)</script></html>",
    "huyen/documents/files/run.exe": b"MZ\x90\x00",
}
# scenario file → (field named in the error, line, a word the message must contain)
EXPECTED = {
    "articles__unclosed_block.md": ("front matter", 1, "'---'"),
    "articles__broken_yaml.md": ("yaml", None, "YAML"),
    "articles__list_instead_of_mapping.md": ("front matter", 2, "tên: giá trị"),
    "articles__missing_title.md": ("title", 1, "thiếu"),
    "articles__impossible_date.md": ("date", 3, "không có trên lịch"),
    "articles__misspelled_key.md": ("tagz", 5, "tags"),
    "articles__empty_file.md": ("front matter", 1, "rỗng"),
    "articles__invalid_utf8.md": ("encoding", 2, "UTF-8"),
    "articles__image_without_alt.md": ("image", 5, "image_alt"),
    "articles__unknown_category.md": ("category", 4, "Giải trí"),
    "articles__title_as_list.md": ("title", 2, "giá trị đơn"),
    "articles__bad_status.md": ("status", 5, "published"),
    "articles__duplicate_key.md": ("title", 3, "hai lần"),
    "articles__body_link_missing.md": ("body", 6, "khong-co.pdf"),  # the line of the link
    "articles__consolidated_without_target.md": ("unpublished", 5, "redirect_to"),
    "documents__missing_attachment.md": ("files", 9, "không tìm thấy"),
    "documents__escaping_attachment.md": ("files", 9, "ngoài thư mục"),
    "documents__absolute_attachment.md": ("files", 9, "tương đối"),
    "documents__secrecy_mark.md": ("classification", 10, "mật"),
    "documents__no_files.md": ("files", 1, "thiếu"),
    "documents__bad_doc_type.md": ("doc_type", 5, "Thư tay"),
    "documents__disguised_pdf.md": ("files", 9, "đổi đuôi"),
    "documents__forbidden_type.md": ("files", 9, ".exe"),
    "invitations__end_before_start.md": ("end", 6, "sau giờ bắt đầu"),
    "invitations__unknown_group.md": ("notify[1]", 8, "nhom-khong-co"),
    "schedules__item_outside_week.md": ("items[1].date", 7, "không thuộc tuần"),
    "schedules__bad_time.md": ("items[1].time", 8, "25:00"),
    "procedures__bad_url.md": ("online_url", 7, "https://"),
    "qa__missing_question.md": ("question", 1, "thiếu"),
    "consultations__closes_before_opens.md": ("closes", 5, "trước ngày bắt đầu"),
    "pages__has_date.md": ("date", 3, "trang tĩnh"),
    "pages__reserved_slug.md": ("slug", 2, "/tin-tuc/"),
    # Hostile files (issue 20): each ends in its line, never a traceback, a hang or a crash.
    "articles__alias_bomb.md": ("yaml", 5, "neo/bí danh"),
    "articles__self_alias.md": ("yaml", 5, "&a"),
    "articles__deep_nesting.md": ("yaml", 5, "20 tầng"),
    "articles__title_with_line_break.md": ("title", 2, "một dòng"),
    "articles__nul_in_text.md": ("body", 6, "U+0000"),
    "articles__tag_without_letters.md": ("tags[2]", 5, "chữ cái"),
    "invitations__year_one.md": ("start", 5, "1900–2100"),
    # Collaborators' slips (issue 14): each refused with its file, line and field.
    "pages__slug_widget.md": ("slug", 3, "/widget/"),
    "pages__slug_pagefind.md": ("slug", 3, "/pagefind/"),
    "pages__slug_admin.md": ("slug", 3, "/admin/"),
    "documents__left_from_portal_new.md": ("number", 19, "portal new"),
    "articles__2026-12-09-date-far-from-name.md": ("date", 3, "2026-12-09"),
    "articles__comma_separated_tags.md": ("tags", 5, "tags: [giao thông, nông thôn]"),
    "articles__curly_quotes.md": ("title", 2, "dấu nháy cong"),
    "articles__curly_quotes_with_colon.md": ("yaml", 2, "dấu nháy cong"),
    "articles__tag-only-question-marks.md": ("tags[1]", 5, "chữ cái"),  # Pelican's slug failed
    "articles__Tin_Viet_Hoa.md": ("file", 1, "tin-viet-hoa.md"),
}


def place(make_content, name: str) -> tuple[Path, Path]:
    kind, _, rest = name.partition("__")
    content = make_content({**SUPPORT})
    target = content / "huyen" / kind / rest
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((MALFORMED / name).read_bytes())
    return content, target


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in MALFORMED.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file_is_reported(make_content, name):
    content, target = place(make_content, name)
    report = ErrorReport()
    scan(content, DEMO_NOW, report)
    field, line, word = EXPECTED[name]
    mine = [e for e in report.errors if Path(e.path) == target]
    assert mine, f"no error for {name}: {[str(e) for e in report.errors]}"
    match = [e for e in mine if e.field == field]
    assert match, f"{name}: expected field {field!r}, got {[str(e) for e in mine]}"
    error = match[0]
    if line is not None:
        assert error.line == line, str(error)
    assert word.lower() in (error.message + error.english).lower(), str(error)
    assert str(error).startswith(f"{error.display_path()}:{error.line}: {field}: ")


def test_whole_corpus_in_one_run_without_traceback(tmp_path, make_content):
    """The real command reports every bad file at once, exits 1 and prints no traceback."""
    content = make_content({**SUPPORT})
    for name in EXPECTED:
        kind, _, rest = name.partition("__")
        target = content / "huyen" / kind / rest
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((MALFORMED / name).read_bytes())
    portal = Path(sys.executable).parent / "portal"
    for command in ("check", "build"):
        result = subprocess.run(
            [
                str(portal),
                command,
                "--content",
                str(content),
                "--output",
                str(tmp_path / "out"),
                "--settings",
                str(REPO / "pelicanconf.py"),
                "--now",
                "2026-11-22 12:00",
            ]
            if command == "build"
            else [str(portal), command, "--content", str(content), "--now", "2026-11-22 12:00"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        for name in EXPECTED:
            rest = name.partition("__")[2]
            assert rest in result.stdout, f"{command}: {rest} not named"
        assert not (tmp_path / "out" / "huyen").exists(), "a failed build wrote output"
