"""``portal new``: a new content file with every required field filled and every optional field
present as a Vietnamese comment, written as a draft so nothing half-done is published."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from portal.catalog.attachments import AttachmentError, published_name
from portal.catalog.attachments import check as check_attachment
from portal.sites import Site
from portal.slugs import slugify
from portal.types import REGISTRY, Draft, get
from portal.types.base import NUMBER_PLACEHOLDER, PLACEHOLDER

TEMPLATE_BODY = "Nội dung viết bằng Markdown ở đây."
# Values a new file holds (or shows as examples) that nobody means to publish: refused by the
# catalog once the item is no longer a draft (portal.catalog.checks).
PLACEHOLDERS = frozenset(
    {PLACEHOLDER, NUMBER_PLACEHOLDER}
    | {
        spec.example.strip('"')
        for ct in REGISTRY.values()
        for spec in ct.fields.values()
        if PLACEHOLDER in spec.example
    }
)


class ScaffoldError(ValueError):
    pass


def scaffold(kind: str, site: Site, title: str, now: dt.datetime, files: list[str]) -> str:
    """The text of a new ``kind`` file, valid as written (a draft): every required field filled,
    every optional one commented out with its example, each with its help (``portal.types``)."""
    draft = Draft(site, title, now, tuple(files))
    lines = ["---"]
    for key, spec in get(kind).fields.items():
        if spec.field.forbidden:
            continue
        if key == "status":
            lines.append(f"status: draft  # {spec.help}")
        elif spec.field.kind == "records":  # a block: the comment goes on the key's line
            lines.append(f"{key}:  # {spec.help}" + spec.scaffold(draft))
        elif spec.field.required:
            lines.append(f"{key}: {spec.scaffold(draft)}  # {spec.help}")
        else:
            lines.append(f"# {key}: {spec.example}  # {spec.help}")
    lines += ["---", "", TEMPLATE_BODY, ""]
    return "\n".join(lines)


def create(
    content_dir: Path,
    kind: str,
    site: Site,
    title: str,
    now: dt.datetime,
    attachments: list[Path],
    max_mb: int = 20,
) -> Path:
    """Write the new file (and copy its attachments); refuse to overwrite anything, and
    attachments the check would refuse (type by content, size up to ``max_mb``)."""
    if kind not in REGISTRY:
        raise ScaffoldError(f"loại nội dung '{kind}' không có; chọn: {', '.join(REGISTRY)}")
    if get(kind).needs_files and not attachments:
        raise ScaffoldError("văn bản cần ít nhất một tệp đính kèm: thêm --file đường/dẫn/tep.pdf")
    slug = slugify(title)
    if not slug:
        raise ScaffoldError("tiêu đề không có chữ nào để tạo tên tệp")
    folder = content_dir / site.id / kind
    name = f"{now.date().isoformat()}-{slug}" if get(kind).dated_file_name else slug
    target = folder / f"{name}.md"
    if target.exists():
        raise ScaffoldError(f"tệp {target} đã có; hãy chọn tiêu đề khác")
    references = []
    for source in attachments:
        if not source.is_file():
            raise ScaffoldError(f"không tìm thấy tệp {source}")
        try:  # what `portal check` would refuse is refused now, before anything is written
            check_attachment(source.name, source.parent / "_.md", source.parent, max_mb << 20)
        except AttachmentError as exc:
            raise ScaffoldError(f"{source}: {exc.message}") from None
        reference = f"files/{published_name(source.name)}"
        if (folder / reference).exists():
            raise ScaffoldError(f"tệp {folder / reference} đã có; hãy đổi tên tệp đính kèm")
        references.append(reference)
    folder.mkdir(parents=True, exist_ok=True)
    for source, reference in zip(attachments, references, strict=True):
        (folder / reference).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / reference)
    target.write_text(scaffold(kind, site, title, now, references), encoding="utf-8")
    return target
