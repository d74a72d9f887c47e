"""Development settings, shared by every site; ``portal build`` adds the per-site values
(SITENAME, SITEURL, PATH, OUTPUT_PATH, PORTAL_SITE …) from content/sites.yml."""

# -- Engine -------------------------------------------------------------------------------------
PLUGINS = [
    "portal.sections",
    "portal.takedown",
    "portal.sitemap",
    "portal.documents",
    "portal.schedules",
    "portal.feeds",
    "portal.calendars",
    "portal.theme",
]
THEME = "theme"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
LOCALE = ("C.UTF-8",)
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

# -- Portal ---------------------------------------------------------------------------------------
# "local": every site under http://localhost:8000/<site-id>/ (development, tests);
# "base_url": each site at its own base_url from sites.yml (publishconf.py).
PORTAL_URL_MODE = "local"
# Development: absolute URLs (feeds, calendars, e-mail) point at the local server.
PORTAL_LOCAL_ORIGIN = "http://localhost:8000"
# "local" mode only: every site under <PORTAL_PATH_PREFIX>/<site-id>/ instead of /<site-id>/, e.g.
# "/portal/pr-12" for a pull request's preview on GitHub Pages (previewconf.py, portal.urlprefix).
PORTAL_PATH_PREFIX = ""
PORTAL_MAX_ATTACHMENT_MB = 20
# GitHub team (or users) owning the code, settings and sites.yml in .github/CODEOWNERS; each
# site's editors (sites.yml) own its content folder. Regenerate with `portal codeowners`.
PORTAL_TECH_TEAM = ["@lamgiang/ky-thuat"]
# The form editor at /admin/ of the parent site (portal.cms, docs/van-hanh.md section 9): the
# GitHub repository it opens pull requests on, and the sign-in relay (sveltia-cms-auth; empty:
# personal access tokens only). Regenerate admin/config.yml with `portal cms`.
PORTAL_CMS_REPO = "lamgiang/portal"
PORTAL_CMS_BRANCH = "main"
PORTAL_CMS_AUTH_URL = ""

# -- URLs (clean, stable, Vietnamese) ---------------------------------------------------------
INDEX_SAVE_AS = "index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
TAGS_SAVE_AS = "the/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
NEWS_URL = "tin-tuc/"
NEWS_SAVE_AS = "tin-tuc/index.html"
MONTH_ARCHIVE_URL = "tin-tuc/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "tin-tuc/{date:%Y}/{date:%m}/index.html"
DIRECT_TEMPLATES = ["index", "news", "categories", "tags", "404"]

# -- Listings ---------------------------------------------------------------------------------
DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {
    "news": None,
    "category": None,
    "tag": None,
    "period_archives": None,
    "section": None,
}
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang-{number}/", "{base_name}/trang-{number}/index.html"),
]
NEWEST_FIRST_ARCHIVES = True

# -- Feeds (portal.feeds writes JSON Feed 1.1 and Atom: docs/feeds.md; Pelican's own stay off) --
PORTAL_FEED_PAGE_SIZE = 50  # items per feed page
PORTAL_FEED_TOMBSTONE_DAYS = 90  # days a takedown stays in the feeds as a tombstone
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# -- Visit statistics (portal.stats: docs/stats.md) ---------------------------------------------
# One aggregate per site, <PORTAL_STATS_PATH>/<site-id>.json, written by `portal stats ingest`
# from access logs; a site without one shows no counters. Relative to the working folder.
PORTAL_STATS_PATH = "stats"

# -- Readers' ratings (portal.forms: docs/forms.md) ------------------------------------------------
# One file per site, <PORTAL_RATINGS_PATH>/<site-id>.json, written by `portal forms export` from
# the forms endpoint's counts; an answer shows "N lượt đánh giá · x% hài lòng" from 5 ratings on.
PORTAL_RATINGS_PATH = "ratings"

# -- Caching --------------------------------------------------------------------------------------
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
