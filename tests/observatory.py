"""The MDN HTTP Observatory's scoring rules, re-implemented offline so tests can grade our headers.

Written from the current scanner, github.com/mdn/mdn-http-observatory (Node.js, MPL-2.0), read on
2026-12-01; the code here is our own, only the rules are theirs. Files followed:

- ``src/grader/charts.js`` (v1.4.0, 2025-03-17): ``SCORE_TABLE`` (every result and its modifier),
  ``GRADE_CHART``, ``MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90``; ``src/grader/grader.js`` and
  ``src/scanner/index.js``: the total. MDN's "Tests and scoring" page presents this table (the
  page itself could not be fetched to compare); the old ``httpobs/docs/scoring.md`` of
  mozilla/http-observatory (the archived Python predecessor, 2018) has the same grade chart and
  bonus rule, and mostly the same modifiers.
- ``src/analyzer/tests/*.js``, one per test, and ``src/analyzer/cspParser.js`` (after v1.3.9:
  duplicate ``report-uri``/``report-to`` allowed); ``subresource-integrity.js`` in its newest stored
  form (same-origin means scheme + host + port; protocol-relative sources follow issue #464).
- ``src/retriever/``: which response each test reads and how ``<meta>`` tags are collected.

The total: every result has a modifier; start at 100 and add all of them, unless 100 plus the
penalties alone is below 90, in which case the bonuses are dropped. The floor is 0; the grade is
read from the score rounded down to a multiple of 5 (100 and above: A+).

Assumptions, since we score a page rather than scan a host:

- The page is served over HTTPS with a valid certificate and nothing answers plain HTTP:
  redirection is ``redirection-not-needed-no-http`` (0) and a protocol-relative ``//host/x.js``
  counts as HTTPS. ``score`` refuses any other URL.
- The scanner's CORS preflight (OPTIONS, ``Origin: https://http-observatory.security.mozilla.org``)
  is answered with the page's own headers.
- Repeated headers reach the tests as Node.js merges them: joined with ", " (so two
  ``X-Frame-Options: DENY`` lines read "DENY, DENY", which is invalid), ``Set-Cookie`` kept apart,
  and the first one kept for Node's single-valued fields (``Content-Type`` among them).
- ``<meta>`` CSP and referrer tags are read only when Content-Type is ``text/html`` or
  ``application/xhtml+xml`` (matched exactly, as the scanner does): pass a Content-Type.
- Cookies are those of the page's ``Set-Cookie`` headers (the scanner's jar also keeps cookies
  from redirects and ``/robots.txt``).
- The HSTS preload list is not shipped: pass ``hsts_preloaded=True`` for a host that is on it.

Scanner quirks kept on purpose, so our grade is the one MDN would give: an unparsable
``max-age`` (``max-age=abc``) counts as at least six months; ``frame-ancestors`` in a ``<meta>``
CSP is ignored by the CSP test yet earns ``x-frame-options-implemented-via-csp`` whenever some
CSP is in force; with several policies a directive only in a later one becomes ``'none'``; any
``frame-ancestors`` value, even ``*``, counts as "implemented via CSP". The score table's text
says the ``default-src 'none'`` bonus also wants ``form-action`` set; the code does not check it,
and neither do we. ``html-not-parseable`` is never produced (BeautifulSoup, like htmlparser2,
parses anything).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote_to_bytes, urljoin, urlsplit

from bs4 import BeautifulSoup

BASE_SCORE = 100
MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
GRADE_CHART = (
    (100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"),
    (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F"),
)  # fmt: skip
TESTS = (
    "content-security-policy",
    "cookies",
    "cross-origin-resource-sharing",
    "redirection",
    "referrer-policy",
    "strict-transport-security",
    "subresource-integrity",
    "x-content-type-options",
    "x-frame-options",
    "cross-origin-resource-policy",
)
MODIFIERS = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-but-duplicate-directives": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "csp-not-implemented-but-reporting-enabled": -25,
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "redirection-all-redirects-preloaded": 0,
    "redirection-to-https": 0,
    "redirection-not-needed-no-http": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    "redirection-invalid-cert": -20,
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    "hsts-preloaded": 5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "hsts-not-implemented-no-https": -20,
    "hsts-invalid-cert": -20,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "html-not-parseable": -20,
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-implemented-with-cross-origin": 0,
    "corp-not-implemented": 0,
    "corp-header-invalid": -5,
}
# The results each test counts as passed (every result name belongs to one test only).
PASSING = frozenset({
    "csp-implemented-with-no-unsafe", "csp-implemented-with-no-unsafe-default-src-none",
    "csp-implemented-with-unsafe-inline-in-style-src-only",
    "csp-implemented-with-insecure-scheme-in-passive-content-only",
    "csp-implemented-but-duplicate-directives",
    "cookies-not-found", "cookies-secure-with-httponly-sessions-and-samesite",
    "cookies-secure-with-httponly-sessions",
    "cross-origin-resource-sharing-not-implemented",
    "cross-origin-resource-sharing-implemented-with-public-access",
    "cross-origin-resource-sharing-implemented-with-restricted-access",
    "redirection-not-needed-no-http", "redirection-all-redirects-preloaded", "redirection-to-https",
    "referrer-policy-private", "referrer-policy-not-implemented",
    "hsts-implemented-max-age-at-least-six-months", "hsts-preloaded",
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-not-implemented-response-not-html",
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
    "sri-not-implemented-but-no-scripts-loaded",
    "x-content-type-options-nosniff",
    "x-frame-options-allow-from-origin", "x-frame-options-sameorigin-or-deny",
    "x-frame-options-implemented-via-csp",
    "corp-not-implemented", "corp-implemented-with-same-site", "corp-implemented-with-same-origin",
    "corp-implemented-with-cross-origin",
})  # fmt: skip

OBSERVATORY_ORIGIN = "https://http-observatory.security.mozilla.org"
SIX_MONTHS = 15_552_000  # the scanner's "white lie": 180 days, not 15768000
C0_AND_SPACE = "".join(map(chr, range(0x21)))  # what URL parsing strips from both ends
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Node.js keeps the first of these when repeated and joins any other repeated header with ", ".
NODE_FIRST_WINS = frozenset({
    "age", "authorization", "content-length", "content-type", "etag", "expires", "from", "host",
    "if-modified-since", "if-unmodified-since", "last-modified", "location", "max-forwards",
    "proxy-authorization", "referer", "retry-after", "server", "user-agent",
})  # fmt: skip

DANGEROUSLY_BROAD = frozenset(
    {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
)
UNSAFE_INLINE = frozenset({"'unsafe-inline'", "data:"})
NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
PASSIVE_DIRECTIVES = ("img-src", "media-src")
DISALLOWED_IN_META = ("frame-ancestors", "report-uri", "sandbox")
REPEATABLE_DIRECTIVES = frozenset({"report-uri", "report-to"})
SHORTEST_POLICY = len("img-src") - 1
# Intl.Collator("en") (ICU root collation) for lowercase ASCII: spaces, punctuation and
# symbols in this order, then digits, then letters. Only the order of CSP sources depends on it.
COLLATION_ORDER = (
    "\t\n\v\f\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz"
)
COLLATION_RANK = {char: rank for rank, char in enumerate(COLLATION_ORDER)}

COOKIE_ORDER = (  # the cookie test's own ranking, least bad first
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
)
SRI_ORDER = (
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-implemented-but-external-scripts-not-loaded-securely",
    "sri-not-implemented-but-external-scripts-loaded-securely",
    "sri-not-implemented-and-external-scripts-not-loaded-securely",
    "sri-not-implemented-response-not-html",
)
REFERRER_PRIVATE = (
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
)
REFERRER_UNSAFE = ("origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade")


class CspError(ValueError):
    """A Content-Security-Policy the Observatory cannot parse."""


def grade_for(score: int) -> str:
    """The letter for a score (below 0 counts as 0)."""
    return next(letter for floor, letter in GRADE_CHART if max(score, 0) >= floor)


def worse(new: str, old: str | None, order: tuple[str, ...]) -> str:
    """``new`` if it ranks after ``old`` in ``order`` (a result not in it ranks first)."""
    rank = {name: index for index, name in enumerate(order)}
    if old is None or rank.get(new, -1) > rank.get(old, -1):
        return new
    return old


def parse_int(text: str) -> float:
    """JavaScript's ``parseInt(text, 10)``: the leading integer, or NaN."""
    match = re.match(r"\s*([+-]?[0-9]+)", text)
    return int(match.group(1)) if match else math.nan


