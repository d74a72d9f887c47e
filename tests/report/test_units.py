"""sites.yml ``units``: a fixed list of unit names per site, so that a typo in an item's ``unit``
is an error naming the file and line (with the likely name) instead of a new unit in the tally."""

from __future__ import annotations

from portal.catalog.tree import scan
from portal.errors import ErrorReport
from support import DEMO_NOW, SITES_YML, article

UNITS = SITES_YML.replace(
    '  categories: ["Tin tức - Sự kiện", "Thông báo"]\n',
    '  categories: ["Tin tức - Sự kiện", "Thông báo"]\n'
    '  units: ["Phòng Tư pháp", "Văn phòng HĐND và UBND"]\n',
    1,
)


def test_a_unit_outside_the_list_is_an_error(make_content):
    assert UNITS != SITES_YML
    content = make_content(
        {
            "huyen/articles/a.md": article("Tin một", unit='"Phòng Tư pháp"'),
            "huyen/articles/b.md": article("Tin hai", unit='"Phòng Tư Pháp"'),
            "xa/articles/c.md": article("Tin ba", category='"Tin tức - Sự kiện"', unit="Bất kỳ"),
        },
        sites=UNITS,
    )
    report = ErrorReport()
    scan(content, DEMO_NOW, report)
    (error,) = report.sorted()  # the member has no list: any name goes
    assert error.path.endswith("huyen/articles/b.md")
    assert (error.line, error.field) == (5, "unit")
    assert error.message == (
        "đơn vị 'Phòng Tư Pháp' không có trong danh sách 'units' của trang trong sites.yml; "
        "có phải 'Phòng Tư pháp'?"
    )
