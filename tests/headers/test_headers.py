"""The headers each site is published with: ``_headers`` and the nginx include, generated from
one policy; scored by the HTTP Observatory's rules (tests/trust/observatory.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from observatory import score

from portal.build import build
from portal.headers import netlify
from portal.headers.policy import IMMUTABLE_CACHE, SHORT_CACHE, content_security_policy
from portal.headers.server import Nginx
from support import DEMO_NOW, PDF, REPO, article

PAGE_TYPES = json.loads((REPO / "tests/browser/page_types.json").read_text(encoding="utf-8"))
PUBLISH = REPO / "publishconf.py"


def parse_headers_file(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """``_headers`` as the host reads it: a path line, then indented ``Name: value`` lines."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("/"):
            rules.append((line.strip(), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def url_paths(site_dir: Path):
    """Every URL path a reader can ask of a built site: each file, and each folder with an
    index page under its clean URL."""
    for file in sorted(site_dir.rglob("*")):
        if not file.is_file() or file.name.startswith("_"):
            continue
        rel = file.relative_to(site_dir).as_posix()
        yield "/" + rel
        if file.name == "index.html":
            yield "/" + rel[: -len("index.html")]


def demo_sites(demo_output: Path) -> list[Path]:
    return sorted(p for p in demo_output.iterdir() if p.is_dir() and not p.name.startswith("."))


def test_no_header_is_set_by_two_rules_and_every_answer_has_a_policy(demo_output):
    """Netlify and Cloudflare join the values of a header set by two matching rules: two CSPs
    would intersect, two cache lifetimes contradict each other. No path may be covered twice."""
    for site_dir in demo_sites(demo_output):
        rules = parse_headers_file(site_dir / "_headers")
        assert len(rules) <= 100, "Cloudflare Pages reads at most 100 rules"
        for path in url_paths(site_dir):
            seen: dict[str, str] = {}
            for pattern, headers in rules:
                if netlify._matches(pattern, path):
                    for name, _ in headers:
                        assert name not in seen, (
                            f"{site_dir.name}{path}: {name} in {seen[name]} and {pattern}"
                        )
                        seen[name] = pattern
            assert "Content-Security-Policy" in seen, f"{site_dir.name}{path}"
            assert "Cache-Control" in seen and "Strict-Transport-Security" in seen


def test_webassembly_only_for_search(demo_output):
    rules = parse_headers_file(demo_output / "tinh-lam-giang/_headers")

    def csp(path: str) -> str:
        return netlify.headers_for(rules, path)["Content-Security-Policy"]

    assert "'wasm-unsafe-eval'" not in csp("/") and "worker-src" not in csp("/")
    assert "'wasm-unsafe-eval'" not in csp("/tin-tuc/")
    assert "'wasm-unsafe-eval'" in csp("/tim-kiem/") and "worker-src 'self'" in csp("/tim-kiem/")
    # Pagefind's worker obeys the policy its own script is served with.
    assert "'wasm-unsafe-eval'" in csp("/pagefind-full/pagefind-worker.js")
    for policy in (csp("/"), csp("/tim-kiem/")):
        assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy
        for directive in (
            "default-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
            "form-action 'self'",
        ):
            assert directive in policy


def test_caching_by_kind(demo_output):
    site = demo_output / "tinh-lam-giang"
    rules = parse_headers_file(site / "_headers")
    asset = next((site / "theme/css").glob("portal.*.css")).relative_to(site).as_posix()
    assert netlify.headers_for(rules, f"/{asset}")["Cache-Control"] == IMMUTABLE_CACHE
    for path in (
        "/",
        "/tin-tuc/",
        "/feed.json",
        "/lich-cong-tac/lich.ics",
        "/pagefind/pagefind-entry.json",
    ):
        assert netlify.headers_for(rules, path)["Cache-Control"] == SHORT_CACHE
    assert netlify.headers_for(rules, "/feed.json")["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_every_page_type_scores_a_plus(demo_output, kind):
    site, _, rest = PAGE_TYPES[kind].lstrip("/").partition("/")
    file = demo_output / site / (rest + "index.html" if rest == "" or rest.endswith("/") else rest)
    rules = parse_headers_file(demo_output / site / "_headers")
    headers = {"Content-Type": "text/html; charset=utf-8", **netlify.headers_for(rules, "/" + rest)}
    report = score(headers, file.read_text(encoding="utf-8"), url=f"https://{site}.example/{rest}")
    assert report.score >= 100 and report.grade == "A+", report.describe()
    assert all(r.passed for r in report.results.values()), report.describe()


def test_production_policies_name_the_related_sites(make_content, tmp_path):
    """In production a member shows its parent's news images, and a parent its members': each
    CSP allows exactly the related sites' origins; the nginx include has no path prefix."""
    content = make_content(
        {
            "huyen/articles/a.md": article(),
            "xa/articles/b.md": article(category='"Tin tức - Sự kiện"'),
        }
    )
    output = tmp_path / "output"
    build(content, output, PUBLISH, now=DEMO_NOW, search=False)
    for site, other in (("xa", "https://huyen.example"), ("huyen", "https://xa.example")):
        rules = parse_headers_file(output / site / "_headers")
        policy = netlify.headers_for(rules, "/")["Content-Security-Policy"]
        assert f"img-src 'self' {other};" in policy
    include = (output / "xa/_nginx.conf").read_text(encoding="utf-8")
    assert "location / {" in include and "/xa/" not in include


DOCUMENT = """\
    ---
    title: "Quyết định ban hành biểu mẫu đăng ký"
    date: 2026-11-20 08:00
    number: "15/QĐ-UBND"
    doc_type: Quyết định
    issuer: "UBND huyện Thử Nghiệm"
    issued: 2026-11-19
    summary: "Ban hành biểu mẫu"
    files: ["tệp/Quyết định 15.pdf", "tệp/Biểu mẫu đăng ký.docx"]
    ---
    Kèm theo biểu mẫu.
    """


def test_office_attachments_are_downloads_pdfs_stay_inline(make_content, build_into):
    content = make_content(
        {
            "huyen/documents/qd.md": DOCUMENT,
            "huyen/documents/tệp/Quyết định 15.pdf": PDF,
            "huyen/documents/tệp/Biểu mẫu đăng ký.docx": b"PK\x03\x04" + b"\x00" * 64,
        }
    )
    output = build_into(content, search=False)
    site = output / "huyen"
    docs = [p.relative_to(site).as_posix() for p in site.rglob("*.docx")]
    assert len(docs) == 1
    rules = parse_headers_file(site / "_headers")
    headers = netlify.headers_for(rules, "/" + docs[0])
    assert headers["Content-Disposition"] == "attachment"
    assert headers["Content-Type"].endswith("wordprocessingml.document")
    pdf = next(site.rglob("*.pdf")).relative_to(site).as_posix()
    assert "Content-Disposition" not in netlify.headers_for(rules, "/" + pdf)


def test_nginx_accepts_the_generated_configuration(demo_output):
    server = Nginx(demo_output, [p.name for p in demo_sites(demo_output)])
    try:
        server.check()
    finally:
        server.stop()
    include = (demo_output / "tinh-lam-giang/_nginx.conf").read_text(encoding="utf-8")
    # nginx forgets the outer add_header lines in any location with its own: each repeats all.
    for block in re.findall(r"location [^{]+\{(.*?)\n\}", include, re.S):
        assert block.count("add_header") == block.count("add_header") and (
            "Strict-Transport-Security" in block and "Content-Security-Policy" in block
        )
    assert content_security_policy("search") in include
