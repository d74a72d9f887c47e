"""The HTTP headers a site is served with, decided in one place: every output format
(``_headers``, the nginx include, the documented CDN settings) and the test servers read them
from here.

A site's files fall into a few zones, by path:

- ``page``: pages, feeds, calendars, images, attachments — strict CSP, short caching;
- ``search``: the search page (``tim-kiem/``) and the Pagefind bundles (``pagefind*/``), whose
  index is WebAssembly, run on the page and in a worker (a worker obeys the CSP its own script
  was served with) — the same CSP plus ``'wasm-unsafe-eval'`` and ``worker-src 'self'``, and
  nowhere else;
- ``asset``: the theme's content-hashed CSS and JS (``theme/``) — cached for a year, immutable;
- ``admin``: the form editor (``admin/``, Sveltia CMS, on the parent site only; portal.cms): its
  own policy, never the public pages': script from the site only, the API hosts it talks to
  (``ADMIN_API``, the sign-in relay) in ``connect-src``, ``blob:``/``data:`` images (previews
  of uploads, avatars), the inline styles its components set, its upload workers; the
  opener kept for the sign-in popup of the relay (``same-origin-allow-popups``); never cached
  for long. Every other zone keeps ``Cross-Origin-Opener-Policy: same-origin``;
- ``form``: only when the site posts readers' forms to an endpoint (``forms.endpoint`` in
  sites.yml): the Q&A section and the pages carrying a form — the page policy with the
  endpoint's origin, and nothing else, added to ``form-action`` (the form posted without
  script) and ``connect-src`` (posted by the script).

On top of the zone, some files get their true content type (feeds, calendars) and attachments
a browser would not show get ``Content-Disposition: attachment``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from portal.catalog.attachments import TYPES
from portal.sites.config import origin  # rebuilt from the parsed parts of a checked address

# Two years, subdomains included: what the HSTS preload list asks for (preloading itself is the
# domain owner's decision, so no ``preload``).
HSTS = "max-age=63072000; includeSubDomains"
REFERRER = "strict-origin-when-cross-origin"
# Powerful features no page of a portal uses.
PERMISSIONS = (
    "accelerometer=(), browsing-topics=(), camera=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)
SHORT_CACHE = "public, max-age=300"
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"

SEARCH_PREFIXES = ("tim-kiem/", "pagefind")
ASSET_PREFIX = "theme/"
ADMIN_PREFIX = "admin/"
ZONES = ("page", "search", "asset", "form", "admin")
# What the form editor must reach: GitHub's REST and GraphQL API, the avatars it shows.
ADMIN_API = ("https://api.github.com",)
ADMIN_IMAGES = ("https://avatars.githubusercontent.com",)

# File name patterns (as regular expressions on the last path segment) with a content type
# a CDN's extension table would not give.
FEED_TYPES = (
    (r"feed(-[0-9]+)?\.json", "application/feed+json"),
    (r"atom(-[0-9]+)?\.xml", "application/atom+xml"),
    (r"[^/]+\.ics", "text/calendar"),
)
# Attachments a browser would hand to another program anyway; served as downloads so that
# no browser ever tries to render them on the portal's origin. PDFs and images stay inline:
# readers read them in the browser, and their types cannot run script on the page's origin.
INLINE_EXTENSIONS = frozenset({"pdf", "jpg", "jpeg", "png", "webp"})
DOWNLOAD_TYPES = {ext: mime for ext, (mime, _) in TYPES.items() if ext not in INLINE_EXTENSIONS}


@dataclass(frozen=True)
class SitePolicy:
    """What a site's headers depend on: the origins whose images its pages show (a member shows
    its parent's news, a parent the news its members share)."""

    image_origins: tuple[str, ...] = ()
    form_origin: str = ""  # where readers' forms are posted, if anywhere
    form_paths: tuple[str, ...] = ()  # site-relative folders with a form (``hoi-dap/``)
    admin: bool = False  # the site serves the form editor at ``admin/`` (the parent)
    admin_origins: tuple[str, ...] = ()  # more hosts the editor calls (the sign-in relay)


