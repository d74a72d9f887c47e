"""Attachments: files a content item links to (``files``, ``image``, relative links in its body).

Each must exist, stay inside its site folder (no escaping ``..``, no absolute path, no symlink
out), be of an allowed type whose first bytes match its extension, and be under the size limit.
The type check is a handful of magic numbers written here rather than a dependency: the list is
short, fixed by policy, and must reject an HTML file renamed ``.pdf``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from portal.slugs import slugify

# extension → (MIME type, accepted leading bytes)
TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "doc": ("application/msword", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    "xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
    "zip": ("application/zip", (b"PK\x03\x04", b"PK\x05\x06")),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "webp": ("image/webp", (b"RIFF",)),
}
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}
TYPE_LABELS = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "xls": "Excel",
    "xlsx": "Excel",
    "odt": "ODT",
    "ods": "ODS",
    "zip": "ZIP",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WebP",
}


@dataclass
class Attachment:
    """A checked file, and the name it is published under beside its page."""

    source: str  # absolute path
    reference: str  # as written in the content file
    name: str  # published file name
    size: int
    mime: str
    extension: str

    @property
    def label(self) -> str:
        return TYPE_LABELS[self.extension]

    @property
    def human_size(self) -> str:
        return human_size(self.size)


def human_size(size: int) -> str:
    """``1536`` → ``1,5 KB`` (Vietnamese decimal comma)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "B" else f"{value:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def published_name(reference: str) -> str:
    """A clean ASCII file name: ``Quyết định 12.PDF`` → ``quyet-dinh-12.pdf``."""
    pure = PurePosixPath(reference)
    stem = slugify(pure.stem) or "tep"
    return f"{stem}{pure.suffix.lower()}"


class AttachmentError(ValueError):
    def __init__(self, message: str, english: str):
        super().__init__(message)
        self.message = message
        self.english = english


def check(
    reference: str, source_file: Path, site_dir: Path, max_bytes: int, images_only: bool = False
) -> Attachment:
    """Resolve ``reference`` (relative to ``source_file``) and check it; raise AttachmentError."""
    try:
        return _check(reference, source_file, site_dir, max_bytes, images_only)
    except (OSError, RuntimeError) as exc:  # a name too long, a symlink loop, unreadable …
        raise AttachmentError(
            f"không đọc được tệp đính kèm '{reference}' ({getattr(exc, 'strerror', exc)})",
            "cannot read the attachment",
        ) from None


def _check(
    reference: str, source_file: Path, site_dir: Path, max_bytes: int, images_only: bool
) -> Attachment:
    ref = reference.strip()
    if any(ord(c) < 32 for c in ref):
        raise AttachmentError(
            f"đường dẫn tệp đính kèm {reference!r} chứa ký tự điều khiển",
            "attachment path holds control characters",
        )
    if not ref or ref.startswith(("/", "\\")) or (len(ref) > 1 and ref[1] == ":"):
        raise AttachmentError(
            f"tệp đính kèm '{reference}' phải là đường dẫn tương đối tính từ tệp nội dung",
            "attachment path must be relative to the content file",
        )
    candidate = source_file.parent / ref
    root = site_dir.resolve()
    real = candidate.resolve(strict=False)
    if not real.is_relative_to(root):
        raise AttachmentError(
            f"tệp đính kèm '{reference}' nằm ngoài thư mục của trang; chỉ dùng tệp trong "
            f"content/{site_dir.name}/",
            "attachment escapes its site folder",
        )
    if not candidate.is_file():
        raise AttachmentError(
            f"không tìm thấy tệp đính kèm '{reference}'", "attachment file not found"
        )
    extension = candidate.suffix.lower().lstrip(".")
    allowed = IMAGE_EXTENSIONS if images_only else set(TYPES)
    if extension not in allowed:
        names = ", ".join(sorted(allowed))
        raise AttachmentError(
            f"loại tệp '.{extension}' không được phép; chỉ nhận: {names}",
            f"file type not allowed; allowed: {names}",
        )
    size = real.stat().st_size
    if size > max_bytes:
        raise AttachmentError(
            f"tệp '{reference}' nặng {human_size(size)}, vượt giới hạn {human_size(max_bytes)}",
            "attachment is larger than the limit",
        )
    mime, magics = TYPES[extension]
    with real.open("rb") as handle:
        head = handle.read(16)
    if not any(head.startswith(magic) for magic in magics) or (
        extension == "webp" and head[8:12] != b"WEBP"
    ):
        raise AttachmentError(
            f"nội dung tệp '{reference}' không phải tệp .{extension} thật (có thể bị đổi đuôi)",
            f"file content is not a real .{extension}",
        )
    return Attachment(str(real), reference, published_name(ref), size, mime, extension)
