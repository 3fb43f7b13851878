"""The mail adapter: hand a message to an SMTP server (``smtplib``), and nothing else.

:class:`Mailer` is the small interface the sender depends on; the composition root
(:func:`app.bootstrap.build_mailer`) builds an :class:`SmtpMailer` from ``[mail]``.
A connection carries a whole batch (one TLS handshake, one login).

Failures are sorted the way a mail server means them: a 5xx reply about a message
or recipient is *permanent* (a bad address: trying again cannot help), anything
else (server down, 4xx "try later", a dropped connection) is *temporary*.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from types import TracebackType
from typing import Protocol


class MailError(Exception):
    """A message could not be handed over. ``permanent``: do not try it again."""

    def __init__(self, message: str, *, permanent: bool = False,
                 connection_lost: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        #: the connection is gone: the rest of the batch waits for the next attempt
        self.connection_lost = connection_lost


class MailConnection(Protocol):
    def send(self, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


class Mailer(Protocol):
    """Opens a connection to the mail server (raises :class:`MailError` if it cannot)."""

    def connect(self) -> MailConnection: ...


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str = "starttls"  # "starttls", "tls" or "none"
    username: str = ""
    password: str = ""
    ca_file: str = ""
    timeout: float = 30.0


def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(words.split())}"


class SmtpConnection:
    def __init__(self, smtp: smtplib.SMTP) -> None:
        self.smtp = smtp

    def __enter__(self) -> SmtpConnection:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def send(self, message: EmailMessage) -> None:
        try:
            refused = self.smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            replies = "; ".join(f"{addr}: {_reply(code, text)}"
                                for addr, (code, text) in exc.recipients.items())
            permanent = all(code >= 500 for code, _ in exc.recipients.values())
            raise MailError(f"the mail server refused the recipient ({replies})",
                            permanent=permanent) from exc
        except smtplib.SMTPSenderRefused as exc:
            raise MailError(f"the mail server refused the sender {exc.sender} "
                            f"({_reply(exc.smtp_code, exc.smtp_error)})",
                            permanent=exc.smtp_code >= 500) from exc
        except smtplib.SMTPServerDisconnected as exc:
            raise MailError(f"the mail server closed the connection ({exc})",
                            connection_lost=True) from exc
        except smtplib.SMTPResponseException as exc:
            raise MailError(f"the mail server did not accept the message "
                            f"({_reply(exc.smtp_code, exc.smtp_error)})",
                            permanent=exc.smtp_code >= 500) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(f"sending failed: {exc}", connection_lost=True) from exc
        if refused:  # some recipients accepted: the message went; say who did not get it
            replies = "; ".join(f"{addr}: {_reply(code, text)}"
                                for addr, (code, text) in refused.items())
            raise MailError(f"sent, but the mail server refused some recipients ({replies})",
                            permanent=True)

    def close(self) -> None:
        try:
            self.smtp.quit()
        except (OSError, smtplib.SMTPException):
            self.smtp.close()


class SmtpMailer:
    """SMTP with STARTTLS, implicit TLS or neither; optional AUTH; a school's own CA."""

    def __init__(self, config: SmtpConfig,
                 password: Callable[[], str] | None = None) -> None:
        self.config = config
        #: read when connecting (from the credential store), so a changed password is used
        self._password = password

    def _context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=self.config.ca_file or None)
        return context

    def connect(self) -> SmtpConnection:
        c = self.config
        where = f"{c.host}:{c.port}"
        try:
            context = self._context() if c.security in ("starttls", "tls") else None
        except (OSError, ssl.SSLError) as exc:
            raise MailError(f"cannot use the CA file {c.ca_file!r} ([mail] ca_file): {exc}") from exc
        try:
            if c.security == "tls":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout,
                                                      context=context)
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
            try:
                smtp.ehlo()
                if c.security == "starttls":
                    if not smtp.has_extn("starttls"):
                        raise MailError(f"the mail server at {where} does not offer STARTTLS; "
                                        "set [mail] security to match it")
                    smtp.starttls(context=context)
                    smtp.ehlo()
                if c.username:
                    password = c.password or (self._password() if self._password else "")
                    smtp.login(c.username, password)
            except BaseException:
                smtp.close()
                raise
        except MailError:
            raise
        except smtplib.SMTPAuthenticationError as exc:
            raise MailError(f"the mail server at {where} refused the user name or password "
                            f"({_reply(exc.smtp_code, exc.smtp_error)}); set it with "
                            "'loan-kiosk notices password'") from exc
        except ssl.SSLCertVerificationError as exc:
            raise MailError(f"the mail server at {where} has a certificate this desk does not "
                            f"trust ({exc.verify_message}); if the school's own CA signed it, "
                            "name it in [mail] ca_file") from exc
        except TimeoutError as exc:
            raise MailError(f"the mail server at {where} did not answer in time") from exc
        except smtplib.SMTPException as exc:
            raise MailError(f"the mail server at {where} refused the connection ({exc})") from exc
        except OSError as exc:
            raise MailError(f"cannot reach the mail server at {where} "
                            f"({exc.strerror or exc})") from exc
        return SmtpConnection(smtp)
