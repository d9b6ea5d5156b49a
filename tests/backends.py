"""An email backend that fails a given number of times, as an SMTP server that is down."""

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class FlakyBackend(BaseEmailBackend):
    failures_left = 0

    def send_messages(self, email_messages):
        if FlakyBackend.failures_left > 0:
            FlakyBackend.failures_left -= 1
            raise ConnectionRefusedError("the mail server refused the connection")
        mail.outbox.extend(email_messages)
        return len(email_messages)


class CrashAfterSending(BaseException):
    """The sending process dies (SIGKILL, power cut): nothing after this line runs."""


class CrashingBackend(BaseEmailBackend):
    """Hands the message over, then the process dies before the outbox row is marked."""

    crashes_left = 0

    def send_messages(self, email_messages):
        mail.outbox.extend(email_messages)
        if CrashingBackend.crashes_left > 0:
            CrashingBackend.crashes_left -= 1
            raise CrashAfterSending
        return len(email_messages)
