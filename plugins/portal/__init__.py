"""portal: a static-site generator for a government portal and its member portals, on Pelican.

| module | role | Pelican signals | settings read |
|---|---|---|---|
| ``portal.frontmatter`` | split and parse front matter; field kinds; type schemas | – | – |
| ``portal.sites`` | read ``content/sites.yml`` | – | – |
| ``portal.markup`` | Markdown → sanitised HTML (nh3 allow-list) | – | – |
| ``portal.catalog`` | read every file once; attachments; URLs; publication rules | – | – |
| ``portal.images`` | responsive images: sizes from headers at scan, WebP variants beside the page, ``srcset`` in bodies | – (called by the catalog and by ``portal.sections``' finalized) | – |
| ``portal.sections`` (plugin) | ``.md`` reader, typed sections, attachments | readers_init, generator_init, get_generators, finalized | PORTAL_CATALOG |
| ``portal.takedown`` (plugin) | 410 notice, redirects, ``_redirects``, nginx rules | get_generators | PORTAL_CATALOG |
| ``portal.sitemap`` (plugin) | ``sitemap.xml`` and ``robots.txt`` | finalized | PORTAL_CATALOG |
| ``portal.documents`` (plugin) | the documents library: validity, facet pages, JSON index | get_generators | PORTAL_CATALOG |
| ``portal.schedules`` (plugin) | weeks by day and session, week links, the current week | get_generators | PORTAL_CATALOG, PORTAL_NOW |
| ``portal.feeds`` (plugin) | JSON Feed 1.1 and Atom per site, section and category; tombstones; ``FEEDS()`` head links | get_generators | PORTAL_SITE, PORTAL_CATALOG, PORTAL_NOW, PORTAL_LOCAL, PORTAL_LOCAL_ORIGIN, PORTAL_FEED_PAGE_SIZE, PORTAL_FEED_TOMBSTONE_DAYS |
| ``portal.calendars`` (plugin) | ICS: ``lich-cong-tac/lich.ics`` and ``giay-moi.ics`` per public invitation | get_generators | PORTAL_SITE, PORTAL_CATALOG, PORTAL_LOCAL, PORTAL_LOCAL_ORIGIN |
| ``portal.theme`` (plugin) | hashed assets, UI strings, navigation, home, search page, syndication, widget | initialized, generator_init, get_generators | PORTAL_SITES, PORTAL_CATALOGS |
| ``portal.search`` | quick and full-text Pagefind indexes per site, đ folding | – (called by ``portal.build``) | PORTAL_SEARCH |
| ``portal.notify`` | ``portal notify``: invitation e-mail, record of what was sent | – | PORTAL_SMTP_* (environment) |
| ``portal.bench`` | generated corpora and ``make bench-search`` | – | – |
| ``portal.build`` | scan, then one Pelican run per site, then the search indexes | – | PORTAL_URL_MODE, PORTAL_MAX_ATTACHMENT_MB, PORTAL_SEARCH |
| ``portal.cli`` | the ``portal`` command | – | – |

Settings the build sets per site: SITENAME, SITEURL, PATH, OUTPUT_PATH, PORTAL_SITE,
PORTAL_SITES, PORTAL_PARENT, PORTAL_CATALOG, PORTAL_NOW, PORTAL_LOCAL (see ``portal.build``).
"""
