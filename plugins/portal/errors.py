"""Content errors: one error names a file, a line and a field, in plain Vietnamese (with English).

Nothing here raises on a content mistake; readers collect ``ContentError`` values into an
``ErrorReport`` so that one run can show every mistake at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class ContentError:
    """One mistake in one place of one file."""

    path: str
    line: int
    field: str
    message: str  # Vietnamese, for collaborators
    english: str = ""  # the English twin

    def display_path(self) -> str:
        """The path relative to the working directory when it lies inside it."""
        try:
            rel = os.path.relpath(self.path)
        except ValueError:
            return self.path
        return self.path if rel.startswith("..") else rel

    def __str__(self) -> str:
        text = f"{self.display_path()}:{self.line}: {self.field}: {self.message}"
        if self.english:
            text += f" ({self.english})"
        return text

    def github(self) -> str:
        """The error as one GitHub Actions workflow command on one line, escaped as the
        Actions toolkit escapes (``@actions/core``): a file name or a key can hold ``%0A``,
        ``::``, ``,`` or a line break and still never start a command of its own."""
        message = self.message + (f" ({self.english})" if self.english else "")
        properties = f"file={_property(self.display_path())},line={self.line}"
        return f"::error {properties},title={_property(self.field)}::{_data(message)}"


@dataclass
class ErrorReport:
    """Every error found in one run, in file and line order."""

    errors: list[ContentError] = field(default_factory=list)

    def add(
        self, path: str | Path, line: int, fieldname: str, message: str, english: str = ""
    ) -> None:
        self.errors.append(ContentError(str(path), max(int(line), 1), fieldname, message, english))

    def extend(self, other: ErrorReport) -> None:
        self.errors.extend(other.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def sorted(self) -> list[ContentError]:
        return sorted(set(self.errors))


class ContentErrors(Exception):
    """Raised by the build when content has errors; carries the report."""

    def __init__(self, report: ErrorReport):
        self.report = report
        super().__init__(f"{len(report)} content error(s)")
