"""Rendered Markdown passes an allow-list: nothing active survives, ordinary content does."""

import pytest
from bs4 import BeautifulSoup

from portal.markup.render import render

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x.png" onerror="alert(1)" alt="a">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="a">',
    "<svg onload=alert(1)><circle/></svg>",
    '<iframe src="https://example.com"></iframe>',
    '<object data="x"></object><embed src="x">',
    '<form action="https://example.com"><button>Gửi</button></form>',
    "<style>body{display:none}</style>",
    '<p style="position:fixed">x</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<details open ontoggle="alert(1)">x</details>',
    '<meta http-equiv="refresh" content="0;url=https://example.com">',
    '<base href="https://example.com/">',
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_nothing_active_survives(payload):
    soup = BeautifulSoup(render(f"Đoạn văn.\n\n{payload}\n"), "html.parser")
    banned = [
        "script",
        "iframe",
        "object",
        "embed",
        "form",
        "svg",
        "math",
        "style",
        "meta",
        "base",
        "button",
        "details",
    ]
    assert not soup.find_all(banned)
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            assert not attr.startswith("on"), tag
            assert attr != "style", tag
            if attr in ("href", "src"):
                assert not str(value).strip().lower().startswith(("javascript", "data")), tag


def test_ordinary_content_is_kept():
    html = render(
        "## Mục\n\n[web](https://example.vn) [thư](mailto:a@b.vn) [gọi](tel:0270) "
        "[trang](/tin-tuc/a/) ![Ảnh hội nghị](anh.jpg)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    soup = BeautifulSoup(html, "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == [
        "https://example.vn",
        "mailto:a@b.vn",
        "tel:0270",
        "/tin-tuc/a/",
    ]
    assert soup.img["alt"] == "Ảnh hội nghị"
    assert soup.find("h2")["id"] == "muc"
    assert soup.find("table")


def test_body_heading_is_never_a_second_h1():
    assert "<h1" not in render("# Tiêu đề trong bài\n\nNội dung.")


def test_links_are_only_read_from_tags_not_from_text():
    """A paragraph that merely writes ``src="logo.pdf"`` names no attachment."""
    from portal.markup.render import relative_links, rewrite_links

    html = render('Viết src="logo.pdf" trong câu. [tệp](a.pdf) ![ảnh](b.png "t>x")')
    assert relative_links(html) == ["a.pdf", "b.png"]
    rewritten = rewrite_links(html, {"a.pdf": "A.pdf", "b.png": "B.png", "logo.pdf": "X.pdf"})
    assert 'src="logo.pdf"' in rewritten  # the text is left as written
    assert 'href="A.pdf"' in rewritten and 'src="B.png"' in rewritten
