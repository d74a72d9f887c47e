"""The body's own images get their variants; other images and text are left alone."""

from __future__ import annotations

from bs4 import BeautifulSoup

from portal.images.picture import plan
from portal.images.responsive import SIZES, responsive_images
from portal.markup.render import render

PICTURES = {"ban-do.png": plan("/c/ban-do.png", "ban-do.png", 1600, 1000)}


def images(fragment: str):
    return BeautifulSoup(fragment, "html.parser").find_all("img")


def test_own_image_gets_srcset_size_and_lazy_loading():
    html = render('![Bản đồ "hành chính" > xã](ban-do.png)\n\n![Ngoài](https://x.example/a.png)')
    own, other = images(responsive_images(html, PICTURES))
    assert own["src"] == "ban-do.png"  # the original stays the fallback
    assert own["alt"] == 'Bản đồ "hành chính" > xã'
    assert own["srcset"] == PICTURES["ban-do.png"].srcset
    assert own["sizes"] == SIZES
    assert (own["width"], own["height"]) == ("1200", "750")
    assert (own["loading"], own["decoding"]) == ("lazy", "async")
    assert other.attrs == {"src": "https://x.example/a.png", "alt": "Ngoài"}


def test_contributors_width_is_replaced_not_doubled():
    html = render('<img src="ban-do.png" alt="Bản đồ" width="20" height="999" title="T">')
    out = responsive_images(html, PICTURES)
    assert out.count("width=") == 1 and out.count("height=") == 1
    [img] = images(out)
    assert (img["width"], img["height"], img["title"]) == ("1200", "750", "T")


def test_text_that_looks_like_a_tag_is_untouched():
    html = render('Viết `<img src="ban-do.png">` để chèn ảnh.')
    assert responsive_images(html, PICTURES) == html
