"""One Markdown instance is reused between items: nothing of one item may reach the next."""

from __future__ import annotations

from portal.markup.render import render

FIRST = """\
## Mục một

Nội dung của UBND xã[^1].

[^1]: Chú thích của bài thứ nhất.

*[UBND]: Ủy ban nhân dân
"""

SECOND = """\
## Mục một

Thông báo của UBND huyện[^1].
"""


def test_footnotes_abbreviations_and_heading_ids_do_not_leak():
    first = render(FIRST)
    assert "Chú thích của bài thứ nhất" in first and 'title="Ủy ban nhân dân"' in first
    second = render(SECOND)
    assert "Chú thích của bài thứ nhất" not in second
    assert "<abbr" not in second
    assert 'id="muc-mot"' in second and "muc-mot_1" not in second
    # The same text renders the same, however many items came before.
    assert render(FIRST) == first
