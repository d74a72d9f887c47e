"""Collaborators' common slips (issue 14) are refused at their file, line and field: what
``portal new`` left in a file, a ``date`` far from the file name's, a comma-separated string for
a list, Word's curly quotes as YAML quotes. Hypothesis properties for each rule (a hundred
examples in ``make test``, thousands under ``make test-slow``, derandomized)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.catalog.checks import DATE_SLACK_DAYS, check_item
from portal.catalog.scan import read_item
from portal.errors import ErrorReport
from portal.frontmatter.fields import validate
from portal.frontmatter.parse import FrontMatterError, parse
from portal.frontmatter.schema import check_rules
from portal.scaffold import scaffold
from portal.sites import Site
from portal.types import REGISTRY
from support import DEMO_NOW, PDF

FAST = settings(max_examples=100, deadline=None, derandomize=True)
SLOW = settings(
    max_examples=3_000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
SITE = Site("huyen", "UBND huyện Thử", "parent", "https://huyen.example", categories=["Thông báo"])
# Words as collaborators type them: Vietnamese letters, digits, spaces inside.
WORD = st.text(
    alphabet=st.sampled_from(
        "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạầẩẫấậềểễếệìỉĩíịòỏõóọùủũúụỳỷỹýỵ0123"
    ),
    min_size=1,
    max_size=12,
)
PHRASE = st.lists(WORD, min_size=1, max_size=3).map(" ".join)


def errors(text: str, name: str = "2026-11-20-tin.md", kind: str = "articles") -> list:
    """Parse, validate and check one file's text as the catalog does; the errors, sorted."""
    report = ErrorReport()
    try:
        parsed = parse(text.encode())
    except FrontMatterError as exc:
        report.add(name, exc.line, exc.field, exc.message, exc.english)
        return report.sorted()
    meta = validate(parsed.fields, REGISTRY[kind].schema, report, name, 1)
    check_rules(kind, meta, parsed.fields, report, name)
    check_item(name, kind, meta, parsed.fields, parsed.body, parsed.body_line, report)
    return report.sorted()


def article(**fields: str) -> str:
    meta = {"title": '"Tin thử"', "date": "2026-11-20 08:00", "category": '"Thông báo"'} | fields
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\nNội dung.\n"


def read_new(kind: str, title: str, draft: bool) -> list:
    """``portal new``'s file for ``kind`` read by the catalog, as written or with its
    ``status: draft`` line removed."""
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "huyen"
        (site_dir / kind / "files").mkdir(parents=True)
        (site_dir / kind / "files" / "ok.pdf").write_bytes(PDF)
        files = ["files/ok.pdf"] if kind == "documents" else []
        text = scaffold(kind, SITE, title, DEMO_NOW, files)
        if not draft:
            text = "\n".join(x for x in text.splitlines() if not x.startswith("status:")) + "\n"
        name = "moi.md" if kind == "pages" else f"{DEMO_NOW:%Y-%m-%d}-moi.md"
        path = site_dir / kind / name
        path.write_text(text, encoding="utf-8")
        report = ErrorReport()
        read_item(path, SITE, site_dir, kind, report, 1 << 20, DEMO_NOW)
        return [(e.field, e.line) for e in report.sorted()]


# -- what portal new leaves ---------------------------------------------------------------------


def test_a_document_as_portal_new_wrote_it_is_refused_once_not_a_draft():
    assert read_new("documents", "Quyết định về việc thử", draft=True) == []
    found = read_new("documents", "Quyết định về việc thử", draft=False)
    assert found == [("summary", 6), ("number", 19), ("body", 34)]


def test_a_real_summary_number_and_body_pass():
    text = scaffold("documents", SITE, "Quyết định về việc thử", DEMO_NOW, ["files/ok.pdf"])
    text = text.replace("status: draft", "# status")
    text = text.replace('number: "…/…-UBND"', 'number: "12/QĐ-UBND"')
    text = text.replace('summary: "Quyết định về việc thử"', 'summary: "Về việc thử nghiệm"')
    text = text.replace("Nội dung viết bằng Markdown ở đây.", "Toàn văn đính kèm.")
    assert errors(text, kind="documents", name="2026-11-22-qd.md") == []


@settings(max_examples=20, deadline=None, derandomize=True)
@given(st.sampled_from(sorted(REGISTRY)), PHRASE)
def test_every_new_file_is_valid_as_a_draft_and_refused_as_published(kind, title):
    """Whatever the type and title, ``portal new``'s file passes as a draft; without
    ``status: draft`` it is refused (at least its template body) and never with a traceback."""
    assert read_new(kind, title, draft=True) == []
    published = read_new(kind, title, draft=False)
    assert any(field == "body" for field, _ in published)


# -- date against the file name -------------------------------------------------------------------


def test_the_issues_date_typo_is_refused():
    found = errors(article(date="2062-12-09 08:00"), name="2026-12-09-le-hoi.md")
    assert [(e.field, e.line) for e in found] == [("date", 3)]
    assert "2026-12-09" in found[0].message and "13149 ngày" in found[0].message


@FAST
@given(
    st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)),
    st.integers(-400, 400),
    st.sampled_from(["articles", "qa"]),
)
def test_date_is_refused_exactly_when_over_31_days_from_the_file_name(day, offset, kind):
    date = day + dt.timedelta(days=offset)
    if kind == "articles":
        text = article(date=f"{date.isoformat()} 08:00")
    else:
        text = f'---\ntitle: "Hỏi"\ndate: {date.isoformat()} 08:00\nquestion: "Hỏi?"\n---\nĐáp.\n'
    found = [(e.field, e.line) for e in errors(text, f"{day.isoformat()}-x.md", kind)]
    assert found == ([("date", 3)] if abs(offset) > DATE_SLACK_DAYS else [])


