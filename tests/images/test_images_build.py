"""Through the whole build: the scan plans every written item's pictures (or reports the image
that cannot be read, with its file, line and field); the build writes the variants beside the
page and gives the body's images their srcset."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cards import bomb_png, encoded, jpeg, pattern, png
from PIL import Image

from portal.catalog.tree import scan
from portal.errors import ContentErrors, ErrorReport
from portal.images.probe import MAX_PIXELS
from support import DEMO_NOW, article

BODY = "Mở đầu tin.\n\n![Sơ đồ đường đi tới hội trường](so-do.png)\n\nKết thúc tin."


def illustrated(**fields: str) -> str:
    meta = {"image": "anh/le-hoi.jpg", "image_alt": '"Người dân dự lễ hội"', **fields}
    return article("Lễ hội làng", BODY, **meta)


def errors_of(content: Path) -> list:
    report = ErrorReport()
    scan(content, DEMO_NOW, report)
    return report.sorted()


def test_build_writes_variants_and_body_srcset(make_content, build_into):
    content = make_content(
        {
            "huyen/articles/le-hoi.md": illustrated(),
            "huyen/articles/anh/le-hoi.jpg": jpeg((1600, 900)),
            "huyen/articles/so-do.png": png((1000, 750)),
        }
    )
    page = build_into(content) / "huyen" / "tin-tuc" / "le-hoi-lang"
    for name, size in [
        ("le-hoi-480w.webp", (480, 270)),
        ("le-hoi-800w.webp", (800, 450)),
        ("le-hoi-1200w.webp", (1200, 675)),
        ("so-do-480w.webp", (480, 360)),
        ("so-do-800w.webp", (800, 600)),
        ("so-do-1000w.webp", (1000, 750)),
    ]:
        with Image.open(page / name) as variant:
            assert (variant.format, variant.size) == ("WEBP", size), name
    soup = BeautifulSoup((page / "index.html").read_text(encoding="utf-8"), "html.parser")
    [img] = soup.find_all("img", alt="Sơ đồ đường đi tới hội trường")
    assert img["src"] == "so-do.png"
    assert img["srcset"] == "so-do-480w.webp 480w, so-do-800w.webp 800w, so-do-1000w.webp 1000w"
    assert img["sizes"] == "(min-width: 50rem) 46rem, 100vw"
    assert (img["width"], img["height"]) == ("1000", "750")
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    for candidate in img["srcset"].split(", "):
        assert (page / candidate.split()[0]).is_file()
    assert (page / "so-do.png").is_file() and (page / "le-hoi.jpg").is_file()


def test_catalog_item_carries_its_pictures(make_content):
    content = make_content(
        {
            "huyen/articles/le-hoi.md": illustrated(),
            "huyen/articles/anh/le-hoi.jpg": jpeg((1600, 900)),
            "huyen/articles/so-do.png": png((1000, 750)),
        }
    )
    report = ErrorReport()
    _, catalogs = scan(content, DEMO_NOW, report)
    assert not report
    [item] = catalogs["huyen"].items
    assert item.picture.src == "le-hoi-800w.webp"
    assert (item.picture.width, item.picture.height) == (1200, 675)
    assert list(item.inline_pictures) == ["so-do.png"]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xff\xd8\xff\xe0" + b"hong" * 50, "không đọc được ảnh 'anh/le-hoi.jpg'"),
        (bomb_png(MAX_PIXELS * 3), "quá nhiều điểm ảnh"),
    ],
    ids=["corrupt", "bomb"],
)
def test_unreadable_lead_image_names_file_line_and_field(make_content, data, words):
    name = "anh/le-hoi.jpg" if data[:2] == b"\xff\xd8" else "anh/le-hoi.png"
    content = make_content(
        {
            "huyen/articles/le-hoi.md": illustrated(image=name),
            f"huyen/articles/{name}": data,
            "huyen/articles/so-do.png": png((400, 300)),
        }
    )
    [error] = errors_of(content)
    assert Path(error.path).name == "le-hoi.md"
    assert (error.line, error.field) == (5, "image")  # title, date, category, then image
    assert words in error.message and error.english


def test_unreadable_body_image_names_its_body_line(make_content):
    content = make_content(
        {
            "huyen/articles/le-hoi.md": illustrated(),
            "huyen/articles/anh/le-hoi.jpg": jpeg((1600, 900)),
            "huyen/articles/so-do.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
        }
    )
    [error] = errors_of(content)
    assert (error.line, error.field) == (10, "body")  # the body's third line
    assert "không đọc được ảnh 'so-do.png'" in error.message


def test_private_items_images_are_not_read(make_content):
    """A draft's image is neither read nor published: only written items get pictures."""
    content = make_content(
        {
            "huyen/articles/le-hoi.md": illustrated(status="draft"),
            "huyen/articles/anh/le-hoi.jpg": b"\xff\xd8\xff" + b"not yet" * 10,
            "huyen/articles/so-do.png": b"\x89PNG\r\n\x1a\n",
        }
    )
    assert errors_of(content) == []


def test_truncated_image_stops_the_build_with_a_content_error(make_content, build_into):
    data = jpeg((1600, 900))
    content = make_content(
        {
            "huyen/articles/le-hoi.md": illustrated(),
            "huyen/articles/anh/le-hoi.jpg": data[: len(data) // 2],
            "huyen/articles/so-do.png": png((400, 300)),
        }
    )
    assert errors_of(content) == []  # the header is whole: the scan cannot tell
    with pytest.raises(ContentErrors) as raised:
        build_into(content)
    [error] = raised.value.report.sorted()
    assert Path(error.path).name == "le-hoi.md"
    assert (error.line, error.field) == (5, "image")
    assert "bị hỏng" in error.message


def test_variant_name_taken_by_another_attachment(make_content):
    content = make_content(
        {
            "huyen/articles/le-hoi.md": article(
                "Lễ hội làng",
                BODY + "\n\n[Ảnh cỡ vừa](le-hoi-800w.webp)",
                image="anh/le-hoi.jpg",
                image_alt="Lễ hội",
            ),
            "huyen/articles/anh/le-hoi.jpg": jpeg((1600, 900)),
            "huyen/articles/so-do.png": png((400, 300)),
            "huyen/articles/le-hoi-800w.webp": encoded(pattern((800, 450)), "WEBP"),
        }
    )
    [error] = errors_of(content)
    assert (error.line, error.field) == (5, "image")
    assert "'le-hoi-800w.webp'" in error.message
