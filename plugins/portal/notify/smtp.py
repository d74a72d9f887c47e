"""SMTP delivery: settings from the environment (CI secrets), one connection reused for every
message, retries with backoff, and failures sorted into what stops the run (the server cannot
be reached or refuses us) and what concerns one recipient (an address refused).

Environment: ``PORTAL_SMTP_HOST`` (required), ``PORTAL_SMTP_PORT`` (default 587 for starttls,
465 for ssl, 25 for none), ``PORTAL_SMTP_SECURITY`` (``starttls`` | ``ssl`` | ``none``, default
starttls), ``PORTAL_SMTP_USER`` and ``PORTAL_SMTP_PASSWORD`` (optional, together),
``PORTAL_SMTP_FROM`` (required: ``address`` or ``Name <address>``).
"""

from __future__ import annotations

import smtplib
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr

SECURITY_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
DEFAULT_ATTEMPTS = 3
DEFAULT_DELAY = 5.0  # seconds before the second attempt; doubled before each later one
DEFAULT_TIMEOUT = 30.0


class ConfigError(Exception):
    def __init__(self, message: str, english: str):
        super().__init__(f"{message} ({english})")
        self.message = message
        self.english = english


class Refused(Exception):
    """The server would not take this message for this recipient (the run goes on)."""

    def __init__(self, recipient: str, code: int, reason: str):
        super().__init__(f"{recipient}: {code} {reason}")
        self.recipient = recipient
        self.code = code
        self.reason = reason


class Unavailable(Exception):
    """The server could not be reached or would not talk to us after every attempt (the run
    stops: nothing more can be sent)."""

    def __init__(self, message: str, english: str):
        super().__init__(f"{message} ({english})")
        self.message = message
        self.english = english


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    user: str
    password: str
    from_name: str
    from_address: str

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SmtpSettings:
        def get(name: str) -> str:
            return env.get(f"PORTAL_SMTP_{name}", "").strip()

        missing = [f"PORTAL_SMTP_{n}" for n in ("HOST", "FROM") if not get(n)]
        if missing:
            raise ConfigError(
                f"thiếu biến môi trường {', '.join(missing)} (cấu hình máy chủ thư)",
                f"missing {', '.join(missing)}",
            )
        security = (get("SECURITY") or "starttls").lower()
        if security not in SECURITY_PORTS:
            raise ConfigError(
                f"PORTAL_SMTP_SECURITY='{security}' không hợp lệ; chỉ nhận: starttls, ssl, none",
                "PORTAL_SMTP_SECURITY must be starttls, ssl or none",
            )
        port = get("PORT")
        if port and not port.isdigit():
            raise ConfigError(
                f"PORTAL_SMTP_PORT='{port}' phải là số", "PORTAL_SMTP_PORT must be a number"
            )
        if bool(get("USER")) != bool(get("PASSWORD")):
            raise ConfigError(
                "PORTAL_SMTP_USER và PORTAL_SMTP_PASSWORD phải có cùng nhau",
                "PORTAL_SMTP_USER and PORTAL_SMTP_PASSWORD go together",
            )
        name, address = parseaddr(get("FROM"))
        if "@" not in address:
            raise ConfigError(
                f"PORTAL_SMTP_FROM='{get('FROM')}' không phải địa chỉ thư điện tử",
                "PORTAL_SMTP_FROM is not an e-mail address",
            )
        return cls(
            host=get("HOST"),
            port=int(port) if port else SECURITY_PORTS[security],
            security=security,
            user=get("USER"),
            password=get("PASSWORD"),
            from_name=name,
            from_address=address,
        )


class Sender:
    """Send messages one recipient at a time over one connection, with retries."""

    def __init__(
        self,
        settings: SmtpSettings,
        attempts: int = DEFAULT_ATTEMPTS,
        delay: float = DEFAULT_DELAY,
        timeout: float = DEFAULT_TIMEOUT,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.settings = settings
        self.attempts = max(1, attempts)
        self.delay = delay
        self.timeout = timeout
        self.sleep = sleep
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        s = self.settings
        context = ssl.create_default_context()
        if s.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=self.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
            if s.security == "starttls":
                smtp.starttls(context=context)
        if s.user:
            smtp.login(s.user, s.password)
        self._smtp = smtp
        return smtp

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def send(self, message: EmailMessage, recipient: str) -> None:
        """Deliver ``message`` to ``recipient``; raise Refused (this recipient) or Unavailable."""
        last = ""
        for attempt in range(1, self.attempts + 1):
            try:
                self._connect().send_message(
                    message, from_addr=self.settings.from_address, to_addrs=[recipient]
                )
                return
            except smtplib.SMTPRecipientsRefused as exc:
                code, reason = exc.recipients.get(recipient, (550, b""))
                last = f"{code} {_text(reason)}"
                if code >= 500:
                    raise Refused(recipient, code, _text(reason)) from None
                if attempt == self.attempts:  # still only deferred: this recipient, not the run
                    raise Refused(recipient, code, _text(reason)) from None
            except smtplib.SMTPAuthenticationError as exc:
                self._drop()
                raise Unavailable(
                    f"máy chủ thư {self.settings.where} từ chối đăng nhập "
                    f"({exc.smtp_code} {_text(exc.smtp_error)})",
                    "the SMTP server refused the login",
                ) from None
            except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                last = f"{exc.smtp_code} {_text(exc.smtp_error)}"
                if exc.smtp_code >= 500:
                    raise Refused(recipient, exc.smtp_code, _text(exc.smtp_error)) from None
            except (smtplib.SMTPException, OSError) as exc:
                self._drop()
                last = _describe(exc)
            if attempt < self.attempts:
                self.sleep(self.delay * 2 ** (attempt - 1))
        raise Unavailable(
            f"máy chủ thư {self.settings.where} không nhận thư sau {self.attempts} lần thử: {last}",
            f"the SMTP server did not take the message after {self.attempts} attempts",
        )


def _text(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return str(exc) or type(exc).__name__
