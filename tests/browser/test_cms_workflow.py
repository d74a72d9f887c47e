"""The form editor's editorial workflow (``publish_mode: editorial_workflow``, docs/van-hanh.md
§7 and §9) in Chromium, against the GitHub API stand-in (tests/github_standin.py) answering
from a real bare git repository holding the demo's content: a collaborator signs in with a
token, makes an article in the form and saves it; the repository then has a branch ``cms/…``
with exactly that one new file, the stand-in a pull request with the draft label, and the
branch checked out passes ``portal check`` unchanged.
"""

from __future__ import annotations

import re
import subprocess
import time

import pytest
from click.testing import CliRunner
from cms_forms import choose, demo_sites, field, serve_admin
from github_standin import GitHubStandIn, bare_clone_of
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from portal.cli import main
from portal.cms import config, render, write_admin
from portal.cms.config import LABEL_PREFIX
from portal.headers.policy import SitePolicy
from support import DEMO_CONTENT, DEMO_NOW

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("cms-workflow")]  # one sign-in


@pytest.fixture(scope="module")
def github(tmp_path_factory):
    bare = bare_clone_of(DEMO_CONTENT, tmp_path_factory.mktemp("github"))
    api = GitHubStandIn(bare).start()
    try:
        yield api
    finally:
        api.stop()


