"""Images: responsive WebP variants of every image attachment (the ``image`` field and images in
the body), so a phone on a slow link downloads a picture its screen can show, not the original.

- ``picture``: the plan, a plain ``Picture``: variants ``<published-stem>-<width>w.webp`` at
  ``WIDTHS`` (480, 800, 1200) never upscaled, ``src`` (the mid-size one), ``srcset``, and the
  largest variant's ``width``/``height``.
- ``probe``: the displayed size read from the header only (EXIF orientation applied); Pillow's
  decompression-bomb limit set to ``MAX_PIXELS``; an unreadable image is an ``ImageError``.
- ``encode``: decode once, upright, sRGB, no metadata; deterministic WebP bytes.
- ``responsive``: ``srcset``/``sizes``/``width``/``height``/lazy loading on the body's ``<img>``.
- ``strip``: an original as published: EXIF, GPS, XMP, IPTC, comments and trailers removed
  without re-encoding (segments filtered), the ICC profile kept; turned upright (re-encoded
  at its own quality) only when its EXIF orientation is not 1.
- ``items``: ``add_pictures`` (the catalog scan: ``item.picture``, ``item.inline_pictures``,
  errors into the report), ``publish_attachments`` (the build: every attachment beside the
  page, images through ``strip``) and ``write_pictures`` (the build: variants beside the page).

No Pelican signals of its own: the catalog calls ``add_pictures`` while it reads each file, and
``portal.sections``' ``finalized`` receiver calls ``publish_attachments`` and ``write_pictures``.
Settings: none (the widths and the encoding are the product's policy).
"""

from portal.images.items import add_pictures, pictures_of, publish_attachments, write_pictures
from portal.images.picture import WIDTHS, Picture, plan
from portal.images.probe import MAX_PIXELS, ImageError

__all__ = [
    "MAX_PIXELS",
    "WIDTHS",
    "ImageError",
    "Picture",
    "add_pictures",
    "pictures_of",
    "plan",
    "publish_attachments",
    "write_pictures",
]
