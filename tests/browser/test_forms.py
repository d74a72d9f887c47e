"""Readers' forms in Chromium: the mailto default (the message written out for the reader's
mail program) and the POST contract against a real endpoint on loopback, under the CSP each
page is published with (docs/forms.md)."""

from __future__ import annotations

import functools
import shutil
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from portal.build import build
from portal.errors import ErrorReport
from portal.forms.app import Config, Deliverer, create_app
from portal.forms.github import GitHub
from portal.forms.server import Background
from portal.forms.standin import GitHubStandIn
from portal.forms.store import Store
from portal.headers import form_paths
from portal.headers.policy import (
    SitePolicy,
    common_headers,
    content_security_policy,
    site_policy,
    zone_of,
)
from portal.sites import load_sites
from support import DEMO_CONTENT, DEMO_NOW, REPO, SETTINGS

pytestmark = pytest.mark.browser

QA = "/tinh-lam-giang/hoi-dap/"


class _PolicyHandler(SimpleHTTPRequestHandler):
    """Serves the output with the headers each path is published with (``site_policy`` is set
    once the site is built)."""

    site_policy = SitePolicy()

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        path = self.path.split("?")[0]
        zone = zone_of(path.lstrip("/").partition("/")[2], self.site_policy)
        self.send_header("Content-Security-Policy", content_security_policy(zone, self.site_policy))
        for name, value in common_headers():
            self.send_header(name, value)
        super().end_headers()


@dataclass
class Posting:
    """The demo built with the real endpoint (``portal.forms``) for every site, served with its
    per-path policy at ``base``; the endpoint delivers to a local GitHub stand-in."""

    base: str
    output: Path
    policy: SitePolicy
    endpoint_url: str
    store: Store
    github: GitHubStandIn
    config: Config


