"""The offline MDN HTTP Observatory scorer itself, checked against the scanner's own test suite.

Header values, page fixtures and expected results are transcribed from
github.com/mdn/mdn-http-observatory ``test/*.test.js`` and ``test/files/*.html`` (each case names
its file); the modifiers are those of ``src/grader/charts.js``. Those tests scan
``https://mozilla.org/``, and so do these.
"""

from __future__ import annotations

import pytest
from observatory import MODIFIERS, TESTS, grade_for, score

URL = "https://mozilla.org/"
HTML = ("Content-Type", "text/html")
SHA384 = "sha384-zTm/dblzLXQNp3CgY+hfaC/WJ6h4XtNrePh2CW2+rO9GPuNiPb9jmthvAL+oI/dQ"


def check(test, headers=(), html="", **options):
    """The result of one test for a page served as HTML with these extra headers."""
    return score([HTML, *headers], html, url=URL, **options).results[test]


def csp(value, html=""):
    """The CSP result for this Content-Security-Policy header."""
    return check("content-security-policy", [("Content-Security-Policy", value)], html)


def meta_csp(*contents):
    """A page carrying each policy in its own <meta http-equiv> (test/files/*csp*.html)."""
    metas = "".join(
        f'<meta http-equiv="Content-Security-Policy" content="{content}" />' for content in contents
    )
    return f'<!doctype html><html lang="en"><head><meta charset="UTF-8" />{metas}</head></html>'


def scripts(*tags):
    """A page whose head holds these <script> tags (test/files/test_content_sri_*.html)."""
    return f"<html><head>{''.join(tags)}</head><body></body></html>"


# --- Content Security Policy: test/csp.test.js ------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "  ",
        "\r\n",
        "",
        "default-src 'none'; default-src 'none'",  # repeated directive
        "default-src 'none'; img-src 'self'; default-src 'none'",
        "default-src 'none'; script-src 'strict-dynamic'",  # strict-dynamic without nonce/hash
        "defa",
    ],
)
def test_csp_header_invalid(value):
    outcome = csp(value)
    assert (outcome.result, outcome.modifier, outcome.passed) == ("csp-header-invalid", -25, False)


@pytest.mark.parametrize(
    "value",
    [
        "default-src 'none'; script-src https://*",  # "insecure scheme broad and unsafe"
        "default-src 'none'; script-src 'unsafe-inline'",
        "script-src 'unsafe-inline'",  # "unsafe inline"
        "script-src data:",
        "script-src http:",
        "script-src ftp:",
        "default-src 'unsafe-inline'",
        "default-src 'UNSAFE-INLINE'",
        "upgrade-insecure-requests",
        "script-src 'none'",  # object-src missing: anything goes
        "script-src https:",
        "script-src https://mozilla.org https:",
        "default-src https://mozilla.org https:",
        "default-src 'none'; script-src *",
        "default-src *; script-src *; object-src 'none'",
        "default-src 'none'; script-src 'none'; object-src *",
        "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'",
        "default-src 'none'; script-src 'unsafe-inline' http:",
        "object-src https:; script-src 'none'",
    ],
)
def test_csp_unsafe_inline(value):
    outcome = csp(value)
    assert (outcome.result, outcome.modifier) == ("csp-implemented-with-unsafe-inline", -20)
    assert not outcome.passed


@pytest.mark.parametrize(
    "value",
    [
        "default-src http://mozilla.org",
        "default-src 'none'; script-src http://mozilla.org",
        "default-src 'none'; script-src ftp://mozilla.org",
    ],
)
def test_csp_insecure_scheme(value):
    outcome = csp(value)
    assert (outcome.result, outcome.modifier) == ("csp-implemented-with-insecure-scheme", -20)


def test_csp_unsafe_eval():
    outcome = csp("default-src 'none'; script-src 'unsafe-eval'")
    assert (outcome.result, outcome.modifier) == ("csp-implemented-with-unsafe-eval", -10)
    assert not outcome.passed


@pytest.mark.parametrize(
    "value",
    [
        "default-src 'none'; img-src http://mozilla.org",
        "default-src 'self'; img-src ftp:",
        "default-src 'self'; img-src http:",
        "default-src 'none'; img-src https:; media-src http://mozilla.org",
        "default-src 'none'; img-src http: https:; script-src 'self'; style-src 'self'",
        "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; style-src 'self'",
        "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; "
        "style-src 'unsafe-inline'",
    ],
)
def test_csp_insecure_scheme_in_passive_content_only(value):
    outcome = csp(value)
    expected = ("csp-implemented-with-insecure-scheme-in-passive-content-only", -10, True)
    assert (outcome.result, outcome.modifier, outcome.passed) == expected


