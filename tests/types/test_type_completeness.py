"""Every content type is complete: its templates, its UI strings in the English catalog, its rows
in the docs' field table (current with the registry) and at least one demo item."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from portal.types import REGISTRY, get
from portal.types.docs import rewrite
from support import REPO

KINDS = list(REGISTRY)
TEMPLATES = REPO / "theme" / "templates"
MODEL = REPO / "docs" / "content-model.md"


@pytest.fixture(scope="module")
def english():
    """The English UI catalog, message id → translation."""
    path = REPO / "theme" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


@pytest.mark.parametrize("kind", KINDS)
def test_type_has_its_templates(kind):
    ct = get(kind)
    assert (TEMPLATES / f"{ct.template}.html").is_file(), ct.template
    if ct.listing_template:
        assert (TEMPLATES / f"{ct.listing_template}.html").is_file(), ct.listing_template


@pytest.mark.parametrize("kind", KINDS)
def test_type_has_its_ui_strings(kind, english):
    ct = get(kind)
    for message in {ct.title, ct.nav_label, ct.search_label or ct.title}:
        assert english.get(message), f"{kind}: no English for {message!r} in messages.po"


@pytest.mark.parametrize("kind", KINDS)
def test_type_has_a_demo_item(kind):
    assert sorted(REPO.glob(f"content/*/{kind}/*.md")), f"no demo item in content/*/{kind}/"


def test_docs_field_table_is_current():
    text = MODEL.read_text(encoding="utf-8")
    assert rewrite(text) == text, (
        "docs/content-model.md's field table is out of date: run "
        ".venv/bin/python -m portal.types.docs docs/content-model.md"
    )
    for kind in KINDS:
        assert f"| `{kind}/` |" in text and f"### `{kind}/`" in text, kind
