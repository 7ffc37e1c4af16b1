"""E-mail to shoppers and sellers: queued on Celery after the commit (a worker retries while the mail
server fails), and never a failure of the action that wrote it (a placed purchase stays placed)."""

import logging
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=60, retry_jitter=True, max_retries=5)
def send_email(subject: str, body: str, to: list[str]) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def email_queue(subject, body, to) -> None:
    """Queue one e-mail. Each is queued on its own, so one that fails does not stop the others;
    one that still fails after its retries (or cannot be queued) is logged for staff, not raised."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    try:
        if send_email.app.conf.task_always_eager:
            # In process (the embedded default, no worker to retry later): one attempt, and a
            # failure is logged rather than raised into the request that queued it.
            send_email.run(str(subject), str(body), recipients)
        else:
            send_email.delay(str(subject), str(body), recipients)
    except Exception:
        logger.exception("E-mail “%s” to %s was not sent", subject, ", ".join(recipients))