def site_policy(
    site,
    sites: Iterable,
    local: bool,
    form_paths: Iterable[str] = (),
    admin_origins: Iterable[str] = (),
) -> SitePolicy:
    """The policy of ``site`` among ``sites``; in development every site shares one origin.
    ``form_paths``: where the site's pages carry a reader's form; ``admin_origins``: the hosts
    the parent's form editor calls besides GitHub's API (the sign-in relay)."""
    endpoint = getattr(site, "form_endpoint", "")
    forms = {
        "form_origin": origin(endpoint) if endpoint else "",
        "form_paths": tuple(sorted(set(form_paths))) if endpoint else (),
        "admin": bool(getattr(site, "is_parent", False)),
        "admin_origins": tuple(sorted({origin(o) for o in admin_origins if o})),
    }
    if local:
        return SitePolicy(**forms)
    related = [s for s in sites if s.id != site.id and (s.id == site.parent or s.parent == site.id)]
    mine = origin(site.base_url)
    others = sorted({origin(s.base_url) for s in related} - {mine})
    return SitePolicy(tuple(others), **forms)


def content_security_policy(zone: str, policy: SitePolicy = SitePolicy()) -> str:
    """The CSP of a zone: nothing by default, everything from the site itself, no inline code,
    no plugins, no framing, no ``<base>``, forms only to the site."""
    if zone == "admin":
        return _admin_policy(policy)
    search = zone == "search"
    form = [policy.form_origin] if zone == "form" and policy.form_origin else []
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'"] + (["'wasm-unsafe-eval'"] if search else [])),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", *policy.image_origins]),
        ("connect-src", ["'self'", *form]),
        *([("worker-src", ["'self'"])] if search else []),
        ("object-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'self'", *form]),
        ("frame-ancestors", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def _admin_policy(policy: SitePolicy) -> str:
    """The form editor's CSP: its script from the site only (no CDN, no eval), its calls to
    the API hosts only."""
    apis = [*ADMIN_API, *policy.admin_origins]
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'"]),
        # Svelte components set style attributes and <style> elements at run time.
        ("style-src", ["'self'", "'unsafe-inline'"]),
        ("img-src", ["'self'", "blob:", "data:", *ADMIN_IMAGES]),
        ("media-src", ["'self'", "blob:"]),
        ("font-src", ["'self'", "data:"]),
        ("connect-src", ["'self'", "blob:", "data:", *apis]),
        ("worker-src", ["'self'", "blob:"]),
        ("frame-src", ["'self'", "blob:"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'self'", *apis]),
        ("frame-ancestors", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def common_headers() -> list[tuple[str, str]]:
    """Headers every answer carries, whatever its zone."""
    return [
        ("Strict-Transport-Security", HSTS),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", REFERRER),
        ("Permissions-Policy", PERMISSIONS),
        # Public data, on purpose readable and embeddable elsewhere: member sites and the
        # widget's hosts read the feeds, load the widget and show the news images.
        ("Access-Control-Allow-Origin", "*"),
        ("Cross-Origin-Resource-Policy", "cross-origin"),
    ]


def zone_headers(zone: str, policy: SitePolicy = SitePolicy()) -> list[tuple[str, str]]:
    """The headers that differ by zone."""
    cache = IMMUTABLE_CACHE if zone == "asset" else SHORT_CACHE
    # The sign-in relay's popup answers the editor through window.opener.
    opener = "same-origin-allow-popups" if zone == "admin" else "same-origin"
    return [
        ("Content-Security-Policy", content_security_policy(zone, policy)),
        ("Cache-Control", cache),
        ("Cross-Origin-Opener-Policy", opener),
    ]


def zone_of(path: str, policy: SitePolicy = SitePolicy()) -> str:
    """The zone of a site-relative path (``tin-tuc/x/``, ``theme/css/portal.1a2b.css``)."""
    path = path.lstrip("/")
    if path.startswith(SEARCH_PREFIXES):
        return "search"
    if path.startswith(ASSET_PREFIX):
        return "asset"
    if policy.admin and (path + "/").startswith(ADMIN_PREFIX):
        return "admin"
    if policy.form_origin and path.startswith(policy.form_paths):
        return "form"
    return "page"