def elements(html: str, tag: str) -> list[dict[str, str]]:
    """The attributes of every ``tag`` element, first value of a repeated attribute kept."""
    if not html:
        return []
    soup = BeautifulSoup(
        html, "html.parser", on_duplicate_attribute="ignore", multi_valued_attributes=None
    )
    return [dict(element.attrs) for element in soup.find_all(tag)]


@dataclass
class _Source:
    text: str
    policy: int
    keep: bool


def _collation_key(source: _Source) -> list[int]:
    return [COLLATION_RANK.get(char, len(COLLATION_RANK) + ord(char)) for char in source.text]


def _decode_uri_component(text: str) -> str:
    if re.search(r"%(?![0-9A-Fa-f]{2})", text):
        raise CspError(f"malformed escape in {text!r}")
    try:
        return unquote_to_bytes(text).decode("utf-8")
    except UnicodeDecodeError as error:
        raise CspError(f"malformed escape in {text!r}") from error


def _path_part_match(first: str, second: str) -> bool:
    """Whether ``second`` is allowed by ``first`` (a path prefix when ``first`` ends in /)."""
    if not first or (first == "/" and not second):
        return True
    exact = not first.endswith("/")
    first_parts, second_parts = first.split("/"), second.split("/")
    if len(first_parts) > len(second_parts) or (exact and len(first_parts) != len(second_parts)):
        return False
    if not exact:
        first_parts.pop()
    return all(
        _decode_uri_component(a) == _decode_uri_component(b)
        for a, b in zip(first_parts, second_parts, strict=False)
    )


