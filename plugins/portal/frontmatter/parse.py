"""Split a content file into front matter and body, and parse the front matter as YAML in which
every scalar stays a string (``012``, ``08:30``, ``no`` survive as written).

The YAML is composed (never constructed) with libyaml's base loader, so no tag can run code and no
implicit typing happens; the node tree is turned into ``Node`` values that keep their line numbers
in the file, so every later error can point at a line.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

try:  # libyaml is ~8x faster than the pure-Python parser (measured in design.md)
    _Loader = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - PyYAML wheels ship libyaml
    _Loader = yaml.BaseLoader

DELIMITER = "---"


@dataclass
class Node:
    """A YAML value with the 1-based line it starts on (for a mapping entry: its key's line)."""

    value: str | list[Node] | dict[str, Node]
    line: int

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


def _convert(node: yaml.Node, offset: int) -> Node:
    line = node.start_mark.line + offset
    if isinstance(node, yaml.ScalarNode):
        return Node(node.value, line)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, offset) for item in node.value], line)
    mapping: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + offset
        if not isinstance(key_node, yaml.ScalarNode):
            raise FrontMatterError(key_line, "tên trường phải là chữ", "a key must be plain text")
        key = key_node.value.strip()
        if key in mapping:
            raise FrontMatterError(
                key_line,
                f"trường '{key}' xuất hiện hai lần (lần đầu ở dòng {mapping[key].line})",
                f"duplicate key '{key}'",
                field=key,
            )
        value = _convert(value_node, offset)
        value.line = key_line
        mapping[key] = value
    return Node(mapping, line)


def load_yaml(text: str, first_line: int = 1) -> Node | None:
    """Parse YAML text that starts at ``first_line`` of its file; ``None`` when empty."""
    offset = first_line
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset if mark else first_line
        problem = exc.problem or exc.context or "lỗi cú pháp"
        raise FrontMatterError(
            line,
            f"YAML không hợp lệ ({problem}); kiểm tra dấu hai chấm, thụt lề và dấu nháy",
            f"invalid YAML: {problem}",
            field="yaml",
        ) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        raise FrontMatterError(
            first_line, f"YAML không đọc được ({exc})", "unreadable YAML", field="yaml"
        ) from None
    return None if root is None else _convert(root, offset)


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
