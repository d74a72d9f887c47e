"""Every value is bounded before it is converted: control characters, line breaks in one-line
fields, lengths, list sizes, years, time-zone offsets and whole numbers end in a
``file:line: field`` error, never in a crash of a later stage."""

from __future__ import annotations

import pytest

from portal.errors import ErrorReport
from portal.frontmatter.fields import MAX_ITEMS, MAX_LINE, validate
from portal.frontmatter.parse import parse
from portal.frontmatter.schema import check_rules
from portal.types import REGISTRY
from support import article


def errors(line: str, kind: str = "articles", text: str = "") -> list:
    """Errors of a valid article with the front-matter ``line`` ('key: value') replacing its
    key's line or added after them (line 5); or of ``text`` of another kind."""
    key, _, value = line.partition(": ")
    if not text:  # article() quotes its title itself
        text = article(value[1:-1]) if key == "title" else article(**{key: value})
    parsed = parse(text.encode())
    report = ErrorReport()
    values = validate(parsed.fields, REGISTRY[kind].schema, report, "x.md", 1)
    check_rules(kind, values, parsed.fields, report, "x.md")
    return report.sorted()


def only(found: list, field: str, line: int, word: str) -> None:
    assert [e.field for e in found] == [field], [str(e) for e in found]
    assert found[0].line == line, str(found[0])
    assert word in found[0].message + found[0].english, str(found[0])


@pytest.mark.parametrize(
    ("line", "word"),
    [
        (r'title: "Tin\nmới"', "một dòng"),
        (r'title: "Tin\r::error::"', "một dòng"),
        (r'title: "Tin\u2028mới"', "một dòng"),
        (r'title: "Tin\0mới"', "U+0000"),
        (r'title: "Tin\x1bmới"', "U+001B"),
        (r'title: "Tin\x85mới"', "U+0085"),
        ('title: "' + "Đ" * (MAX_LINE + 1) + '"', "quá giới hạn"),
    ],
)
def test_one_line_fields_refuse_breaks_controls_and_length(line, word):
    only(errors(line), "title", 2, word)


def test_long_vietnamese_title_and_multiline_summary_are_accepted():
    title = ("Quyết định về việc phê duyệt kế hoạch đầu tư công trung hạn " * 7)[:400]
    assert errors(f'title: "{title}"') == []
    assert errors(r'summary: "Đoạn một.\n\nĐoạn hai."') == []
    only(errors(r'summary: "Đoạn\0hai"'), "summary", 5, "U+0000")


@pytest.mark.parametrize(
    ("line", "field", "word"),
    [
        ("date: 0001-01-01 00:00", "date", "1900–2100"),
        ("date: 2101-01-01 08:00", "date", "1900–2100"),
        ("date: 1899-12-31", "date", "1900–2100"),
        ("date: 2026-11-20 08:30 +99:00", "date", "múi giờ"),
        ("date: 2026-11-20 08:30 +07:75", "date", "múi giờ"),
        ("modified: 0001-01-01 00:00", "modified", "1900–2100"),
    ],
)
def test_dates_are_bounded(line, field, word):
    found = [e for e in errors(line) if e.field == field]
    assert found and word in found[0].message, [str(e) for e in errors(line)]


def test_years_at_the_bounds_are_accepted():
    assert errors("date: 1900-01-01 00:00 +07:00") == []
    assert errors("expires: 2100-12-31 23:59") == []


def test_invitation_in_year_one_is_refused_before_the_calendar():
    text = (
        '---\ntitle: "Họp"\ndate: 2026-11-20 08:00\nnumber: "1/GM"\nstart: 0001-01-01 00:00\n'
        'end: 0001-01-01 01:00\nlocation: "Phòng họp"\n---\nHọp.\n'
    )
    parsed = parse(text.encode())
    report = ErrorReport()
    validate(parsed.fields, REGISTRY["invitations"].schema, report, "x.md", 1)
    assert {(e.field, e.line) for e in report.sorted()} == {("start", 5), ("end", 6)}


def test_week_year_is_bounded():
    text = (
        '---\ntitle: "Lịch"\ndate: 2026-11-20 08:00\nweek: 0001-W01\nowner: "Chủ tịch"\n'
        "items:\n  - date: 2026-11-16\n    content: Họp\n---\n"
    )
    parsed = parse(text.encode())
    report = ErrorReport()
    values = validate(parsed.fields, REGISTRY["schedules"].schema, report, "x.md", 1)
    check_rules("schedules", values, parsed.fields, report, "x.md")
    assert [(e.field, e.line) for e in report.sorted()] == [("week", 4)]


def test_lists_and_numbers_are_bounded():
    tags = "[" + ", ".join(["a"] * (MAX_ITEMS + 1)) + "]"
    only(errors(f"tags: {tags}"), "tags", 5, "quá giới hạn")
    page = "---\ntitle: Giới thiệu\norder: 99999999999999999999\n---\nTrang.\n"
    only(errors("", "pages", page), "order", 3, "quá lớn")


def test_hostile_key_is_refused_by_the_reader():
    from portal.frontmatter.parse import FrontMatterError

    with pytest.raises(FrontMatterError) as caught:
        parse(b'---\ntitle: x\n"a\\nb": 1\n---\n')
    assert caught.value.line == 3


def test_summary_is_a_paragraph_not_a_text():
    only(errors('summary: "' + "Tóm tắt " * 300 + '"'), "summary", 5, "2,000")


@pytest.mark.parametrize("url", ["https://[x", "http://a]b/", "https://\u2100.example"])
def test_unparseable_url_is_a_content_error(url):
    page = (
        '---\ntitle: "Thủ tục"\ndate: 2026-11-20\ncode: "1"\nfield: "Đất đai"\nagency: "UBND"\n'
        f'online_url: "{url}"\n---\n'
    )
    only(errors("", "procedures", page), "online_url", 7, "https://")


def test_dates_and_numbers_take_ascii_digits_only():
    assert "NNNN-TT-NN" in errors("date: ２０２６-１１-２０ ０８:３０")[0].message
    page = "---\ntitle: Giới thiệu\norder: ٣٤\n---\nTrang.\n"
    only(errors("", "pages", page), "order", 3, "số nguyên")