@pytest.mark.parametrize(
    "value",
    [
        "object-src 'none'; script-src 'none'; style-src 'unsafe-inline'",
        "default-src 'none'; script-src https://mozilla.org; style-src 'unsafe-inline'",
        "default-src 'unsafe-inline'; script-src https://mozilla.org",
        "default-src 'none';;; ;;;style-src 'self' 'unsafe-inline'",
        "default-src 'none'; style-src data:",
        "default-src 'none'; style-src *",
        "default-src 'none'; style-src https:",
        "default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB=' 'unsafe-inline'",
    ],
)
def test_csp_unsafe_inline_in_style_src_only(value):
    outcome = csp(value)
    expected = ("csp-implemented-with-unsafe-inline-in-style-src-only", 0, True)
    assert (outcome.result, outcome.modifier, outcome.passed) == expected


@pytest.mark.parametrize(
    "value",
    [
        "default-src https://mozilla.org",
        "default-src https://mozilla.org;;; ;;;script-src 'none'",
        "object-src 'none'; script-src https://mozilla.org; style-src https://mozilla.org; "
        "upgrade-insecure-requests;",
        "object-src 'none'; script-src 'strict-dynamic' 'nonce-abc' 'unsafe-inline'; "
        "style-src 'none'",
        "object-src 'none'; style-src 'self';"
        "script-src 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBA='",
        "object-src 'none'; style-src 'self'; script-src 'unsafe-inline' "
        "'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBA='"
        "'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB='",
        "object-src 'none'; script-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'; "
        "style-src 'none'",
        "default-src https://mozilla.org; style-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'",
        "default-src https://mozilla.org; style-src 'unsafe-inline' "
        "'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB=' 'unsafe-inline'",
    ],
)
def test_csp_no_unsafe(value):
    outcome = csp(value)
    assert (outcome.result, outcome.modifier, outcome.passed) == (
        "csp-implemented-with-no-unsafe",
        5,
        True,
    )


@pytest.mark.parametrize(
    "value",
    [
        "default-src",  # no value means 'none'
        "default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123' 'unsafe-inline'",
        "default-src 'none'; script-src https://mozilla.org; style-src https://mozilla.org; "
        "upgrade-insecure-requests;",
        "default-src 'none'; object-src https://mozilla.org",
        # "strict dynamic": schemes, 'self' and 'unsafe-inline' are ignored next to a hash
        "default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123'",
        "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123'",
        "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' https://*",
        "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' 'unsafe-inline'",
    ],
)
def test_csp_default_src_none_earns_the_bonus(value):
    outcome = csp(value)
    expected = ("csp-implemented-with-no-unsafe-default-src-none", 10, True)
    assert (outcome.result, outcome.modifier, outcome.passed) == expected


@pytest.mark.parametrize(
    ("header", "html"),
    [
        (None, meta_csp("default-src 'none';")),  # test_parse_http_equiv_headers_csp1.html
        # test_parse_http_equiv_headers_csp_multiple_http_equiv1.html
        (
            None,
            meta_csp(
                "default-src 'none'; object-src 'none'; media-src 'none';",
                "connect-src 'self'; font-src 'self'; child-src 'self'",
                "img-src 'self'; style-src 'self' 'nonce-gAeQO8jI4VJCsrsXkcUVRCzQjiihKteQ",
                "script-src 'self' 'unsafe-inline' 'nonce-gAeQO8jI4VJCsrsXkcUVRCzQjiihKteQ'",
            ),
        ),
        # header and meta disagree: only what both allow is left (csp2.html: default-src https:)
        ("default-src http:", meta_csp("default-src https:")),
        ("default-src 'none'", meta_csp("default-src 'none';")),
        ("default-src 'none'", meta_csp("default-src https:")),
        ("img-src 'none'", meta_csp("default-src 'none';")),
    ],
)
def test_csp_in_meta_tags_counts(header, html):
    headers = [("Content-Security-Policy", header)] if header else []
    outcome = check("content-security-policy", headers, html)
    assert (outcome.result, outcome.modifier) == (
        "csp-implemented-with-no-unsafe-default-src-none",
        10,
    )


