"""portal: a static-site generator for a government portal and its member portals, on Pelican.

| module | role | Pelican signals | settings read |
|---|---|---|---|
| ``portal.types`` | the content-type registry: one ``ContentType`` per type (fields with help and examples, rules, URL prefix, titles, day, sort key, phase, facets, feed and quick-search fields, templates) read by every stage | – | – |
| ``portal.frontmatter`` | split and parse front matter; field kinds; the rules all types share | – | – |
| ``portal.sites`` | read ``content/sites.yml`` | – | – |
| ``portal.markup`` | Markdown → sanitised HTML (nh3 allow-list) | – | – |
| ``portal.catalog`` | read every file once (``scan_site``), a whole tree with its git history (``tree.scan``); attachments; URLs; publication rules; each item's phase at the build's moment (``phases``); slips (``checks``: what ``portal new`` left, a date far from the file name's) | – | – |
| ``portal.urls`` | a site's URL root: relative (``site_root``) and absolute (``absolute_root``, for feeds, calendars, e-mail) | – | PORTAL_LOCAL, PORTAL_LOCAL_ORIGIN, PORTAL_PATH_PREFIX (passed in) |
| ``portal.filters`` | the Jinja filters every renderer shares (Vietnamese dates, numbers, sizes) | – | – |
| ``portal.paths`` | the one map of the folders and files a site writes itself (``OWNED``); an item's slug on one is refused | – | – |
| ``portal.images`` | responsive images: sizes from headers at scan, WebP variants beside the page, ``srcset`` in bodies; every published original stripped of EXIF/GPS/XMP/IPTC | – (called by the catalog and by ``portal.sections``' finalized) | – |
| ``portal.sections`` (plugin) | ``.md`` reader, typed sections, attachments | readers_init, generator_init, get_generators, finalized | PORTAL_CATALOG |
| ``portal.takedown`` (plugin) | 410 notice, redirects, ``_redirects``, nginx rules | get_generators | PORTAL_CATALOG |
| ``portal.sitemap`` (plugin) | ``sitemap.xml`` and ``robots.txt`` | finalized | PORTAL_CATALOG |
| ``portal.documents`` (plugin) | the documents library: validity, facet pages, JSON index | get_generators | PORTAL_CATALOG |
| ``portal.schedules`` (plugin) | weeks by day and session, week links, the current week | get_generators | PORTAL_CATALOG, PORTAL_NOW |
| ``portal.feeds`` (plugin) | JSON Feed 1.1 and Atom per site, section and category; tombstones; ``FEEDS()`` head links | get_generators | PORTAL_SITE, PORTAL_CATALOG, PORTAL_NOW, PORTAL_LOCAL, PORTAL_LOCAL_ORIGIN, PORTAL_FEED_PAGE_SIZE, PORTAL_FEED_TOMBSTONE_DAYS |
| ``portal.calendars`` (plugin) | ICS: ``lich-cong-tac/lich.ics`` and ``giay-moi.ics`` per public invitation | get_generators | PORTAL_SITE, PORTAL_CATALOG, PORTAL_LOCAL, PORTAL_LOCAL_ORIGIN |
| ``portal.theme`` (plugin) | hashed assets, UI strings, navigation, home, search page, syndication, widget | initialized, generator_init, get_generators | PORTAL_SITES, PORTAL_CATALOGS |
| ``portal.search`` | quick and full-text Pagefind indexes per site, đ folding | – (called by ``portal.build``) | PORTAL_SEARCH |
| ``portal.history`` | git history in one pass (one ``git log``, one ``cat-file``): created/changed dates, authors, public update history on ``item.history`` | – (called by ``portal.catalog.tree.scan``) | PORTAL_HISTORY (read by the build) |
| ``portal.report`` (plugin, only with PORTAL_REPORT_PUBLIC) | ``portal report``: the monthly tally (text, CSV, JSON, HTML with SVG bar charts); the ``thong-ke/`` page | get_generators | PORTAL_REPORT_PUBLIC, PORTAL_NOW, PORTAL_SITE, PORTAL_CATALOG |
| ``portal.forms`` | ``portal forms``: the readers' endpoint (Starlette, SQLite; questions and feedback → GitHub issues, 5-point ratings), its GitHub stand-in, ``ratings/<site>.json`` and what answers show of it | – (``ratings`` read by ``portal.build``; ``RATINGS``/``QA_RANKED`` set by ``portal.theme``) | PORTAL_RATINGS_PATH, PORTAL_FORMS_DEMO_ENDPOINT (``portal serve --forms-demo`` only), PORTAL_FORMS_GITHUB_TOKEN (environment) |
| ``portal.changes`` | a branch against the merge-base of a ref (GitPython): change-note and takedown rules (``check --base``), PR summary (``changes``), ``schedule`` | – | PORTAL_MAX_ATTACHMENT_MB (passed in) |
| ``portal.headers`` | HTTP headers per site from one policy: ``_headers``, ``_nginx.conf``, nginx for ``serve-prod`` | – (called by ``portal.build`` after indexing) | PORTAL_URL_MODE (through the build) |
| ``portal.swap`` | atomic output: a staging folder per run (dead runs' cleaned), each site swapped in (renameat2 RENAME_EXCHANGE) | – | – |
| ``portal.lock`` | one build at a time per output: flock on the output and its cache, bounded wait | – | PORTAL_LOCK_WAIT (through the build) |
| ``portal.codeowners`` | ``portal codeowners``: ``.github/CODEOWNERS`` from the editors in sites.yml | – | PORTAL_TECH_TEAM |
| ``portal.mail`` | one address rule (email-validator: IDN to ASCII, no SMTPUTF8 local parts) for the check and ``notify``; header text on one line | – (called by the field kinds and ``portal.notify``) | – |
| ``portal.githubapi`` | one JSON call to GitHub's REST API (or a stand-in): the readers' endpoint's issues and the previews' comments and reviews | – (called by ``portal.forms.github`` and ``portal.preview.api``) | – |
| ``portal.httpstandin`` | a threaded HTTP server on loopback with start/stop, the base of the API stand-ins (forms, previews) | – | – |
| ``portal.clioptions`` | command-line options shared by ``portal`` and its sub-command groups (``--content``) | – | – |
| ``portal.notify`` | ``portal notify``: invitation e-mail, each message on its own, record of what was sent (and what perhaps was) | – | PORTAL_SMTP_* (environment) |
| ``portal_bench`` (not in this package: ``tools/portal_bench/``, installed alongside) | generated corpora; ``make bench`` (builds beside stock Pelican, Hugo and Hugo + Pagefind) and ``make bench-search`` | – | – |
| ``portal.build`` | scan (with the git history), then one Pelican run per site into a staging folder, the search indexes and headers, then the swap | – | PORTAL_URL_MODE, PORTAL_MAX_ATTACHMENT_MB, PORTAL_SEARCH, PORTAL_HISTORY, PORTAL_REPORT_PUBLIC, PORTAL_LOCK_WAIT, PORTAL_CACHE_PATH |
| ``portal.deploy`` | ``portal gate`` (links, leaks, header files, feeds of a built output) and ``portal deploy`` (an nginx origin over SSH: release folders, atomic ``current`` switch, rollback) | – (commands; the workflow runs ``portal.deploy.origin`` with the standard library) | PORTAL_URL_MODE (the gate, through the settings file) |
| ``portal.urlprefix`` | ``PORTAL_PATH_PREFIX`` (a development-layout build under ``<prefix>/<site-id>/``) and the rule that keeps a preview off every production host | – (read by ``portal.build``, ``portal.deploy.gate``) | PORTAL_PATH_PREFIX, PORTAL_PREVIEW, PORTAL_LOCAL_ORIGIN, PORTAL_URL_MODE |
| ``portal.preview`` | ``portal preview pack|publish|remove`` (a PR's preview as data, on branch ``previews``, one PR comment) and ``portal approval`` (parent editors approve news sent up) | – | – (``--url-template``; tokens from the environment) |
| ``portal.cli`` | the ``portal`` command | – | – |

Settings the build sets per site: SITENAME, SITEURL, PATH, OUTPUT_PATH, PORTAL_SITE,
PORTAL_SITES, PORTAL_PARENT, PORTAL_CATALOG, PORTAL_NOW, PORTAL_LOCAL, PORTAL_PATH_PREFIX
(normalised), PORTAL_STATS, PORTAL_RATINGS (see ``portal.build``).
"""
