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
| ``portal.build`` | scan, then one Pelican run per site | – | PORTAL_URL_MODE, PORTAL_MAX_ATTACHMENT_MB |
| ``portal.cli`` | the ``portal`` command | – | – |

Settings the build sets per site: SITENAME, SITEURL, PATH, OUTPUT_PATH, PORTAL_SITE,
PORTAL_SITES, PORTAL_PARENT, PORTAL_CATALOG, PORTAL_NOW, PORTAL_LOCAL (see ``portal.build``).
"""
