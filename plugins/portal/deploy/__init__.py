"""Publishing a built ``output/`` to a host, and the fast check that comes before it.

- ``portal.deploy.origin``: an nginx origin over SSH. Each build goes into its own release
  folder ``releases/<commit>/`` (rsync, unchanged files hard-linked to the live release), then
  one atomic switch of the ``current`` link (rename of a temporary link), optional reload of the
  web server, and the last K releases kept; ``rollback`` switches the link back without
  uploading anything.
- ``portal.deploy.gate``: what is about to be published is checked on its own (internal links,
  feeds, header files, no source or private file), without the code's test suite.
- ``portal.deploy.timing``: timed steps, for ``make deploy-dry-run``.

Errors are ``DeployError`` with a Vietnamese message and its English twin; the CLI prints them
without a traceback. No Pelican setting is read.
"""

from __future__ import annotations

import re

COMMIT = re.compile(r"^[0-9a-f]{7,64}$")


class DeployError(Exception):
    """A deploy that could not be done; the message is Vietnamese (English)."""


def check_commit(commit: str) -> str:
    """``commit`` if it is a commit id (hex): it names a folder on the host."""
    if not COMMIT.match(commit or ""):
        raise DeployError(
            f"'{commit}' không phải mã commit (7–64 chữ số hex) "
            f"('{commit}' is not a commit id: 7–64 hex digits)"
        )
    return commit
