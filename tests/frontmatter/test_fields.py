"""Values arrive as strings and are converted by the schema; YAML 1.1 typing never happens."""

import datetime as dt

import pytest

from portal.errors import ErrorReport
from portal.frontmatter.fields import TIMEZONE, Field, validate
from portal.frontmatter.parse import parse
from portal.types import REGISTRY


def read(text: str, kind: str = "documents"):
    parsed = parse(text.encode())
    report = ErrorReport()
    values = validate(parsed.fields, REGISTRY[kind].schema, report, "x.md", 1)
    return values, report


def test_yaml_1_1_values_survive_as_written():
    parsed = parse(b"---\nnumber: 012\ntime: 8:30\nanswer: no\nyear: 2026\nnull: ~\n---\n")
    assert {k: v.value for k, v in parsed.fields.items()} == {
        "number": "012",
        "time": "8:30",
        "answer": "no",
        "year": "2026",
        "null": "~",
    }


def test_document_conversion():
    values, report = read(
        "---\ntitle: Quyết định\ndate: 2026-11-20 08:30\nnumber: 012/QĐ-UBND\n"
        "doc_type: quyết định\n"
        "issuer: UBND\nissued: 2026-11-19\nsummary: Về việc\nfiles: a.pdf\nlegal: không\n"
        "fields: [Đất đai, Xây dựng]\n---\n"
    )
    assert not report, [str(e) for e in report.errors]
    assert values["number"] == "012/QĐ-UBND"
    assert values["doc_type"] == "Quyết định"  # enumerations are matched case-insensitively
    assert values["date"] == dt.datetime(2026, 11, 20, 8, 30, tzinfo=TIMEZONE)
    assert values["issued"] == dt.date(2026, 11, 19)
    assert values["files"] == ["a.pdf"]  # one scalar counts as a one-item list
    assert values["legal"] is False
    assert values["fields"] == ["Đất đai", "Xây dựng"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-20", dt.datetime(2026, 11, 20, tzinfo=TIMEZONE)),
        ("2026-11-20 08:30", dt.datetime(2026, 11, 20, 8, 30, tzinfo=TIMEZONE)),
        ("2026-11-20T08:30:15", dt.datetime(2026, 11, 20, 8, 30, 15, tzinfo=TIMEZONE)),
        ("2026-11-20 01:30+00:00", dt.datetime(2026, 11, 20, 8, 30, tzinfo=TIMEZONE)),
        ("2026-11-20 01:30Z", dt.datetime(2026, 11, 20, 8, 30, tzinfo=TIMEZONE)),
    ],
)
def test_datetimes_default_to_vietnam(value, expected):
    values, report = read(f"---\ntitle: T\ndate: {value}\ncategory: C\n---\n", "articles")
    assert not report
    assert values["date"] == expected


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        ("date: 20/11/2026", "date", "NNNN-TT-NN"),
        ("date: 2026-13-01", "date", "không có trên lịch"),
        ("featured: maybe", "featured", "true hoặc false"),
        ("tags: {a: b}", "tags", "danh sách"),
        ("slug: Có Dấu", "slug", "chữ thường"),
        ("lang: fr", "lang", "vi, en"),
        ("image: a.png", "image", "image_alt"),
        ("modified: 2026-11-21 08:00", "modified", "change_note"),
        ("expires: 2026-11-01", "expires", "sau ngày đăng"),
    ],
)
def test_bad_values_are_named(line, field, words):
    from portal.frontmatter.schema import check_rules

    base = {"title": "T", "category": "C", "date": "2026-11-20 08:00"}
    base.pop(line.partition(": ")[0], None)
    text = "".join(f"{k}: {v}\n" for k, v in base.items()) + f"{line}\n"
    parsed = parse(f"---\n{text}---\n".encode())
    report = ErrorReport()
    values = validate(parsed.fields, REGISTRY["articles"].schema, report, "x.md", 1)
    check_rules("articles", values, parsed.fields, report, "x.md")
    errors = [e for e in report.errors if e.field == field]
    assert errors, [str(e) for e in report.errors]
    assert errors[0].line == len(base) + 2
    assert words in errors[0].message


def test_every_error_in_one_pass():
    parsed = parse(b"---\ntitle: [x]\ndate: nope\nfeatured: maybe\ncolour: red\n---\n")
    report = ErrorReport()
    validate(parsed.fields, REGISTRY["articles"].schema, report, "x.md", 1)
    assert sorted(e.field for e in report.errors) == [
        "category",
        "colour",
        "date",
        "featured",
        "title",
    ]


def test_nested_records_report_their_own_line():
    schema = {"items": Field("records", fields={"time": Field("time", required=True)})}
    parsed = parse(b"---\nitems:\n  - time: 08:00\n  - time: 8h\n  - {}\n---\n")
    report = ErrorReport()
    values = validate(parsed.fields, schema, report, "x.md", 1)
    assert values["items"][0] == {"time": dt.time(8, 0)}
    assert [(e.field, e.line) for e in report.sorted()] == [
        ("items[2].time", 4),
        ("items[3].time", 5),
    ]