def test_csp_frame_ancestors_in_meta_is_ignored():
    # "ignore frame-anchestors in http-equiv", test_parse_http_equiv_headers_not_allowed.html
    html = meta_csp("frame-ancestors 'none'")
    assert check("content-security-policy", [], html).result == "csp-not-implemented"
    outcome = csp("frame-anchestors 'none'", html)
    assert (outcome.result, outcome.modifier) == ("csp-implemented-with-unsafe-inline", -20)


def test_csp_report_only_is_not_enough():
    # "report only"
    headers = [
        ("Content-Security-Policy-Report-Only", "default-src 'none'; report-to /_/csp-reports")
    ]
    outcome = check("content-security-policy", headers)
    assert (outcome.result, outcome.modifier) == ("csp-not-implemented-but-reporting-enabled", -25)


def test_csp_missing():
    outcome = check("content-security-policy")
    assert (outcome.result, outcome.modifier, outcome.passed) == ("csp-not-implemented", -25, False)


def test_csp_repeated_report_uri_passes_without_bonus():
    # src/analyzer/cspParser.js ALLOWED_DUPLICATE_KEYS (CHANGELOG 1.3.9, issue #151)
    outcome = csp("default-src 'none'; report-uri /a; report-uri /b")
    expected = ("csp-implemented-but-duplicate-directives", 0, True)
    assert (outcome.result, outcome.modifier, outcome.passed) == expected


def test_csp_meta_is_read_only_in_html():
    # src/retriever/retriever.js parses <meta> only when Content-Type is an HTML type
    html = meta_csp("default-src 'none';")
    outcome = score([("Content-Type", "text/plain")], html, url=URL)
    assert outcome.results["content-security-policy"].result == "csp-not-implemented"


# --- Strict-Transport-Security: test/strict-transport-security.test.js -------------------------


@pytest.mark.parametrize(
    ("value", "result", "modifier"),
    [
        (None, "hsts-not-implemented", -20),
        ("includeSubDomains; preload", "hsts-header-invalid", -20),
        (
            "max-age=15768000; includeSubDomains, max-age=15768000; includeSubDomains",
            "hsts-header-invalid",
            -20,
        ),
        ("max-age=86400", "hsts-implemented-max-age-less-than-six-months", -10),  # one day
        (
            "max-age=15768000; includeSubDomains; preload",
            "hsts-implemented-max-age-at-least-six-months",
            0,
        ),
        ("max-age=63072000; includeSubDomains", "hsts-implemented-max-age-at-least-six-months", 0),
    ],
)
def test_hsts(value, result, modifier):
    headers = [("Strict-Transport-Security", value)] if value else []
    outcome = check("strict-transport-security", headers)
    assert (outcome.result, outcome.modifier) == (result, modifier)
    assert outcome.passed is (modifier == 0)


def test_hsts_sent_twice_is_invalid():
    # Node.js joins the two fields with ", ": the scanner then sees the comma of the test above
    value = ("Strict-Transport-Security", "max-age=63072000")
    assert check("strict-transport-security", [value, value]).result == "hsts-header-invalid"


def test_hsts_preloaded():
    # "preloaded": a host on the preload list gets the bonus whatever it sends
    outcome = check("strict-transport-security", hsts_preloaded=True)
    assert (outcome.result, outcome.modifier, outcome.passed) == ("hsts-preloaded", 5, True)


# --- X-Content-Type-Options: test/x-content-type-options.test.js --------------------------------


@pytest.mark.parametrize(
    ("value", "result", "modifier"),
    [
        (None, "x-content-type-options-not-implemented", -5),
        ("whimsy", "x-content-type-options-header-invalid", -5),
        ("nosniff, nosniff", "x-content-type-options-header-invalid", -5),
        ("nosniff", "x-content-type-options-nosniff", 0),
        ("nosniff ", "x-content-type-options-nosniff", 0),
    ],
)
def test_x_content_type_options(value, result, modifier):
    headers = [("X-Content-Type-Options", value)] if value else []
    outcome = check("x-content-type-options", headers)
    assert (outcome.result, outcome.modifier) == (result, modifier)


# --- X-Frame-Options: test/x-frame-options.test.js ----------------------------------------------


