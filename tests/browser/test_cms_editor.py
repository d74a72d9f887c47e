"""The form editor (Sveltia CMS at /admin/, portal.cms) in Chromium, as a collaborator uses it:
the forms are Vietnamese, nothing is fetched from another origin under the admin zone's CSP, an
article made through the form (with an image) passes ``portal check`` unchanged, and a demo item
opened and saved untouched keeps its meaning (the change-note rule sees no change).

Backend: Sveltia's own ``test-repo`` backend, which keeps the repository in the browser's origin
private file system (OPFS, folder ``sveltia-cms-test``) and runs the same form, serialisation and
save code as the GitHub backend (``commitChanges`` of the shared file-system layer); the
fixture seeds it with the demo's files and reads back what the editor wrote. Not exercised here:
the GitHub API calls and the editorial workflow (branches, pull requests, labels), which
``test-repo`` does not have (Sveltia warns "editorial workflow is only for GitHub and GitLab"):
those are test_cms_workflow.py's, against the GitHub stand-in (tests/github_standin.py).

Screenshots of the forms at 375 and 1280 px go to ``test-artifacts/screenshots/cms-*.png``.
"""

from __future__ import annotations

import base64
import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from cms_forms import choose, demo_sites, field, save, serve_admin

from portal.build import build
from portal.catalog.scan import read_item
from portal.changes.diff import same_meaning
from portal.cli import main
from portal.cms import config, render, write_admin
from portal.errors import ErrorReport
from portal.headers.policy import SitePolicy
from support import DEMO_CONTENT, DEMO_NOW, PDF, REPO, SETTINGS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("cms-editor")]  # one editor load

SHOTS = REPO / "test-artifacts" / "screenshots"
OPFS = "sveltia-cms-test"
WRITE = (
    """async (files) => {
  const top = await (await navigator.storage.getDirectory())
    .getDirectoryHandle('OPFS_DIR', {create: true});
  for (const [path, b64] of Object.entries(files)) {
    let dir = top; const parts = path.split('/'); const name = parts.pop();
    for (const p of parts) dir = await dir.getDirectoryHandle(p, {create: true});
    const w = await (await dir.getFileHandle(name, {create: true})).createWritable();
    await w.write(Uint8Array.from(atob(b64), c => c.charCodeAt(0))); await w.close();
  }
}"""
).replace("OPFS_DIR", OPFS)
READ = (
    """async (folder) => {
  const out = {};
  const walk = async (dir, prefix) => {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') { await walk(handle, prefix + name + '/'); continue; }
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let s = ''; for (const c of bytes) s += String.fromCharCode(c);
      out[prefix + name] = btoa(s);
    }
  };
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('OPFS_DIR');
  for (const part of folder.split('/')) dir = await dir.getDirectoryHandle(part);
  await walk(dir, folder + '/');
  return out;
}"""
).replace("OPFS_DIR", OPFS)


READ_ONE = """async (path) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('OPFS_DIR');
  const parts = path.split('/'); const name = parts.pop();
  for (const part of parts) dir = await dir.getDirectoryHandle(part);
  const file = await (await dir.getFileHandle(name)).getFile();
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = ''; for (const c of bytes) s += String.fromCharCode(c);
  return btoa(s);
}""".replace("OPFS_DIR", OPFS)


class Editor:
    """The editor served with the admin zone's headers, signed in to the test backend."""

    def __init__(self, page, base: str, parent: str, seeded: dict[str, bytes], requests: list):
        self.page, self.base, self.parent = page, base, parent
        self.seeded, self.requests = seeded, requests

    def open(self, route: str) -> None:
        self.page.goto(f"{self.base}/{self.parent}/admin/#/{route}", wait_until="commit")

    def file(self, path: str) -> bytes:
        return base64.b64decode(self.page.evaluate(READ_ONE, path))

    def files(self, folder: str) -> dict[str, bytes]:
        found = self.page.evaluate(READ, folder)
        return {path: base64.b64decode(data) for path, data in found.items()}


