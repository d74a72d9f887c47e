"""Which invitation e-mails are due: every public invitation whose meeting has not ended, to
each address of its ``notify`` list (group names expanded from the site's ``groups`` in
sites.yml), unless the record already holds that version for that recipient.

A cancelled invitation is sent (as an iTIP CANCEL) only to recipients who were sent an earlier
version of it (or perhaps were: an unknown entry counts): nobody learns of a cancelled meeting
they were never invited to.

Addresses are put in the form they are sent in by ``portal.mail.wire_address`` (the rule the
check applies): an IDN domain in punycode, lower-case; that form is the record's key.
A message recorded as unknown (perhaps delivered) is not due again unless ``resend_unknown``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from portal.calendars.ics import is_cancelled, item_uid, sequence
from portal.catalog import Item, SiteCatalog
from portal.errors import ContentError
from portal.mail import AddressError, wire_address
from portal.notify.record import Record
from portal.sites import Site

REQUEST, CANCEL = "REQUEST", "CANCEL"


@dataclass(frozen=True)
class Outgoing:
    """One message to send: one version of one invitation to one recipient."""

    site: Site
    item: Item
    recipient: str
    method: str  # REQUEST or CANCEL
    uid: str
    sequence: int
    update: bool  # the recipient was sent an earlier version

    @property
    def number(self) -> str:
        return self.item.meta["number"]


@dataclass
class Plan:
    outgoing: list[Outgoing] = field(default_factory=list)
    already: int = 0  # messages the record holds already
    waiting: list[Outgoing] = field(default_factory=list)  # recorded unknown, not resent
    problems: list[ContentError] = field(default_factory=list)  # unusable notify entries


def recipients(item: Item, site: Site) -> tuple[list[str], list[ContentError]]:
    """The addresses of an invitation's ``notify`` list, groups expanded, lower-cased and
    without duplicates (first mention wins), and the entries that are not usable."""
    found: list[str] = []
    problems: list[ContentError] = []
    for index, entry in enumerate(item.meta.get("notify", []), start=1):
        if "@" not in entry:
            addresses = site.groups.get(entry)
            if addresses is None:  # `portal check` reports this too; never guess
                problems.append(
                    ContentError(
                        item.source,
                        item.line("notify"),
                        f"notify[{index}]",
                        f"'{entry}' không phải nhóm trong sites.yml của trang {site.id}",
                        "no such group",
                    )
                )
                continue
        else:
            addresses = [entry]
        for address in addresses:
            try:
                wire = wire_address(address)
            except AddressError as exc:  # the check refuses it too (same function)
                problems.append(
                    ContentError(
                        item.source,
                        item.line("notify"),
                        f"notify[{index}]",
                        exc.message,
                        exc.english,
                    )
                )
                continue
            if wire not in found:
                found.append(wire)
    return found, problems


def due(
    catalogs: dict[str, SiteCatalog],
    now: dt.datetime,
    record: Record,
    site_ids: Iterable[str] | None = None,
    resend_unknown: bool = False,
) -> Plan:
    """Everything to send at ``now`` given what ``record`` says went out; messages recorded
    as unknown go in ``waiting``, or are due again when ``resend_unknown``."""
    plan = Plan()
    wanted = set(site_ids or catalogs)
    for site_id in sorted(wanted & set(catalogs)):
        catalog = catalogs[site_id]
        site = catalog.site
        invitations = [
            i
            for i in catalog.of_kind("invitations")
            if i.meta["end"] > now and i.meta.get("notify")
        ]
        invitations.sort(key=lambda i: (i.meta["start"], i.relpath))
        for item in invitations:
            uid, version = item_uid(item, site), sequence(item.meta)
            cancelled = is_cancelled(item)
            addresses, problems = recipients(item, site)
            plan.problems += problems
            for address in addresses:
                unknown = record.is_unknown(uid, version, address)
                if record.has(uid, version, address) and not unknown:
                    plan.already += 1
                    continue
                earlier = record.sent_before(uid, address, other_than=version)
                if cancelled and not earlier:
                    continue
                method = CANCEL if cancelled else REQUEST
                out = Outgoing(site, item, address, method, uid, version, earlier)
                if unknown and not resend_unknown:
                    plan.waiting.append(out)
                else:
                    plan.outgoing.append(out)
    return plan
