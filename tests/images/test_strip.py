"""Published originals carry no EXIF, GPS, XMP, IPTC or comments, keep their colour profile and
their pixels, and are shown upright: checked in the built site on photos made here with Pillow."""

from __future__ import annotations

import io

import pytest
from cards import encoded, exif, pattern
from PIL import ExifTags, Image, ImageCms

from portal.images.strip import strip_jpeg
from support import article

SECRET = "MayAnhBiMat"  # the camera's name, which must not be published
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description photoshop:City="BiMat"/></rdf:RDF></x:xmpmeta>'
)
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def gps_exif(orientation: int = 1) -> Image.Exif:
    """A phone's EXIF: where (GPS), when, with what."""
    data = exif(orientation, Make=SECRET, Model=SECRET, DateTime="2026:11:20 08:30:00")
    gps = data.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (21.0, 1.0, 41.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (105.0, 50.0, 2.0)
    return data


def with_comment(jpeg: bytes) -> bytes:
    """A COM segment and a trailer after EOI (as phones append extra pictures)."""
    comment = b"Chup tai BiMat"
    segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
    return jpeg[:2] + segment + jpeg[2:] + b"MPF trailer BiMat"


def leaks(data: bytes) -> list[str]:
    return [w for w in ("Exif", SECRET, "BiMat", "xmpmeta", "GPS") if w.encode() in data]


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB").tobytes()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One site built with a JPEG, a PNG and a WebP carrying GPS, camera and XMP data, a rotated
    phone photo, and an image published as a document's file."""
    from portal.build import build
    from support import DEMO_NOW, SETTINGS, SITES_YML, invitation, write_tree

    photo = pattern((640, 360))
    files = {
        "jpeg": with_comment(
            encoded(photo, "JPEG", quality=85, exif=gps_exif(), xmp=XMP, icc_profile=ICC)
        ),
        "png": encoded(photo, "PNG", exif=gps_exif(), pnginfo=_png_text(), icc_profile=ICC),
        "webp": encoded(photo, "WEBP", quality=80, exif=gps_exif(), xmp=XMP, icc_profile=ICC),
        "upright": encoded(photo, "JPEG", quality=85, exif=gps_exif(orientation=6)),
    }
    body = "Ảnh.\n\n![Ảnh PNG](anh-png.png)\n\n![Ảnh WebP](anh-webp.webp)\n\n![Đứng](dung.jpg)\n"
    root = tmp_path_factory.mktemp("strip")
    content = write_tree(
        root / "content",
        {
            "sites.yml": SITES_YML,
            "xa/.keep": "",
            "huyen/articles/le-hoi.md": article(
                "Lễ hội làng", body, image="anh-jpeg.jpg", image_alt='"Lễ hội"'
            ),
            "huyen/articles/anh-jpeg.jpg": files["jpeg"],
            "huyen/articles/anh-png.png": files["png"],
            "huyen/articles/anh-webp.webp": files["webp"],
            "huyen/articles/dung.jpg": files["upright"],
            "huyen/invitations/hop-5.md": invitation(files="[giay-moi-scan.jpg]"),
            "huyen/invitations/giay-moi-scan.jpg": files["jpeg"],
        },
    )
    output = root / "output"
    build(content, output, SETTINGS, ["huyen"], DEMO_NOW, search=False, history=False, jobs=1)
    return files, output / "huyen" / "tin-tuc" / "le-hoi-lang"


def _png_text():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Chup tai BiMat")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    return info


def test_the_photos_made_here_do_leak(built):
    files, _ = built
    for name in ("jpeg", "png", "webp", "upright"):
        assert "BiMat" in leaks(files[name]) or SECRET in leaks(files[name]), name


@pytest.mark.parametrize(
    ("name", "published"),
    [("jpeg", "anh-jpeg.jpg"), ("png", "anh-png.png"), ("webp", "anh-webp.webp")],
)
def test_published_originals_carry_no_metadata_and_keep_pixels_and_profile(built, name, published):
    files, page = built
    data = (page / published).read_bytes()
    assert leaks(data) == []
    with Image.open(page / published) as image:
        assert dict(image.getexif()) == {}
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert image.info.get("icc_profile") == ICC
        assert "xmp" not in image.info and "Comment" not in image.info
    assert pixels(data) == pixels(files[name])  # lossless: the same picture
    assert len(data) < len(files[name])


def test_a_rotated_phone_photo_is_published_upright(built):
    files, page = built
    data = (page / "dung.jpg").read_bytes()
    assert leaks(data) == []
    with Image.open(io.BytesIO(files["upright"])) as original:
        upright = original.transpose(Image.Transpose.ROTATE_270).convert("RGB")
    with Image.open(page / "dung.jpg") as image:
        assert image.size == (360, 640)
        assert ExifTags.Base.Orientation not in image.getexif()
        assert _psnr(image.convert("RGB"), upright) > 35  # same quantisation tables as before


def _psnr(a: Image.Image, b: Image.Image) -> float:
    import math

    from PIL import ImageChops, ImageStat

    mse = sum(v**2 for v in ImageStat.Stat(ImageChops.difference(a, b)).rms) / 3
    return 99.0 if mse == 0 else 10 * math.log10(255**2 / mse)


def test_a_jpeg_without_end_is_refused():
    with pytest.raises(ValueError):
        strip_jpeg(encoded(pattern((64, 64)), "JPEG")[:-200])


def test_an_image_published_as_a_file_is_stripped_too(built):
    files, page = built
    folder = page.parents[1] / "giay-moi" / "hop-ban-ke-hoach-dau-tu-cong-nam-2027"
    data = (folder / "giay-moi-scan.jpg").read_bytes()
    assert leaks(data) == [] and pixels(data) == pixels(files["jpeg"])


@pytest.mark.parametrize(
    ("mode", "save"),
    [
        ("RGB", {"progressive": True}),
        ("RGB", {"restart_marker_rows": 1}),
        ("RGB", {"subsampling": 0, "quality": 95}),
        ("L", {}),
        ("CMYK", {}),
    ],
    ids=["progressive", "restart-markers", "4:4:4", "grey", "cmyk-adobe"],
)
def test_jpeg_stripping_keeps_every_kind_of_jpeg_intact(mode, save):
    data = with_comment(
        encoded(pattern((320, 200)).convert(mode), "JPEG", exif=gps_exif(), icc_profile=ICC, **save)
    )
    stripped = strip_jpeg(data)
    assert leaks(stripped) == []
    assert pixels(stripped) == pixels(data)
    with Image.open(io.BytesIO(stripped)) as image:
        assert image.mode == mode and image.info.get("icc_profile") == ICC


@pytest.mark.slow
def test_damaged_images_are_refused_never_a_traceback(tmp_path):
    """Seeded: 3,000 damaged copies (bytes flipped, cut, repeated) of a JPEG, PNG and WebP with
    metadata; cleaning returns bytes without the metadata or raises ImageError."""
    import random
    import time

    from portal.images.probe import ImageError
    from portal.images.strip import clean

    seed, rounds = 20261207, 1000
    rng = random.Random(seed)
    photo = pattern((160, 90))
    originals = {
        "jpg": with_comment(encoded(photo, "JPEG", exif=gps_exif(), xmp=XMP)),
        "png": encoded(photo, "PNG", exif=gps_exif(), pnginfo=_png_text()),
        "webp": encoded(photo, "WEBP", exif=gps_exif(), xmp=XMP),
    }
    outcomes = {"cleaned": 0, "refused": 0}
    worst = 0.0
    for n in range(rounds):
        for ext, data in originals.items():
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                at = rng.randrange(len(damaged))
                damaged[at] = rng.randrange(256)
            if rng.random() < 0.3:
                damaged = damaged[: rng.randrange(len(damaged))]
            path = tmp_path / f"{n}.{ext}"
            path.write_bytes(bytes(damaged))
            start = time.perf_counter()
            try:
                cleaned = clean(str(path), path.name)
            except ImageError:
                outcomes["refused"] += 1
            else:
                outcomes["cleaned"] += 1
                assert SECRET.encode() not in cleaned and b"xmpmeta" not in cleaned
            worst = max(worst, time.perf_counter() - start)
            path.unlink()
    print(f"seed {seed}: {rounds * 3} damaged images, {outcomes}, worst {worst * 1000:.1f} ms")
