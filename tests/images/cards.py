"""Test cards made with Pillow (nothing is downloaded): plain helpers for the image tests."""

from __future__ import annotations

import io

from PIL import ExifTags, Image, ImageDraw

LEFT = (200, 30, 30)  # red
RIGHT = (30, 60, 200)  # blue


def pattern(size: tuple[int, int] = (1600, 900)) -> Image.Image:
    """A photo-like card: left half red, right half blue, a gradient band and a disc, so that the
    encoder has real work and the orientation can be read back."""
    width, height = size
    image = Image.new("RGB", size, LEFT)
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 2, 0, width, height), fill=RIGHT)
    for x in range(0, width, max(1, width // 64)):
        shade = (x * 255 // width, 180, 90)
        draw.line((x, height // 3, x, height // 3 + height // 10), fill=shade, width=3)
    draw.ellipse((width // 8, height // 2, width // 3, height * 9 // 10), fill=(240, 220, 60))
    return image


def exif(orientation: int = 1, **tags: str) -> Image.Exif:
    """EXIF data with an orientation and any named base tags (``Make="…"``)."""
    data = Image.Exif()
    data[ExifTags.Base.Orientation] = orientation
    for name, value in tags.items():
        data[ExifTags.Base[name]] = value
    return data


def encoded(image: Image.Image, fmt: str, **save) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def jpeg(size: tuple[int, int] = (1600, 900), **save) -> bytes:
    return encoded(pattern(size), "JPEG", quality=85, **save)


def png(size: tuple[int, int] = (1600, 900), **save) -> bytes:
    return encoded(pattern(size), "PNG", **save)


def bomb_png(pixels: int) -> bytes:
    """A real PNG of ``pixels`` (about) 1-bit pixels: a few kilobytes that claim a huge image."""
    side = int(pixels**0.5) + 1
    return encoded(Image.new("1", (side, side)), "PNG")