@pytest.mark.parametrize(
    ("headers", "result", "modifier"),
    [
        ([], "x-frame-options-not-implemented", -20),
        ([("X-Frame-Options", "whimsy")], "x-frame-options-header-invalid", -20),
        ([("X-Frame-Options", "SAMEORIGIN, SAMEORIGIN")], "x-frame-options-header-invalid", -20),
        # "common to see this header sent multiple times": Node joins the two lines
        (
            [("X-Frame-Options", "SAMEORIGIN"), ("x-frame-options", "SAMEORIGIN")],
            "x-frame-options-header-invalid",
            -20,
        ),
        (
            [("X-Frame-Options", "ALLOW-FROM https://mozilla.org")],
            "x-frame-options-allow-from-origin",
            0,
        ),
        ([("X-Frame-Options", "DENY")], "x-frame-options-sameorigin-or-deny", 0),
        ([("X-Frame-Options", "DENY ")], "x-frame-options-sameorigin-or-deny", 0),
        (
            [
                ("X-Frame-Options", "DENY"),
                ("Content-Security-Policy", "frame-ancestors https://mozilla.org"),
            ],
            "x-frame-options-implemented-via-csp",
            5,
        ),
        (
            [("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")],
            "x-frame-options-implemented-via-csp",
            5,
        ),
    ],
)
def test_x_frame_options(headers, result, modifier):
    outcome = check("x-frame-options", headers)
    assert (outcome.result, outcome.modifier) == (result, modifier)


def test_x_frame_options_in_meta_is_ignored():
    # test_parse_http_equiv_headers_x_frame_options.html
    html = '<html><head><meta http-equiv="X-Frame-Options" content="DENY" /></head></html>'
    assert check("x-frame-options", [], html).result == "x-frame-options-not-implemented"


def test_meta_frame_ancestors_still_counts_for_x_frame_options():
    # A scanner quirk, read from src/analyzer/tests/x-frame-options.js: it looks for
    # frame-ancestors in the CSP test's data, which merges header and <meta> policies.
    html = meta_csp("default-src 'none'; frame-ancestors 'none'")
    report = score([HTML], html, url=URL)
    assert report.results["content-security-policy"].modifier == 10
    assert report.results["x-frame-options"].result == "x-frame-options-implemented-via-csp"


# --- Referrer-Policy: test/referrer-policy.test.js ----------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "no-referrer",
        "same-origin",
        "strict-origin",
        "STRICT-ORIGIN",
        "strict-origin-when-cross-origin",
    ],
)
def test_referrer_policy_private(value):
    outcome = check("referrer-policy", [("Referrer-Policy", value)])
    assert (outcome.result, outcome.modifier, outcome.passed) == (
        "referrer-policy-private",
        5,
        True,
    )


@pytest.mark.parametrize(
    ("value", "result", "modifier"),
    [
        (None, "referrer-policy-not-implemented", 0),
        ("whimsy", "referrer-policy-header-invalid", -5),
        ("origin", "referrer-policy-unsafe", -5),
        ("origin-when-cross-origin", "referrer-policy-unsafe", -5),
        ("unsafe-url", "referrer-policy-unsafe", -5),
        ("no-referrer-when-downgrade", "referrer-policy-unsafe", -5),  # charts.js
        ("origin-when-cross-origin, no-referrer, unsafe-url", "referrer-policy-unsafe", -5),
        ("no-referrer, unsafe-url", "referrer-policy-unsafe", -5),
        ("no-referrer, whimsy", "referrer-policy-private", 5),
        ("whimsy, whimsy1, whimsy2", "referrer-policy-header-invalid", -5),
    ],
)
def test_referrer_policy_last_valid_value_decides(value, result, modifier):
    headers = [("Referrer-Policy", value)] if value else []
    outcome = check("referrer-policy", headers)
    assert (outcome.result, outcome.modifier) == (result, modifier)


def test_referrer_policy_meta_comes_last():
    # test_parse_http_equiv_headers_referrer1.html, alone and after an unsafe-url header
    html = '<html><head><meta name="referrer" content="no-referrer, same-origin" /></head></html>'
    assert check("referrer-policy", [], html).result == "referrer-policy-private"
    with_header = check("referrer-policy", [("Referrer-Policy", "unsafe-url")], html)
    assert (with_header.result, with_header.modifier) == ("referrer-policy-private", 5)