@pytest.fixture(scope="module")
def posting(tmp_path_factory):
    root = tmp_path_factory.mktemp("forms")
    output = root / "output"
    # The pages' own origin must be known before the build (return_to, the endpoint's CORS).
    handler = type("_PostingHandler", (_PolicyHandler,), {})
    static = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(output))
    )
    threading.Thread(target=static.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{static.server_address[1]}"
    github = GitHubStandIn(token="t").start()
    store = Store(root / "forms.sqlite3")
    content = root / "content"
    shutil.copytree(DEMO_CONTENT, content)
    sites = load_sites(content, ErrorReport())
    client = GitHub("lamgiang/portal", "t", github.url)
    config = Config(store, sites, client, (base,), rate=50)
    endpoint = Background(create_app(config, Deliverer(store, client, poll=0.05))).start()
    try:
        url = endpoint.url + "/api/v1/submissions"
        sites_file = content / "sites.yml"
        text = sites_file.read_text(encoding="utf-8")
        anchor = "  forms:\n    email: bientap@lamgiang.example\n"
        assert anchor in text
        sites_file.write_text(
            text.replace(anchor, anchor + f"    endpoint: {url}\n", 1), encoding="utf-8"
        )
        settings = root / "settings.py"
        settings.write_text(
            SETTINGS.read_text(encoding="utf-8")
            + f"\nTHEME = {str(REPO / 'theme')!r}\nPORTAL_LOCAL_ORIGIN = {base!r}\n",
            encoding="utf-8",
        )
        build(content, output, settings, now=DEMO_NOW, search=False)
        report = ErrorReport()
        sites = load_sites(content, report)
        from portal.catalog.tree import scan

        _, catalogs = scan(content, DEMO_NOW, report, ["tinh-lam-giang"], 20, False, 1)
        policy = site_policy(sites[0], sites, True, form_paths(catalogs["tinh-lam-giang"]))
        handler.site_policy = policy
        yield Posting(base, output, policy, url, store, github, config)
    finally:
        endpoint.stop()
        store.close()
        github.stop()
        static.shutdown()
        static.server_close()


def _violations(page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return found


ASKED = "Xin hỏi thủ tục đăng ký khai sinh cho con cần giấy tờ gì?"


def _fill_question(page, message: str = ASKED):
    form = page.locator("#pt-ask")
    form.locator("#pt-ask-name").fill("Nguyễn Văn An")
    form.locator("#pt-ask-address").fill("ấp Phước Thạnh, xã Phước Định")
    form.locator("#pt-ask-email").fill("an.nguyen@example.net")
    form.locator("#pt-ask-phone").fill("0912 345 678")
    form.locator("#pt-ask-topic").select_option(index=1)
    form.locator("#pt-ask-title").fill("Đăng ký khai sinh cho con")
    form.locator("#pt-ask-message").fill(message)
    form.get_by_role("checkbox", name="Tôi đồng ý", exact=False).check()


def test_question_form_opens_a_written_mail(browser, demo_site):
    page = browser.new_page()
    violations = _violations(page)
    page.goto(demo_site + QA)
    form = page.locator("#pt-ask")
    assert form.is_visible()
    assert form.get_attribute("data-pt-mode") == "mailto"
    # The page says plainly what happens to the message.
    how = page.locator("#dat-cau-hoi [data-pt-how]")
    assert how.get_attribute("data-pt-how") == "mailto"
    assert "soạn sẵn một thư điện tử gửi tới bientap@lamgiang.example" in how.inner_text()
    # Empty: every required field is named, marked invalid and described by its error.
    form.get_by_role("button", name="Soạn thư gửi câu hỏi").click()
    summary = form.locator(".pt-form__summary")
    assert summary.is_visible()
    assert "5 ô cần sửa" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('pt-form__summary')")
    name = form.locator("#pt-ask-name")
    assert name.get_attribute("aria-invalid") == "true"
    error_id = name.get_attribute("aria-describedby")
    assert page.locator(f"#{error_id}").inner_text() == "Vui lòng nhập họ và tên."
    assert form.locator("#pt-ask-email").get_attribute("aria-invalid") is None  # optional here
    # A wrong address is refused in words.
    form.locator("#pt-ask-email").fill("an.nguyen@")
    form.get_by_role("button", name="Soạn thư gửi câu hỏi").click()
    assert "Địa chỉ thư điện tử chưa đúng" in page.locator("#pt-ask-email-error").inner_text()

    _fill_question(page)
    form.get_by_role("button", name="Soạn thư gửi câu hỏi").click()
    result = page.locator("#pt-ask-result")
    result.wait_for(state="visible")
    assert form.get_attribute("data-pt-state") == "mailto"
    assert summary.is_hidden()
    href = result.locator("[data-pt-mailto]").get_attribute("href")
    to, _, query = href.removeprefix("mailto:").partition("?")
    params = urllib.parse.parse_qs(query)
    assert to == "bientap@lamgiang.example"  # forms.email, not contact.email
    assert params["subject"] == ["[Hỏi đáp] Đăng ký khai sinh cho con"]
    body = params["body"][0]
    assert "Họ và tên: Nguyễn Văn An" in body
    assert "Địa chỉ nơi ở: ấp Phước Thạnh, xã Phước Định" in body
    assert "Số điện thoại: 0912 345 678" in body
    assert "Lĩnh vực: " in body
    assert "Nội dung câu hỏi:\r\nXin hỏi thủ tục đăng ký khai sinh cho con cần giấy tờ gì?" in body
    assert body.endswith(f"Gửi từ trang: http://localhost:8000{QA}")
    assert "đồng ý" not in body.lower()  # the consent box is not part of the message
    assert violations == []
    # No rating buttons without an endpoint: one mail per click would bury the editors.
    page.goto(demo_site + QA)
    first = page.locator(".pt-card a").first.get_attribute("href")
    page.goto(demo_site + first)
    assert page.locator("[data-pt-form=rating]").count() == 0
    page.close()


def test_contact_page_feedback_and_no_script_fallback(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + "/xa-phuoc-dinh/lien-he/")
    assert page.locator("#pt-feedback").is_hidden()  # needs the script to write the mail
    fallback = page.locator("[data-pt-fallback=feedback]")
    assert fallback.is_visible()
    href = fallback.get_attribute("href")
    to, _, query = href.removeprefix("mailto:").partition("?")
    assert to == "ubnd@phuocdinh.example"
    params = urllib.parse.parse_qs(query)
    assert params["subject"] == ["[Góp ý] Góp ý về cổng thông tin"]
    assert "Họ và tên:" in params["body"][0]
    context.close()

    page = browser.new_page()
    page.goto(demo_site + "/xa-phuoc-dinh/lien-he/")
    form = page.locator("#pt-feedback")
    assert form.is_visible()
    form.get_by_role("textbox", name="Họ và tên").fill("Trần Thị Bích")
    form.get_by_role("textbox", name="Tiêu đề").fill("Lịch tiếp dân")
    form.get_by_role("textbox", name="Nội dung góp ý").fill(
        "Đề nghị đăng lịch tiếp công dân sớm hơn."
    )
    form.get_by_role("button", name="Soạn thư góp ý").click()
    page.locator("#pt-feedback-result").wait_for(state="visible")
    href = page.locator("#pt-feedback-result [data-pt-mailto]").get_attribute("href")
    params = urllib.parse.parse_qs(href.partition("?")[2])
    assert params["subject"] == ["[Góp ý] Lịch tiếp dân"]
    assert "Nội dung góp ý:\r\nĐề nghị đăng lịch tiếp công dân sớm hơn." in params["body"][0]
    page.close()


def _issue_of(posting: Posting, reference: str) -> dict:
    """The issue the endpoint opened for ``reference`` on the GitHub stand-in (waits for it)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        for issue in list(posting.github.issues.values()):
            if f"`{reference}`" in issue["body"]:
                return issue
        time.sleep(0.05)
    raise AssertionError(f"no issue for {reference}")


def test_question_from_the_page_becomes_an_issue(browser, posting):
    """The whole way: Chromium posts the question from the page (CSP of the form zone), the
    real endpoint answers with a reference and opens the issue on the GitHub stand-in with the
    Q&A label and the site's editors, without the reader's e-mail or telephone."""
    base, policy = posting.base, posting.policy
    page = browser.new_page()
    violations = _violations(page)
    response = page.goto(base + QA)
    csp = response.headers["content-security-policy"]
    assert f"connect-src 'self' {policy.form_origin}" in csp
    assert f"form-action 'self' {policy.form_origin}" in csp
    form = page.locator("#pt-ask")
    assert form.get_attribute("data-pt-mode") == "post"
    how = page.locator("#dat-cau-hoi [data-pt-how]")
    assert how.get_attribute("data-pt-how") == "post"
    assert "nhận một mã tiếp nhận" in how.inner_text()
    assert form.get_attribute("action") == posting.endpoint_url
    # The endpoint checks again what an old or altered page lets through; its refusal lands
    # next to the field.
    _fill_question(page)
    page.evaluate("() => document.querySelector('#pt-ask-title').removeAttribute('maxlength')")
    form.locator("#pt-ask-title").fill("Đăng ký khai sinh " * 20)
    form.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_function("() => document.querySelector('#pt-ask').dataset.ptState === 'invalid'")
    assert "dài quá 200 ký tự" in page.locator("#pt-ask-title-error").inner_text()
    form.locator("#pt-ask-title").fill("Đăng ký khai sinh cho con")
    form.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_function("() => document.querySelector('#pt-ask').dataset.ptState === 'sent'")
    shown = page.locator("#pt-ask-result").inner_text()
    reference = shown.split("Mã tiếp nhận: ")[1].strip().rstrip(".")
    assert reference.startswith("HD-")
    issue = _issue_of(posting, reference)
    assert issue["title"] == "[Hỏi đáp] Đăng ký khai sinh cho con"
    assert [label["name"] for label in issue["labels"]] == ["hoi-dap", "trang:tinh-lam-giang"]
    assert [a["login"] for a in issue["assignees"]] == ["vo-thanh-tung", "nguyen-thi-kim-ngan"]
    assert "Nguyễn Văn An" in issue["body"] and ASKED in issue["body"]
    assert "an.nguyen@example.net" not in issue["body"] and "0912" not in issue["body"]
    assert posting.store.contact(reference)["email"] == "an.nguyen@example.net"
    assert violations == []
    page.close()


def test_rating_posts_with_and_without_script(browser, posting):
    base = posting.base
    page = browser.new_page()
    violations = _violations(page)
    page.goto(base + QA)
    item_url = page.locator(".pt-card a").first.get_attribute("href")
    page.goto(base + item_url)
    rate = page.locator("#pt-rate")
    assert rate.is_visible()
    item = rate.locator("input[name=item_id]").get_attribute("value")
    assert item.startswith("tag:lamgiang.example,")
    # Nothing chosen: the scale says so, in words, before anything is sent.
    rate.get_by_role("button", name="Gửi đánh giá").click()
    assert "Vui lòng chọn mức đánh giá." in rate.inner_text()
    rate.get_by_role("radio", name="Hài lòng", exact=True).check()
    rate.get_by_role("textbox", name="Góp ý thêm").fill("Rất rõ ràng.")
    rate.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_function("() => document.querySelector('#pt-rate').dataset.ptState === 'sent'")
    assert "Cảm ơn bạn đã cho biết ý kiến." in page.locator("#pt-rate-result").inner_text()
    counts = {r[4]: r[5] for r in posting.store.ratings("tinh-lam-giang") if r[1] == item}
    assert counts == {4: 1}
    assert violations == []
    page.close()

    # Without script the same form is an ordinary post; the endpoint sends the reader back.
    # The same reader the same day is not counted twice.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + item_url)
    assert page.locator("#da-gui").is_hidden()
    rate = page.locator("#pt-rate")
    rate.get_by_role("radio", name="Rất không hài lòng").check()
    rate.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_url(f"{base}{item_url}#da-gui")
    assert page.locator("#da-gui").is_visible()
    counts = {r[4]: r[5] for r in posting.store.ratings("tinh-lam-giang") if r[1] == item}
    assert counts == {4: 1}
    context.close()


def test_opinion_under_an_article(browser, posting, demo_site):
    """'Ý kiến về bài viết này': a mail link without an endpoint, a form with one that opens a
    feedback issue naming the article."""
    page = browser.new_page()
    page.goto(demo_site + "/tinh-lam-giang/tin-tuc/")
    url = page.locator(".pt-card a").first.get_attribute("href")
    page.goto(demo_site + url)
    box = page.locator("#y-kien")
    assert box.get_by_role("heading", name="Ý kiến về bài viết này").is_visible()
    assert box.locator("form").count() == 0
    link = box.locator("[data-pt-fallback=opinion]").get_attribute("href")
    assert link.startswith("mailto:bientap@lamgiang.example?subject=%5BG%C3%B3p%20%C3%BD%5D")

    violations = _violations(page)
    page.goto(posting.base + url)
    title = page.locator("h1").inner_text()
    form = page.locator("#pt-opinion")
    form.get_by_role("textbox", name="Họ và tên").fill("Lê Văn Tám")
    form.get_by_role("textbox", name="Thư điện tử").fill("tam@example.net")
    form.get_by_role("textbox", name="Ý kiến của bạn").fill("Ảnh thứ hai bị lỗi.")
    form.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_function("() => document.querySelector('#pt-opinion').dataset.ptState === 'sent'")
    reference = page.locator("#pt-opinion-result").inner_text().split("Mã tiếp nhận: ")[1]
    issue = _issue_of(posting, reference.strip().rstrip("."))
    assert issue["title"] == f"[Góp ý] Ý kiến về: {title}"
    assert "Ảnh thứ hai bị lỗi." in issue["body"] and "tam@example.net" not in issue["body"]
    assert violations == []
    page.close()


def test_form_zone_widens_only_for_the_endpoint(posting):
    policy = posting.policy
    assert policy.form_origin == posting.endpoint_url.rsplit("/api", 1)[0]
    assert zone_of("hoi-dap/", policy) == "form"
    assert zone_of("lien-he/", policy) == "form"
    assert zone_of("tin-tuc/a/", policy) == "form"  # "Ý kiến về bài viết này"
    assert zone_of("van-ban/a/", policy) == "form"
    assert zone_of("lich-cong-tac/", policy) == "page"
    page_csp = content_security_policy("page", policy)
    assert policy.form_origin not in page_csp
    form_csp = content_security_policy("form", policy)
    assert form_csp.replace(f" {policy.form_origin}", "") == page_csp
    # The published rules say the same.
    output = posting.output
    rules = (output / "tinh-lam-giang" / "_headers").read_text(encoding="utf-8")
    block = rules.split("/hoi-dap/*\n", 1)[1].split("\n/", 1)[0]
    assert f"form-action 'self' {policy.form_origin}" in block
    nginx = (output / "tinh-lam-giang" / "_nginx.conf").read_text(encoding="utf-8")
    assert "location /tinh-lam-giang/hoi-dap/ {" in nginx
    other = (output / "xa-phuoc-dinh" / "_headers").read_text(encoding="utf-8")
    assert policy.form_origin not in other


def test_question_posts_without_script_after_the_browsers_own_checks(browser, posting):
    base = posting.base
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + QA)
    form = page.locator("#pt-ask")
    assert form.is_visible()
    before = len(posting.store.submissions())
    form.get_by_role("button", name="Gửi câu hỏi").click()
    # The browser refuses an empty required field itself: nothing reaches the endpoint.
    page.wait_for_timeout(300)
    assert page.url == base + QA
    assert len(posting.store.submissions()) == before
    assert not page.evaluate("document.querySelector('#pt-ask-name').validity.valid")
    _fill_question(page)
    form.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_url(f"{base}{QA}#da-gui")
    assert page.locator("#da-gui").is_visible()
    row = posting.store.submissions()[-1]
    assert row["kind"] == "question" and row["site"] == "tinh-lam-giang"
    issue = _issue_of(posting, row["reference"])
    assert ASKED in issue["body"]
    context.close()


def test_the_form_zone_behind_nginx(browser, posting):
    """The generated nginx include with the form zone, run by nginx: the Q&A pages answer with
    the endpoint in their CSP, a feed inside the zone keeps its own type and the page CSP,
    other pages stay strict, and a question still posts from the page."""
    from portal.headers.server import Nginx

    output, policy = posting.output, posting.policy
    sites = sorted(p.name for p in output.iterdir() if p.is_dir() and p.name[0] != ".")
    server = Nginx(output, sites)
    base = server.start()
    origins = posting.config.extra_origins
    posting.config.extra_origins = (*origins, base)
    try:
        page = browser.new_page()
        violations = _violations(page)
        answer = page.goto(base + QA)
        assert answer.headers["content-security-policy"] == content_security_policy("form", policy)
        feed = page.request.get(base + QA + "feed.json")
        assert feed.headers["content-type"].startswith("application/feed+json")
        assert feed.headers["content-security-policy"] == content_security_policy("page", policy)
        week = page.request.get(base + "/tinh-lam-giang/lich-cong-tac/")
        assert policy.form_origin not in week.headers["content-security-policy"]
        _fill_question(page)
        page.locator("#pt-ask").get_by_role("button", name="Gửi câu hỏi").click()
        page.wait_for_function("() => document.querySelector('#pt-ask').dataset.ptState === 'sent'")
        assert posting.store.submissions()[-1]["kind"] == "question"
        assert violations == []
        page.close()
    finally:
        posting.config.extra_origins = origins
        server.stop()
