"""Split a content file into front matter and body, and parse the front matter as YAML in which
every scalar stays a string (``012``, ``08:30``, ``no`` survive as written).

The YAML is read as libyaml's event stream (base loader: never constructed, so no tag can run
code and no implicit typing happens) and built into ``Node`` values that keep their line numbers
in the file, so every later error can point at a line. The builder has no recursion and refuses,
with the line, what front matter never needs and an attacker would use: anchors and aliases
(``&a``/``*a``, the "billion laughs" expansion), nesting deeper than ``MAX_DEPTH`` and a second
YAML document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

try:  # libyaml is ~8x faster than the pure-Python parser (measured in design.md)
    _Loader = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - PyYAML wheels ship libyaml
    _Loader = yaml.BaseLoader

DELIMITER = "---"
# Front matter is a flat mapping with lists of mappings at most (schedule items): four levels
# do; twenty leave room and stop a bracket bomb long before Python's recursion limit.
MAX_DEPTH = 20
MAX_KEY = 100  # characters of a key: the longest field name is 15
MAX_KEYS = 200  # keys of one mapping: a type has at most ~30 fields (60,000 took 3 s to report)
# Word's typographic quotes: YAML takes them for text, not for quotes.
CURLY_QUOTES = "“”‘’"
CURLY_MESSAGE = (
    "dấu nháy cong (“ ” hoặc ‘ ’, thường do chép từ Word) không phải dấu nháy của YAML; "
    'hãy thay bằng dấu nháy thẳng, ví dụ title: "Tiêu đề: phần sau"'
)
CURLY_ENGLISH = "curly quotes are not YAML quotes; use straight quotes"
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


@dataclass
class Node:
    """A YAML value with the 1-based line it starts on (for a mapping entry: its key's line)."""

    value: str | list[Node] | dict[str, Node]
    line: int
    quoted: bool = False  # a scalar written in YAML quotes ('…' or "…")

    @property
    def kind(self) -> str:
        if isinstance(self.value, dict):
            return "mapping"
        if isinstance(self.value, list):
            return "list"
        return "text"


class FrontMatterError(Exception):
    """A file whose front matter cannot be read at all."""

    def __init__(self, line: int, message: str, english: str, field: str = "front matter"):
        super().__init__(message)
        self.line = line
        self.message = message
        self.english = english
        self.field = field


@dataclass
class Parsed:
    """A content file split and parsed."""

    fields: dict[str, Node]
    body: str
    body_line: int  # line of the first body line


def decode(data: bytes) -> str:
    """Decode UTF-8 (a BOM is dropped), naming the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FrontMatterError(
            line,
            "tệp không phải UTF-8; hãy lưu lại với bảng mã UTF-8",
            "file is not valid UTF-8",
            field="encoding",
        ) from None
    return text.removeprefix("\ufeff")


def split(text: str) -> tuple[str, str, int]:
    """Return (front matter, body, first body line). The file must open with a ``---`` line."""
    if not text.strip():
        raise FrontMatterError(1, "tệp rỗng", "empty file")
    lines = text.splitlines(keepends=True)
    if lines[0].rstrip() != DELIMITER:
        raise FrontMatterError(
            1,
            "tệp phải bắt đầu bằng dòng '---' mở phần thông tin (front matter)",
            "file must start with a '---' front-matter line",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (DELIMITER, "..."):
            front = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return front, body, index + 2
    raise FrontMatterError(
        1,
        "phần thông tin (front matter) mở bằng '---' nhưng không có dòng '---' đóng lại",
        "front matter is never closed by a '---' line",
    )


def _reject_alias(event: yaml.Event, offset: int, where: tuple[str, str]) -> None:
    """Anchors and aliases are refused: front matter never needs them, and an alias expands
    without bound (a few hundred bytes can name billions of values)."""
    name = str(event.anchor)[:40]
    sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
    raise FrontMatterError(
        event.start_mark.line + offset,
        f"không dùng neo/bí danh YAML (&, *) trong {where[0]} (gặp '{sign}{name}'); "
        "hãy viết thẳng giá trị ra",
        f"YAML anchors and aliases (&, *) are not allowed in {where[1]}",
        field="yaml",
    )


def _compose(
    events: Iterable[yaml.Event], offset: int, where: tuple[str, str], max_depth: int
) -> Node | None:
    """Build ``Node`` values from libyaml's event stream with an explicit stack (no recursion):
    anchors and aliases are refused at their line, nesting deeper than ``max_depth`` is refused
    before anything deeper is read, a second document is refused."""
    root: Node | None = None
    documents = 0
    # Each frame: the Node being filled and, for a mapping, the pending key (name, line).
    stack: list[tuple[Node, list]] = []

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent, pending = stack[-1]
        if isinstance(parent.value, list):
            parent.value.append(node)
            return
        if not pending:  # this node is a key
            if node.kind != "text":
                raise FrontMatterError(
                    node.line, "tên trường phải là chữ", "a key must be plain text"
                )
            key = str(node.value).strip()
            if _UNPRINTABLE.search(key) or len(key) > MAX_KEY:
                raise FrontMatterError(
                    node.line,
                    f"tên trường '{ascii(key)[1:41]}' dài quá {MAX_KEY} ký tự hoặc có ký tự "
                    "điều khiển, xuống dòng; tên trường là một từ như 'title'",
                    "a key must be a short name on one line",
                )
            previous = parent.value.get(key)  # type: ignore[union-attr]
            if previous is not None:
                raise FrontMatterError(
                    node.line,
                    f"trường '{key}' xuất hiện hai lần (lần đầu ở dòng {previous.line})",
                    f"duplicate key '{key}'",
                    field=key,
                )
            if len(parent.value) >= MAX_KEYS:  # type: ignore[arg-type]
                raise FrontMatterError(
                    node.line,
                    f"quá {MAX_KEYS} trường trong một nhóm; {where[0]} chỉ cần vài chục trường",
                    f"more than {MAX_KEYS} keys in one mapping",
                )
            pending.extend((key, node.line))
            return
        key, key_line = pending
        pending.clear()
        node.line = key_line
        parent.value[key] = node  # type: ignore[index]

    for event in events:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            _reject_alias(event, offset, where)
        line = event.start_mark.line + offset
        if isinstance(event, yaml.ScalarEvent):
            attach(Node(event.value, line, quoted=event.style in ("'", '"')))
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= max_depth:
                raise FrontMatterError(
                    line,
                    f"dữ liệu lồng nhau quá {max_depth} tầng; {where[0]} chỉ cần vài tầng",
                    f"values nested more than {max_depth} levels deep",
                    field="yaml",
                )
            value: list | dict = [] if isinstance(event, yaml.SequenceStartEvent) else {}
            stack.append((Node(value, line), []))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            node, _ = stack.pop()
            attach(node)
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise FrontMatterError(
                    line,
                    "chỉ được có một khối YAML; hãy xoá dòng '---' thừa",
                    "expected a single YAML document",
                    field="yaml",
                )
    return root


def _reader_line(text: str, exc: yaml.YAMLError, offset: int) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return mark.line + offset
    position = getattr(exc, "position", None)  # reader errors: a character offset
    if isinstance(position, int):
        return text[:position].count("\n") + offset
    return offset


def _curly_line(text: str, exc: yaml.MarkedYAMLError) -> int | None:
    """The 0-based line of the error (or of its context) when it holds a curly quote."""
    lines = text.splitlines()
    for mark in (exc.problem_mark, exc.context_mark):
        if (
            mark is not None
            and mark.line < len(lines)
            and any(quote in lines[mark.line] for quote in CURLY_QUOTES)
        ):
            return mark.line
    return None


def load_yaml(
    text: str,
    first_line: int = 1,
    where: tuple[str, str] = ("phần đầu bài", "front matter"),
    max_depth: int = MAX_DEPTH,
) -> Node | None:
    """Parse YAML text that starts at ``first_line`` of its file; ``None`` when empty.
    ``where`` names the text in messages (Vietnamese, English)."""
    offset = first_line
    try:
        return _compose(yaml.parse(text, Loader=_Loader), offset, where, max_depth)
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or exc.context or "lỗi cú pháp"
        curly = _curly_line(text, exc)
        if curly is not None:
            raise FrontMatterError(
                curly + offset,
                f"YAML không hợp lệ ({problem}): {CURLY_MESSAGE}",
                f"invalid YAML ({problem}): {CURLY_ENGLISH}",
                field="yaml",
            ) from None
        raise FrontMatterError(
            _reader_line(text, exc, offset),
            f"YAML không hợp lệ ({problem}); kiểm tra dấu hai chấm, thụt lề và dấu nháy",
            f"invalid YAML: {problem}",
            field="yaml",
        ) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        reason = getattr(exc, "reason", "") or str(exc)
        raise FrontMatterError(
            _reader_line(text, exc, offset),
            f"YAML không đọc được ({reason}); hãy xoá ký tự điều khiển (ví dụ NUL) khỏi dòng này",
            f"unreadable YAML: {reason}",
            field="yaml",
        ) from None


def parse(data: bytes) -> Parsed:
    """Decode, split and parse one content file; the front matter must be a mapping."""
    text = decode(data)
    front, body, body_line = split(text)
    root = load_yaml(front, first_line=2)
    if root is None:
        raise FrontMatterError(1, "phần thông tin (front matter) trống", "empty front matter")
    if root.kind != "mapping":
        raise FrontMatterError(
            root.line,
            "phần thông tin phải là các dòng 'tên: giá trị', không phải danh sách hay chữ đơn",
            "front matter must be a mapping of 'key: value' lines",
        )
    return Parsed(root.value, body, body_line)  # type: ignore[arg-type]
