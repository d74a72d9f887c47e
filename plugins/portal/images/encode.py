"""Encode a Picture's WebP variants: decode once, turn upright, convert to sRGB, resize, encode.

Variants carry no metadata (no EXIF, GPS, XMP or colour profile: the pixels are converted to sRGB
first) and are deterministic: the same original gives byte-identical files, so a rebuild changes
nothing a CDN or a git-tracked mirror would notice.
"""

from __future__ import annotations

import io
import os

from PIL import Image, ImageCms, ImageOps

from portal.images.picture import Picture
from portal.images.probe import ROTATED, ImageError, header_orientation, open_image

QUALITY = 80  # libwebp's default; visually clean for photos and flat graphics alike
METHOD = 4  # effort 0–6: 6 is ~2x slower for ~2% smaller files
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(image: Image.Image, mode: str) -> Image.Image:
    """``image`` in ``mode`` (RGB or RGBA) with sRGB pixels; an unusable profile is ignored."""
    icc = image.info.get("icc_profile")
    if image.mode not in ("CMYK", mode) or (image.mode == "CMYK" and not icc):
        image = image.convert(mode)
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode=mode) or image
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or unsupported profile: keep the pixels as they are
    return image if image.mode == mode else image.convert(mode)


def decode(picture: Picture, reference: str) -> Image.Image:
    """The original, upright, in RGB or RGBA, scaled down cheaply (JPEG DCT scaling) to no less
    than the largest variant."""
    opened = open_image(picture.source, reference)
    try:
        orientation = header_orientation(opened)
        target = (picture.width, picture.height)
        opened.draft(None, target[::-1] if orientation in ROTATED else target)  # JPEG only
        opened.load()
        image = ImageOps.exif_transpose(opened) if orientation != 1 else opened
        image = _to_srgb(image, "RGBA" if image.has_transparency_data else "RGB")
        return image.copy() if image is opened else image
    except (OSError, SyntaxError, ValueError, TypeError, EOFError, Image.DecompressionBombError):
        raise ImageError(
            f"ảnh '{reference}' bị hỏng, không giải mã được (có thể tệp bị cắt cụt khi tải lên); "
            "hãy xuất lại ảnh rồi đính kèm",
            "image data is damaged and cannot be decoded",
        ) from None
    finally:
        opened.close()


def encode(image: Image.Image, width: int, height: int) -> bytes:
    """One WebP variant of a decoded image, with no metadata."""
    if image.size != (width, height):
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=QUALITY, method=METHOD, exif=b"", icc_profile="", xmp="")
    return buffer.getvalue()


def write_variants(picture: Picture, folder: str, reference: str) -> list[str]:
    """Write every variant of ``picture`` into ``folder``; the paths written. Raises ImageError."""
    image = decode(picture, reference)
    os.makedirs(folder, exist_ok=True)
    written = []
    for name, width, height in picture.variants:
        path = os.path.join(folder, name)
        with open(path, "wb") as out:
            out.write(encode(image, width, height))
        written.append(path)
    return written
