"""Pictures of catalog items: planned while the catalog scans (sizes read from headers, problems
into the report), written beside each page while its site builds."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from portal.errors import ContentErrors, ErrorReport
from portal.images.encode import write_variants
from portal.images.picture import Picture, plan
from portal.images.probe import ImageError, displayed_size
from portal.images.responsive import responsive_images
from portal.images.strip import publish_original

if TYPE_CHECKING:  # the catalog imports this module: no import back at run time
    from portal.catalog.attachments import Attachment
    from portal.catalog.item import Item


def is_image(attachment: Attachment) -> bool:
    return attachment.mime.startswith("image/")


def add_pictures(item: Item, report: ErrorReport, body_line: Callable[[str], int]) -> None:
    """Plan ``item.picture`` (the ``image`` field) and ``item.inline_pictures`` (images linked
    from the body, by published name), and give the body's ``<img>`` their variants.
    ``body_line(reference)`` is the file line of the body line that names ``reference``."""
    taken = {a.name: a.source for a in item.all_attachments}

    def picture_of(attachment: Attachment, named_in: str, line: int) -> Picture | None:
        try:
            width, height = displayed_size(attachment.source, attachment.reference)
        except ImageError as exc:
            report.add(item.source, line, named_in, exc.message, exc.english)
            return None
        picture = plan(attachment.source, attachment.name, width, height, named_in, line)
        for name, _, _ in picture.variants:
            if taken.setdefault(name, attachment.source) != attachment.source:
                report.add(
                    item.source,
                    line,
                    named_in,
                    f"ảnh '{attachment.reference}' cần xuất bản bản thu nhỏ '{name}', trùng tên "
                    "với một tệp đính kèm khác của bài; hãy đổi tên một trong hai tệp",
                    "an image variant has the same name as another attachment",
                )
                return None
        return picture

    if item.image is not None and is_image(item.image):
        item.picture = picture_of(item.image, "image", item.line("image"))
    for attachment in item.inline:
        if is_image(attachment) and attachment.name not in item.inline_pictures:
            picture = picture_of(attachment, "body", body_line(attachment.reference))
            if picture is not None:
                item.inline_pictures[attachment.name] = picture
    if item.inline_pictures:
        item.html = responsive_images(item.html, item.inline_pictures)


def pictures_of(item: Item) -> list[Picture]:
    """Every picture of an item, each original once (the lead image may also be in the body)."""
    unique: dict[str, Picture] = {}
    for picture in [item.picture, *item.inline_pictures.values()]:
        if picture is not None:
            unique.setdefault(picture.source, picture)
    return list(unique.values())


def write_pictures(item: Item, folder: str) -> list[str]:
    """Write the variants of every picture of ``item`` into ``folder`` (beside its page); the
    paths written. An image that cannot be decoded raises ContentErrors naming its line."""
    references = {a.source: a.reference for a in item.all_attachments}
    written = []
    for picture in pictures_of(item):
        try:
            written += write_variants(picture, folder, references.get(picture.source, ""))
        except ImageError as exc:
            report = ErrorReport()
            report.add(item.source, picture.line, picture.named_in, exc.message, exc.english)
            raise ContentErrors(report) from None
    return written


def publish_attachments(item: Item, folder: str) -> list[str]:
    """Write every attachment of ``item`` into ``folder`` (beside its page): images without
    their metadata (``portal.images.strip``), other files as they are; the paths written. An
    image that cannot be cleaned raises ContentErrors naming its line."""
    written = []
    for attachment in item.all_attachments:
        target = os.path.join(folder, attachment.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            publish_original(attachment.source, target, attachment.reference, is_image(attachment))
        except ImageError as exc:
            named = "files" if attachment in item.files else "image"
            if attachment is not item.image and attachment not in item.files:
                named = "body"
            report = ErrorReport()
            report.add(item.source, item.line(named), named, exc.message, exc.english)
            raise ContentErrors(report) from None
        written.append(target)
    return written
