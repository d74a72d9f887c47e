"""What an item's page shows from its history and its front matter together: the "Cập nhật lúc"
moment and the update list, including a note not committed yet."""

from __future__ import annotations

import datetime as dt

from portal.catalog.item import Item
from portal.frontmatter.fields import TIMEZONE
from portal.history import ItemHistory, Update


def at(day: int, hour: int = 8) -> dt.datetime:
    return dt.datetime(2026, 10, day, hour, 0, tzinfo=TIMEZONE)


def item(**meta) -> Item:
    return Item("huyen", "articles", "/x/a.md", "articles/a.md", meta, {})


def with_history(meta: dict, **values) -> Item:
    made = item(**meta)
    made.history = ItemHistory(
        created=at(1), last_commit=at(9), authors=(), creators=(), changes=(), **values
    )
    return made


def test_updated_is_the_later_of_modified_and_the_last_update():
    assert item().updated is None
    assert item(modified=at(5)).updated == at(5)
    assert with_history({"modified": at(5)}, last_update=at(6)).updated == at(6)
    assert with_history({"modified": at(7)}, last_update=at(6)).updated == at(7)
    assert with_history({}, last_update=None).updated is None


def test_update_log_newest_first_and_the_uncommitted_note_on_top():
    updates = (Update(at(3), "Một", "a"), Update(at(5), "Hai", "b"))
    committed = with_history({"modified": at(5, 7), "change_note": "Hai"}, updates=updates)
    assert [u.note for u in committed.update_log] == ["Hai", "Một"]
    pending = with_history({"modified": at(8), "change_note": "Ba"}, updates=updates)
    assert [(u.date, u.note) for u in pending.update_log] == [
        (at(8), "Ba"),
        (at(5), "Hai"),
        (at(3), "Một"),
    ]


def test_no_list_without_git_updates():
    assert item(modified=at(5), change_note="Một").update_log == ()
    assert with_history({"modified": at(5), "change_note": "Một"}).update_log == ()
