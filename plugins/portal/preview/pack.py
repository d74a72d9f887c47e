"""The PR build's side of a preview: pack a built output into the artifact folder that
``portal.preview.artifact`` reads (``site.tar`` and ``preview.json``).

Every file goes in as a plain regular file (mode 0644, owner 0, time 0), read through its path:
the build's hard links (shared search bundles) and anything else become ordinary copies, so the
publisher never has to accept a link. Hidden files and folders are left out, as ``portal gate``
refuses them in an output anyway.
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path
from typing import Any

from portal.preview.artifact import META, SITE_TAR


def pack(output: Path, target: Path, pr: int, head_sha: str, changes: dict[str, Any]) -> int:
    """Write ``target/site.tar`` from ``output`` and ``target/preview.json``; returns the number
    of files packed."""
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    with tarfile.open(target / SITE_TAR, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for path in sorted(output.rglob("*")):
            rel = path.relative_to(output)
            if any(part.startswith(".") for part in rel.parts) or path.is_symlink():
                continue
            if not path.is_file():
                continue
            info = tarfile.TarInfo(rel.as_posix())
            info.size = path.stat().st_size
            info.mode = 0o644
            with path.open("rb") as data:
                archive.addfile(info, data)
            count += 1
    meta = {"pr": int(pr), "head_sha": head_sha, "changes": changes}
    (target / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return count