@pytest.fixture(scope="module")
def workflow_editor(browser, github, tmp_path_factory):
    """The parent's editor pointed at the stand-in, signed in with a token."""
    sites = demo_sites()
    parent = next(s for s in sites if s.is_parent)
    data = config(sites, {})
    assert data["publish_mode"] == "editorial_workflow"
    data["backend"].update(
        repo=github.repo,
        api_root=f"{github.url}/api/v3",
        graphql_api_root=f"{github.url}/api/graphql",
    )
    root = tmp_path_factory.mktemp("cms-workflow")
    write_admin(root / parent.id, render(data))
    policy = SitePolicy(admin=True, admin_origins=(github.url,))
    server, thread, base = serve_admin(root, policy)
    context = browser.new_context(
        timezone_id="Asia/Ho_Chi_Minh", locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    try:
        started = time.perf_counter()
        page.goto(f"{base}/{parent.id}/admin/", wait_until="commit")
        page.get_by_text("Đăng nhập bằng mã truy cập").click()
        page.locator("input[type=password], input[type=text]").last.fill(github.token)
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Tạo bài viết hoặc tải tệp lên").wait_for()
        print(f"signed in and loaded in {time.perf_counter() - started:.2f} s")
        page.base, page.parent = base, parent.id
        yield page
    finally:
        context.close()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def branch_files(github: GitHubStandIn, branch: str) -> dict[str, bytes]:
    """The files a branch adds or changes against ``main``."""
    out = github.git.run("diff", "--name-only", "-z", "refs/heads/main", f"refs/heads/{branch}")
    names = [n for n in out.decode().split("\0") if n]
    return {n: github.git.run("show", f"refs/heads/{branch}:{n}") for n in names}


def refs(github: GitHubStandIn) -> set[str]:
    return set(github.git.run("for-each-ref", "--format=%(refname)").decode().split())


def wait_for(condition, page, seconds: float = 20, why=lambda: "") -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert condition(), why()


def back_at_the_list(page) -> None:
    """Sveltia goes back to the list (history.back) once the dialog after a save is answered:
    wait for it, or that late step would undo the test's next navigation."""
    page.wait_for_url(lambda url: url.endswith(f"/collections/{page.parent}-articles"))


def save_new_article(page, github: GitHubStandIn, title: str) -> tuple[str, str, bytes, dict]:
    """Fill a new article of the parent and save it: (branch, path, bytes written, its PR).
    Sveltia then asks whether to send it for review (the dialog is left open)."""
    before, pulls = refs(github), len(github.pulls)
    page.goto(
        f"{page.base}/{page.parent}/admin/#/collections/{page.parent}-articles/new",
        wait_until="commit",
    )
    page.get_by_role("button", name="Hủy chỉnh sửa").wait_for()
    if pulls:  # Sveltia offers the backup it kept of the page's last new entry: not wanted
        restore = page.get_by_role("alertdialog").filter(has_text="Khôi phục bản nháp")
        try:
            restore.wait_for(timeout=3000)
            restore.get_by_role("button", name="Bỏ qua").click()
        except PlaywrightTimeoutError:
            pass
    field(page, "title").locator("input").fill(title)
    field(page, "date").locator("input[type=datetime-local]").fill("2026-11-21T08:30")
    choose(page, "category", "Hoạt động - Sự kiện")
    field(page, "body").locator("[contenteditable], textarea").first.click()
    page.keyboard.type("Sáng 21/11, hơn 300 đoàn viên ra quân tổng vệ sinh.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    wait_for(lambda: len(github.pulls) > pulls and github.pulls[max(github.pulls)]["labels"], page)
    new = sorted(refs(github) - before)
    assert len(new) == 1 and new[0].startswith("refs/heads/cms/"), new
    branch = new[0].removeprefix("refs/heads/")
    written = branch_files(github, branch)
    assert len(written) == 1, written  # exactly the one new file
    ((path, data),) = written.items()
    assert path.startswith(f"content/{page.parent}/articles/") and path.endswith(".md"), path
    return branch, path, data, github.pulls[max(github.pulls)]


def test_an_article_saved_in_the_form_is_a_branch_and_a_draft_pull_request(
    workflow_editor, github, tmp_path
):
    page = workflow_editor
    title = "Ra quân tổng vệ sinh môi trường cuối năm"
    branch, path, data, pr = save_new_article(page, github, title)
    page.get_by_role("button", name="Để sau").click()  # not sent for review yet
    back_at_the_list(page)
    assert pr["head"]["ref"] == branch and pr["base"]["ref"] == "main"
    assert pr["labels"] == [f"{LABEL_PREFIX}draft"], pr["labels"]
    text = data.decode()
    print(text)
    assert "\ndate: 2026-11-21 08:30\n" in text
    # The branch as a contributor would check it out: portal check passes on it, unchanged.
    checkout = tmp_path / "checkout"
    subprocess.run(
        ["git", "clone", "-q", "-b", branch, str(github.git.bare), str(checkout)], check=True
    )
    assert (checkout / path).read_bytes() == data
    now = DEMO_NOW.strftime("%Y-%m-%d %H:%M")
    args = ["check", "--content", str(checkout / "content"), "--site", page.parent, "--now", now]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output + "\n" + text


@pytest.mark.slow
def test_an_article_sent_for_review_marked_ready_and_published_is_merged(workflow_editor, github):
    """The rest of §7's board: the collaborator sends the draft for review, an editor marks it
    ready in the entry's status menu and publishes it: the stand-in merges the pull request
    and ``main`` then holds the file."""
    page = workflow_editor
    title = "Hội nghị tổng kết công tác năm 2026"
    _, path, data, pr = save_new_article(page, github, title)
    page.get_by_role("button", name="Gửi duyệt").click()
    wait_for(lambda: pr["labels"] == [f"{LABEL_PREFIX}pending_review"], page)
    # An editor opens it from the list's unpublished entries and marks it ready.
    back_at_the_list(page)
    page.goto(f"{page.base}/{page.parent}/admin/#/workflow", wait_until="commit")
    page.get_by_role("button", name=title).click()
    # The entry is open once its form holds it (a status chosen before is checked on an empty
    # draft and refused).
    expect(field(page, "title").locator("input")).to_have_value(title)
    # Sveltia isolates the status's name with U+2068/U+2069 in the button's label. Under load a
    # menu item chosen while the menu still opens can go unheard: choose again (3 tries).
    ready = [f"{LABEL_PREFIX}pending_publish"]
    for _ in range(3):
        menu = page.get_by_role(
            "button", name=re.compile("^Trạng thái: .?(Đang duyệt|Sẵn sàng).?$")
        )
        if "Sẵn sàng" in (menu.get_attribute("aria-label") or ""):
            break
        menu.click()
        page.get_by_role("menuitemradio", name="Sẵn sàng").click()
        try:
            wait_for(lambda: pr["labels"] == ready, page, seconds=8)
            break
        except AssertionError:
            continue
    wait_for(lambda: pr["labels"] == ready, page, why=lambda: (pr["labels"], github.calls[-6:]))
    page.get_by_role("button", name="Xuất bản bài viết").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Xuất bản").click()
    wait_for(lambda: pr["merged"], page)
    assert pr["state"] == "closed"
    assert github.git.run("show", f"refs/heads/main:{path}") == data
    print([call for call in github.calls if not call[1].startswith("graphql: repository")][-8:])