def parse_csp(policies: list[str]) -> tuple[dict[str, set[str]], set[str]]:
    """Several policies as one: ``({directive: sources}, repeated report directives)``.

    A directive repeated within a policy is an error (``report-uri``/``report-to`` excepted).
    A source of a later policy is kept only if an earlier one allows it too; a directive left
    without sources means ``'none'``. Raises ``CspError``.
    """
    cleaned = [policy.replace("\r", "").replace("\n", "").strip() for policy in policies]
    if any(len(policy) < SHORTEST_POLICY for policy in cleaned):
        raise CspError(f"policy too short in {cleaned!r}")
    directives: dict[str, list[_Source]] = {}
    repeated: set[str] = set()
    for index, policy in enumerate(cleaned):
        seen: set[str] = set()
        for entry in policy.split(";"):
            words = entry.split()
            if not words:
                continue
            name = words[0].lower()
            if name in seen and name not in REPEATABLE_DIRECTIVES:
                raise CspError(f"directive {name} repeated in policy {index}")
            if name in seen:
                repeated.add(name)
            seen.add(name)
            sources = [_Source(word.lower(), index, index == 0) for word in words[1:]]
            if not sources and name.endswith("-src"):
                sources = [_Source("'none'", index, index == 0)]
            combined = sources if index == 0 else [*directives.get(name, []), *sources]
            combined.sort(key=_collation_key)
            for previous, current in itertools.pairwise(combined):
                if current.policy == previous.policy and current.text.startswith(previous.text):
                    current.keep = False  # superseded by a shorter source of the same policy
                if current.policy != previous.policy and _path_part_match(
                    previous.text, current.text
                ):
                    current.keep = True  # allowed by both policies
            directives[name] = [source for source in combined if source.keep]
            if index == 0 and len(cleaned) > 1:
                for source in directives[name]:
                    source.keep = False  # later policies must confirm it
    parsed = {name: {s.text for s in sources} or {"'none'"} for name, sources in directives.items()}
    return parsed, repeated


