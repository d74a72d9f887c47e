"""Property tests (Hypothesis) on the three doors content comes through: the front-matter reader,
the slug folding and the Markdown sanitiser. Whatever a contributor writes, nothing but the clean
content error escapes the reader, slugs are plain ASCII, and sanitised HTML holds no active
content.

Each property runs a few hundred examples in ``make test``; ``make test-slow`` runs the slow
twins with 10,000 examples each."""

from __future__ import annotations

import contextlib
import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.errors import ErrorReport
from portal.frontmatter.fields import validate
from portal.frontmatter.parse import FrontMatterError, parse
from portal.frontmatter.schema import check_rules
from portal.markup.render import render
from portal.slugs import slugify
from portal.types import REGISTRY

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))

# Pieces contributors (and attackers) actually type: YAML syntax, Vietnamese text, numbers and
# times YAML 1.1 would mangle, HTML and URL schemes.
YAML_BITS = st.sampled_from(
    [
        "title: ",
        "date: ",
        "category: ",
        "tags: ",
        "files: ",
        "number: ",
        "- ",
        ": ",
        "---",
        "\n",
        "  ",
        "[",
        "]",
        "{",
        "}",
        '"',
        "'",
        "#",
        "&a",
        "*a",
        "!!python/object:os.system",
        "!!binary",
        "<<: ",
        "? ",
        "|",
        ">",
        "012",
        "8:30",
        "no",
        "2026-11-20 08:30",
        "2026-W47",
        "Đăng ký đất đai",
        "12/QĐ-UBND",
        "\t",
        "\x00",
        "\ufeff",
        "\u202e",
        "~",
        "null",
        "1e400",
    ]
)
FRONT = st.lists(st.one_of(YAML_BITS, st.text(max_size=8)), max_size=40).map("".join)
KINDS = st.sampled_from(sorted(REGISTRY))


def read(front: str, body: str, kind: str) -> None:
    """Parse and validate one file the way the catalog does."""
    data = f"---\n{front}\n---\n{body}".encode("utf-8", errors="surrogatepass")
    try:
        parsed = parse(data)
    except FrontMatterError as exc:
        assert exc.line >= 1 and exc.message and exc.english
        return
    report = ErrorReport()
    values = validate(parsed.fields, REGISTRY[kind].schema, report, "f.md", 1)
    check_rules(kind, values, parsed.fields, report, "f.md")
    for error in report.sorted():
        assert error.line >= 1 and error.message


def check_reader(front: str, body: str, kind: str) -> None:
    with contextlib.suppress(UnicodeEncodeError):  # a lone surrogate is no file's bytes
        read(front, body, kind)


@FAST
@given(FRONT, st.text(max_size=50), KINDS)
def test_reader_raises_only_content_errors(front, body, kind):
    check_reader(front, body, kind)


@FAST
@given(st.binary(max_size=300))
def test_reader_survives_any_bytes(data):
    try:
        parse(data)
    except FrontMatterError as exc:
        assert exc.message and exc.english


SLUG = re.compile(r"^([a-z0-9]+(-[a-z0-9]+)*)?$")


@FAST
@given(st.text())
def test_slugs_are_plain_ascii(text):
    slug = slugify(text)
    assert SLUG.match(slug), slug
    assert slugify(slug) == slug  # folding twice changes nothing


HTML_BITS = st.sampled_from(
    [
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "<a href='javascript:x'>",
        '<a href="jav&#x09;ascript:x">',
        "<svg onload=x>",
        "<iframe src=//evil>",
        "<style>",
        "<object data=x>",
        "<embed src=x>",
        "<form action=//evil>",
        "<math><mi//xlink:href=x>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "[x](javascript:alert(1))",
        "![x](data:text/html,x)",
        '<div style="background:url(x)">',
        "<meta http-equiv=refresh>",
        "<base href=//evil>",
        "<details open ontoggle=x>",
        "```",
        "\n\n",
        "* ",
        "| a |",
        "&lt;",
        "<",
        ">",
        '"',
        "'",
        "vbscript:",
        "data:",
        "JaVaScRiPt:",
        "on",
        "=",
        "Đ",
        " ",
    ]
)
MARKDOWN = st.lists(st.one_of(HTML_BITS, st.text(max_size=6)), max_size=40).map("".join)
ACTIVE_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "form",
    "meta",
    "base",
    "link",
    "frame",
    "frameset",
    "template",
    "input",
    "button",
    "textarea",
    "select",
}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")


def active_parts(html: str) -> list[str]:
    """What a browser would treat as active in ``html``: read as a browser reads it."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name in ACTIVE_TAGS:
            found.append(f"<{tag.name}>")
        for attr, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on") or attr.lower() == "style":
                found.append(f"{attr}= on <{tag.name}>")
            if attr.lower() in URL_ATTRS:
                url = re.sub(r"[\x00-\x20]", "", text).lower()
                if ":" in url.split("/")[0] and not url.startswith(SAFE_SCHEMES):
                    found.append(f"{attr}={text!r} on <{tag.name}>")
    return found


def check_sanitiser(text: str) -> None:
    html = render(text)
    assert not active_parts(html), html


@FAST
@given(MARKDOWN)
def test_sanitised_output_holds_no_active_content(text):
    check_sanitiser(text)


@pytest.mark.slow
@SLOW
@given(FRONT, st.text(max_size=50), KINDS)
def test_reader_raises_only_content_errors_10k(front, body, kind):
    check_reader(front, body, kind)


@pytest.mark.slow
@SLOW
@given(st.text())
def test_slugs_are_plain_ascii_10k(text):
    assert SLUG.match(slugify(text))


@pytest.mark.slow
@SLOW
@given(MARKDOWN)
def test_sanitised_output_holds_no_active_content_10k(text):
    check_sanitiser(text)
