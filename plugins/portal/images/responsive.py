"""Give the body's own images their variants: ``srcset``, ``sizes``, ``width``/``height``, lazy
loading. Works on sanitised HTML (nh3 writes every attribute value double-quoted, with ``"``
escaped), like ``portal.markup.render.rewrite_links``."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from portal.images.picture import Picture

SIZES = "(min-width: 50rem) 46rem, 100vw"  # the article column: 46rem wide from 50rem up
REPLACED = {"src", "srcset", "sizes", "width", "height", "loading", "decoding"}

_IMG = re.compile(r'<img\b((?:[^>"]|"[^"]*")*)>')
_ATTRIBUTE = re.compile(r'([^\s"=/>]+)(?:="([^"]*)")?')


def responsive_images(fragment: str, pictures: Mapping[str, Picture], sizes: str = SIZES) -> str:
    """Give every ``<img>`` whose ``src`` is a key of ``pictures`` (a published attachment name)
    the picture's ``srcset`` and size; ``src`` keeps the original. Other images are left alone."""

    def replace(match: re.Match[str]) -> str:
        attributes = _ATTRIBUTE.findall(match[1])
        src = next((html.unescape(value) for key, value in attributes if key == "src"), None)
        picture = pictures.get(src) if src is not None else None
        if picture is None:
            return match[0]
        parts = []
        for key, value in attributes:
            if key == "src":  # the original stays the fallback (and a link to full size)
                parts += [
                    f'src="{value}"',
                    f'srcset="{html.escape(picture.srcset)}"',
                    f'sizes="{html.escape(sizes)}"',
                ]
            elif key not in REPLACED:
                parts.append(f'{key}="{value}"')
        parts += [
            f'width="{picture.width}"',
            f'height="{picture.height}"',
            'loading="lazy"',
            'decoding="async"',
        ]
        return f"<img {' '.join(parts)}>"

    return _IMG.sub(replace, fragment)
