"""Theme assets named by content hash, for immutable caching.

Every ``.css`` file of ``<theme>/static/css/`` is joined, in name order, into one stylesheet, and
every ``.js`` file of ``<theme>/static/js/`` into one script; any other file of ``static/`` is
published alone (such as a page's own module in ``static/js/modules/``). Each is written under
``theme/`` with the first 10 hex digits of its sha256 in
the name (``theme/css/portal.3f9a1c2b7d.css``), so a CDN may cache it for a year and a change
always gets a new URL. Templates ask for the logical name: ``asset('css/portal.css')``.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from portal.paths import THEME

OUTPUT_DIR = THEME
BUNDLES = {"css": "css/portal.css", "js": "js/portal.js"}
HASH_LENGTH = 10


@dataclass(frozen=True)
class Asset:
    logical: str  # e.g. css/portal.css
    path: str  # site-relative output path, e.g. theme/css/portal.3f9a1c2b7d.css
    data: bytes


def hashed_name(logical: str, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    pure = PurePosixPath(logical)
    return str(pure.with_name(f"{pure.stem}.{digest}{pure.suffix}"))


def _bundle(files: list[Path], kind: str) -> bytes:
    parts = []
    for path in files:
        text = path.read_text(encoding="utf-8").strip()
        comment = f"/* {path.name} */" if kind == "css" else f"// {path.name}"
        parts.append(f"{comment}\n{text}\n")
    return "\n".join(parts).encode("utf-8")


def collect(static_dir: Path) -> dict[str, Asset]:
    """All assets of a theme's ``static/`` folder, keyed by logical name."""
    assets: dict[str, Asset] = {}

    def add(logical: str, data: bytes) -> None:
        assets[logical] = Asset(logical, f"{OUTPUT_DIR}/{hashed_name(logical, data)}", data)

    for kind, logical in BUNDLES.items():
        files = sorted((static_dir / kind).glob(f"*.{kind}"))
        if files:
            add(logical, _bundle(files, kind))
    for root, dirs, names in os.walk(static_dir):
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            relative = path.relative_to(static_dir).as_posix()
            top = relative.split("/")[0]
            if top in BUNDLES and path.parent == static_dir / top and path.suffix == f".{top}":
                continue  # part of a bundle (files in a subfolder are published alone)
            add(relative, path.read_bytes())
    return assets


def write(assets: dict[str, Asset], output_path: str) -> None:
    for asset in assets.values():
        target = os.path.join(output_path, asset.path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(asset.data)
