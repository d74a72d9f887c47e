"""E-mail addresses and header text: one rule for ``portal check`` (front matter ``notify``,
every ``email`` field, sites.yml ``groups`` and contacts) and for ``portal notify`` when it
composes and sends, so that what the check passes can always be sent.

- Syntax is ``email-validator``'s (RFC 5321/5322 as mail servers take them; no quoted local
  parts, no ``a..b``, no display names), with deliverability (DNS) off: the check runs offline.
- **IDN domains** (``ke.toan@bưuđiện.vn``) are accepted and sent in ASCII (IDNA 2008 punycode,
  ``ke.toan@xn--…``): every SMTP server takes that, with or without SMTPUTF8.
- **Non-ASCII local parts** (``nguyễn.văn.a@…``) are refused: they need SMTPUTF8 on every server
  on the way, which most provincial mail servers lack. The message says so in plain words.
- ``one_line`` takes line breaks out of text bound for a mail header (defence in depth: the
  check already refuses a title with a line break).

No Pelican signals, no settings; imports nothing of the portal (the front matter's field kinds
call it).
"""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

# Every character Python's str.splitlines() breaks on, and the other C0/C1 controls but tab.
LINE_BREAKS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


class AddressError(ValueError):
    """Not an address the portal can send to: Vietnamese message and English twin."""

    def __init__(self, message: str, english: str):
        super().__init__(message)
        self.message = message
        self.english = english


def _validate(value: str, smtputf8: bool):
    return validate_email(
        value,
        check_deliverability=False,
        allow_smtputf8=smtputf8,
        allow_quoted_local=False,
        allow_domain_literal=False,
        allow_display_name=False,
    )


def wire_address(value: str) -> str:
    """``value`` as the portal sends it: checked, the domain in ASCII (punycode), lower-case.
    Raises AddressError with the reason in plain words."""
    if not isinstance(value, str) or value != value.strip() or not value:
        raise AddressError(
            f"'{value}' không phải địa chỉ thư điện tử (có khoảng trắng ở đầu hoặc cuối)",
            "not an e-mail address (leading or trailing space)",
        )
    try:
        valid = _validate(value, smtputf8=False)
    except EmailNotValidError as exc:
        try:
            _validate(value, smtputf8=True)
        except EmailNotValidError:
            raise AddressError(
                f"'{value}' không phải địa chỉ thư điện tử hợp lệ",
                f"not a valid e-mail address: {exc}",
            ) from None
        raise AddressError(
            f"địa chỉ '{value}' có chữ có dấu ở phần trước dấu @; phần lớn máy chủ thư không "
            "nhận địa chỉ như vậy (cần SMTPUTF8), hãy dùng địa chỉ viết không dấu",
            "the part before @ is not ASCII: it needs SMTPUTF8, which most mail servers lack",
        ) from None
    if valid.ascii_email is None:  # cannot happen with smtputf8 off; never send Unicode
        raise AddressError(
            f"địa chỉ '{value}' không viết được bằng ký tự ASCII",
            "the address has no ASCII form",
        )
    return valid.ascii_email.lower()


def check_address(value: str) -> str:
    """``value`` unchanged when the portal can send to it; raises AddressError otherwise."""
    wire_address(value)
    return value


def one_line(text: str) -> str:
    """``text`` with every line break or control character turned into a space."""
    return LINE_BREAKS.sub(" ", text).strip()
