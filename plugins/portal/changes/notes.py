"""The change-note rule, judged against the base of a pull request (``portal check --base``).

An item that was public at the base (read at the same moment as the head) and stays public:
- whose text or attachments changed carries a ``change_note`` other than the base's, unless
  ``minor: true`` (the content model: "a change to a published item carries a change_note unless
  minor: true"); a file only renamed or moved changed nothing;
- keeps its URL (a new title gives a new slug: old links would break).
An item that was public at the base and leaves the public output is taken down with
``unpublished`` (the content model's takedown: a 410 or a redirect rule, a tombstone in the
feeds), never by deleting its file or turning it back into a draft or a future date, which would
silently answer 404 and never tell the feeds' readers. ``expires`` is a removal the model allows.
"""

from __future__ import annotations

import os
from pathlib import Path

from portal.catalog import Item
from portal.changes.diff import Change
from portal.changes.snapshot import path_of
from portal.errors import ErrorReport

FIELD = "change_note"


def _where(item: Item) -> int:
    """The line to point at: the note, else ``modified``, else the front matter's start."""
    if FIELD in item.lines:
        return item.line(FIELD)
    return item.lines.get("modified", 1)


def _note(change: Change, after: Item, report: ErrorReport, source: str) -> None:
    before = change.before
    assert before is not None
    if after.meta.get("minor"):
        return
    note = after.meta.get(FIELD)
    previous = before.meta.get(FIELD)
    what = "nội dung" if change.text_changed else "tệp đính kèm"
    if not note and "modified" in after.meta:
        return  # the schema already says so, on the ``modified`` line
    if not note:
        report.add(
            source,
            _where(after),
            FIELD,
            f"bài này đã đăng công khai và {what} vừa được sửa: hãy thêm 'change_note' nói rõ "
            "đã sửa gì (kèm 'modified': thời điểm sửa), hoặc 'minor: true' nếu chỉ sửa lỗi nhỏ "
            "không đổi ý nghĩa",
            "a published item changed: add a change_note (or minor: true for a small fix)",
        )
    elif previous and note == previous:
        report.add(
            source,
            _where(after),
            FIELD,
            "'change_note' vẫn là ghi chú của lần sửa trước; hãy viết ghi chú cho lần sửa này",
            "change_note is the previous change's note: describe this change",
        )


def _takedown(change: Change, report: ErrorReport, content_root: str) -> None:
    before, after = change.before, change.after
    assert before is not None
    advice = (
        "để gỡ bài đã đăng, hãy giữ tệp và thêm 'unpublished' với 'reason': error (gỡ hẳn), "
        "consolidated (kèm 'redirect_to') hoặc withdrawn (kèm 'note') (docs/content-model.md)"
    )
    english = "take a published item down with unpublished: (docs/content-model.md), not by {}"
    if after is None:
        report.add(
            os.path.join(content_root, path_of(before)),
            1,
            "unpublished",
            f"tệp của bài đã đăng '{before.meta.get('title', before.relpath)}' (/{before.url}) "
            f"bị xoá; {advice}",
            english.format("deleting its file"),
        )
    elif after.meta.get("status") == "draft":
        report.add(
            os.path.join(content_root, path_of(after)),
            after.line("status"),
            "status",
            f"bài đã đăng không thể chuyển lại thành bản nháp; {advice}",
            english.format("making it a draft"),
        )
    elif after.state == "scheduled":
        report.add(
            os.path.join(content_root, path_of(after)),
            after.line("date"),
            "date",
            "bài đã đăng không thể dời ngày đăng sang tương lai (trang sẽ biến mất đến ngày "
            f"đó); giữ ngày đăng cũ, hoặc {advice}",
            english.format("moving its date into the future"),
        )


def check_notes(changes: list[Change], content_dir: Path, report: ErrorReport) -> None:
    """Report every published item changed without a note, moved to a new URL, or removed
    without a takedown; ``content_dir`` is the head's (paths are reported inside it)."""
    root = os.path.abspath(content_dir)
    for change in changes:
        before, after = change.before, change.after
        if before is None or before.state != "public":
            continue
        if change.unreadable:
            continue  # its file is there but could not be read: that error is reported
        if after is None or after.state in ("draft", "scheduled"):
            _takedown(change, report, root)
            continue
        if after.state != "public":
            continue  # taken down (or expired): the takedown's own fields say why
        source = os.path.join(root, path_of(after))
        if change.content_changed:
            _note(change, after, report, source)
        if change.url_changed:
            key = "slug" if "slug" in after.lines else "title"
            report.add(
                source,
                after.line(key),
                "slug",
                f"bài đã đăng sẽ đổi đường dẫn từ /{before.url} sang /{after.url}, làm hỏng "
                f"các liên kết cũ; hãy thêm 'slug: {before.slug}' để giữ đường dẫn cũ",
                f"a published item's URL would change; add slug: {before.slug} to keep it",
            )
