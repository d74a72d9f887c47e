"""Content of the e-mail tests (plain helpers; fixtures live in conftest.py)."""

from __future__ import annotations

from support import invitation as base_invitation

SLUG = "hop-ban-ke-hoach-dau-tu-cong-nam-2027"
PATH = "huyen/invitations/hop-5.md"
UID = "giay-moi-hop-5@huyen.example"
GROUP = ["ct@huyen.example", "pct@huyen.example"]  # support.SITES_YML: huyen's lanh-dao


def invitation(**fields: str) -> str:
    """A valid invitation of the site ``huyen`` notifying ``lanh-dao`` and one address."""
    return base_invitation(**{"notify": "[lanh-dao, Ke.Toan@huyen.example]", **fields})