# --- Cross-Origin-Resource-Policy: test/cross-origin-resource-policy.test.js ---------------------


@pytest.mark.parametrize(
    ("value", "result", "modifier"),
    [
        (None, "corp-not-implemented", 0),
        ("whimsy", "corp-header-invalid", -5),
        ("same-site", "corp-implemented-with-same-site", 10),
        ("same-origin", "corp-implemented-with-same-origin", 10),
        ("cross-origin", "corp-implemented-with-cross-origin", 0),
    ],
)
def test_cross_origin_resource_policy(value, result, modifier):
    headers = [("Cross-Origin-Resource-Policy", value)] if value else []
    outcome = check("cross-origin-resource-policy", headers)
    assert (outcome.result, outcome.modifier, outcome.passed) == (result, modifier, modifier >= 0)


# --- CORS: test/cors.test.js ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "result", "modifier"),
    [
        ([], "cross-origin-resource-sharing-not-implemented", 0),
        (
            [("Access-Control-Allow-Origin", "*")],
            "cross-origin-resource-sharing-implemented-with-public-access",
            0,
        ),
        (
            [("Access-Control-Allow-Origin", "https://mozilla.org")],
            "cross-origin-resource-sharing-implemented-with-restricted-access",
            0,
        ),
        (
            [
                ("Access-Control-Allow-Origin", "https://http-observatory.security.mozilla.org"),
                ("Access-Control-Allow-Credentials", "true"),
            ],
            "cross-origin-resource-sharing-implemented-with-universal-access",
            -50,
        ),
    ],
)
def test_cors(headers, result, modifier):
    outcome = check("cross-origin-resource-sharing", headers)
    assert (outcome.result, outcome.modifier, outcome.passed) == (result, modifier, modifier == 0)


# --- Cookies: test/cookies.test.js ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cookies", "hsts", "result", "modifier"),
    [
        ([], False, "cookies-not-found", 0),
        (
            [
                "SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly",
                "foo=bar; Domain=mozilla.org; Secure; Path=/",
                "heroku-session-affinity=bar; Domain=mozilla.org; Path=/",
            ],
            False,
            "cookies-secure-with-httponly-sessions",
            0,
        ),
        (
            [
                "SESSIONID_SAMESITE_STRICT=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; "
                "SameSite=Strict",
                "SESSIONID_SAMESITE_LAX=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; "
                "SameSite=Lax",
                "SESSIONID_SAMESITE_NONE=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; "
                "SameSite=None",
            ],
            False,
            "cookies-secure-with-httponly-sessions-and-samesite",
            5,
        ),
        (
            ["CSRFTOKEN=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly"],
            False,
            "cookies-anticsrf-without-samesite-flag",
            -20,
        ),
        (
            ["SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite="],
            False,
            "cookies-samesite-flag-invalid",
            -20,
        ),
        (
            ["SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=True"],
            False,
            "cookies-samesite-flag-invalid",
            -20,
        ),
        (
            ["foo=bar; Domain=mozilla.org; Path=/"],
            True,
            "cookies-without-secure-flag-but-protected-by-hsts",
            -5,
        ),
        (
            ["SESSIONID=bar; Domain=mozilla.org; Path=/; HttpOnly"],
            True,
            "cookies-session-without-secure-flag-but-protected-by-hsts",
            -10,
        ),
        (["foo=bar; Domain=mozilla.org; Path=/"], False, "cookies-without-secure-flag", -20),
        (
            ["SESSIONID=bar; Domain=mozilla.org; Path=/; Secure"],
            False,
            "cookies-session-without-httponly-flag",
            -30,
        ),
        (
            ["SESSIONID=bar; Domain=mozilla.org; Path=/"],
            False,
            "cookies-session-without-secure-flag",
            -40,
        ),
    ],
)
def test_cookies(cookies, hsts, result, modifier):
    headers = [("Set-Cookie", cookie) for cookie in cookies]
    if hsts:
        headers.append(("Strict-Transport-Security", "max-age=15768000"))
    outcome = check("cookies", headers)
    assert (outcome.result, outcome.modifier) == (result, modifier)


# --- Subresource Integrity: test/subresource-integrity.test.js ----------------------------------


