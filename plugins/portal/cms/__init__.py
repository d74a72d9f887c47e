"""The form editor (issue 15, item 1): Sveltia CMS at ``/admin/`` of the parent site.

- ``portal.cms.config``: ``admin/config.yml`` from the content model (``portal cms`` writes it,
  ``portal cms --check`` and the tests fail when the committed file is stale);
- ``portal.cms.admin``: the build copies the editor (npm ``@sveltia/cms``, pinned in
  package-lock.json) and that configuration into the parent site's ``admin/``.

Not a Pelican plugin: ``portal.build`` calls ``write_admin`` for the parent site before its
headers are written (the ``admin`` zone of ``portal.headers.policy``). Settings read:
``PORTAL_CMS_REPO``, ``PORTAL_CMS_BRANCH``, ``PORTAL_CMS_AUTH_URL`` (docs/van-hanh.md).
"""

from portal.cms.admin import AdminError, write_admin
from portal.cms.config import CONFIG_PATH, config, render

__all__ = ["CONFIG_PATH", "AdminError", "config", "render", "write_admin"]
