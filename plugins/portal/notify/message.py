"""The e-mail of one invitation to one recipient: a plain-text Vietnamese letter with the
meeting's ``.ics`` attached (``text/calendar; method=REQUEST`` or ``CANCEL``, RFC 6047), the
sender as ORGANIZER and the recipient as the one ATTENDEE (nobody sees the other recipients)."""

from __future__ import annotations

import datetime as dt
import io
from email.generator import BytesGenerator
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from portal.calendars.ics import invitation_calendar, to_bytes, uid_domain
from portal.filters import vndate, vntime, weekday
from portal.frontmatter.fields import TIMEZONE
from portal.mail import one_line, wire_address
from portal.notify.plan import CANCEL, Outgoing
from portal.slugs import slugify
from portal.urls import absolute_root

PRODUCTION = {"PORTAL_LOCAL": False}  # e-mail always links the deployed site


def subject(out: Outgoing) -> str:
    """The Subject, on one line whatever the front matter holds (the check refuses a title or
    number with a line break; this is the second guard against header injection)."""
    title, number = one_line(out.item.meta["title"]), one_line(out.number)
    if out.method == CANCEL:
        return f"Huỷ cuộc họp – giấy mời số {number}: {title}"
    if out.update:
        return f"Thay đổi giấy mời họp số {number}: {title}"
    return f"Giấy mời họp số {number}: {title}"


def attachment_name(out: Outgoing) -> str:
    return f"giay-moi-{slugify(out.number) or 'hop'}.ics"


def _when(start: dt.datetime, end: dt.datetime) -> str:
    start, end = start.astimezone(TIMEZONE), end.astimezone(TIMEZONE)
    text = f"{weekday(start)}, {vntime(start.time())} ngày {vndate(start)} – {vntime(end.time())}"
    return text if end.date() == start.date() else f"{text} ngày {vndate(end)}"


def body(out: Outgoing, url: str) -> str:
    meta, site = out.item.meta, out.site
    if out.method == CANCEL:
        opening = f"{site.name} thông báo HUỶ cuộc họp dưới đây."
    elif out.update:
        opening = (
            f"{site.name} thông báo thay đổi giấy mời họp dưới đây; thư này thay cho thư "
            "đã gửi trước."
        )
    else:
        opening = f"{site.name} trân trọng kính mời tham dự cuộc họp dưới đây."
    lines = [f"Kính gửi: {out.recipient}", "", opening, ""]
    if out.method == CANCEL:
        lines += [f"Lý do huỷ: {meta['cancelled']}", ""]
    lines += [
        meta["title"],
        f"Giấy mời số: {meta['number']}",
        f"Thời gian: {_when(meta['start'], meta['end'])}",
        f"Địa điểm: {meta['location']}",
    ]
    if meta.get("chair"):
        lines.append(f"Chủ trì: {meta['chair']}")
    if meta.get("participants"):
        lines.append("Thành phần:")
        lines += [f"  - {p}" for p in meta["participants"]]
    if out.update and out.method != CANCEL and meta.get("change_note"):
        lines.append(f"Nội dung thay đổi: {meta['change_note']}")
    lines += [
        "",
        f"Toàn văn giấy mời và tài liệu: {url}",
        f"Tệp lịch {attachment_name(out)} đính kèm: mở tệp để "
        + ("xoá cuộc họp khỏi lịch của bạn." if out.method == CANCEL else "thêm vào lịch của bạn."),
        "",
        "-- ",
        site.name,
    ]
    contact = site.contact
    lines += [v for v in (contact.get("address"), contact.get("phone"), contact.get("email")) if v]
    lines.append("Thư được gửi tự động từ cổng thông tin điện tử.")
    return "\n".join(lines) + "\n"


def compose(out: Outgoing, from_name: str, from_address: str, now: dt.datetime) -> EmailMessage:
    """The message for ``out``, sent by ``from_address`` (shown as ``from_name``, else the
    site's name), dated ``now``."""
    site = out.site
    root = absolute_root(site, PRODUCTION)
    url = f"{root}/{out.item.url}"
    name = one_line(from_name or site.name)  # a display name is a header too
    message = EmailMessage()
    message["From"] = Address(name, addr_spec=from_address)
    message["To"] = Address(addr_spec=out.recipient)
    if site.contact.get("email"):
        message["Reply-To"] = Address(site.name, addr_spec=wire_address(site.contact["email"]))
    message["Subject"] = subject(out)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=uid_domain(site))
    message["Auto-Submitted"] = "auto-generated"
    message["X-Portal-Event"] = f"{out.uid}; sequence={out.sequence}; method={out.method}"
    # Quoted-printable keeps the message 7-bit: it passes servers without 8BITMIME.
    message.set_content(body(out, url), charset="utf-8", cte="quoted-printable")
    calendar = invitation_calendar(
        out.item, site, root, out.method, organizer=(name, from_address), attendee=out.recipient
    )
    message.add_attachment(
        to_bytes(calendar),
        maintype="text",
        subtype="calendar",
        filename=attachment_name(out),
        params={"method": out.method, "charset": "UTF-8"},
    )
    return message


def wire_bytes(message: EmailMessage) -> bytes:
    """The message as it goes over SMTP (CRLF line ends). Any header the e-mail library cannot
    write safely raises here, before a connection is used."""
    buffer = io.BytesIO()
    BytesGenerator(buffer, policy=message.policy.clone(linesep="\r\n")).flatten(message)
    return buffer.getvalue()
