"""What a responsive image is made of: the WebP variants planned for one image attachment, and the
``src``/``srcset`` a page uses for them. Pure values, no Pillow."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

WIDTHS = (480, 800, 1200)  # CSS pixels; the article column is 46rem ≈ 736px, so 1200 covers 2x
VARIANT_SUFFIX = "webp"


@dataclass
class Picture:
    """The variants of one image, published beside the page that uses it. Plain and picklable."""

    source: str  # absolute path of the original
    src: str  # the mid-size variant's name: the ``<img src>``
    srcset: str  # ``x-480w.webp 480w, x-800w.webp 800w``: names relative to the page
    width: int  # of the largest variant, for ``width``/``height`` (no layout shift)
    height: int
    variants: list[tuple[str, int, int]] = field(default_factory=list)  # (name, width, height)
    named_in: str = "image"  # the field that names it, ``image`` or ``body`` (error reports)
    line: int = 1  # the line that names it


def variant_widths(width: int) -> list[int]:
    """The variant widths for an original ``width`` pixels wide: never upscaled, at least one."""
    return sorted({min(target, width) for target in WIDTHS})


def variant_name(published: str, width: int) -> str:
    """``anh-le-hoi.jpg``, 800 → ``anh-le-hoi-800w.webp``."""
    return f"{PurePosixPath(published).stem}-{width}w.{VARIANT_SUFFIX}"


def plan(
    source: str, published: str, width: int, height: int, named_in: str = "image", line: int = 1
) -> Picture:
    """The Picture of an image ``width`` × ``height`` (as displayed), published as ``published``."""
    variants = [
        (variant_name(published, w), w, max(1, round(w * height / width)))
        for w in variant_widths(width)
    ]
    largest = variants[-1]
    return Picture(
        source=source,
        src=variants[len(variants) // 2][0],
        srcset=", ".join(f"{name} {w}w" for name, w, _ in variants),
        width=largest[1],
        height=largest[2],
        variants=variants,
        named_in=named_in,
        line=line,
    )
