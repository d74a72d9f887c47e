"""YAML built to exhaust the reader ends in a ``FrontMatterError`` naming its line, quickly and
in little memory: alias bombs, self-referencing aliases, deep nesting, a second document."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from portal.frontmatter.parse import MAX_DEPTH, MAX_KEYS, FrontMatterError, parse


def alias_bomb() -> str:
    """The classic "billion laughs": nine levels of nine aliases each (9^9 strings)."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        prev, cur = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def read(front: str) -> tuple[FrontMatterError, float, int]:
    """Parse a file with ``front`` as its front matter; the error, seconds and peak bytes."""
    data = f"---\n{front}\n---\nNội dung.\n".encode()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(FrontMatterError) as caught:
            parse(data)
        return caught.value, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_alias_bomb_is_refused_at_its_first_anchor():
    front = alias_bomb()
    assert len(front.encode()) < 600
    error, seconds, peak = read(front)
    assert (error.line, error.field) == (2, "yaml")
    assert "neo/bí danh" in error.message and "&a" in error.message
    assert "aliases" in error.english
    assert seconds < 0.5 and peak < 2_000_000, (seconds, peak)


@pytest.mark.parametrize(
    ("front", "line", "sign"),
    [
        ("title: x\ntags: &a [*a]", 3, "&a"),
        ("title: &t Tin\nsummary: *t", 2, "&t"),
        ("title: x\nsummary: *nothing", 3, "*nothing"),
        ("title: x\nunpublished: &u\n  reason: error", 3, "&u"),
    ],
)
def test_anchors_and_aliases_are_refused_with_their_line(front, line, sign):
    error, _, _ = read(front)
    assert (error.line, error.field) == (line, "yaml")
    assert sign in error.message


@pytest.mark.parametrize(
    "front",
    [
        "title: " + "[" * 3000 + "]" * 3000,
        "title: " + "{a: " * 3000 + "x" + "}" * 3000,
        "title: x\ntags:\n"
        + "".join("  " * depth + "-\n" for depth in range(200))
        + "  " * 200
        + "- x",
    ],
    ids=["brackets", "braces", "block"],
)
def test_deep_nesting_is_refused_before_recursing(front):
    error, seconds, peak = read(front)
    assert error.field == "yaml" and str(MAX_DEPTH) in error.message, error.message
    assert error.line >= 2
    assert seconds < 0.5 and peak < 2_000_000, (seconds, peak)


def test_nesting_within_the_bound_is_read():
    front = "title: x\ntags: " + "[" * (MAX_DEPTH - 1) + "a" + "]" * (MAX_DEPTH - 1)
    parsed = parse(f"---\n{front}\n---\n".encode())
    assert parsed.fields["tags"].line == 3


def test_second_yaml_document_is_refused():
    error, _, _ = read("title: x\n--- y\nsummary: z")
    assert (error.line, error.field) == (3, "yaml")


def test_control_character_names_its_line():
    error, _, _ = read('title: x\nsummary: "a\x00b"\n')
    assert (error.line, error.field) == (3, "yaml")
    assert "NUL" in error.message


def test_thousands_of_keys_are_refused_at_the_first_past_the_bound():
    front = "title: x\n" + "".join(f"k{index}: v\n" for index in range(60_000))
    error, seconds, _ = read(front)
    assert error.line == 2 + MAX_KEYS and str(MAX_KEYS) in error.message
    assert seconds < 2, seconds  # splitting 60,000 lines under tracemalloc; the YAML stops early
