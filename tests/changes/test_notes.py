"""``portal check --base``: a published item that changes carries a new change_note (or
``minor: true``), keeps its URL, and leaves only through ``unpublished``; judged against the
merge-base in a real git repository, for committed and uncommitted changes alike."""

from __future__ import annotations

import re

import pytest

from support import PDF, SITES_YML, article


def check(portal, repo, *extra: str):
    return portal("check", "--content", str(repo.content), "--base", "main", *extra)


def errors(result) -> list[str]:
    return [line for line in result.output.splitlines() if ": " in line and ".md:" in line]


@pytest.mark.parametrize("committed", [False, True])
def test_published_item_edited_without_note_fails_with_file_and_line(portal, repo, committed):
    repo.write({"huyen/articles/da-dang.md": article("Tin đã đăng", "Nội dung đã sửa số liệu.")})
    if committed:
        repo.commit()
    result = check(portal, repo)
    assert result.exit_code == 1
    (line,) = errors(result)
    assert line.startswith(f"{repo.content}/huyen/articles/da-dang.md:1: change_note: ")
    assert "change_note" in line and "minor: true" in line


def test_the_error_points_at_modified_or_at_the_old_note(portal, repo):
    repo.write(
        {
            "huyen/articles/da-dang.md": article(
                "Tin đã đăng", "Nội dung sửa.", modified="2026-11-21 09:00"
            )
        }
    )
    result = check(portal, repo)
    (line,) = errors(result)  # the schema's own rule, on the modified line, said once
    assert ".md:5: modified:" in line and "change_note" in line
    repo.write(
        {
            "huyen/articles/da-dang.md": article(
                "Tin đã đăng", "Nội dung sửa.", modified="2026-11-21 09:00", change_note='"Sửa A"'
            )
        }
    )
    repo.commit("Lần sửa thứ nhất")
    repo.checkout("main")
    repo.git.git.merge("--quiet", "--ff-only", "pr")
    repo.checkout("pr")
    # a second change that keeps the first change's note
    repo.write(
        {
            "huyen/articles/da-dang.md": article(
                "Tin đã đăng",
                "Nội dung sửa lần hai.",
                modified="2026-11-22 09:00",
                change_note='"Sửa A"',
            )
        }
    )
    result = check(portal, repo)
    assert result.exit_code == 1
    (line,) = errors(result)
    assert ".md:6: change_note:" in line and "lần sửa trước" in line


@pytest.mark.parametrize(
    "fields",
    [
        {"modified": "2026-11-21 09:00", "change_note": '"Cập nhật số liệu diện tích lúa"'},
        {"minor": "true"},
    ],
    ids=["note", "minor"],
)
def test_published_item_edited_with_note_or_minor_passes(portal, repo, fields):
    repo.write({"huyen/articles/da-dang.md": article("Tin đã đăng", "Nội dung sửa.", **fields)})
    result = check(portal, repo, "--format", "github")
    assert result.exit_code == 0, result.output
    assert "::error" not in result.output


def test_rename_only_needs_no_note(portal, repo):
    repo.move("huyen/articles/da-dang.md", "huyen/articles/2026/da-dang-tin.md")
    repo.commit("Đổi tên tệp")
    result = check(portal, repo)
    assert result.exit_code == 0, result.output


def test_rename_and_edit_needs_a_note(portal, repo):
    repo.move("huyen/articles/da-dang.md", "huyen/articles/tin-moi-ten.md")
    repo.write({"huyen/articles/tin-moi-ten.md": article("Tin đã đăng", "Nội dung khác.")})
    result = check(portal, repo)
    assert result.exit_code == 1
    (line,) = errors(result)
    assert "tin-moi-ten.md:1: change_note:" in line


def test_draft_and_new_items_need_no_note(portal, repo):
    repo.write(
        {
            "huyen/articles/nhap.md": article("Bản nháp", "Đã viết thêm.", status="draft"),
            "huyen/articles/moi.md": article("Tin mới", "Tin mới hoàn toàn."),
        }
    )
    result = check(portal, repo)
    assert result.exit_code == 0, result.output


def test_base_is_the_merge_base_not_the_tip_of_main(portal, repo):
    """main moves on after the branch: its changes are not the pull request's."""
    repo.checkout("main")
    repo.write({"huyen/articles/da-dang.md": article("Tin đã đăng", "Sửa trên main.")})
    repo.commit("Sửa trực tiếp trên main")
    repo.checkout("pr")
    repo.write({"huyen/articles/moi.md": article("Tin mới")})
    assert check(portal, repo).exit_code == 0


def test_replaced_attachment_of_published_item_needs_a_note(portal, repo):
    body = "Xem [kế hoạch](files/ke-hoach.pdf)."
    repo.write(
        {
            "huyen/articles/kh.md": article("Kế hoạch", body),
            "huyen/articles/files/ke-hoach.pdf": PDF,
        }
    )
    repo.checkout("main")
    repo.commit("Thêm kế hoạch")
    repo.checkout("pr")
    repo.git.git.rebase("--quiet", "main")
    repo.write({"huyen/articles/files/ke-hoach.pdf": PDF + b"% ban sua\n"})
    result = check(portal, repo)
    assert result.exit_code == 1
    (line,) = errors(result)
    assert "kh.md:1: change_note:" in line and "tệp đính kèm" in line


