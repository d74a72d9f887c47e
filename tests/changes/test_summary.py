"""``portal changes``: the pages a pull request adds, changes and removes, per site, linked into
the preview; read from a real git repository and asserted on the rendered Markdown."""

from __future__ import annotations

import json

import markdown
from bs4 import BeautifulSoup

from support import PDF, SITES_YML, article

PREVIEW = "https://pr-12.preview.example"
XA = '"Tin tức - Sự kiện"'
BASE = {
    "sites.yml": SITES_YML,
    "huyen/articles/da-dang.md": article("Tin đã đăng", "Nội dung ban đầu."),
    "huyen/articles/thu-hoi.md": article("Hội chợ thương mại", "Hội chợ sẽ tổ chức."),
    "huyen/articles/xoa.md": article("Tin sẽ xoá", "Tin trùng."),
    "huyen/articles/doi-ten.md": article("Tin đổi tên tệp", "Giữ nguyên."),
    "huyen/articles/nhap.md": article("Bản nháp", "Chưa xong.", status="draft"),
    "xa/articles/ke-hoach.md": article("Kế hoạch của xã", "[Kế hoạch](kh.pdf)", category=XA),
    "xa/articles/kh.pdf": PDF,
}


def sample_pr(repo) -> None:
    """Every kind of change, some committed on the branch, some not."""
    repo.write(
        {
            "huyen/articles/da-dang.md": article(
                "Tin đã đăng",
                "Nội dung đã sửa.",
                modified="2026-11-21 09:00",
                change_note='"Sửa số liệu *diện tích*"',
            ),
            "huyen/articles/moi.md": article("Tin mới [1]", "Tin mới."),
            "huyen/articles/hen-gio.md": article("Lịch tiếp dân", "Hẹn.", date="2026-12-01 08:00"),
        }
    )
    repo.remove("huyen/articles/xoa.md")
    repo.move("huyen/articles/doi-ten.md", "huyen/articles/2026/doi-ten.md")
    repo.commit("Bài của cộng tác viên")
    repo.write(
        {
            "huyen/articles/thu-hoi.md": article(
                "Hội chợ thương mại",
                "Hội chợ sẽ tổ chức.",
                unpublished='{reason: withdrawn, note: "Hoãn hội chợ"}',
            ),
            "huyen/articles/nhap.md": article("Bản nháp", "Viết thêm.", status="draft"),
            "xa/articles/kh.pdf": PDF + b"% ban moi\n",
            "sites.yml": SITES_YML.replace("lanh-dao:", "lanh-dao-ubnd:").replace(
                "groups:", "groups:\n    lanh-dao: [ct@huyen.example]\n   "
            ),
        }
    )


def parse(text: str) -> dict[str, dict[str, list]]:
    """Site heading → section heading → its list items (BeautifulSoup tags)."""
    soup = BeautifulSoup(markdown.markdown(text), "html.parser")
    found: dict[str, dict[str, list]] = {}
    site = section = None
    for node in soup.find_all(["h3", "h4", "li"]):
        if node.name == "h3":
            site = node.get_text()
            found[site] = {}
            section = "_"
            found[site][section] = []
        elif node.name == "h4":
            section = node.get_text()
            found[site][section] = []
        else:
            found[site][section].append(node)
    return found


def changes(portal, repo, *extra: str):
    return portal("changes", "--content", str(repo.content), "--base", "main", *extra)


