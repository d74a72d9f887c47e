"""Parent approval of news sent up (``portal approval``): a member's item with ``syndicate:
[parent]``, new, newly syndicated or changed while syndicated, keeps the check red until a
parent editor approved the PR at its head commit; reviews read from the loopback stand-in, the
content from a real git repository; ``portal changes`` says where the item also appears."""

from __future__ import annotations

import git
import pytest
from click.testing import CliRunner

from portal.cli import main
from portal.preview.standin import PreviewStandIn
from support import SITES_YML, article, write_tree

NOW = "2026-11-22 12:00"
HEAD = "a" * 40
OLD = "b" * 40
PARENT = "Ủy ban nhân dân huyện Thử Nghiệm"
SITES = SITES_YML.replace(
    "  role: parent\n", '  role: parent\n  editors: ["@huyen-org/bien-tap", Le-Van-Duyet]\n', 1
)
NEWS = '"Tin tức - Sự kiện"'
BASE = {
    "sites.yml": SITES,
    "huyen/articles/tin-huyen.md": article("Tin của huyện", "Huyện họp."),
    "xa/articles/rieng.md": article("Tin riêng của xã", "Chỉ xã.", category=NEWS),
    "xa/articles/chia-se.md": article(
        "Tin xã đã gửi lên", "Bản đầu.", category=NEWS, syndicate="[parent]"
    ),
}


@pytest.fixture
def repo(tmp_path):
    """main holds BASE; the working tree is the pull request's head."""
    root = tmp_path / "repo"
    write_tree(root / "content", BASE)
    repository = git.Repo.init(root, initial_branch="main")
    repository.git.add("--all")
    who = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@a"}
    who |= {"GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@a"}
    repository.git.commit("--quiet", "-m", "base", env=who)
    return root / "content"


@pytest.fixture
def api():
    server = PreviewStandIn(token="read-only").start()
    server.pulls[5] = {"state": "open", "head": {"sha": HEAD}}
    server.reviews[5] = []
    try:
        yield server
    finally:
        server.stop()


def approval(content, api):
    args = ["approval", "--content", str(content), "--base", "main", "--pr", "5"]
    args += ["--repo", "so/portal", "--api-url", api.url, "--now", NOW]
    return CliRunner().invoke(main, args, env={"GITHUB_TOKEN": "read-only"})


def review(login: str, state: str, commit: str = HEAD) -> dict:
    return {"user": {"login": login}, "state": state, "commit_id": commit}


def test_news_sent_up_waits_for_a_parent_editor(repo, api):
    write_tree(
        repo,
        {
            "xa/articles/moi.md": article(
                "Xã khánh thành cầu", "Cầu.", syndicate="[parent]", category=NEWS
            )
        },
    )
    waiting = approval(repo, api)
    assert waiting.exit_code == 1
    assert "Xã khánh thành cầu" in waiting.stdout and "tin mới gửi lên" in waiting.stdout
    assert f"**Chờ {PARENT} duyệt**" in waiting.stdout
    assert f"cũng hiện trên trang chủ của {PARENT}" in waiting.stdout

    api.reviews[5] = [review("nguoi-la", "APPROVED")]  # not a parent editor
    assert approval(repo, api).exit_code == 1
    api.reviews[5] = [review("le-van-duyet", "APPROVED", OLD)]  # an earlier commit
    stale = approval(repo, api)
    assert stale.exit_code == 1 and "commit cũ" in stale.stdout
    api.reviews[5] += [review("le-van-duyet", "APPROVED")]  # names compare without case
    approved = approval(repo, api)
    assert approved.exit_code == 0, approved.stdout
    assert "Đã được biên tập viên của" in approved.stdout and "le-van-duyet" in approved.stdout
    api.reviews[5] += [review("le-van-duyet", "COMMENTED")]  # a comment keeps the approval
    assert approval(repo, api).exit_code == 0
    api.reviews[5] += [review("le-van-duyet", "CHANGES_REQUESTED")]
    assert approval(repo, api).exit_code == 1
    # Read with the token given in the environment, never anything else.
    assert {c[0] for c in api.calls} == {"GET"}


def test_a_team_editor_approves_when_the_team_can_be_read(repo, api):
    write_tree(
        repo,
        {
            "xa/articles/rieng.md": article(
                "Tin riêng của xã", "Chỉ xã.", category=NEWS, syndicate="[parent]"
            )
        },
    )
    api.reviews[5] = [review("tran-thi-bien", "APPROVED")]
    api.teams["huyen-org/bien-tap"] = ["tran-thi-bien"]
    api.teams_readable = False  # a workflow's token cannot read an organisation's teams
    unread = approval(repo, api)
    assert unread.exit_code == 1 and "mới đánh dấu gửi lên" in unread.stdout
    assert "Không đọc được thành viên nhóm @huyen-org/bien-tap" in unread.stdout
    api.teams_readable = True
    assert approval(repo, api).exit_code == 0


def test_changing_news_already_sent_up_needs_approval_again(repo, api):
    write_tree(
        repo,
        {
            "xa/articles/chia-se.md": article(
                "Tin xã đã gửi lên", "Bản sửa.", category=NEWS, syndicate="[parent]", minor="true"
            )
        },
    )
    changed = approval(repo, api)
    assert changed.exit_code == 1 and "sửa tin đang hiện ở cấp trên" in changed.stdout


def test_nothing_sent_up_needs_no_approval(repo, api):
    write_tree(
        repo,
        {
            "xa/articles/rieng.md": article(
                "Tin riêng của xã", "Sửa.", category=NEWS, minor="true"
            ),
            "huyen/articles/tin-huyen.md": article("Tin của huyện", "Sửa.", minor="true"),
        },
    )
    (repo / "xa/articles/chia-se.md").write_text(
        article("Tin xã đã gửi lên", "Bản đầu.", category=NEWS), encoding="utf-8"
    )  # no longer sent up: the parent's home loses it, nothing new to approve
    done = approval(repo, api)
    assert done.exit_code == 0 and "không cần cấp trên duyệt" in done.stdout
    assert api.calls == []  # no review read when nothing needs one


def test_portal_changes_says_where_the_item_also_appears(repo):
    write_tree(
        repo,
        {
            "xa/articles/moi.md": article(
                "Xã khánh thành cầu", "Cầu.", syndicate="[parent]", category=NEWS
            )
        },
    )
    args = ["changes", "--content", str(repo), "--base", "main", "--now", NOW]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    [line] = [x for x in done.stdout.splitlines() if "Xã khánh thành cầu" in x]
    assert line.endswith(f"cũng hiện trên trang chủ của {PARENT}") or (
        f"cũng hiện trên trang chủ của {PARENT}" in line
    )
    own = CliRunner().invoke(main, [*args, "--json"])
    assert f'"syndicated_to": "{PARENT}"' in own.stdout
