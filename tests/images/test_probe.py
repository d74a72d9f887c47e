"""Sizes from the header only; unreadable images and decompression bombs are clean errors."""

from __future__ import annotations

import pytest
from cards import bomb_png, exif, jpeg, png
from PIL import Image

from portal.images.probe import MAX_PIXELS, ImageError, displayed_size


def test_size_of_jpeg_and_png(image_file):
    assert displayed_size(str(image_file("a.jpg", jpeg((1600, 900)))), "a.jpg") == (1600, 900)
    assert displayed_size(str(image_file("b.png", png((640, 480)))), "b.png") == (640, 480)


def test_exif_orientation_swaps_the_displayed_size(image_file):
    path = image_file("dung.jpg", jpeg((1200, 800), exif=exif(6)))
    assert displayed_size(str(path), "dung.jpg") == (800, 1200)


def test_reads_the_header_only(image_file):
    """Half a JPEG still has its header: the size is known without decoding a pixel."""
    data = jpeg((1600, 900))
    path = image_file("nua.jpg", data[: len(data) // 2])
    assert displayed_size(str(path), "nua.jpg") == (1600, 900)


def test_unreadable_image(image_file):
    path = image_file("hong.jpg", b"\xff\xd8\xff\xe0" + b"not a picture at all" * 20)
    with pytest.raises(ImageError) as raised:
        displayed_size(str(path), "anh/hong.jpg")
    assert "không đọc được ảnh 'anh/hong.jpg'" in raised.value.message
    assert raised.value.english


def test_bomb_limit_is_set_explicitly():
    assert Image.MAX_IMAGE_PIXELS == MAX_PIXELS == 40_000_000


@pytest.mark.parametrize("pixels", [MAX_PIXELS * 5 // 4, MAX_PIXELS * 5 // 2])
def test_decompression_bomb(image_file, pixels):
    """Over the limit (Pillow warns) and over twice the limit (Pillow refuses): both refused."""
    path = image_file("bom.png", bomb_png(pixels))
    assert path.stat().st_size < 100_000  # small file, huge image
    with pytest.raises(ImageError) as raised:
        displayed_size(str(path), "bom.png")
    assert "quá nhiều điểm ảnh" in raised.value.message
