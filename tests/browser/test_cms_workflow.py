"""The form editor's editorial workflow (``publish_mode: editorial_workflow``, docs/van-hanh.md
§7 and §9) in Chromium, against the GitHub API stand-in (tests/github_standin.py) answering
from a real bare git repository holding the demo's content: a collaborator signs in with a
token, makes an article in the form and saves it; the repository then has a branch ``cms/…``
with exactly that one new file, the stand-in a pull request with the draft label, and the
branch checked out passes ``portal check`` unchanged.
"""

from __future__ import annotations

import subprocess
import time

import pytest
from click.testing import CliRunner
from cms_forms import choose, demo_sites, field, serve_admin
from github_standin import GitHubStandIn, bare_clone_of

from portal.cli import main
from portal.cms import config, render, write_admin
from portal.cms.config import LABEL_PREFIX
from portal.headers.policy import SitePolicy
from support import DEMO_CONTENT, DEMO_NOW

pytestmark = pytest.mark.browser


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


def test_an_article_saved_in_the_form_is_a_branch_and_a_draft_pull_request(
    workflow_editor, github, tmp_path
):
    page = workflow_editor
    before = set(github.git.run("for-each-ref", "--format=%(refname)").decode().split())
    page.goto(
        f"{page.base}/{page.parent}/admin/#/collections/{page.parent}-articles/new",
        wait_until="commit",
    )
    page.get_by_role("button", name="Hủy chỉnh sửa").wait_for()
    field(page, "title").locator("input").fill("Ra quân tổng vệ sinh môi trường cuối năm")
    field(page, "date").locator("input[type=datetime-local]").fill("2026-11-21T08:30")
    choose(page, "category", "Hoạt động - Sự kiện")
    field(page, "body").locator("[contenteditable], textarea").first.click()
    page.keyboard.type("Sáng 21/11, hơn 300 đoàn viên ra quân tổng vệ sinh.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    deadline = time.monotonic() + 20
    while not github.pulls and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    page.screenshot(path="/tmp/j_after_save.png")
    print(github.calls)
    refs = set(github.git.run("for-each-ref", "--format=%(refname)").decode().split())
    new = sorted(refs - before)
    assert len(new) == 1 and new[0].startswith("refs/heads/cms/"), new
    branch = new[0].removeprefix("refs/heads/")
    written = branch_files(github, branch)
    assert len(written) == 1, written
    ((path, data),) = written.items()
    assert path.startswith(f"content/{page.parent}/articles/") and path.endswith(".md"), path
    [pr] = github.pulls.values()
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
