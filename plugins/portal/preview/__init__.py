"""Previews of pull requests on their own origin, and the parent's approval of news sent up.

No Pelican signals; settings read: ``PORTAL_PREVIEW``, ``PORTAL_LOCAL_ORIGIN`` and
``PORTAL_PATH_PREFIX`` through ``portal.urlprefix`` (``previewconf.py``).

- ``pack``: the PR build (``pull_request``, read-only) packs its preview build and the change
  summary into an artifact folder (``portal preview pack``)
- ``artifact``: the publisher reads that artifact as data only (plain files, size limits, no
  links, no path outside)
- ``publish``: ``portal preview publish`` / ``remove`` (``workflow_run`` and PR close): the site
  at ``pr-<N>/`` of branch ``previews``, one PR comment updated in place (``comment``)
- ``api``: the GitHub calls (urllib); ``standin``: a loopback stand-in for the tests
- ``approval``: ``portal approval``: news a member sends up to the parent's home needs an
  approving review from a parent editor
"""