# -- a comma-separated string for a list ----------------------------------------------------------


def test_quoted_value_with_a_comma_is_one_entry():
    assert errors(article(tags='"Hà Nội, Việt Nam"')) == []
    assert errors(article(tags='["Hà Nội, Việt Nam", Đất đai]')) == []


@FAST
@given(st.lists(PHRASE, min_size=2, max_size=5))
def test_comma_string_is_refused_and_the_suggested_list_is_accepted(words):
    found = errors(article(tags=", ".join(words)))
    assert [(e.field, e.line) for e in found] == [("tags", 5)]
    suggestion = f"tags: [{', '.join(words)}]"
    assert suggestion in found[0].message
    written = article(tags=suggestion.removeprefix("tags: "))
    assert errors(written) == []
    assert parse(written.encode()).fields["tags"].kind == "list"


# -- Word's curly quotes ---------------------------------------------------------------------------


@FAST
@given(PHRASE, st.sampled_from(["“”", "‘’", "””"]), st.booleans())
def test_curly_quotes_as_yaml_quotes_are_refused_naming_them(text, pair, colon):
    value = f"{pair[0]}{text}{': ' + text if colon else ''}{pair[1]}"
    found = errors(article(title=value))
    assert len(found) == 1
    assert (found[0].field, found[0].line) == (("yaml", 2) if colon else ("title", 2))
    assert "dấu nháy cong" in found[0].message
    assert errors(article(title=f'"{text}{": " + text if colon else ""}"')) == []


def test_curly_quotes_inside_a_text_are_text():
    assert errors(article(title="“Ngày hội” và “Lễ hội” của làng")) == []
    assert errors(article(title='"“Tiêu đề” trong nháy thẳng"')) == []


# -- the same properties at length ----------------------------------------------------------------


@pytest.mark.slow
@SLOW
@given(st.lists(PHRASE, min_size=2, max_size=8), PHRASE, st.integers(-4000, 4000))
def test_slips_at_length(words, text, offset):
    test_comma_string_is_refused_and_the_suggested_list_is_accepted.hypothesis.inner_test(words)
    test_curly_quotes_as_yaml_quotes_are_refused_naming_them.hypothesis.inner_test(text, "“”", True)
    test_date_is_refused_exactly_when_over_31_days_from_the_file_name.hypothesis.inner_test(
        dt.date(2026, 1, 1), offset, "articles"
    )


# -- rules the contributors' guides state about a field ---------------------------------------


@pytest.mark.parametrize(
    ("asker", "refused"),
    [
        ("Bà Nguyễn Thị Mai, khu phố 4, phường Cầu Mới", False),
        ("Ông Trần Văn B, ấp 3 (sinh năm 1960)", False),
        ("Bà Mai, mai.nguyen@gmail.com", True),
        ("Ông Ba, điện thoại 0912 345 678", True),
        ("Ông Ba (0912.345.678)", True),
        ("Ông Ba, +84912345678", True),
    ],
)
def test_asked_by_holds_no_address_or_telephone(asker, refused):
    text = f'---\ntitle: "Hỏi"\ndate: 2026-11-20 08:00\nquestion: "Hỏi?"\nasked_by: "{asker}"\n'
    found = [(e.field, e.line) for e in errors(text + "---\nĐáp.\n", kind="qa")]
    assert found == ([("asked_by", 5)] if refused else [])


def test_an_english_page_is_not_in_the_menu():
    page = "---\ntitle: Contact\nlang: en\ntranslation_of: lien-he\nnav: true\n---\nA.\n"
    assert [(e.field, e.line) for e in errors(page, "contact.md", "pages")] == [("nav", 5)]
    assert errors(page.replace("nav: true", "nav: false"), "contact.md", "pages") == []


def test_a_language_the_site_does_not_declare_is_refused(make_content):
    from portal.catalog.tree import scan

    content = make_content(
        {
            "huyen/pages/lien-he.md": "---\ntitle: Liên hệ\n---\nĐịa chỉ.\n",
            "huyen/pages/contact.md": "---\ntitle: Contact\nlang: en\ntranslation_of: lien-he\n"
            "---\nAddress.\n",
        }
    )
    report = ErrorReport()
    scan(content, DEMO_NOW, report)
    found = report.sorted()
    assert [(Path(e.path).name, e.field, e.line) for e in found] == [("contact.md", "lang", 3)]
    assert "lang: [vi, en]" in found[0].message


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("2026-12-05-Ra-quan.md", "2026-12-05-ra-quan.md"),
        ("2026-12-05 ra quân.md", "2026-12-05-ra-quan.md"),
        ("2026_12_05_ra_quan.md", "2026-12-05-ra-quan.md"),
        ("2026-12-05-ra-quan.md", None),
        ("gioi-thieu.md", None),
    ],
)
def test_a_content_file_name_is_lower_case_words_joined_by_hyphens(make_content, name, suggested):
    from portal.catalog.tree import scan

    content = make_content({f"huyen/articles/{name}": article(date="2026-12-05 08:00")})
    report = ErrorReport()
    scan(content, DEMO_NOW, report)
    found = [(e.field, e.line) for e in report.sorted()]
    assert found == ([("file", 1)] if suggested else [])
    if suggested:
        assert f"'{suggested}'" in report.errors[0].message
