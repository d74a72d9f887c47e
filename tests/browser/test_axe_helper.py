"""The axe-core helper can fail: it reports known serious violations on a tiny page, and
nothing on a clean one."""

from __future__ import annotations

import pytest
from axe import run_axe, serious_violations

pytestmark = pytest.mark.browser

PNG = bytes.fromhex(  # a 1×1 transparent PNG
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001"
    "0d0a2db40000000049454e44ae426082"
)

BROKEN = """<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>Trang lỗi</title><link rel="stylesheet" href="tiny.css"></head>
<body>
<main>
  <h1>Trang lỗi</h1>
  <img src="dot.png">
  <p class="pale">Chữ quá nhạt để đọc.</p>
</main>
</body>
</html>
"""

CLEAN = """<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>Trang sạch</title><link rel="stylesheet" href="tiny.css"></head>
<body>
<main>
  <h1>Trang sạch</h1>
  <img src="dot.png" alt="Một chấm">
  <p class="dark">Chữ đủ đậm để đọc.</p>
</main>
</body>
</html>
"""


@pytest.fixture
def tiny_site(tmp_path, serve) -> str:
    (tmp_path / "broken.html").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "clean.html").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "dot.png").write_bytes(PNG)
    # A stylesheet, not style attributes: the test server's CSP allows no inline style.
    (tmp_path / "tiny.css").write_text(
        ".pale { color: #bbbbbb; background: #ffffff; }\n"
        ".dark { color: #222222; background: #ffffff; }\n",
        encoding="utf-8",
    )
    return serve(tmp_path)


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_reports_serious_violations(page, tiny_site):
    page.goto(f"{tiny_site}/broken.html")
    results = run_axe(page)
    lines = serious_violations(results)
    by_rule = {line.split(" ", 1)[0]: line for line in lines}
    assert set(by_rule) == {"image-alt", "color-contrast"}, lines
    assert "img" in by_rule["image-alt"]
    assert "(critical)" in by_rule["image-alt"]
    assert "(serious)" in by_rule["color-contrast"]
    assert "p" in by_rule["color-contrast"]


def test_clean_page_has_none(page, tiny_site):
    page.goto(f"{tiny_site}/clean.html")
    results = run_axe(page)
    assert serious_violations(results) == []
    assert results["passes"], "axe ran no rule at all"