@pytest.fixture(scope="module")
def editor(browser, tmp_path_factory):
    sites = demo_sites()
    parent = next(s for s in sites if s.is_parent)
    root = tmp_path_factory.mktemp("cms")
    data = config(sites, {})
    data["backend"] = {"name": "test-repo"}  # same forms and save code, no GitHub
    data.pop("publish_mode")  # editorial workflow: GitHub and GitLab only
    write_admin(root / parent.id, render(data))
    server, thread, base = serve_admin(root)
    context = browser.new_context(
        # An English browser: the editor is Vietnamese all the same (admin/tieng-viet.js).
        timezone_id="Asia/Ho_Chi_Minh",
        locale="en-US",
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on(
        "console", lambda m: requests.append("console: " + m.text) if "violates" in m.text else None
    )
    seeded = {  # every site's files: the parent's configuration has every site's collections
        f"content/{p.relative_to(DEMO_CONTENT).as_posix()}": p.read_bytes()
        for site in sites
        for p in sorted((DEMO_CONTENT / site.id).rglob("*"))
        if p.is_file()
    }
    try:
        page.goto(f"{base}/{parent.id}/admin/nothing-here", wait_until="commit")
        page.evaluate(WRITE, {k: base64.b64encode(v).decode() for k, v in seeded.items()})
        page.goto(f"{base}/{parent.id}/admin/", wait_until="commit")
        page.get_by_text("Làm việc với kho mã nguồn thử nghiệm").click()
        page.get_by_role("button", name="Tạo bài viết hoặc tải tệp lên").wait_for()
        yield Editor(page, base, parent.id, seeded, requests)
    finally:
        context.close()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_the_editor_is_vietnamese_and_stays_on_its_origin(editor):
    page = editor.page
    # Strings of locales/vi.json, served beside the script (English is the only built-in).
    assert page.get_by_role("button", name="Tạo bài viết hoặc tải tệp lên").count() == 1
    page.get_by_text("Bạn hiện đang xem chuyên mục").first.wait_for(state="attached")
    outside = [
        url for url in editor.requests if not url.startswith((editor.base, "blob:", "data:"))
    ]
    assert not outside, outside


def _item(path: Path, site, kind: str, report: ErrorReport):
    return read_item(path, site, path.parents[1], kind, report, 20 << 20, DEMO_NOW)


def new_entry(editor, kind: str, width: int = 1280):
    """The empty form of a new ``kind`` item of the parent; screenshots at 375 and 1280 px."""
    page = editor.page
    editor.open(f"collections/{editor.parent}-{kind}/new")
    page.get_by_role("button", name="Hủy chỉnh sửa").wait_for()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size in (375, 1280):
        page.set_viewport_size({"width": size, "height": 800 if size < 1000 else 900})
        page.screenshot(path=str(SHOTS / f"cms-{kind}-{size}.png"))
    return page


def written_since_seeded(editor, kind: str) -> dict[str, bytes]:
    return {
        path: data
        for path, data in editor.files(f"content/{editor.parent}/{kind}").items()
        if path not in editor.seeded
    }


def checked(written: dict[str, bytes], tmp_path: Path, site: str) -> Path:
    """A copy of the demo content with ``written`` added; ``portal check`` of ``site`` passes
    on it."""
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(DEMO_CONTENT, content)
    for path, data in written.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    now = DEMO_NOW.strftime("%Y-%m-%d %H:%M")
    args = ["check", "--content", str(content), "--site", site, "--now", now]
    result = CliRunner().invoke(main, args)
    texts = "\n".join(d.decode() for p, d in written.items() if p.endswith(".md"))
    assert result.exit_code == 0, result.output + "\n" + texts
    return content


def saved_untouched(editor, rel: str) -> tuple[bool, bytes]:
    """Open an item in its form and save it without touching anything: whether the editor
    saved (its button stays disabled while nothing differs from the file) and the bytes then
    in the repository."""
    site, kind, name = rel.split("/")[1:]
    before = editor.file(rel)
    editor.open(f"collections/{site}-{kind}/entries/{name.removesuffix('.md')}")
    page = editor.page
    page.get_by_role("button", name="Hủy chỉnh sửa").wait_for()
    page.wait_for_timeout(500)  # widgets that normalise a value do it as they mount
    if page.get_by_role("button", name="Lưu", exact=True).is_disabled():
        page.get_by_role("button", name="Hủy chỉnh sửa").click()
        after = editor.file(rel)
        assert after == before
        return False, after
    save(page)
    return True, editor.file(rel)


def assert_same_meaning(rel: str, written: bytes, scratch: Path) -> None:
    """What the editor wrote is read without error and means what the demo file means."""
    site_id, kind, name = rel.split("/")[1:]
    site = next(s for s in demo_sites() if s.id == site_id)
    copy = scratch / site_id
    if not copy.exists():
        shutil.copytree(DEMO_CONTENT / site_id, copy)
    (copy / kind / name).write_bytes(written)
    report = ErrorReport()
    before = _item(DEMO_CONTENT / site_id / kind / name, site, kind, report)
    after = _item(copy / kind / name, site, kind, report)
    assert not report, report
    assert before and after and same_meaning(before, after), written.decode()


def test_a_demo_item_saved_untouched_keeps_its_meaning(editor, tmp_path):
    """Sveltia may save an untouched item again in its own YAML (an article's save button is
    on as soon as its form is open); the check must see the same item. Every demo item of
    every site under ``slow`` (test_every_demo_item_saved_untouched_keeps_its_meaning)."""
    rel = min(p for p in editor.seeded if p.split("/")[2] == "articles" and p.endswith(".md"))
    _, written = saved_untouched(editor, rel)
    if written != editor.seeded[rel]:
        assert_same_meaning(rel, written, tmp_path)


@pytest.mark.slow
def test_every_demo_item_saved_untouched_keeps_its_meaning(editor, tmp_path):
    items = sorted(p for p in editor.seeded if p.endswith(".md"))
    saved = identical = 0
    for rel in items:
        did_save, written = saved_untouched(editor, rel)
        saved += did_save
        if written == editor.seeded[rel]:
            identical += 1
        else:
            assert_same_meaning(rel, written, tmp_path)
    print(
        f"{len(items)} demo items opened and left untouched: {saved} saved by the editor, "
        f"{identical} byte-identical afterwards, {len(items) - identical} in Sveltia's YAML "
        "with the same meaning"
    )


def test_an_article_with_an_image_made_in_the_form_passes_the_check(editor, tmp_path):
    page = new_entry(editor, "articles")
    field(page, "title").locator("input").fill("Ra quân tổng vệ sinh môi trường cuối năm")
    field(page, "date").locator("input[type=datetime-local]").fill("2026-11-21T08:30")
    choose(page, "category", "Hoạt động - Sự kiện")
    image = next((DEMO_CONTENT / editor.parent / "articles/files").glob("*.jpg"))
    upload = tmp_path / "ve-sinh-moi-truong.jpg"
    shutil.copyfile(image, upload)
    field(page, "image").locator("input[type=file]").first.set_input_files(str(upload))
    field(page, "image_alt").locator("input").fill("Đoàn viên thanh niên thu gom rác ven kênh")
    field(page, "body").locator("[contenteditable], textarea").first.click()
    page.keyboard.type("Sáng 21/11, hơn 300 đoàn viên ra quân tổng vệ sinh.")
    save(page)
    written = written_since_seeded(editor, "articles")
    text = next(data for path, data in written.items() if path.endswith(".md")).decode()
    print(text)
    assert "\ndate: 2026-11-21 08:30\n" in text  # Vietnam time, as the reader wants it
    assert "\nimage: files/ve-sinh-moi-truong.jpg\n" in text  # beside the item
    assert any(p.endswith("/articles/files/ve-sinh-moi-truong.jpg") for p in written), written
    checked(written, tmp_path, editor.parent)


@pytest.mark.slow
def test_a_document_with_a_pdf_and_an_invitation_made_in_the_forms_check_and_build(
    editor, tmp_path
):
    page = new_entry(editor, "documents")
    field(page, "title").locator("input").fill("Kế hoạch tổ chức Tết Nguyên đán 2027")
    field(page, "date").locator("input[type=datetime-local]").fill("2026-11-21T09:00")
    field(page, "number").locator("input").fill("245/KH-UBND")
    choose(page, "doc_type", "Kế hoạch")
    field(page, "issuer").locator("input").fill("Ủy ban nhân dân tỉnh Lam Giang")
    field(page, "issued").locator("input[type=date]").fill("2026-11-20")
    field(page, "summary").locator("textarea").fill(
        "Kế hoạch tổ chức các hoạt động mừng Đảng, mừng Xuân."
    )
    pdf = tmp_path / "245-kh-ubnd.pdf"
    pdf.write_bytes(PDF)
    field(page, "files").locator("input[type=file]").first.set_input_files(str(pdf))
    save(page)
    written = written_since_seeded(editor, "documents")
    assert any(p.endswith("/documents/files/245-kh-ubnd.pdf") for p in written), written

    page = new_entry(editor, "invitations")
    field(page, "title").locator("input").fill("Họp triển khai kế hoạch Tết Nguyên đán 2027")
    field(page, "date").locator("input[type=datetime-local]").fill("2026-11-21T09:30")
    field(page, "number").locator("input").fill("88/GM-UBND")
    field(page, "start").locator("input[type=datetime-local]").fill("2026-11-27T08:00")
    field(page, "end").locator("input[type=datetime-local]").fill("2026-11-27T10:30")
    field(page, "location").locator("input").fill("Hội trường UBND huyện")
    save(page)
    written.update(written_since_seeded(editor, "invitations"))
    for path, data in written.items():
        if path.endswith(".md"):
            print(data.decode())
    content = checked(written, tmp_path, editor.parent)
    parent = editor.parent
    output = tmp_path / "output"
    build(content, output, SETTINGS, site_ids=[parent], now=DEMO_NOW, search=False)
    assert list((output / parent / "van-ban").glob("*ke-hoach-to-chuc-tet*/index.html"))
    assert list((output / parent / "giay-moi").glob("*hop-trien-khai*/index.html"))


class _GitHubProbe(BaseHTTPRequestHandler):
    """Answers the editor's first GitHub calls (the signed-in user), records every call and
    refuses the rest: how far Sveltia's GitHub backend goes against a loopback API."""

    calls: ClassVar[list[tuple[str, str, str]]] = []

    def log_message(self, *args) -> None:
        pass

    def _answer(self, body: dict, status: int = 200) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
        self.end_headers()
        self.wfile.write(data)

    def do_OPTIONS(self) -> None:
        self._answer({})

    def do_GET(self) -> None:
        self.calls.append(("GET", self.path, self.headers.get("Authorization") or ""))
        if self.path.endswith("/user"):
            self._answer({"id": 1, "login": "ctv", "name": "Cộng tác viên", "avatar_url": ""})
        else:
            self._answer({"message": "Not Found"}, 404)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        self.calls.append(("POST", self.path, body))
        self._answer({"data": None, "errors": [{"message": "not in this stand-in"}]})


@pytest.mark.slow
def test_the_github_backend_can_be_pointed_at_a_loopback_api(browser, tmp_path):
    """Not a GitHub stand-in yet: proof that one can be used. With ``api_root`` and
    ``graphql_api_root`` on 127.0.0.1 the token path signs in against it (Sveltia sends a token
    over plain HTTP only to localhost, 127.0.0.1 or [::1]), the admin zone's CSP lets the calls
    through as it does for the sign-in relay, and nothing goes to api.github.com. The calls a
    full stand-in must answer, in order, are printed."""
    _GitHubProbe.calls = []
    api = ThreadingHTTPServer(("127.0.0.1", 0), _GitHubProbe)
    threading.Thread(target=api.serve_forever, daemon=True).start()
    api_base = f"http://127.0.0.1:{api.server_address[1]}"
    sites = demo_sites()
    parent = next(s for s in sites if s.is_parent)
    data = config(sites, {})
    data["backend"].update(
        api_root=f"{api_base}/api/v3", graphql_api_root=f"{api_base}/api/graphql"
    )
    write_admin(tmp_path / parent.id, render(data))
    server, thread, base = serve_admin(tmp_path, SitePolicy(admin=True, admin_origins=(api_base,)))
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(f"{base}/{parent.id}/admin/", wait_until="commit")
        page.get_by_text("Đăng nhập bằng mã truy cập").click()
        page.locator("input[type=password], input[type=text]").last.fill("github_pat_probe")
        page.keyboard.press("Enter")
        page.get_by_text("Bạn không có quyền truy cập").wait_for()
    finally:
        context.close()
        for running in (server, api):
            running.shutdown()
            running.server_close()
        thread.join(timeout=5)
    calls = _GitHubProbe.calls
    assert calls[0] == ("GET", "/api/v3/user", "token github_pat_probe")
    paths = {path for _, path, _ in calls}  # the later calls go out side by side
    assert f"/api/v3/repos/{data['backend']['repo']}/collaborators/ctv" in paths
    assert "/api/graphql" in paths
    assert not [u for u in requests if "github.com" in u]
    for method, path, detail in calls:
        print(method, path, detail[:160])