@pytest.mark.parametrize(
    ("html", "result", "modifier"),
    [
        ("<html><head></head><body></body></html>", "sri-not-implemented-but-no-scripts-loaded", 0),
        # test_content_sri_sameorigin_relative / _noproto / _https.html, and the malformed src="//"
        (
            scripts('<script src="/static/js/foo.js"></script>'),
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            0,
        ),
        (
            scripts('<script src="//mozilla.org/static/js/foo.js"></script>'),
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            0,
        ),
        (
            scripts('<script src="https://mozilla.org/static/js/foo.js"></script>'),
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            0,
        ),
        (
            scripts('<script src="//"></script>'),
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            0,
        ),
        # test_content_sri_cross_origin_subdomain.html: another subdomain is another origin
        (
            scripts('<script src="https://cdn.mozilla.org/static/js/foo.js"></script>'),
            "sri-not-implemented-but-external-scripts-loaded-securely",
            -5,
        ),
        # test_content_sri_impl_external_https1.html and _https2.html
        (
            scripts(
                '<script src="/static/js/foo.js"></script>',
                f'<script src="https://fb.me/react-0.14.7.min.js" integrity="{SHA384}"'
                ' crossorigin="anonymous"></script>',
            ),
            "sri-implemented-and-external-scripts-loaded-securely",
            5,
        ),
        (
            scripts(
                '<script src="/static/js/foo.js"></script>',
                f'<script src="https://localhost/react-0.14.7.min.js" integrity="{SHA384}"'
                ' crossorigin="anonymous"></script>',
            ),
            "sri-implemented-and-external-scripts-loaded-securely",
            5,
        ),
        # test_content_sri_impl_sameorigin.html
        (
            scripts(
                f'<script src="/static/js/react-0.14.7.min.js" integrity="{SHA384}"'
                ' crossorigin="anonymous"></script>'
            ),
            "sri-implemented-and-all-scripts-loaded-securely",
            5,
        ),
        # test_content_sri_notimpl_external_https.html
        (
            scripts(
                '<script src="/static/js/foo.js"></script>',
                '<script src="https://fb.me/react-0.14.7.min.js"></script>',
            ),
            "sri-not-implemented-but-external-scripts-loaded-securely",
            -5,
        ),
        # test_content_sri_impl_external_http.html
        (
            scripts(
                '<script src="/static/js/foo.js"></script>',
                f'<script src="http://fb.me/react-0.14.6.min.js" integrity="{SHA384}"'
                ' crossorigin="anonymous"></script>',
                f'<script src="https://fb.me/react-0.14.7.min.js" integrity="{SHA384}"'
                ' crossorigin="anonymous"></script>',
            ),
            "sri-implemented-but-external-scripts-not-loaded-securely",
            -20,
        ),
        # test_content_sri_impl_external_noproto.html, no plain-HTTP server: counts as HTTPS
        (
            scripts(
                f'<script src="//fb.me/react-0.14.6.min.js" integrity="{SHA384}"'
                ' crossorigin="anonymous"></script>'
            ),
            "sri-implemented-and-external-scripts-loaded-securely",
            5,
        ),
        # test_content_sri_notimpl_external_http.html
        (
            scripts(
                '<script src="/static/js/foo.js"></script>',
                '<script src="http://fb.me/react-0.14.6.min.js"></script>',
            ),
            "sri-not-implemented-and-external-scripts-not-loaded-securely",
            -50,
        ),
        # test_content_sri_notimpl_external_noproto.html, "no HTTP server at all" case
        (
            scripts(
                '<script src="/static/js/foo.js"></script>',
                '<script src="//fb.me/react-0.14.6.min.js"></script>',
            ),
            "sri-not-implemented-but-external-scripts-loaded-securely",
            -5,
        ),
    ],
)
def test_subresource_integrity(html, result, modifier):
    outcome = check("subresource-integrity", [], html)
    assert (outcome.result, outcome.modifier) == (result, modifier)


def test_subresource_integrity_not_html():
    # "checks for not html"
    report = score([("Content-Type", "application/json")], '{"foo": "bar"}', url=URL)
    outcome = report.results["subresource-integrity"]
    assert (outcome.result, outcome.modifier) == ("sri-not-implemented-response-not-html", 0)


# --- Grading: test/grader.test.js, src/grader/charts.js, src/scanner/index.js -----------------

