"""What only the whole site can tell: duplicate URLs and numbers, stray files, size limits."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from portal.catalog.scan import MAX_CONTENT_BYTES
from portal.catalog.tree import scan
from portal.errors import ErrorReport
from portal.frontmatter.fields import Invalid
from portal.headers.policy import content_security_policy, site_policy
from portal.sites.config import check_address, load_sites
from support import DEMO_NOW, PDF, SITES_YML, article


def errors_of(content: Path, **kwargs) -> list:
    report = ErrorReport()
    scan(content, DEMO_NOW, report, **kwargs)
    return report.sorted()


def test_duplicate_url_names_both_files(make_content):
    content = make_content(
        {
            "huyen/articles/a.md": article("Lễ hội làng"),
            "huyen/articles/b.md": article("Lễ hội Làng!", status="draft"),
        }
    )
    errors = [e for e in errors_of(content) if e.field == "slug"]
    assert {Path(e.path).name for e in errors} == {"a.md", "b.md"}
    assert all("/tin-tuc/le-hoi-lang/" in e.message for e in errors)
    assert "articles/b.md" in errors[0].message or "articles/b.md" in errors[1].message


def test_same_slug_in_different_sections_or_sites_is_fine(make_content):
    content = make_content(
        {
            "huyen/articles/a.md": article("Giới thiệu"),
            "huyen/pages/a.md": "---\ntitle: Giới thiệu\n---\nTrang.\n",
            "xa/articles/a.md": article("Giới thiệu", category='"Tin tức - Sự kiện"'),
        }
    )
    assert errors_of(content) == []


def test_duplicate_document_number(make_content):
    doc = """\
        ---
        title: "{title}"
        date: 2026-11-20 08:00
        number: "{number}"
        doc_type: Quyết định
        issuer: UBND huyện
        issued: 2026-11-19
        summary: Trích yếu
        files: [files/a.pdf]
        ---
        """
    content = make_content(
        {
            "huyen/documents/a.md": doc.format(title="Một", number="12/QĐ-UBND"),
            "huyen/documents/b.md": doc.format(title="Hai", number="12/qđ-ubnd"),
            "huyen/documents/files/a.pdf": PDF,
        }
    )
    errors = errors_of(content)
    assert [(Path(e.path).name, e.field, e.line) for e in errors] == [("b.md", "number", 4)]


def test_stray_and_misnamed_files_are_errors(make_content):
    content = make_content(
        {
            "huyen/articles/ghi-chu.txt": "ghi chú",
            "huyen/articles/bai.markdown": article("Bài"),
            "huyen/bai-o-ngoai.md": article("Ngoài"),
            "huyen/articles/.gitkeep": "",
        }
    )
    named = {Path(e.path).name: e for e in errors_of(content)}
    assert set(named) == {"ghi-chu.txt", "bai.markdown", "bai-o-ngoai.md"}
    assert "không được nội dung nào sử dụng" in named["ghi-chu.txt"].message
    assert ".md" in named["bai.markdown"].message


def test_attachment_size_limit(make_content):
    content = make_content(
        {
            "huyen/articles/a.md": article(body="[Tải](lon.pdf)"),
            "huyen/articles/lon.pdf": PDF + b"0" * (1024 * 1024 + 1),
        }
    )
    errors = errors_of(content, max_mb=1)
    assert [e.field for e in errors] == ["body"]
    assert "vượt giới hạn 1,0 MB" in errors[0].message
    assert errors_of(content, max_mb=2) == []


def test_symlink_out_of_site_is_refused(make_content, tmp_path):
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(PDF)
    content = make_content({"huyen/articles/a.md": article(body="[Tải](lien-ket.pdf)")})
    (content / "huyen/articles/lien-ket.pdf").symlink_to(outside)
    errors = errors_of(content)
    assert any("ngoài thư mục" in e.message for e in errors), [str(e) for e in errors]


def test_sites_yml_rules(make_content):
    broken = SITES_YML.replace("role: parent", "role: member").replace(
        "base_url: https://xa.example", "base_url: xa.example"
    )
    content = make_content({}, sites=broken)
    (content / "lac").mkdir()
    messages = [str(e) for e in errors_of(content)]
    assert any("đúng một trang 'role: parent'" in m for m in messages), messages
    assert any("xa.base_url" in m and "https://" in m for m in messages), messages
    assert any("'lac' không có trong sites.yml" in m for m in messages), messages


def test_unknown_site_requested(make_content):
    messages = [str(e) for e in errors_of(make_content(), site_ids=["khong-co"])]
    assert any("khong-co" in m for m in messages)


def test_symlinked_content_is_refused(make_content, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "bi-mat.md").write_text(article("Tin ngoài kho"))
    content = make_content()
    (content / "huyen/articles").mkdir(parents=True)
    (content / "huyen/articles/ngoai").symlink_to(elsewhere, target_is_directory=True)
    (content / "huyen/articles/tin.md").symlink_to(elsewhere / "bi-mat.md")
    errors = errors_of(content)
    assert sorted(Path(e.path).name for e in errors) == ["ngoai", "tin.md"]
    assert all("symlink" in e.message for e in errors)


def test_unreadable_attachment_names_are_errors_not_crashes(make_content):
    content = make_content(
        {
            "huyen/articles/a.md": article(body="[x](" + "a" * 300 + ".pdf)"),
            "huyen/articles/b.md": article("Tin hai", image='"\\x01.png"', image_alt="Ảnh"),
        }
    )
    errors = errors_of(content)
    assert {(Path(e.path).name, e.field) for e in errors} == {("a.md", "body"), ("b.md", "image")}


def test_body_link_error_points_at_its_line(make_content):
    body = "Đoạn một.\n\nĐoạn hai.\n\nXem [tệp](files/thieu%20tep.pdf)."
    content = make_content({"huyen/articles/a.md": article(body=body)})
    (error,) = errors_of(content)
    assert (error.field, error.line) == ("body", 10)


def test_titleless_items_do_not_collide(make_content):
    text = "---\ndate: 2026-11-20 08:00\ncategory: Thông báo\n---\n"
    content = make_content({"huyen/articles/a.md": text, "huyen/articles/b.md": text})
    assert [e.field for e in errors_of(content)] == ["title", "title"]


def test_slugs_that_take_a_path_the_build_writes(make_content):
    """``tin-tuc/trang-2/`` is the news listing's second page, ``lich-cong-tac/tuan-nay/`` the
    current week, ``tin-tuc/don-vi/`` the members' shared news: an item may not take them; a
    standing page may be called ``trang-2``."""
    content = make_content(
        {
            "huyen/articles/a.md": article("Trang 2"),
            "huyen/articles/b.md": article("Đơn vị"),
            "huyen/schedules/s.md": """\
                ---
                title: "Tuần này"
                date: 2026-11-16 08:00
                week: 2026-W47
                owner: "Văn phòng"
                items: [{date: 2026-11-16, content: "Họp"}]
                ---
                """,
            "huyen/pages/p.md": "---\ntitle: Trang 2\n---\nTrang.\n",
        }
    )
    errors = [(Path(e.path).name, e.field, e.line) for e in errors_of(content)]
    assert errors == [("a.md", "slug", 2), ("b.md", "slug", 2), ("s.md", "slug", 2)]


def page(title: str, extra: str) -> str:
    return f"---\ntitle: {title}\n{extra}\n---\nA.\n"


def test_translation_of_names_a_published_page_in_another_language(make_content):
    content = make_content(
        {
            "huyen/pages/lien-he.md": "---\ntitle: Liên hệ\n---\nĐịa chỉ.\n",
            "huyen/pages/contact.md": page("Contact", "lang: en\ntranslation_of: lien-he"),
            "huyen/pages/about.md": page("About", "lang: en\ntranslation_of: gioi-thieu"),
            "huyen/pages/ban-sao.md": "---\ntitle: Bản sao\ntranslation_of: lien-he\n---\nB.\n",
        },
        sites=SITES_YML.replace("  role: parent\n", "  role: parent\n  lang: [vi, en]\n", 1),
    )
    errors = [(Path(e.path).name, e.field, e.line, e.english) for e in errors_of(content)]
    assert errors == [
        ("about.md", "translation_of", 4, "no published standing page with that slug"),
        (
            "ban-sao.md",
            "translation_of",
            3,
            "a translation needs a different lang from its original",
        ),
    ]


HOSTILE_ADDRESSES = [
    ("https://xa.example; script-src-elem *", "; ,"),
    ("https://xa.example/;frame-ancestors *", "; ,"),
    ("https://xa.example,https://evil.example", "; ,"),
    ('https://xa.example/"onload', "; ,"),
    ("https://admin:secret@xa.example", "'@'"),
    ("http://xa.example", "https://"),
    ("https://xa.example:99999", "port"),
    ("https://xa..example", "tên miền"),
    ("https://xa.example/?utm=1", "'?…'"),
    ("https://xà.example", "xn--"),
    ("https://[xa.example", "https://"),  # urllib raises on these: a message, not a crash
    ("https://xa.example]/", "https://"),
]


def _sites_with(base_url: str = "https://xa.example", endpoint: str = "") -> str:
    text = SITES_YML.replace("base_url: https://xa.example", f"base_url: '{base_url}'")
    if endpoint:
        text += f"  forms:\n    endpoint: '{endpoint}'\n"
    return text


def test_hostile_base_url_is_a_sites_error_at_its_line(make_content):
    for value, word in HOSTILE_ADDRESSES:
        report = ErrorReport()
        load_sites(make_content({}, sites=_sites_with(base_url=value)), report)
        errors = [e for e in report.sorted() if e.field == "xa.base_url"]
        assert errors and errors[0].line == 14, (value, [str(e) for e in report.sorted()])
        assert word in errors[0].message, (value, errors[0].message)


def test_hostile_form_endpoint_is_a_sites_error_at_its_line(make_content):
    for value, word in [*HOSTILE_ADDRESSES[:8], ("https://f.example/x#top", "'#…'")]:
        report = ErrorReport()
        load_sites(make_content({}, sites=_sites_with(endpoint=value)), report)
        errors = [e for e in report.sorted() if e.field == "xa.forms.endpoint"]
        assert errors and errors[0].line == 17, (value, [str(e) for e in report.sorted()])
        assert word in errors[0].message, (value, errors[0].message)


def test_unparseable_address_is_invalid_not_a_crash():
    for value in ("https://[xa.example", "https://xa.example]/", "https://[::1"):
        with pytest.raises(Invalid):
            check_address(value)


def test_csp_uses_origins_rebuilt_from_the_parsed_addresses(make_content):
    sites_yml = _sites_with(
        base_url="https://XA.Example:443/xa-an-phu/",
        endpoint="http://127.0.0.1:8025/hoi-dap?site=xa",
    )
    report = ErrorReport()
    sites = load_sites(make_content({}, sites=sites_yml), report)
    assert not report, [str(e) for e in report.sorted()]
    parent, member = sites
    assert site_policy(parent, sites, local=False).image_origins == ("https://xa.example",)
    policy = site_policy(member, sites, local=False, form_paths=["hoi-dap/"])
    csp = content_security_policy("form", policy)
    assert "form-action 'self' http://127.0.0.1:8025;" in csp
    assert "connect-src 'self' http://127.0.0.1:8025;" in csp


def test_oversized_content_file_is_refused_before_reading(make_content):
    body = "Đoạn văn dài. " * (MAX_CONTENT_BYTES // 14)
    content = make_content({"huyen/articles/dai.md": article(body=body)})
    errors = errors_of(content)
    assert [(Path(e.path).name, e.line, e.field) for e in errors] == [("dai.md", 1, "file")]
    assert "quá giới hạn 1 MB" in errors[0].message and "PDF" in errors[0].message


def test_control_character_in_the_text_is_refused_at_its_line(make_content):
    content = make_content({"huyen/articles/a.md": article(body="Dòng một.\n\nDòng\x00 hai.")})
    errors = errors_of(content)
    assert [(e.line, e.field) for e in errors] == [(8, "body")], [str(e) for e in errors]
    assert "U+0000" in errors[0].message


def test_facet_values_without_letters_are_refused(make_content):
    sites = SITES_YML.replace('"Thông báo"]', '"Thông báo", "!!!"]')
    content = make_content(
        {
            "huyen/articles/a.md": article(tags='["Đất đai", "---"]', category='"!!!"'),
            "huyen/qa/h.md": '---\ntitle: "Hỏi"\ndate: 2026-11-20 08:00\nquestion: "Hỏi gì?"\n'
            'field: "…"\n---\nĐáp.\n',
        },
        sites=sites,
    )
    errors = errors_of(content)
    found = {(Path(e.path).name, e.line, e.field) for e in errors}
    assert found == {("a.md", 4, "category"), ("a.md", 5, "tags[2]"), ("h.md", 5, "field")}
    assert all(
        "không có chữ cái hay chữ số" in e.message or "portal new" in e.message for e in errors
    )


def test_default_summary_of_a_long_first_paragraph_is_cut_at_a_word(make_content):
    body = "Đoạn mở đầu rất dài " * 200
    content = make_content({"huyen/articles/a.md": article(body=body)})
    report = ErrorReport()
    _, catalogs = scan(content, DEMO_NOW, report)
    assert not report, [str(e) for e in report.sorted()]
    teaser = catalogs["huyen"].items[0].teaser
    assert len(teaser) <= 1_001 and teaser.endswith("dài…"), teaser[-30:]


def test_the_teaser_of_an_answer_is_the_question_not_the_greeting(make_content):
    """Listings, feeds, the home page and search show the teaser: for Q&A, the question."""
    content = make_content(
        {
            "huyen/qa/h.md": '---\ntitle: "Hỏi về đất"\ndate: 2026-11-20 08:00\n'
            'question: "Đất ông bà để lại\n  có được cấp sổ không?"\nfield: "Đất đai"\n---\n'
            "Chào ông Trần Văn Hùng,\n\nCó, theo Luật Đất đai năm 2024.\n",
        },
    )
    report = ErrorReport()
    _, catalogs = scan(content, DEMO_NOW, report)
    assert not report, [str(e) for e in report.sorted()]
    assert catalogs["huyen"].items[0].teaser == "Đất ông bà để lại có được cấp sổ không?"


def test_deep_quotes_and_lists_in_the_text_are_errors_not_crashes(make_content):
    quotes = "Mở đầu.\n\n" + ">" * 40_000 + " trích"
    lists = "".join("  " * depth + "- mục\n" for depth in range(600))
    content = make_content(
        {
            "huyen/articles/a.md": article("Tin một", body=quotes),
            "huyen/articles/b.md": article("Tin hai", body=lists),
        }
    )
    started = time.perf_counter()
    errors = errors_of(content)
    assert time.perf_counter() - started < 2
    found = {(Path(e.path).name, e.line, e.field) for e in errors}
    assert found == {("a.md", 8, "body"), ("b.md", 46, "body")}, [str(e) for e in errors]
