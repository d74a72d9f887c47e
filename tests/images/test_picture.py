"""The plan: which variants an image gets, and what a page writes for them."""

from __future__ import annotations

import pickle

import pytest

from portal.images.picture import Picture, plan, variant_widths


@pytest.mark.parametrize(
    ("width", "widths"),
    [
        (4032, [480, 800, 1200]),
        (1600, [480, 800, 1200]),
        (1200, [480, 800, 1200]),
        (1000, [480, 800, 1000]),  # the original's width is the largest: never upscaled
        (800, [480, 800]),
        (640, [480, 640]),
        (300, [300]),  # a small image still gets one variant
        (1, [1]),
    ],
)
def test_widths_never_upscale(width, widths):
    assert variant_widths(width) == widths


def test_plan_names_sizes_and_srcset():
    picture = plan("/c/anh.jpg", "le-hoi.jpg", 1600, 900)
    assert picture.variants == [
        ("le-hoi-480w.webp", 480, 270),
        ("le-hoi-800w.webp", 800, 450),
        ("le-hoi-1200w.webp", 1200, 675),
    ]
    assert picture.src == "le-hoi-800w.webp"
    assert picture.srcset == "le-hoi-480w.webp 480w, le-hoi-800w.webp 800w, le-hoi-1200w.webp 1200w"
    assert (picture.width, picture.height) == (1200, 675)


def test_plan_of_a_small_portrait_image():
    picture = plan("/c/a.png", "so-do.png", 300, 500)
    assert picture.variants == [("so-do-300w.webp", 300, 500)]
    assert picture.src == "so-do-300w.webp"
    assert picture.srcset == "so-do-300w.webp 300w"


def test_picture_is_plain_and_picklable():
    """Pelican caches content objects: the picture must survive pickling unchanged."""
    picture = plan("/c/anh.jpg", "anh.jpg", 1000, 750, named_in="body", line=12)
    copy = pickle.loads(pickle.dumps(picture))
    assert isinstance(copy, Picture)
    assert copy == picture
