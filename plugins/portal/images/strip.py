"""Publish an image attachment's original without what it says about where, when and with what it
was taken: EXIF (GPS, camera, dates, thumbnails), XMP, IPTC, comments, text chunks and data
trailing the image (a phone's extra pictures after a JPEG's end).

Lossless where possible: the file's own segments (JPEG markers, PNG chunks, WebP RIFF chunks)
are filtered and the compressed pixels copied byte for byte, so the picture and its quality are
the original's and the file only gets smaller. Kept: what display needs (JPEG JFIF and Adobe
segments, the ICC colour profile in every format, PNG colour and transparency chunks, WebP
animation and alpha).

One exception: an EXIF orientation other than 1 (a phone held upright). Dropping it would show
the photo on its side, so the pixels are turned upright and encoded again: a JPEG with its own
quantisation tables and chroma subsampling (the quality it had), a PNG losslessly, a WebP at
``WEBP_QUALITY`` (lossless if it was). Measured figures: docs/architecture.md (Images).

No Pelican signals, no settings; ``portal.sections`` calls ``publish_original``.
"""

from __future__ import annotations

import io
import shutil
import struct

from PIL import Image, ImageOps, JpegImagePlugin

from portal.images.probe import ImageError, header_orientation, open_image

WEBP_QUALITY = 90  # re-encoding a lossy WebP (only when it must be turned upright)
# JPEG segments kept: frame, tables, scans, restart interval, and three APPn by identifier.
JPEG_KEPT = {*range(0xC0, 0xD0), 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF} - {0xC8}
JFIF, ICC, ADOBE = b"JFIF\x00", b"ICC_PROFILE\x00", b"Adobe"
# PNG ancillary chunks that say nothing of the photographer: colour, transparency, animation.
PNG_KEPT = {
    b"PLTE", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"cICP", b"mDCv", b"cLLI", b"sBIT",
    b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT", b"IHDR", b"IDAT", b"IEND",
}  # fmt: skip
# WebP chunks kept: the image, its alpha, animation and colour profile (not EXIF, XMP, others).
WEBP_KEPT = {b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
VP8X_EXIF, VP8X_XMP = 0x08, 0x04


class _Malformed(ValueError):
    pass


def strip_jpeg(data: bytes) -> bytes:
    """The JPEG without metadata segments, comments or trailing data; scans copied as they are.
    Only known segments are kept (a damaged marker never smuggles metadata through)."""
    if data[:2] != b"\xff\xd8":
        raise _Malformed("no SOI")
    out = [b"\xff\xd8"]
    pos, size = 2, len(data)
    while pos < size:
        if data[pos] != 0xFF:
            raise _Malformed(f"no marker at {pos}")
        while pos < size and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= size:
            raise _Malformed("truncated")
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI: anything after it (trailers, extra images) is dropped
            out.append(b"\xff\xd9")
            return b"".join(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # RSTn, TEM: no length
            out.append(bytes((0xFF, marker)))
            continue
        if pos + 2 > size:
            raise _Malformed("truncated")
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        end = pos + length
        if length < 2 or end > size:
            raise _Malformed("bad segment length")
        payload = data[pos + 2 : end]
        if marker == 0xE0 and payload.startswith(JFIF) and len(payload) >= 14:
            # JFIF without its thumbnail (a small copy of the picture, perhaps uncropped)
            out.append(b"\xff\xe0\x00\x10" + payload[:12] + b"\x00\x00")
        elif marker == 0xE2 and payload.startswith(ICC):
            out.append(data[pos - 2 : end])
        elif marker == 0xEE and payload.startswith(ADOBE) and len(payload) >= 12:
            out.append(b"\xff\xee\x00\x0e" + payload[:12])
        elif marker in JPEG_KEPT:  # APPn, COM and anything unknown are dropped
            out.append(data[pos - 2 : end])
        pos = end
        if marker == 0xDA:  # SOS: entropy-coded data up to the next real marker
            scan = pos
            while True:
                found = data.find(b"\xff", scan)
                if found < 0 or found + 1 >= size:
                    raise _Malformed("scan without end")
                following = data[found + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    scan = found + 2
                    continue
                if following == 0xFF:
                    scan = found + 1
                    continue
                break
            out.append(data[pos:found])
            pos = found
    raise _Malformed("no EOI")


def strip_png(data: bytes) -> bytes:
    """The PNG with only its image, colour and animation chunks (no text, eXIf or time)."""
    signature = b"\x89PNG\r\n\x1a\n"
    if data[:8] != signature:
        raise _Malformed("no PNG signature")
    out, pos = [signature], 8
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise _Malformed("truncated chunk")
        if kind in PNG_KEPT:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            return b"".join(out)
    raise _Malformed("no IEND")


def strip_webp(data: bytes) -> bytes:
    """The WebP without its EXIF and XMP chunks (and their flags in VP8X)."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise _Malformed("not RIFF WEBP")
    (riff_size,) = struct.unpack("<I", data[4:8])
    body_end = min(len(data), 8 + riff_size)
    chunks, pos = [], 12
    while pos + 8 <= body_end:
        kind = data[pos : pos + 4]
        (length,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        end = pos + 8 + length + (length & 1)
        if pos + 8 + length > body_end:
            raise _Malformed("truncated chunk")
        chunk = data[pos:end]
        if kind == b"VP8X":
            flags = chunk[8] & ~(VP8X_EXIF | VP8X_XMP)
            chunk = chunk[:8] + bytes((flags,)) + chunk[9:]
        if kind in WEBP_KEPT:
            chunks.append(chunk)
        pos = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


STRIPPERS = {"JPEG": strip_jpeg, "PNG": strip_png, "WEBP": strip_webp}


def _webp_lossless(data: bytes) -> bool:
    """Whether a WebP's image chunk is VP8L (lossless)."""
    pos = 12
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        if kind in (b"VP8 ", b"VP8L", b"ANMF"):
            return kind == b"VP8L"
        (length,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        pos += 8 + length + (length & 1)
    return False


def _upright(image: Image.Image, data: bytes) -> bytes:
    """The image turned upright and encoded again in its format, colour profile kept."""
    fmt, icc = image.format, image.info.get("icc_profile")
    save: dict = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        save |= {
            "qtables": image.quantization,
            "subsampling": JpegImagePlugin.get_sampling(image),
            "optimize": True,
        }
    elif fmt == "WEBP":
        lossless = _webp_lossless(data)
        save |= {"lossless": True} if lossless else {"quality": WEBP_QUALITY, "method": 4}
    elif fmt == "PNG":
        save |= {"optimize": True}
    upright = ImageOps.exif_transpose(image)
    upright.info.pop("exif", None)
    buffer = io.BytesIO()
    upright.save(buffer, fmt, exif=b"", **save)
    return buffer.getvalue()


def clean(path: str, reference: str) -> bytes:
    """The bytes to publish for the image at ``path``. Raises ImageError."""
    with open(path, "rb") as source:
        data = source.read()
    image = open_image(path, reference)
    try:
        if header_orientation(image) != 1:
            image.load()
            return _upright(image, data)
        fmt, size = image.format, image.size
    except (OSError, SyntaxError, ValueError, TypeError, EOFError):
        raise ImageError(
            f"ảnh '{reference}' bị hỏng, không giải mã được; hãy xuất lại ảnh rồi đính kèm",
            "image data is damaged and cannot be decoded",
        ) from None
    finally:
        image.close()
    try:
        cleaned = STRIPPERS[fmt](data)
        with Image.open(io.BytesIO(cleaned), formats=[fmt]) as check:  # headers still whole
            if check.size != size:
                raise _Malformed("size changed")
        return cleaned
    except (_Malformed, struct.error, IndexError, OSError, SyntaxError, ValueError, EOFError):
        raise ImageError(
            f"ảnh '{reference}' bị hỏng (cấu trúc tệp không đọc được) nên không gỡ được thông tin "
            "kèm theo (vị trí chụp, máy ảnh); hãy xuất lại ảnh rồi đính kèm",
            "the image file's structure is damaged; its metadata cannot be removed",
        ) from None


def publish_original(source: str, target: str, reference: str, is_image: bool) -> None:
    """Write the attachment at ``source`` to ``target``: an image without its metadata, any
    other file as it is. Raises ImageError for an image that cannot be cleaned."""
    if not is_image:
        shutil.copyfile(source, target)
        return
    data = clean(source, reference)
    with open(target, "wb") as out:
        out.write(data)
