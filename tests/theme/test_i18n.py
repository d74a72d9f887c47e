"""UI string catalogs: complete and current for the sources, placeholder-safe, and answering in
the language of the page being rendered."""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from jinja2 import DictLoader, Environment

from portal.schedules.week import MORNING
from portal.theme import i18n
from support import REPO

TRANSLATIONS = REPO / "theme" / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
LANGS = sorted(p.parents[1].name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
IGNORE_DIRS = (".*", "__pycache__")  # tools/i18n.sh: --ignore-dirs
FIX = "run `make i18n` (tools/i18n.sh), then translate what it lists"
# A %-format conversion as Python applies it: %(name)s, %(n)d, …, and the escaped %%.
CONVERSION = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*\d*(?:\.\d+)?(?P<type>[diouxXeEfFgGcrsa%])"
)


@functools.cache
def extracted() -> dict[str, list[str]]:
    """Every message id in the sources, as `make i18n` extracts them: msgid -> files."""
    with (REPO / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle, "babel.cfg")

    def walked(path: str) -> bool:  # as tools/i18n.sh's --ignore-dirs
        name = os.path.basename(path)
        return not any(fnmatch.fnmatch(name, pattern) for pattern in IGNORE_DIRS)

    found: dict[str, list[str]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(REPO), method_map, options_map, keywords=DEFAULT_KEYWORDS, directory_filter=walked
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault(msgid, []).append(filename)
    return found


def load(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def placeholders(text: str) -> set[str]:
    return {m["name"] for m in CONVERSION.finditer(text) if m["name"] is not None}


def formats(text: str) -> bool:
    """Whether ``text % {...}`` works: Jinja's new-style gettext always applies it, with keyword
    arguments only (a positional ``%s`` would print the whole dict)."""
    if any(m["name"] is None and m["type"] != "%" for m in CONVERSION.finditer(text)):
        return False
    try:
        text % {name: "x" for name in placeholders(text)}
    except (KeyError, TypeError, ValueError):
        return False
    return True


def describe(ids) -> str:
    """One id a line, with the files it comes from when it is in the sources."""
    where = extracted()
    return "\n".join(
        f"  {msgid!r}" + (f"  ({', '.join(sorted(set(where[msgid])))})" if msgid in where else "")
        for msgid in sorted(ids)
    )


def test_sources_have_messages_and_languages_exist():
    assert len(extracted()) > 100
    assert "Trang chủ" in extracted()
    assert "Sáng" in extracted()  # an N_() constant in plugins/portal/schedules/week.py
    assert "en" in LANGS


def test_template_is_current():
    pot = {m.id for m in load(TEMPLATE) if m.id}
    sources = set(extracted())
    assert pot == sources, (
        f"{TEMPLATE.relative_to(REPO)} is out of date; {FIX}.\n"
        f"Not in it:\n{describe(sources - pot)}\n"
        f"No longer in the sources:\n{describe(pot - sources)}"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_complete_and_current(lang):
    path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    catalog = load(path, lang)
    entries = {m.id: m for m in catalog if m.id}
    sources = set(extracted())
    missing = sources - set(entries)
    untranslated = {i for i in sources & set(entries) if not entries[i].string}
    fuzzy = {i for i, m in entries.items() if m.fuzzy}
    unused = set(entries) - sources
    obsolete = set(catalog.obsolete)
    problems = [
        f"{title}:\n{describe(ids)}"
        for title, ids in (
            ("missing (extracted from the sources, not in the catalog)", missing),
            ("untranslated", untranslated),
            ("fuzzy (ignored by the build)", fuzzy),
            ("unused (no longer in the sources)", unused),
            ("obsolete (#~ entries)", obsolete),
        )
        if ids
    ]
    assert not problems, f"{path.relative_to(REPO)} is not complete and current; {FIX}.\n" + (
        "\n".join(problems)
    )
    assert str(catalog.locale) == lang
    assert not catalog.fuzzy, "the catalog header is marked fuzzy"


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_placeholders(lang):
    catalog = load(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", lang)
    wrong = {}
    for message in catalog:
        if not message.id or not message.string:
            continue
        if message.pluralizable:  # a form may leave out %(num)s ("One document")
            expected = placeholders(message.id[1])
            forms = [form for form in message.string if form]
            used = set().union(*(placeholders(form) for form in forms))
            ok = used == expected and all(formats(form) for form in forms)
        else:
            expected = placeholders(message.id)
            ok = placeholders(message.string) == expected and formats(message.string)
        if not ok:
            wrong[str(message.id)] = message.string
    assert not wrong, "translations whose %(name)s placeholders differ from the msgid's:\n" + (
        "\n".join(f"  {msgid} -> {msgstr!r}" for msgid, msgstr in sorted(wrong.items()))
    )


def test_source_messages_format():
    """Message ids are shown as they are on Vietnamese pages, so they must format too."""
    broken = [msgid for msgid in extracted() if not formats(msgid)]
    assert not broken, "message ids that break `msgid % {...}` (write %% for %):\n" + describe(
        broken
    )


def test_no_compiled_catalogs():
    assert not list(TRANSLATIONS.rglob("*.mo")), "compiled .mo files are built in memory, not kept"


SAMPLE = (
    '{{ _("Trang chủ") }}|{{ _("Trang %(n)s", n=3) }}|{{ _("Từ khoá: %(tag)s", tag=tag) }}'
    "|{{ _(session) }}"
)


@pytest.fixture
def render():
    env = Environment(
        loader=DictLoader({"sample.html": SAMPLE}),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
    )
    i18n.install(env, TRANSLATIONS)

    def run(**context) -> str:
        return env.get_template("sample.html").render(tag="<b>", session=MORNING, **context)

    return run


def test_english_page_gets_english_strings(render):
    assert render(page=SimpleNamespace(lang="en")) == "Home|Page 3|Keyword: &lt;b&gt;|Morning"
    assert render(article=SimpleNamespace(lang="en")).startswith("Home|")


def test_vietnamese_page_gets_the_message_ids(render):
    expected = "Trang chủ|Trang 3|Từ khoá: &lt;b&gt;|Sáng"
    assert render(page=SimpleNamespace(lang="vi")) == expected
    assert render() == expected  # no page: Vietnamese
    assert render(page=SimpleNamespace(lang="fr")) == expected  # no catalog: Vietnamese
