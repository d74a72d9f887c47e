"""Checks of one item that need more than its front matter: what ``portal new`` left in it, its
date against the date in its file name, and that name itself.

Contract: ``check_item(path, kind, meta, fields, body, body_line, report)`` adds one
``file:line: field: message`` error per slip (Vietnamese, with the English twin) and never
raises. A draft is not checked for leftovers: ``portal new`` writes a draft with '…' to fill.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from portal import scaffold  # a module (it imports the catalog): its names read at run time
from portal.errors import ErrorReport
from portal.frontmatter.parse import Node
from portal.slugs import slugify

# A file named ``2026-12-09-…``: the day the author meant. A ``date`` further than this from it
# is a typing slip (2062 for 2026), which would schedule the item for years and hide it.
DATE_SLACK_DAYS = 31
# CONTRIBUTING.md: a content file's name is lower case without tone marks, words joined by '-'.
_FILE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
_FILE_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:-|\.md$)")


def _texts(fields: dict[str, Node], prefix: str = "") -> Iterator[tuple[str, Node]]:
    """Every text value with its field name (``items[2].content``), in file order."""
    stack: list[tuple[str, Node]] = [(prefix + k, v) for k, v in reversed(fields.items())]
    while stack:
        name, node = stack.pop()
        if isinstance(node.value, dict):
            stack += [(f"{name}.{k}", v) for k, v in reversed(node.value.items())]
        elif isinstance(node.value, list):
            stack += [(f"{name}[{i + 1}]", v) for i, v in reversed(list(enumerate(node.value)))]
        else:
            yield name, node


def is_placeholder(value: str) -> bool:
    """Whether ``value`` is one ``portal new`` writes to be replaced (``…``, ``…/…-UBND``)."""
    return value.strip() in scaffold.PLACEHOLDERS


def check_file_name(path: Path, report: ErrorReport) -> None:
    """A content file's name: lower-case ASCII letters and digits joined by '-', ``.md``."""
    if not _FILE_NAME.match(path.name):
        stem = path.name.removesuffix(path.suffix)
        report.add(
            str(path),
            1,
            "file",
            f"tên tệp '{path.name}' phải là chữ thường không dấu và số, nối bằng dấu gạch ngang, "
            f"đuôi .md, ví dụ '2026-12-05-ra-quan-lam-duong.md'; hãy đổi tên thành "
            f"'{slugify(stem) or 'ten-tep'}.md'",
            "a content file's name is lower-case a-z, 0-9 and '-', ending in .md",
        )


def file_day(path: str | Path) -> dt.date | None:
    """The date a file name starts with (``2026-12-09-le-hoi.md``), if a real one."""
    match = _FILE_DAY.match(Path(path).name)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def check_item(
    path: str,
    kind: str,
    meta: dict[str, Any],
    fields: dict[str, Node],
    body: str,
    body_line: int,
    report: ErrorReport,
) -> None:
    _check_date(path, kind, meta, fields, report)
    if meta.get("status") == "draft":
        return
    for name, node in _texts(fields):
        if is_placeholder(str(node.value)):
            report.add(
                path,
                node.line,
                name,
                f"'{str(node.value).strip()}' là chỗ trống của mẫu 'portal new'; hãy điền giá trị "
                "thật (hoặc xoá dòng nếu trường không bắt buộc)",
                "a placeholder left from portal new's template",
            )
    if body.strip() == scaffold.TEMPLATE_BODY:
        report.add(
            path,
            body_line + len(body) - len(body.lstrip("\n")),
            "body",
            f"nội dung vẫn là câu mẫu của 'portal new' ('{scaffold.TEMPLATE_BODY}'); "
            "hãy viết nội dung bài",
            "the body is still portal new's template text",
        )
    summary, title = meta.get("summary"), meta.get("title")
    if kind == "documents" and summary and title and summary.casefold() == title.casefold():
        report.add(
            path,
            fields["summary"].line,
            "summary",
            "trích yếu (summary) đang giống hệt tiêu đề, như mẫu 'portal new' để lại; hãy ghi "
            "trích yếu nội dung văn bản",
            "a document's summary identical to its title (portal new's template)",
        )


def _check_date(
    path: str, kind: str, meta: dict[str, Any], fields: dict[str, Node], report: ErrorReport
) -> None:
    day = file_day(path)
    date = meta.get("date")
    if kind == "pages" or day is None or not isinstance(date, dt.datetime):
        return
    apart = abs((date.date() - day).days)
    if apart > DATE_SLACK_DAYS:
        report.add(
            path,
            fields["date"].line,
            "date",
            f"ngày đăng {date:%Y-%m-%d} cách ngày trong tên tệp ({day.isoformat()}) {apart} "
            f"ngày; hãy kiểm tra lại năm và tháng (ngày đăng trong tương lai là hẹn giờ: bài "
            "không hiện ra đến ngày đó)",
            f"date is {apart} days away from the date in the file name "
            f"(more than {DATE_SLACK_DAYS})",
        )
