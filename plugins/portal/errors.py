"""Content errors: one error names a file, a line and a field, in plain Vietnamese (with English).

Nothing here raises on a content mistake; readers collect ``ContentError`` values into an
``ErrorReport`` so that one run can show every mistake at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


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
        """The error as a GitHub Actions annotation."""
        message = self.message + (f" ({self.english})" if self.english else "")
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.display_path()},line={self.line},title={self.field}::{message}"


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
