"""Read an image's displayed size from its header, without decoding its pixels.

Pillow opens lazily: ``Image.open`` reads the header (and, for JPEG and WebP, the EXIF block), so
the scan learns every image's size for the cost of a few kilobytes read. Only the three formats
the portal accepts are tried. ``MAX_PIXELS`` is set as Pillow's decompression-bomb limit for the
whole process: a small file that claims to be a huge image is refused before anything is decoded.
"""

from __future__ import annotations

import warnings

from PIL import ExifTags, Image

FORMATS = ("JPEG", "PNG", "WEBP")
MAX_PIXELS = 40_000_000  # 40 megapixels: any camera photo; far beyond anything a page shows
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height

Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageError(ValueError):
    """An image the portal cannot publish; ``message`` is Vietnamese, ``english`` its twin."""

    def __init__(self, message: str, english: str):
        super().__init__(message)
        self.message = message
        self.english = english


def header_orientation(image: Image.Image) -> int:
    """The EXIF orientation (1–8) known from the header alone. A PNG's ``eXIf`` chunk counts only
    when it comes before the pixel data (reading a later one would decode the image)."""
    if image.format == "PNG" and "exif" not in image.info:
        return 1
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    return orientation if isinstance(orientation, int) and 1 <= orientation <= 8 else 1


def open_image(path: str, reference: str) -> Image.Image:
    """``Image.open`` with the portal's formats and bomb limit; every failure is an ImageError.
    The caller closes the image."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path, formats=FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(
            f"ảnh '{reference}' có quá nhiều điểm ảnh (tối đa {MAX_PIXELS // 1_000_000} triệu); "
            "hãy thu nhỏ ảnh trước khi đăng",
            f"image has more than {MAX_PIXELS // 1_000_000} megapixels",
        ) from None
    except (OSError, SyntaxError, ValueError, TypeError, EOFError):
        raise ImageError(
            f"không đọc được ảnh '{reference}': tệp hỏng hoặc không phải ảnh hợp lệ; hãy xuất "
            "lại ảnh (JPEG, PNG hoặc WebP) rồi đính kèm",
            "cannot read the image: damaged or not a valid image",
        ) from None


def displayed_size(path: str, reference: str) -> tuple[int, int]:
    """(width, height) of the image as it is displayed (EXIF orientation applied)."""
    image = open_image(path, reference)
    try:
        width, height = image.size
        if header_orientation(image) in ROTATED:
            width, height = height, width
    except (OSError, SyntaxError, ValueError, TypeError, EOFError):
        raise ImageError(
            f"không đọc được thông tin EXIF của ảnh '{reference}'; hãy xuất lại ảnh",
            "cannot read the image's EXIF data",
        ) from None
    finally:
        image.close()
    if width < 1 or height < 1:
        raise ImageError(f"ảnh '{reference}' không có điểm ảnh nào", "image is empty")
    return width, height