def test_new_title_that_moves_the_url_is_refused_unless_the_slug_is_kept(portal, repo):
    note = {"change_note": '"Sửa tiêu đề"'}
    repo.write(
        {"huyen/articles/da-dang.md": article("Tin đã đăng lại", "Nội dung ban đầu.", **note)}
    )
    result = check(portal, repo)
    assert result.exit_code == 1
    (line,) = errors(result)
    assert "da-dang.md:2: slug:" in line and "slug: tin-da-dang" in line
    repo.write(
        {
            "huyen/articles/da-dang.md": article(
                "Tin đã đăng lại", "Nội dung ban đầu.", slug="tin-da-dang", **note
            )
        }
    )
    assert check(portal, repo).exit_code == 0


def test_deleting_a_published_file_asks_for_unpublished(portal, repo):
    repo.remove("huyen/articles/da-dang.md")
    repo.remove("huyen/articles/nhap.md")  # a draft may go
    repo.commit("Xoá bài")
    result = check(portal, repo, "--format", "github")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("::error")]
    assert len(lines) == 1
    assert re.match(
        r"::error file=.*huyen/articles/da-dang\.md,line=1,title=unpublished::", lines[0]
    )
    assert "unpublished" in lines[0] and "/tin-tuc/tin-da-dang/" in lines[0]


@pytest.mark.parametrize(
    ("fields", "where"),
    [({"status": "draft"}, ":5: status:"), ({"date": "2027-01-01 08:00"}, ":3: date:")],
    ids=["draft", "future-date"],
)
def test_a_published_item_cannot_go_back_to_private(portal, repo, fields, where):
    repo.write({"huyen/articles/da-dang.md": article("Tin đã đăng", "Nội dung ban đầu.", **fields)})
    result = check(portal, repo)
    assert result.exit_code == 1
    (line,) = errors(result)
    assert where in line and "unpublished" in line


def test_takedown_with_unpublished_is_not_a_change_note_matter(portal, repo):
    repo.write(
        {
            "huyen/articles/da-dang.md": article(
                "Tin đã đăng", "Nội dung ban đầu.", unpublished="{reason: error}"
            )
        }
    )
    result = check(portal, repo)
    assert result.exit_code == 0, result.output


def test_site_option_limits_the_rule(portal, repo):
    repo.write({"huyen/articles/da-dang.md": article("Tin đã đăng", "Sửa.")})
    assert check(portal, repo, "--site", "xa").exit_code == 0
    assert check(portal, repo, "--site", "huyen").exit_code == 1


def test_unknown_base_or_no_repository_is_a_clear_failure(portal, repo, make_content):
    result = portal("check", "--content", str(repo.content), "--base", "origin/khong-co")
    assert result.exit_code == 1
    assert "origin/khong-co" in result.output
    outside = make_content({"huyen/articles/a.md": article()})
    result = portal("check", "--content", str(outside), "--base", "main")
    assert result.exit_code == 1
    assert "git" in result.output


def test_a_published_file_that_cannot_be_read_is_not_called_deleted(portal, repo):
    repo.write({"huyen/articles/da-dang.md": "---\ntitle: [chưa đóng\n---\nThân bài.\n"})
    result = check(portal, repo)
    assert result.exit_code == 1
    (line,) = errors(result)  # the reader's error only
    assert "da-dang.md:" in line and "unpublished" not in line
    summary = portal("changes", "--content", str(repo.content), "--base", "main")
    assert "Trang bị gỡ" not in summary.output and "tệp có lỗi" in summary.output


# What Sveltia CMS 0.221.1 writes for tests/changes' published article opened and saved
# untouched (seen in tests/cms/test_cms_editor.py): no quotes, keys in the form's order, an unset
# yes/no field written as false, a blank line before the body.
CMS_SAVED = (
    "---\ntitle: Tin đã đăng\ndate: 2026-11-20 08:30\ncategory: Thông báo\nfeatured: false\n"
    "tags:\n  - a\n  - b\nminor: false\n---\n\nNội dung ban đầu.\n"
)


def test_an_item_saved_untouched_by_the_form_editor_needs_no_note(portal, make_repo):
    """The form editor rewrites the YAML of an item it saves: the same values in other bytes
    are no change (no change_note asked, nothing listed), a changed value still is."""
    original = article("Tin đã đăng", "Nội dung ban đầu.", tags="[a, b]")
    repo = make_repo(
        {
            "sites.yml": SITES_YML,
            "huyen/articles/da-dang.md": original,
            "xa/articles/tin-xa.md": article("Tin của xã", category='"Tin tức - Sự kiện"'),
        }
    )
    repo.write({"huyen/articles/da-dang.md": CMS_SAVED})
    assert check(portal, repo).exit_code == 0, check(portal, repo).output
    listed = portal("changes", "--content", str(repo.content), "--base", "main")
    assert "da-dang" not in listed.output and "tin-da-dang" not in listed.output
    repo.write({"huyen/articles/da-dang.md": CMS_SAVED.replace("  - b\n", "  - c\n")})
    result = check(portal, repo)
    assert result.exit_code == 1 and "change_note" in result.output
