"""SMTP delivery: settings from the environment (CI secrets), one connection reused for every
message, retries with backoff, and failures sorted by what they mean:

- ``Unavailable``: the server cannot be reached (connect, greeting, EHLO, TLS) or refuses the
  login after every attempt; nothing more can be sent, the run stops.
- ``Refused``: the server answered no for this recipient or message (5xx, or 4xx on the last
  attempt); ``Failed``: this message's transaction (MAIL, RCPT, DATA) kept breaking. Both
  concern one message: the run goes on.
- ``Ambiguous``: the connection broke after the end of the body was written and before the
  server's reply: the message may have been delivered. It is never retried (at most once).
  Every break before that point is retried on a new connection: the server cannot have taken
  a message whose final ``.`` it never received.

Environment: ``PORTAL_SMTP_HOST`` (required), ``PORTAL_SMTP_PORT`` (default 587 for starttls,
465 for ssl, 25 for none), ``PORTAL_SMTP_SECURITY`` (``starttls`` | ``ssl`` | ``none``, default
starttls), ``PORTAL_SMTP_USER`` and ``PORTAL_SMTP_PASSWORD`` (optional, together),
``PORTAL_SMTP_FROM`` (required: ``address`` or ``Name <address>``).
"""

from __future__ import annotations

import re
import smtplib
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parseaddr

from portal.mail import AddressError, wire_address

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
    """The server answered that it will not take this message for this recipient (the run goes
    on)."""

    def __init__(self, recipient: str, code: int, reason: str):
        super().__init__(f"{recipient}: {code} {reason}")
        self.recipient = recipient
        self.code = code
        self.reason = reason


class Failed(Exception):
    """This message could not be handed over: its transaction broke after every attempt, or it
    cannot be sent at all (the run goes on with the next message)."""

    def __init__(self, message: str, english: str):
        super().__init__(f"{message} ({english})")
        self.message = message
        self.english = english


class Ambiguous(Exception):
    """The connection broke after the whole message was sent and before the server's answer:
    the message may have been delivered. Never retried automatically (at most once)."""

    def __init__(self, message: str, english: str):
        super().__init__(f"{message} ({english})")
        self.message = message
        self.english = english


class Unavailable(Exception):
    """The server could not be reached or would not talk to us after every attempt (the run
    stops: nothing more can be sent)."""

    def __init__(self, message: str, english: str):
        super().__init__(f"{message} ({english})")
        self.message = message
        self.english = english


class _BodySent(Exception):
    """Raised inside a transaction once the end of the message has been written."""


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
        try:
            address = wire_address(address)
        except AddressError as exc:
            raise ConfigError(
                f"PORTAL_SMTP_FROM='{get('FROM')}': {exc.message}",
                f"PORTAL_SMTP_FROM: {exc.english}",
            ) from None
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
        """The open connection, or a new one: greeted, EHLO said, TLS and login done."""
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
        try:
            if s.security == "starttls":
                smtp.starttls(context=context)
            smtp.ehlo_or_helo_if_needed()
            if s.user:
                smtp.login(s.user, s.password)
        except BaseException:
            smtp.close()
            raise
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

    def send(self, data: bytes, recipient: str) -> None:
        """Deliver ``data`` (the message, CRLF line ends) to ``recipient``. Raises Refused (an
        answer about this recipient or message), Failed (its transaction kept breaking),
        Ambiguous (broken after the body, perhaps delivered) or Unavailable (the server cannot
        be reached or refuses the login: the run stops)."""
        if not recipient.isascii():
            raise Failed(
                f"địa chỉ {recipient} có chữ có dấu, không gửi được qua SMTP thường",
                "a non-ASCII address needs SMTPUTF8; not sent",
            )
        last, connected = "", False
        for attempt in range(1, self.attempts + 1):
            connected = False
            try:
                smtp = self._connect()
                connected = True
                _transaction(smtp, self.settings.from_address, recipient, data)
                return
            except _BodySent as exc:
                self._drop()
                raise Ambiguous(
                    f"mất kết nối với {self.settings.where} sau khi đã gửi xong thư tới "
                    f"{recipient} mà chưa nhận được trả lời ({_describe(exc.__cause__)}): thư có "
                    "thể đã tới",
                    "the connection broke after the message was sent and before the server's "
                    "answer: it may have been delivered",
                ) from None
            except smtplib.SMTPRecipientsRefused as exc:
                code, reason = exc.recipients.get(recipient, (550, b""))
                last = f"{code} {_text(reason)}"
                if code >= 500 or attempt == self.attempts:  # still deferred: this recipient
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
        if not connected:
            raise Unavailable(
                f"máy chủ thư {self.settings.where} không nhận thư sau {self.attempts} lần thử: "
                f"{last}",
                f"the SMTP server did not take the message after {self.attempts} attempts",
            )
        raise Failed(
            f"thư tới {recipient} không gửi được sau {self.attempts} lần thử: {last}",
            f"the message could not be sent after {self.attempts} attempts",
        )


def _reset(smtp: smtplib.SMTP) -> None:
    """End a refused transaction so the connection can carry the next one."""
    try:
        smtp.rset()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _transaction(smtp: smtplib.SMTP, sender: str, recipient: str, data: bytes) -> None:
    """MAIL, RCPT, DATA and the body, as ``smtplib.SMTP.sendmail`` does, but knowing when the
    body has gone: a break after that point raises _BodySent (the message may be delivered),
    a break before it is safe to retry."""
    smtp.ehlo_or_helo_if_needed()
    code, reply = smtp.mail(sender)
    if code != 250:
        _reset(smtp)
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    code, reply = smtp.rcpt(recipient)
    if code not in (250, 251):
        _reset(smtp)
        raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    smtp.putcmd("data")
    code, reply = smtp.getreply()
    if code != 354:
        _reset(smtp)
        raise smtplib.SMTPDataError(code, reply)
    body = re.sub(rb"(?m)^\.", b"..", data)  # dot-stuffing (RFC 5321 4.5.2)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    smtp.send(body + b".\r\n")
    try:
        code, reply = smtp.getreply()
    except (smtplib.SMTPException, OSError) as exc:
        raise _BodySent() from exc
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)


def _text(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return str(exc) or type(exc).__name__
