"""Encoded variants: upright, metadata-free, the planned sizes, byte-identical on every run."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from cards import LEFT, RIGHT, encoded, exif, jpeg, pattern
from PIL import Image, ImageCms

from portal.images.encode import write_variants
from portal.images.picture import plan
from portal.images.probe import ImageError, displayed_size


def planned(path, name: str | None = None):
    width, height = displayed_size(str(path), path.name)
    return plan(str(path), name or path.name, width, height)


def chunks(data: bytes) -> list[str]:
    """The chunk names of a WebP file."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    names, offset = [], 12
    while offset + 8 <= len(data):
        name = data[offset : offset + 4].decode("ascii")
        (size,) = struct.unpack("<I", data[offset + 4 : offset + 8])
        names.append(name)
        offset += 8 + size + (size & 1)
    return names


def close_to(colour, expected, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=False))


def test_variants_have_the_planned_sizes(image_file, tmp_path):
    picture = planned(image_file("anh.jpg", jpeg((1600, 900))))
    paths = write_variants(picture, str(tmp_path / "out"), "anh.jpg")
    assert [p.rsplit("/", 1)[1] for p in paths] == [n for n, _, _ in picture.variants]
    for path, (_, width, height) in zip(paths, picture.variants, strict=True):
        with Image.open(path) as variant:
            assert variant.format == "WEBP"
            assert variant.size == (width, height)


def test_exif_orientation_is_honoured(image_file, tmp_path):
    """Stored landscape, red left; orientation 6 means 'turn 90° clockwise': red on top."""
    path = image_file("dung.jpg", jpeg((600, 400), exif=exif(6)))
    picture = planned(path)
    assert (picture.width, picture.height) == (400, 600)
    [variant_path] = write_variants(picture, str(tmp_path / "out"), "dung.jpg")
    with Image.open(variant_path) as variant:
        assert variant.size == (400, 600)
        rgb = variant.convert("RGB")
        assert close_to(rgb.getpixel((200, 20)), LEFT)
        assert close_to(rgb.getpixel((200, 580)), RIGHT)


def test_metadata_is_stripped(image_file, tmp_path):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = jpeg(
        (1000, 700),
        exif=exif(1, Make="Máy ảnh thử", Model="X100", Artist="Nguyễn Văn A"),
        icc_profile=srgb,
    )
    picture = planned(image_file("co-exif.jpg", data))
    for path in write_variants(picture, str(tmp_path / "out"), "co-exif.jpg"):
        raw = Path(path).read_bytes()
        assert set(chunks(raw)) <= {"VP8 ", "VP8L", "VP8X", "ALPH"}, chunks(raw)
        assert b"X100" not in raw and b"Exif" not in raw
        with Image.open(path) as variant:
            assert not {"exif", "icc_profile", "xmp"} & set(variant.info)


def test_output_is_deterministic(image_file, tmp_path):
    picture = planned(image_file("anh.png", encoded(pattern((1300, 800)), "PNG")))
    first = write_variants(picture, str(tmp_path / "one"), "anh.png")
    second = write_variants(picture, str(tmp_path / "two"), "anh.png")
    assert len(first) == 3
    for a, b in zip(first, second, strict=True):
        assert Path(a).read_bytes() == Path(b).read_bytes()


def test_transparency_is_kept(image_file, tmp_path):
    image = Image.new("RGBA", (500, 300), (0, 0, 0, 0))
    image.paste((20, 120, 60, 255), (100, 50, 400, 250))
    picture = planned(image_file("logo.png", encoded(image, "PNG")))
    [_, path] = write_variants(picture, str(tmp_path / "out"), "logo.png")
    with Image.open(path) as variant:
        assert variant.mode == "RGBA"
        assert variant.getpixel((0, 0))[3] == 0
        assert variant.getpixel((250, 150))[3] == 255


def test_truncated_image_is_an_image_error(image_file, tmp_path):
    """The header is whole, so the scan accepts it; decoding fails cleanly."""
    data = jpeg((1600, 900))
    picture = planned(image_file("cut.jpg", data[: len(data) // 2]))
    with pytest.raises(ImageError) as raised:
        write_variants(picture, str(tmp_path / "out"), "anh/cut.jpg")
    assert "ảnh 'anh/cut.jpg' bị hỏng" in raised.value.message


def test_source_is_read_not_changed(image_file, tmp_path):
    data = jpeg((900, 600), exif=exif(3, Make="Giữ nguyên"))
    path = image_file("goc.jpg", data)
    write_variants(planned(path), str(tmp_path / "out"), "goc.jpg")
    assert path.read_bytes() == data
    assert Image.open(io.BytesIO(data)).getexif()[0x0112] == 3
