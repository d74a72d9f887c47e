"""Field kinds: how a string from the front matter becomes a typed value, with plain-words errors.

A schema is a ``dict[str, Field]``; ``validate`` walks a parsed mapping against it, converts every
value and reports every problem (unknown key, missing field, wrong shape, bad value) to an
``ErrorReport`` with the line it comes from.

Every value is bounded before it is converted, so nothing a later stage copies into pages, file
names, feeds or calendars can surprise it: no control character (NUL …) anywhere, no line break
in a one-line field (all but ``multiline`` ones: a title is one line), at most ``MAX_LINE``
characters in a one-line value and ``MAX_TEXT`` in a multi-line one, at most ``MAX_ITEMS``
entries in a list, years of dates within ``YEARS``, whole numbers up to ``MAX_INT``, time-zone
offsets within ±14:00.

The converters (``to_date``, ``to_datetime``, ``to_time``, ``to_bool``, ``to_int``, ``to_email``,
``to_url``, ``to_slug``) are public: the CLI's ``--now``, git trailers and the path map read a
value by the same rule as the front matter, raising ``Invalid``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from portal import mail
from portal.errors import ErrorReport
from portal.frontmatter.parse import CURLY_ENGLISH, CURLY_MESSAGE, CURLY_QUOTES, Node
from portal.slugs import MAX_SLUG

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")

# ASCII digits only: Python's \d also takes Arabic-Indic or full-width digits.
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$",
    re.ASCII,
)
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$", re.ASCII)
# A government portal publishes from the founding documents of the last century to plans for
# the next decades; a year outside this range is a typo (0001-01-01 crashed the calendars).
YEARS = (1900, 2100)
MAX_LINE = 1_000  # characters of a one-line value (a document's title may run to 300-500)
MAX_TEXT = 20_000  # characters of a multi-line value (a summary, a citizen's question)
MAX_ITEMS = 1_000  # entries of one list
MAX_INT = 999_999
MAX_OFFSET = dt.timedelta(hours=14)  # the widest offset in use (UTC+14, Kiribati)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]")
TRUE = {"true", "yes", "có", "co", "1"}
FALSE = {"false", "no", "không", "khong", "0"}


class Invalid(ValueError):
    """A value that cannot be converted: Vietnamese message and English twin."""

    def __init__(self, message: str, english: str):
        super().__init__(message)
        self.message = message
        self.english = english


def check_year(year: int) -> None:
    """Refuse a year outside ``YEARS``."""
    if not YEARS[0] <= year <= YEARS[1]:
        raise Invalid(
            f"năm {year} nằm ngoài khoảng {YEARS[0]}–{YEARS[1]}; hãy kiểm tra lại ngày tháng",
            f"the year must be between {YEARS[0]} and {YEARS[1]}",
        )


def to_date(value: str) -> dt.date:
    match = _DATE.match(value)
    if not match:
        raise Invalid(
            f"ngày '{value}' không đúng dạng NNNN-TT-NN (ví dụ 2026-11-20)",
            "date must be YYYY-MM-DD",
        )
    check_year(int(match[1]))
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        raise Invalid(f"ngày '{value}' không có trên lịch", "no such date") from None


def to_datetime(value: str) -> dt.datetime:
    match = _DATETIME.match(value)
    if not match:
        raise Invalid(
            f"thời điểm '{value}' không đúng dạng NNNN-TT-NN GG:PP (ví dụ 2026-11-20 08:30)",
            "date-time must be YYYY-MM-DD HH:MM",
        )
    year, month, day, hour, minute, second, offset = match.groups()
    check_year(int(year))
    try:
        moment = dt.datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        raise Invalid(f"thời điểm '{value}' không có trên lịch", "no such date or time") from None
    if offset is None:
        return moment.replace(tzinfo=TIMEZONE)
    if offset == "Z":
        return moment.replace(tzinfo=dt.UTC)
    sign = 1 if offset[0] == "+" else -1
    digits = offset[1:].replace(":", "")
    delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if delta > MAX_OFFSET or int(digits[2:]) >= 60:
        raise Invalid(
            f"độ lệch múi giờ '{offset}' không tồn tại (giờ Việt Nam là +07:00)",
            "no such time-zone offset",
        )
    return moment.replace(tzinfo=dt.timezone(sign * delta))


def to_time(value: str) -> dt.time:
    match = _TIME.match(value)
    if not match:
        raise Invalid(f"giờ '{value}' không đúng dạng GG:PP (ví dụ 08:30)", "time must be HH:MM")
    try:
        return dt.time(int(match[1]), int(match[2]))
    except ValueError:
        raise Invalid(f"giờ '{value}' không tồn tại", "no such time") from None


def to_bool(value: str) -> bool:
    folded = value.lower()
    if folded in TRUE:
        return True
    if folded in FALSE:
        return False
    raise Invalid(f"'{value}' phải là true hoặc false", "must be true or false")


def to_int(value: str) -> int:
    if not re.fullmatch(r"[0-9]+", value):
        raise Invalid(f"'{value}' phải là một số nguyên", "must be a whole number")
    if len(value) > 6 or int(value) > MAX_INT:
        raise Invalid(f"số '{value}' quá lớn (tối đa {MAX_INT})", f"at most {MAX_INT}")
    return int(value)


def to_email(value: str) -> str:
    try:  # the one rule portal notify sends by (portal.mail)
        return mail.check_address(value)
    except mail.AddressError as exc:
        raise Invalid(exc.message, exc.english) from None


def to_url(value: str) -> str:
    try:
        parsed = urlparse(value)
    except ValueError:  # an unclosed '[' (IPv6), a host that changes under NFKC …
        parsed = urlparse("")
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise Invalid(
            f"'{value}' phải là địa chỉ web đầy đủ bắt đầu bằng https://",
            "must be a full http(s) URL",
        )
    return value


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # also every site id of sites.yml


def to_slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise Invalid(
            f"slug '{value}' chỉ được gồm chữ thường không dấu, số và dấu '-'",
            "slug may hold only a-z, 0-9 and '-'",
        )
    if len(value) > MAX_SLUG:
        raise Invalid(
            f"slug dài {len(value)} ký tự, quá giới hạn {MAX_SLUG}; hãy đặt slug ngắn hơn",
            f"slug over {MAX_SLUG} characters",
        )
    return value


def to_text(value: str) -> str:
    return value


CONVERTERS: dict[str, Callable[[str], Any]] = {
    "text": to_text,
    "date": to_date,
    "datetime": to_datetime,
    "time": to_time,
    "bool": to_bool,
    "int": to_int,
    "email": to_email,
    "url": to_url,
    "slug": to_slug,
    "path": to_text,  # resolved against the file system by the catalog
}

KIND_NAMES = {
    "list": "một danh sách",
    "mapping": "một nhóm 'tên: giá trị'",
    "records": "một danh sách các mục",
}


@dataclass(frozen=True)
class Field:
    """How one key is read. ``kind`` is a converter name, ``enum``, ``list``, ``mapping`` or
    ``records`` (a list of mappings)."""

    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    item: Field | None = None
    fields: dict[str, Field] = field(default_factory=dict)
    single_ok: bool = True  # a list field also accepts one scalar
    multiline: bool = False  # a text that may hold line breaks (a summary, a question)
    limit: int = 0  # characters at most; 0: MAX_TEXT if multiline, else MAX_LINE
    forbidden: tuple[str, str] = ()  # (Vietnamese, English) why this key may not appear


def check_text(spec: Field, value: str) -> None:
    """Refuse control characters, a line break in a one-line field and an overlong value."""
    bad = _CONTROL.search(value)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        raise Invalid(
            f"có ký tự điều khiển không in được ({code}) ở ký tự thứ {bad.start() + 1}; "
            "hãy xoá nó hoặc gõ lại giá trị này",
            f"control character {code} in the value",
        )
    if not spec.multiline and _LINE_BREAK.search(value):
        raise Invalid(
            "phải viết trên một dòng, không xuống dòng", "must be one line, without line breaks"
        )
    limit = spec.limit or (MAX_TEXT if spec.multiline else MAX_LINE)
    if len(value) > limit:
        raise Invalid(
            f"dài {len(value):,} ký tự, quá giới hạn {limit:,} ký tự; hãy viết ngắn lại "
            "(phần chi tiết đưa vào nội dung bài)",
            f"{len(value)} characters, over the limit of {limit}",
        )


def convert_scalar(spec: Field, value: str) -> Any:
    if spec.kind == "enum":
        for choice in spec.choices:
            if value.lower() == choice.lower():
                return choice
        allowed = ", ".join(spec.choices)
        raise Invalid(f"'{value}' không hợp lệ; chỉ nhận: {allowed}", f"must be one of: {allowed}")
    return CONVERTERS[spec.kind](value)


def validate(
    mapping: dict[str, Node],
    schema: dict[str, Field],
    report: ErrorReport,
    path: str,
    line: int,
    prefix: str = "",
) -> dict[str, Any]:
    """Convert ``mapping`` by ``schema``; report every problem; return what converted cleanly."""
    values: dict[str, Any] = {}
    for key, node in mapping.items():
        name = prefix + key
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.7)
            hint = f"; có phải ý bạn là '{close[0]}'?" if close else ""
            report.add(
                path,
                node.line,
                name,
                f"trường không được biết đến{hint}",
                f"unknown field{'; did you mean ' + repr(close[0]) + '?' if close else ''}",
            )
            continue
        if schema[key].forbidden:
            report.add(path, node.line, name, *schema[key].forbidden)
            continue
        converted = _value(schema[key], node, report, path, name)
        if converted is not None:
            values[key] = converted
    for key, spec in schema.items():
        if spec.required and key not in mapping:
            report.add(path, line, prefix + key, "thiếu trường bắt buộc", "required field missing")
        elif spec.required and key in mapping and key not in values and _is_blank(mapping[key]):
            report.add(
                path,
                mapping[key].line,
                prefix + key,
                "trường bắt buộc đang để trống",
                "required field is empty",
            )
    return values


def curly_quoted(text: str) -> bool:
    """Whether a value is wrapped in Word's curly quotes as if they were YAML's (“Tiêu đề”), and
    holds none inside (“Ngày hội” và “Lễ hội” is text that quotes twice)."""
    return (
        len(text) >= 2
        and text[0] in CURLY_QUOTES
        and text[-1] in CURLY_QUOTES
        and not any(quote in text[1:-1] for quote in CURLY_QUOTES)
    )


def comma_list_hint(name: str, text: str) -> tuple[str, str]:
    """The message for ``tags: giao thông, nông thôn``: a list is written in brackets."""
    key = name.rsplit(".", 1)[-1].split("[", 1)[0]
    parts = ", ".join(part.strip() for part in text.split(",") if part.strip())
    return (
        f"'{text}' là một chuỗi có dấu phẩy, không phải danh sách; hãy viết danh sách trong "
        f"ngoặc vuông: {key}: [{parts}] (nếu đây là một mục có dấu phẩy, hãy đặt nó trong "
        f'dấu nháy: {key}: ["{text}"])',
        f"a comma-separated string where a list is expected; write {key}: [{parts}]",
    )


def _is_blank(node: Node) -> bool:
    return node.kind == "text" and not str(node.value).strip()


def _value(spec: Field, node: Node, report: ErrorReport, path: str, name: str) -> Any:
    if spec.kind in ("mapping", "records", "list"):
        return _compound(spec, node, report, path, name)
    if node.kind != "text":
        report.add(
            path,
            node.line,
            name,
            f"phải là một giá trị đơn, không phải {KIND_NAMES[node.kind]}",
            "must be a single value",
        )
        return None
    text = str(node.value).strip()
    if not text:
        return None
    if curly_quoted(text) and not node.quoted:
        report.add(path, node.line, name, CURLY_MESSAGE, CURLY_ENGLISH)
        return None
    try:
        check_text(spec, text)
        return convert_scalar(spec, text)
    except Invalid as exc:
        report.add(path, node.line, name, exc.message, exc.english)
        return None


def _compound(spec: Field, node: Node, report: ErrorReport, path: str, name: str) -> Any:
    if spec.kind == "mapping":
        if node.kind != "mapping":
            report.add(
                path, node.line, name, "phải là một nhóm 'tên: giá trị'", "must be a mapping"
            )
            return None
        return validate(node.value, spec.fields, report, path, node.line, name + ".")  # type: ignore[arg-type]
    items = node.value
    if node.kind == "text":
        if not str(items).strip():
            return None
        if not spec.single_ok or spec.kind == "records":
            report.add(path, node.line, name, "phải là một danh sách", "must be a list")
            return None
        if "," in str(items) and not node.quoted:
            report.add(path, node.line, name, *comma_list_hint(name, str(items).strip()))
            return None
        items = [node]
    elif node.kind == "mapping":
        report.add(path, node.line, name, "phải là một danh sách", "must be a list")
        return None
    if len(items) > MAX_ITEMS:
        report.add(
            path,
            node.line,
            name,
            f"có {len(items):,} mục, quá giới hạn {MAX_ITEMS:,} mục",
            f"{len(items)} entries, over the limit of {MAX_ITEMS}",
        )
        return None
    result = []
    for index, item in enumerate(items):  # type: ignore[arg-type]
        item_name = f"{name}[{index + 1}]"
        if spec.kind == "records":
            if item.kind != "mapping":
                report.add(
                    path,
                    item.line,
                    item_name,
                    "mỗi mục phải là nhóm 'tên: giá trị'",
                    "each item must be a mapping",
                )
                continue
            result.append(
                validate(item.value, spec.fields, report, path, item.line, item_name + ".")
            )
        else:
            converted = _value(spec.item or Field(), item, report, path, item_name)
            if converted is not None:
                result.append(converted)
    return result
