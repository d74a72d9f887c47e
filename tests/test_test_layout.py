"""The test folders have no __init__.py, so pytest imports each test module (and conftest) by its
base name: two modules with one name stop the collection of the second ("import file mismatch"),
and ``from conftest import …`` picks whichever conftest was imported first."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).parent


def test_test_modules_have_unique_names():
    seen: dict[str, list[str]] = defaultdict(list)
    for path in TESTS.rglob("test_*.py"):
        if "fixtures" not in path.relative_to(TESTS).parts:
            seen[path.name].append(path.relative_to(TESTS).as_posix())
    assert not {name: paths for name, paths in seen.items() if len(paths) > 1}


def test_no_test_imports_from_conftest():
    offenders = [
        path.relative_to(TESTS).as_posix()
        for path in TESTS.rglob("*.py")
        if "fixtures" not in path.relative_to(TESTS).parts
        and any(
            line.startswith(("from conftest import", "import conftest"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert not offenders
