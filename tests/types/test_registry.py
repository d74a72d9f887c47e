"""The content-type registry: the interface other stages and the form editor build on, and what
each type must hold."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.frontmatter.fields import Field
from portal.types import REGISTRY, ContentType, Draft, FieldSpec, get
from portal.types.base import PHASES

KINDS = list(REGISTRY)


def test_registry_is_keyed_by_folder_in_display_order():
    known = [
        "articles",
        "documents",
        "schedules",
        "invitations",
        "procedures",
        "qa",
        "consultations",
        "pages",
    ]
    assert [kind for kind in KINDS if kind in known] == known  # a new type may go anywhere
    for folder, ct in REGISTRY.items():
        assert isinstance(ct, ContentType)
        assert ct.folder == folder
        assert get(folder) is ct
    with pytest.raises(KeyError):
        get("recruitment-nope")


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_is_explained(kind):
    ct = get(kind)
    assert ct.title and ct.nav_label and ct.template
    assert ct.url_prefix or kind == "pages"
    for name, spec in ct.fields.items():
        assert isinstance(spec, FieldSpec)
        assert isinstance(spec.field, Field)
        field = spec.field
        assert (field.kind, field.required, field.choices, field.multiline) is not None
        assert field.item is None or isinstance(field.item, Field)
        assert isinstance(field.fields, dict)
        assert spec.label and spec.help, (kind, name)
        assert isinstance(spec.example, str)
        if field.required and not field.forbidden:  # portal new can write it
            assert spec.example or spec.fill, (kind, name)
    for key, name in ct.facets:
        assert key and name in ct.fields, (kind, name)
    for name in (*ct.quick_fields, *ct.feed_fields):
        assert name in ct.fields, (kind, name)


@pytest.mark.parametrize("kind", KINDS)
def test_required_fields_fill_for_a_new_file(kind):
    class Site:
        name = "Ủy ban nhân dân xã Thử"
        short_name = "Xã Thử"
        categories = ("Thông báo",)

    draft = Draft(Site(), "Tiêu đề", dt.datetime(2026, 12, 7, 9, 30), ("files/a.pdf",))
    for name, spec in get(kind).fields.items():
        if spec.field.required:
            assert spec.scaffold(draft).strip(), (kind, name)


def test_url_prefixes_are_distinct():
    prefixes = [ct.url_prefix for ct in REGISTRY.values() if ct.url_prefix]
    assert len(prefixes) == len(set(prefixes)) == len(KINDS) - 1


def test_consultation_phase_at_a_moment():
    ct = get("consultations")
    meta = {"opens": dt.date(2026, 12, 1), "closes": dt.date(2026, 12, 10)}

    def at(day):
        return ct.phase(meta, dt.datetime(*day, 12, 0))

    assert at((2026, 11, 30)) == "scheduled"
    assert at((2026, 12, 1)) == at((2026, 12, 10)) == "open"
    assert at((2026, 12, 11)) == "closed"
    assert {at((2026, 11, 30)), at((2026, 12, 1)), at((2026, 12, 11))} <= set(PHASES)


def test_document_phase_at_a_moment():
    ct = get("documents")
    meta = {"number": "5/QĐ-UBND", "effective": dt.date(2026, 12, 1)}
    assert ct.phase(meta, dt.datetime(2026, 11, 1)) == "pending"
    assert ct.phase(meta, dt.datetime(2026, 12, 1)) == "in-force"
    assert ct.phase(meta, dt.datetime(2026, 12, 1), frozenset({"5/qđ-ubnd"})) == "replaced"
    expired = {**meta, "expires_on": dt.date(2027, 1, 1)}
    assert ct.phase(expired, dt.datetime(2027, 1, 1)) == "expired"


def test_a_consultation_belongs_to_the_day_it_opens_in_listings_and_search():
    """One answer (issue 14): listings sorted by ``closes`` and search by ``opens`` before."""
    ct = get("consultations")
    early = {"opens": dt.date(2026, 11, 1), "closes": dt.date(2026, 12, 31)}
    late = {"opens": dt.date(2026, 11, 20), "closes": dt.date(2026, 11, 30)}
    assert ct.day(late) == dt.date(2026, 11, 20)
    newest_first = sorted([early, late], key=ct.sort_key, reverse=True)
    assert newest_first == sorted([early, late], key=ct.day, reverse=True) == [late, early]


@pytest.mark.parametrize("kind", KINDS)
def test_phase_of_an_item_with_errors_is_still_a_phase(kind):
    """A file whose dates failed to convert is still scanned (its errors are reported)."""
    now = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
    assert get(kind).phase({}, now) in PHASES
    assert get(kind).phase({"title": "x"}, now, frozenset({"x"})) in PHASES