PASSING_WITHOUT_BONUS = [
    HTML,
    # 'unsafe-inline' in style-src only: a CSP worth 0
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"),
    ("Strict-Transport-Security", "max-age=63072000"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
]
BONUSES = [  # +10 (CSP) +5 (XFO via CSP) +5 (Referrer-Policy) +10 (CORP)
    HTML,
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
]
PAGE = scripts('<script src="/theme/js/portal.0123456789.js" defer></script>')


@pytest.mark.parametrize(
    ("points", "grade"),
    [(120, "A+"), (100, "A+"), (99, "A"), (90, "A"), (89, "A-"), (85, "A-"), (84, "B+"),
     (80, "B+"), (79, "B"), (70, "B"), (69, "B-"), (65, "B-"), (64, "C+"), (60, "C+"),
     (59, "C"), (50, "C"), (49, "C-"), (45, "C-"), (44, "D+"), (40, "D+"), (39, "D"),
     (30, "D"), (29, "D-"), (25, "D-"), (24, "F"), (0, "F"), (-10, "F")],
)  # fmt: skip
def test_grade_chart(points, grade):
    assert grade_for(points) == grade


def test_every_result_has_a_modifier_and_every_test_a_result():
    report = score([HTML], PAGE, url=URL)
    assert tuple(report.results) == TESTS
    assert all(outcome.result in MODIFIERS for outcome in report.results.values())


def test_exactly_a_plus():
    report = score(PASSING_WITHOUT_BONUS, PAGE, url=URL)
    assert (report.score, report.grade) == (100, "A+"), report.describe()
    assert all(outcome.modifier == 0 for outcome in report.results.values()), report.describe()


def test_one_penalty_below_a_plus():
    without_nosniff = [h for h in PASSING_WITHOUT_BONUS if h[0] != "X-Content-Type-Options"]
    report = score(without_nosniff, PAGE, url=URL)
    assert (report.score, report.grade) == (95, "A"), report.describe()
    assert report.results["x-content-type-options"].modifier == -5


def test_nothing_set():
    # CSP -25, HSTS -20, X-Content-Type-Options -5, X-Frame-Options -20
    report = score([HTML], PAGE, url=URL)
    assert (report.score, report.grade) == (30, "D"), report.describe()
    assert "bonuses not counted" in report.describe()


def test_bonuses_are_dropped_below_90():
    # 100 - 20 (no HSTS) = 80: the +30 of bonuses would make 110, but they do not count
    report = score(BONUSES, PAGE, url=URL)
    assert report.results["strict-transport-security"].modifier == -20
    assert sum(outcome.modifier for outcome in report.results.values()) == 10
    assert (report.penalised_score, report.score, report.grade) == (80, 80, "B+")
    assert "bonuses not counted: 100 with penalties only is 80, below 90" in report.describe()


def test_bonuses_count_from_90():
    # 100 - 10 (HSTS of one day) = 90: the +30 of bonuses count
    report = score([*BONUSES, ("Strict-Transport-Security", "max-age=86400")], PAGE, url=URL)
    assert (report.penalised_score, report.score, report.grade) == (90, 120, "A+")
    assert "bonuses not counted" not in report.describe()


def test_strong_page_scores_130():
    headers = {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": (
            "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
            "img-src 'self' data:; connect-src 'self'; worker-src 'self'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests"
        ),
        "strict-transport-security": "max-age=63072000; includeSubDomains; preload",
        "x-content-type-options": "nosniff",
        "referrer-policy": "strict-origin-when-cross-origin",
        "cross-origin-resource-policy": "same-site",
        "access-control-allow-origin": "*",
    }
    report = score(headers, PAGE)
    assert (report.score, report.grade) == (130, "A+"), report.describe()
    assert all(outcome.passed for outcome in report.results.values()), report.describe()
    assert report.results["redirection"].result == "redirection-not-needed-no-http"


def test_describe_lists_every_test():
    lines = score(PASSING_WITHOUT_BONUS, PAGE, url=URL).describe().splitlines()
    assert lines[0] == "MDN HTTP Observatory (offline): score 100, grade A+, 10/10 tests passed"
    assert len(lines) == 2 + len(TESTS)
    assert lines[-1].split() == ["cross-origin-resource-policy", "corp-not-implemented", "+0"]


def test_only_https_pages():
    with pytest.raises(ValueError, match="HTTPS pages only"):
        score([HTML], PAGE, url="http://example.gov.vn/")
