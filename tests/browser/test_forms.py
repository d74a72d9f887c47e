"""Readers' forms in Chromium: the mailto default (the message written out for the reader's
mail program) and the POST contract against a real endpoint on loopback, under the CSP each
page is published with (docs/forms.md)."""

from __future__ import annotations

import json
import shutil
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from portal.build import build
from portal.errors import ErrorReport
from portal.headers import form_paths
from portal.headers.policy import content_security_policy, site_policy, zone_of
from portal.sites import load_sites
from support import DEMO_CONTENT, DEMO_NOW, SETTINGS

pytestmark = pytest.mark.browser

QA = "/binh-lang/hoi-dap/"


class Endpoint(ThreadingHTTPServer):
    """A form endpoint as docs/forms.md describes it: JSON from the script (CORS for the site's
    origin), an ordinary form post without script (303 back to ``return_to``)."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _EndpointHandler)
        self.received: list[tuple[str, dict]] = []
        self.preflights = 0
        self.allowed_origin = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api/gop-y"


class _EndpointHandler(BaseHTTPRequestHandler):
    server: Endpoint

    def log_message(self, *args) -> None:
        pass

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", self.server.allowed_origin)
        self.send_header("Vary", "Origin")

    def do_OPTIONS(self) -> None:
        self.server.preflights += 1
        self.send_response(204)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.end_headers()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length).decode("utf-8")
        kind = self.headers.get("Content-Type", "").split(";")[0]
        if kind == "application/json":
            data = json.loads(raw)
            self.server.received.append((kind, data))
            if "lỗi thử" in data.get("fields", {}).get("message", ""):
                status, answer = (
                    422,
                    {"ok": False, "errors": {"phone": "Số máy không liên lạc được."}},
                )
            else:
                status, answer = 201, {"ok": True, "reference": f"HD-{len(self.server.received)}"}
            body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self._cors()
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        fields = dict(urllib.parse.parse_qsl(raw, keep_blank_values=True))
        self.server.received.append((kind, fields))
        self.send_response(303)
        # The build's pages name their development origin (localhost:8000); this test serves
        # them elsewhere, so the endpoint sends the reader back to where the site is served.
        back = fields["return_to"].replace("http://localhost:8000", self.server.allowed_origin)
        self.send_header("Location", back)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def endpoint():
    server = Endpoint()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def posting_site(tmp_path_factory, endpoint):
    """The demo with ``forms.endpoint`` set for the parent, built; (output, SitePolicy)."""
    root = tmp_path_factory.mktemp("forms")
    content = root / "content"
    shutil.copytree(DEMO_CONTENT, content)
    sites_file = content / "sites.yml"
    text = sites_file.read_text(encoding="utf-8")
    anchor = "  forms:\n    email: bientap@binhlang.example\n"
    assert anchor in text
    sites_file.write_text(
        text.replace(anchor, anchor + f"    endpoint: {endpoint.url}\n", 1),
        encoding="utf-8",
    )
    output = root / "output"
    build(content, output, SETTINGS, now=DEMO_NOW, search=False)
    report = ErrorReport()
    sites = load_sites(content, report)
    parent = sites[0]
    from portal.build import scan

    _, catalogs = scan(content, DEMO_NOW, report, ["binh-lang"], 20, False, 1)
    policy = site_policy(parent, sites, True, form_paths(catalogs["binh-lang"]))
    return output, policy


def _serve_posting(serve, posting_site, endpoint):
    """The posting demo served under its per-path policy, the endpoint reset to answer it."""
    output, policy = posting_site
    base = serve(output, policy)
    endpoint.allowed_origin = base
    endpoint.received.clear()
    return base, policy


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
    form.locator("#pt-ask-address").fill("ấp Phước Thạnh, xã Đông Phước")
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
    assert to == "bientap@binhlang.example"  # forms.email, not contact.email
    assert params["subject"] == ["[Hỏi đáp] Đăng ký khai sinh cho con"]
    body = params["body"][0]
    assert "Họ và tên: Nguyễn Văn An" in body
    assert "Địa chỉ nơi ở: ấp Phước Thạnh, xã Đông Phước" in body
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
    page.goto(demo_site + "/xa-dong-phuoc/lien-he/")
    assert page.locator("#pt-feedback").is_hidden()  # needs the script to write the mail
    fallback = page.locator("[data-pt-fallback=feedback]")
    assert fallback.is_visible()
    href = fallback.get_attribute("href")
    to, _, query = href.removeprefix("mailto:").partition("?")
    assert to == "ubnd@dongphuoc.example"
    params = urllib.parse.parse_qs(query)
    assert params["subject"] == ["[Góp ý] Góp ý về cổng thông tin"]
    assert "Họ và tên:" in params["body"][0]
    context.close()

    page = browser.new_page()
    page.goto(demo_site + "/xa-dong-phuoc/lien-he/")
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


def test_question_posts_the_json_contract(browser, serve, posting_site, endpoint):
    base, policy = _serve_posting(serve, posting_site, endpoint)
    page = browser.new_page()
    violations = _violations(page)
    response = page.goto(base + QA)
    csp = response.headers["content-security-policy"]
    assert f"connect-src 'self' {policy.form_origin}" in csp
    assert f"form-action 'self' {policy.form_origin}" in csp
    form = page.locator("#pt-ask")
    assert form.get_attribute("data-pt-mode") == "post"
    assert form.get_attribute("action") == endpoint.url
    # The endpoint's own refusal lands next to its field.
    _fill_question(page, message="Câu hỏi lỗi thử")
    form.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_function("() => document.querySelector('#pt-ask').dataset.ptState === 'invalid'")
    assert page.locator("#pt-ask-phone-error").inner_text() == "Số máy không liên lạc được."
    form.locator("#pt-ask-message").fill("Xin hỏi thủ tục đăng ký khai sinh cho con?")
    form.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_function("() => document.querySelector('#pt-ask').dataset.ptState === 'sent'")
    assert "Mã tiếp nhận: HD-2." in page.locator("#pt-ask-result").inner_text()
    kind, data = endpoint.received[-1]
    assert kind == "application/json"
    assert data["version"] == 1 and data["kind"] == "question"
    assert data["site"] == "binh-lang" and data["lang"] == "vi"
    assert data["page"] == f"http://localhost:8000{QA}"
    fields = data["fields"]
    assert fields["name"] == "Nguyễn Văn An"
    assert fields["email"] == "an.nguyen@example.net"
    assert fields["title"] == "Đăng ký khai sinh cho con"
    assert fields["consent"] is True
    assert fields["topic"]
    assert "website" not in fields  # the trap for robots is not sent
    assert endpoint.preflights >= 1
    assert violations == []
    page.close()


def test_rating_posts_with_and_without_script(browser, serve, posting_site, endpoint):
    base, _ = _serve_posting(serve, posting_site, endpoint)
    page = browser.new_page()
    violations = _violations(page)
    page.goto(base + QA)
    item_url = page.locator(".pt-card a").first.get_attribute("href")
    page.goto(base + item_url)
    rate = page.locator("#pt-rate")
    assert rate.is_visible()
    rate.get_by_role("textbox", name="Góp ý thêm").fill("Rất rõ ràng.")
    rate.get_by_role("button", name="Có, hữu ích").click()
    page.wait_for_function("() => document.querySelector('#pt-rate').dataset.ptState === 'sent'")
    assert "Cảm ơn bạn đã cho biết ý kiến." in page.locator("#pt-rate-result").inner_text()
    kind, data = endpoint.received[-1]
    assert data["kind"] == "rating" and data["useful"] is True
    assert data["item"]["id"].startswith("tag:binhlang.example,")
    assert data["item"]["url"] == f"http://localhost:8000{item_url}"
    assert data["fields"] == {"comment": "Rất rõ ràng."}
    assert violations == []
    page.close()

    # Without script the same form is an ordinary post; the endpoint sends the reader back.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + item_url)
    assert page.locator("#da-gui").is_hidden()
    page.locator("#pt-rate").get_by_role("button", name="Không").click()
    page.wait_for_url(f"{base}{item_url}#da-gui")
    assert page.locator("#da-gui").is_visible()
    kind, fields = endpoint.received[-1]
    assert kind == "application/x-www-form-urlencoded"
    assert fields["kind"] == "rating" and fields["useful"] == "no"
    assert fields["site"] == "binh-lang" and fields["website"] == ""
    assert fields["return_to"] == f"http://localhost:8000{item_url}#da-gui"
    context.close()


def test_form_zone_widens_only_for_the_endpoint(posting_site, endpoint):
    _, policy = posting_site
    assert policy.form_origin == endpoint.url.rsplit("/api", 1)[0]
    assert zone_of("hoi-dap/", policy) == "form"
    assert zone_of("lien-he/", policy) == "form"
    assert zone_of("tin-tuc/a/", policy) == "page"
    page_csp = content_security_policy("page", policy)
    assert policy.form_origin not in page_csp
    form_csp = content_security_policy("form", policy)
    assert form_csp.replace(f" {policy.form_origin}", "") == page_csp
    # The published rules say the same.
    output, _ = posting_site
    rules = (output / "binh-lang" / "_headers").read_text(encoding="utf-8")
    block = rules.split("/hoi-dap/*\n", 1)[1].split("\n/", 1)[0]
    assert f"form-action 'self' {policy.form_origin}" in block
    nginx = (output / "binh-lang" / "_nginx.conf").read_text(encoding="utf-8")
    assert "location /binh-lang/hoi-dap/ {" in nginx
    other = (output / "xa-dong-phuoc" / "_headers").read_text(encoding="utf-8")
    assert policy.form_origin not in other


def test_question_posts_without_script_after_the_browsers_own_checks(
    browser, serve, posting_site, endpoint
):
    base, _ = _serve_posting(serve, posting_site, endpoint)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + QA)
    form = page.locator("#pt-ask")
    assert form.is_visible()
    form.get_by_role("button", name="Gửi câu hỏi").click()
    # The browser refuses an empty required field itself: nothing reaches the endpoint.
    page.wait_for_timeout(300)
    assert page.url == base + QA
    assert endpoint.received == []
    assert not page.evaluate("document.querySelector('#pt-ask-name').validity.valid")
    _fill_question(page)
    form.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_url(f"{base}{QA}#da-gui")
    assert page.locator("#da-gui").is_visible()
    kind, fields = endpoint.received[-1]
    assert kind == "application/x-www-form-urlencoded"
    assert fields["kind"] == "question" and fields["name"] == "Nguyễn Văn An"
    assert fields["consent"] == "yes" and fields["message"] == ASKED
    context.close()


def test_the_form_zone_behind_nginx(browser, posting_site, endpoint):
    """The generated nginx include with the form zone, run by nginx: the Q&A pages answer with
    the endpoint in their CSP, a feed inside the zone keeps its own type and the page CSP,
    other pages stay strict, and a question still posts from the page."""
    from portal.headers.server import Nginx

    output, policy = posting_site
    sites = sorted(p.name for p in output.iterdir() if p.is_dir() and p.name[0] != ".")
    server = Nginx(output, sites)
    base = server.start()
    try:
        endpoint.allowed_origin = base
        endpoint.received.clear()
        page = browser.new_page()
        violations = _violations(page)
        answer = page.goto(base + QA)
        assert answer.headers["content-security-policy"] == content_security_policy("form", policy)
        feed = page.request.get(base + QA + "feed.json")
        assert feed.headers["content-type"].startswith("application/feed+json")
        assert feed.headers["content-security-policy"] == content_security_policy("page", policy)
        news = page.request.get(base + "/binh-lang/tin-tuc/")
        assert policy.form_origin not in news.headers["content-security-policy"]
        _fill_question(page)
        page.locator("#pt-ask").get_by_role("button", name="Gửi câu hỏi").click()
        page.wait_for_function("() => document.querySelector('#pt-ask').dataset.ptState === 'sent'")
        assert endpoint.received[-1][1]["kind"] == "question"
        assert violations == []
        page.close()
    finally:
        server.stop()