def _parse_or_empty(policies: list[str], *, meta: bool = False) -> dict[str, set[str]]:
    try:
        parsed, _ = parse_csp(policies)
    except CspError:
        return {}
    for name in DISALLOWED_IN_META if meta else ():
        parsed.pop(name, None)
    return parsed


class _Headers:
    """Response headers as the scanner's Node.js client hands them over."""

    def __init__(self, headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> None:
        pairs = headers.items() if isinstance(headers, Mapping) else headers
        self._values: dict[str, list[str]] = {}
        for name, value in pairs:
            self._values.setdefault(name.strip().lower(), []).append(value.strip())

    def get(self, name: str) -> str | None:
        values = self._values.get(name)
        if not values:
            return None
        return values[0] if name in NODE_FIRST_WINS else ", ".join(values)

    def cookies(self) -> list[str]:
        return self._values.get("set-cookie", [])


@dataclass
class _Page:
    headers: _Headers
    html: str
    url: SplitResult
    meta_csp: list[str]
    meta_referrer: str | None

    @property
    def mime(self) -> str:
        return (self.headers.get("content-type") or "").split(";")[0]


def _read_page(
    headers: Mapping[str, str] | Iterable[tuple[str, str]], html: str, url: SplitResult
) -> _Page:
    page = _Page(_Headers(headers), html, url, [], None)
    if page.mime not in HTML_TYPES:
        return page  # the scanner reads <meta> only in what is served as HTML
    for meta in elements(html, "meta"):
        if "http-equiv" in meta and "content" in meta:
            if meta["content"] and meta["http-equiv"].strip().lower() == "content-security-policy":
                page.meta_csp.append(meta["content"])
        elif (meta.get("name") or "").strip().lower() == "referrer" and meta.get("content"):
            page.meta_referrer = meta["content"]  # the last one wins
    return page


def _content_security_policy(page: _Page) -> tuple[str, dict[str, set[str]] | None]:
    """The CSP result, and the merged policy when one is in force (the XFO test reads it)."""
    header = page.headers.get("content-security-policy")
    from_header = [header] if header is not None else []
    try:
        csp, repeated = parse_csp([*from_header, *page.meta_csp])
    except CspError:
        return "csp-header-invalid", None
    if not _parse_or_empty(from_header) and not _parse_or_empty(page.meta_csp, meta=True):
        if page.headers.get("content-security-policy-report-only"):
            return "csp-not-implemented-but-reporting-enabled", None
        return "csp-not-implemented", None

    # Fallbacks share the set they fall back to, as in the scanner: removing a source from
    # script-src taken from default-src removes it from default-src and style-src too.
    default = csp.get("default-src")
    object_src = csp.get("object-src") or default or {"*"}
    script_src = csp.get("script-src") or default or {"*"}
    style_src = csp.get("style-src") or default or {"*"}
    for sources in (script_src, style_src):
        if any(source.startswith(NONCES_HASHES) for source in sources):
            sources.discard("'unsafe-inline'")  # ignored by browsers when a nonce/hash is set

    result = None
    if "'strict-dynamic'" in script_src:
        if any(source.startswith(NONCES_HASHES) for source in script_src):
            for source in list(script_src):
                broad = source.startswith(tuple(DANGEROUSLY_BROAD))
                if broad or source in ("'self'", "'unsafe-inline'"):
                    script_src.discard(source)
        else:
            result = "csp-header-invalid"

    active = [
        source
        for name, sources in csp.items()
        if name not in PASSIVE_DIRECTIVES and name != "script-src"
        for source in sources
    ] + list(script_src)
    passive = [s for name in PASSIVE_DIRECTIVES for s in (csp.get(name) or default or ())]
    risky = DANGEROUSLY_BROAD | UNSAFE_INLINE
    plain = ("http:", "ftp:")
    findings = {  # in the scanner's order: the first one found is the result
        "csp-implemented-with-unsafe-inline": bool(
            script_src & risky or object_src & DANGEROUSLY_BROAD
        ),
        "csp-implemented-with-insecure-scheme": any(s.startswith(plain) for s in active),
        "csp-implemented-with-unsafe-eval": "'unsafe-eval'" in script_src | style_src,
        "csp-implemented-with-insecure-scheme-in-passive-content-only": any(
            s.startswith(plain) for s in passive
        ),
        "csp-implemented-with-unsafe-inline-in-style-src-only": bool(style_src & risky),
    }
    if result is None:
        result = next((name for name, found in findings.items() if found), None)
    if result is None and default == {"'none'"}:
        result = "csp-implemented-with-no-unsafe-default-src-none"
    elif result is None:
        result = "csp-implemented-with-no-unsafe"
    if result in PASSING and repeated:
        result = "csp-implemented-but-duplicate-directives"
    return result, csp


def _invalid_samesite(line: str) -> bool:
    for part in line.strip().split(";"):
        key, *rest = part.strip().split("=")
        if key.strip().lower() == "samesite":
            value = rest[0] if rest else ""
            if not value or value.strip().lower() not in ("lax", "strict", "none"):
                return True
    return False


def _cookie(line: str, host: str) -> tuple[tuple[str, str, str], dict] | None:
    """tough-cookie's strict parse: ``((name, domain, path), flags)``, None if rejected."""
    pair, *attributes = line.strip().split(";")
    if pair.find("=") <= 0:
        return None
    name = pair[: pair.find("=")].strip()
    flags = {"secure": False, "httponly": False, "samesite": None}
    domain, path = host, "/"
    for attribute in attributes:
        key, _, value = attribute.partition("=")
        key, value = key.strip().lower(), value.strip()
        if key in ("secure", "httponly"):
            flags[key] = True
        elif key == "samesite":
            flags["samesite"] = (
                value.lower() if value.lower() in ("strict", "lax", "none") else None
            )
        elif key == "domain" and value:
            domain = value.lstrip(".").lower()
        elif key == "path" and value.startswith("/"):
            path = value
    if host != domain and not host.endswith("." + domain):
        return None  # the jar refuses a cookie for another domain
    return (name, domain, path), flags


def _cookies(page: _Page, hsts: bool) -> str:
    result = None
    for line in page.headers.cookies():
        if _invalid_samesite(line):
            result = worse("cookies-samesite-flag-invalid", result, COOKIE_ORDER)
    jar: dict[tuple[str, str, str], dict] = {}
    for line in page.headers.cookies():
        parsed = _cookie(line, page.url.hostname or "")
        if parsed and parsed[0][0] and parsed[0][0] != "heroku-session-affinity":
            jar[parsed[0]] = parsed[1]
    if not jar:
        return "cookies-not-found"
    missing_samesite = False
    for (name, _, _), flags in jar.items():
        session = "login" in name.lower() or "sess" in name.lower()
        secure, samesite = flags["secure"], flags["samesite"]
        found = []
        if not secure and samesite == "none":
            found.append("cookies-samesite-flag-invalid")
        if not secure and hsts:
            found.append("cookies-without-secure-flag-but-protected-by-hsts")
        elif not secure:
            found.append("cookies-without-secure-flag")
        if "csrf" in name.lower() and not samesite:
            found.append("cookies-anticsrf-without-samesite-flag")
        if session and not secure and hsts:
            found.append("cookies-session-without-secure-flag-but-protected-by-hsts")
        elif session and not secure:
            found.append("cookies-session-without-secure-flag")
        if session and not flags["httponly"]:
            found.append("cookies-session-without-httponly-flag")
        for name_found in found:
            result = worse(name_found, result, COOKIE_ORDER)
        missing_samesite = missing_samesite or not samesite
    if result is None and missing_samesite:
        return "cookies-secure-with-httponly-sessions"
    return result or "cookies-secure-with-httponly-sessions-and-samesite"


def _cors(page: _Page) -> str:
    allowed = page.headers.get("access-control-allow-origin")
    if not allowed:
        return "cross-origin-resource-sharing-not-implemented"
    if allowed[:256].strip().lower() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    credentials = page.headers.get("access-control-allow-credentials") or ""
    if allowed == OBSERVATORY_ORIGIN and credentials.strip().lower() == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def _referrer_policy(page: _Page) -> str:
    values = [page.headers.get("referrer-policy"), page.meta_referrer]
    present = [value for value in values if value is not None]
    if not present:
        return "referrer-policy-not-implemented"
    tokens = [token.strip().lower() for token in ", ".join(present).split(",")]
    valid = [token for token in tokens if token in REFERRER_PRIVATE + REFERRER_UNSAFE]
    policy = valid[-1] if valid else ""  # the last valid one is the one browsers apply
    if policy in REFERRER_PRIVATE:
        return "referrer-policy-private"
    return "referrer-policy-unsafe" if policy else "referrer-policy-header-invalid"


def _strict_transport_security(page: _Page, preloaded: bool) -> str:
    if preloaded:
        return "hsts-preloaded"
    header = page.headers.get("strict-transport-security")
    if header is None:
        return "hsts-not-implemented"
    value = header[:1024]
    max_age = None
    for parameter in (part.strip().lower() for part in value.split(";")):
        if parameter.startswith("max-age="):
            max_age = parse_int(parameter[8:128])
    if "," in value or max_age is None:
        return "hsts-header-invalid"  # a comma means the header was sent twice
    if max_age < SIX_MONTHS:  # NaN compares false: an unreadable max-age passes, as upstream
        return "hsts-implemented-max-age-less-than-six-months"
    return "hsts-implemented-max-age-at-least-six-months"


def _origin(url: SplitResult) -> tuple[str, str, int] | None:
    if url.scheme not in ("http", "https"):
        return None  # opaque: same-origin with nothing
    return url.scheme, url.hostname or "", url.port or (443 if url.scheme == "https" else 80)


def _resolve(source: str, base: str) -> SplitResult | None:
    """``new URL(source, base)``, None where it throws (``src="//"``)."""
    cleaned = re.sub(r"[\t\n\r]", "", source.strip(C0_AND_SPACE))
    try:
        url = urlsplit(urljoin(base, cleaned))
        url.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return None
    if url.scheme in ("http", "https") and not url.hostname:
        return None
    return url


def _subresource_integrity(page: _Page) -> str:
    if page.mime and page.mime not in HTML_TYPES:
        return "sri-not-implemented-response-not-html"
    scripts = elements(page.html, "script")
    if not scripts:
        return "sri-not-implemented-but-no-scripts-loaded"
    base = page.url.geturl()
    base_origin = _origin(page.url)
    result, foreign = None, False
    for script in scripts:
        source = script.get("src")
        if not source:
            continue
        integrity = bool(script.get("integrity"))
        url = _resolve(source, base)
        if url is None:
            continue
        same_origin = _origin(url) is not None and _origin(url) == base_origin
        # protocol-relative sources count as HTTPS: no plain-HTTP listener (see the docstring)
        secure = True if re.match(r"//[^/]", source) else url.scheme == "https"
        if same_origin:
            if integrity and secure and result is None:
                result = "sri-implemented-and-all-scripts-loaded-securely"
            continue
        foreign = True
        if integrity and not secure:
            found = "sri-implemented-but-external-scripts-not-loaded-securely"
        elif not integrity and secure:
            found = "sri-not-implemented-but-external-scripts-loaded-securely"
        elif not integrity:
            found = "sri-not-implemented-and-external-scripts-not-loaded-securely"
        else:
            continue  # integrity over HTTPS: what the test wants
        result = worse(found, result, SRI_ORDER)
    if result is not None:
        return result
    if foreign:
        return "sri-implemented-and-external-scripts-loaded-securely"
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def _x_content_type_options(page: _Page) -> str:
    header = page.headers.get("x-content-type-options")
    if not header:
        return "x-content-type-options-not-implemented"
    if header[:256].strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def _x_frame_options(page: _Page, csp: dict[str, set[str]] | None) -> str:
    if csp and "frame-ancestors" in csp:
        return "x-frame-options-implemented-via-csp"
    header = page.headers.get("x-frame-options")
    if not header:
        return "x-frame-options-not-implemented"
    value = header[:1024].strip().lower()
    if value in ("deny", "sameorigin"):
        return "x-frame-options-sameorigin-or-deny"
    if value.startswith("allow-from"):
        return "x-frame-options-allow-from-origin"
    return "x-frame-options-header-invalid"


def _cross_origin_resource_policy(page: _Page) -> str:
    header = page.headers.get("cross-origin-resource-policy")
    if not header:
        return "corp-not-implemented"
    value = header[:256].strip().lower()
    if value in ("same-site", "same-origin", "cross-origin"):
        return f"corp-implemented-with-{value}"
    return "corp-header-invalid"


@dataclass(frozen=True)
class Result:
    """One test's outcome: the Observatory's result name, its modifier, pass or fail."""

    result: str
    modifier: int
    passed: bool


@dataclass(frozen=True)
class Report:
    """The Observatory's verdict on one page."""

    score: int
    grade: str
    results: dict[str, Result]

    @property
    def penalised_score(self) -> int:
        """100 plus the penalties only: bonuses count when this is at least 90."""
        return BASE_SCORE + sum(r.modifier for r in self.results.values() if r.modifier < 0)

    def describe(self) -> str:
        """A table of every test, for assertion messages and reports."""
        passed = sum(r.passed for r in self.results.values())
        lines = [
            f"MDN HTTP Observatory (offline): score {self.score}, grade {self.grade}, "
            f"{passed}/{len(self.results)} tests passed",
            f"  {'test':<31} {'result':<62} modifier",
        ]
        for name, outcome in self.results.items():
            lines.append(f"  {name:<31} {outcome.result:<62} {outcome.modifier:+d}")
        if self.penalised_score < MINIMUM_SCORE_FOR_EXTRA_CREDIT:
            lines.append(
                f"  bonuses not counted: 100 with penalties only is {self.penalised_score}, "
                f"below {MINIMUM_SCORE_FOR_EXTRA_CREDIT}"
            )
        return "\n".join(lines)


def score(
    headers: Mapping[str, str] | list[tuple[str, str]],
    html: str,
    *,
    url: str = "https://example.gov.vn/",
    hsts_preloaded: bool = False,
) -> Report:
    """Grade one page served at ``url`` with these response headers and this body."""
    location = urlsplit(url)
    if location.scheme != "https" or not location.hostname:
        raise ValueError(f"the Observatory model scores HTTPS pages only, not {url!r}")
    page = _read_page(headers, html, location)
    hsts = _strict_transport_security(page, hsts_preloaded)
    csp_result, csp = _content_security_policy(page)
    outcomes = {
        "content-security-policy": csp_result,
        "cookies": _cookies(page, hsts in PASSING),
        "cross-origin-resource-sharing": _cors(page),
        "redirection": "redirection-not-needed-no-http",
        "referrer-policy": _referrer_policy(page),
        "strict-transport-security": hsts,
        "subresource-integrity": _subresource_integrity(page),
        "x-content-type-options": _x_content_type_options(page),
        "x-frame-options": _x_frame_options(page, csp),
        "cross-origin-resource-policy": _cross_origin_resource_policy(page),
    }
    results = {
        name: Result(outcomes[name], MODIFIERS[outcomes[name]], outcomes[name] in PASSING)
        for name in TESTS
    }
    modifiers = [r.modifier for r in results.values()]
    penalised = BASE_SCORE + sum(m for m in modifiers if m < 0)
    total = (
        BASE_SCORE + sum(modifiers) if penalised >= MINIMUM_SCORE_FOR_EXTRA_CREDIT else penalised
    )
    total = max(total, 0)
    return Report(total, grade_for(total), results)