def test_summary_of_a_sample_pull_request(portal, make_repo):
    repo = make_repo(BASE)
    sample_pr(repo)
    result = changes(portal, repo, "--preview-url", PREVIEW + "/")
    assert result.exit_code == 0, result.output
    sites = parse(result.output)
    assert set(sites) == {
        "Ủy ban nhân dân huyện Thử Nghiệm (huyen)",
        "Ủy ban nhân dân xã Thử Nghiệm (xa)",
        "Tệp khác không tạo trang (1)",
    }
    huyen = sites["Ủy ban nhân dân huyện Thử Nghiệm (huyen)"]
    assert [k for k in huyen if k != "_"] == [
        "Trang mới (1)",
        "Trang sửa đổi (2)",
        "Trang bị gỡ (1)",
        "Đổi trạng thái (1)",
        "Hẹn giờ đăng (1)",
        "Không tạo trang (bản nháp, hết hạn) (1)",
    ]
    (added,) = huyen["Trang mới (1)"]
    assert added.a.get_text() == "Tin mới [1]"
    assert added.a["href"] == f"{PREVIEW}/huyen/tin-tuc/tin-moi-1/"
    edited, renamed = huyen["Trang sửa đổi (2)"]
    assert edited.a["href"] == f"{PREVIEW}/huyen/tin-tuc/tin-da-dang/"
    assert "ghi chú: “Sửa số liệu *diện tích*”" in edited.get_text()
    assert edited.find("em") is None  # contributor text is inert
    assert "chỉ đổi tên tệp" in renamed.get_text()
    codes = [code.get_text() for code in renamed.find_all("code")]
    assert codes[-2:] == [
        "content/huyen/articles/2026/doi-ten.md",
        "content/huyen/articles/doi-ten.md",
    ]
    (removed,) = huyen["Trang bị gỡ (1)"]
    assert removed.a is None and "Tin sẽ xoá" in removed.get_text()
    assert "/huyen/tin-tuc/tin-se-xoa/" in removed.get_text() and "tệp đã xoá" in removed.get_text()
    (state,) = huyen["Đổi trạng thái (1)"]
    assert "công khai → thu hồi" in state.get_text()
    assert state.a["href"] == f"{PREVIEW}/huyen/tin-tuc/hoi-cho-thuong-mai/"  # kept, with notice
    (scheduled,) = huyen["Hẹn giờ đăng (1)"]
    assert scheduled.a is None  # nothing to see in the preview yet
    assert "đăng lúc 2026-12-01 08:00" in scheduled.get_text()
    (draft,) = huyen["Không tạo trang (bản nháp, hết hạn) (1)"]
    assert "Bản nháp" in draft.get_text() and draft.a is None
    xa = sites["Ủy ban nhân dân xã Thử Nghiệm (xa)"]
    (attachment,) = xa["Trang sửa đổi (1)"]
    assert "đổi tệp đính kèm" in attachment.get_text()
    assert attachment.a["href"] == f"{PREVIEW}/xa/tin-tuc/ke-hoach-cua-xa/"
    (other,) = sites["Tệp khác không tạo trang (1)"]["_"]
    assert other.get_text().endswith("content/sites.yml — sửa")


def test_summary_as_json(portal, make_repo):
    repo = make_repo(BASE)
    sample_pr(repo)
    result = changes(portal, repo, "--json", "--preview-url", PREVIEW)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["base"]["ref"] == "main"
    assert data["base"]["commit"] == repo.git.commit("main").hexsha
    assert data["counts"] == {
        "added": 1,
        "changed": 3,
        "removed": 1,
        "state": 1,
        "scheduled": 1,
        "no_page": 1,
    }
    huyen = next(s for s in data["sites"] if s["id"] == "huyen")
    (scheduled,) = huyen["scheduled"]
    assert scheduled["publish_at"] == "2026-12-01 08:00" and scheduled["preview"] is None
    (removed,) = huyen["removed"]
    assert removed["old_state"] == "public" and removed["state"] is None
    assert [f["change"] for f in data["files"]] == ["modified"]


def test_no_change_says_so(portal, repo):
    result = changes(portal, repo)
    assert result.exit_code == 0
    assert "Không có thay đổi nào về nội dung." in result.output
    assert parse(result.output) == {}


def test_paths_without_preview_are_plain_text(portal, repo):
    repo.write({"huyen/articles/moi.md": article("Tin mới")})
    result = changes(portal, repo)
    (item,) = parse(result.output)["Ủy ban nhân dân huyện Thử Nghiệm (huyen)"]["Trang mới (1)"]
    assert item.a is None and "/huyen/tin-tuc/tin-moi/" in item.get_text()


def test_unknown_base_fails(portal, repo):
    result = portal("changes", "--content", str(repo.content), "--base", "khong-co")
    assert result.exit_code == 1
    assert "khong-co" in result.output
