"""The newsletter's background jobs: sending in batches, test sends, scheduled sends.

A send is a chain of jobs, one batch each (`send_issue_batch`): each takes
the issue's lease, sends a batch through `sending.send_issue()` (which
claims every delivery before its message leaves, so nothing is ever sent
twice) and queues the next. A batch the mail server fails is retried with
back-off; after the last try the send stops and the issue shows why. A
worker killed mid-batch leaves its lease to run out: the scheduler's
minute job (`start_due_sends`), or the next worker to start, finds the
send stalled and queues a batch job that takes over.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import close_old_connections
from huey import crontab
from huey.api import Task
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task, on_startup
from huey.exceptions import TaskLockedException

from .emails import send_confirmation
from .models import Issue, Subscriber
from .sending import SendInterrupted, SendRefused, describe, send_issue, send_test

logger = logging.getLogger(__name__)


@db_task(
    retries=settings.NEWSLETTER_SEND_RETRIES,
    retry_delay=settings.NEWSLETTER_SEND_RETRY_DELAY,
    retry_backoff=2,
    context=True,
)
def send_issue_batch(issue_id: int, task: Task | None = None) -> None:
    """Send the next batch of an issue being sent, then queue the one after.

    Does nothing when the send was stopped, is finished, or another job
    holds it (two workers never send the same issue at once).
    """
    issue = Issue.objects.select_related("newsletter").filter(pk=issue_id).first()
    if issue is None or issue.send_state != Issue.SendState.SENDING:
        return
    if not issue.take_lease(settings.NEWSLETTER_SEND_LEASE_SECONDS):
        return
    try:
        report = send_issue(issue, max_batches=1)
    except SendRefused as refused:
        # Changed since it was started (back to draft, stories removed).
        issue.stop_sending(str(refused))
        return
    except SendInterrupted as interrupted:
        issue.release_lease()
        if task is None or not task.retries:
            issue.stop_sending(f"The mail server failed: {describe(interrupted.error)}")
        raise
    except Exception:
        issue.release_lease()
        raise
    if report.finished:
        return
    issue.release_lease()
    send_issue_batch(issue_id)


@db_task(retries=2, retry_delay=10, retry_backoff=2)
def send_test_issue(issue_id: int, addresses: list[str]) -> None:
    """Send the issue, marked [TEST], to `addresses`; record no delivery."""
    issue = Issue.objects.select_related("newsletter").filter(pk=issue_id).first()
    if issue is not None:
        send_test(issue, addresses)


@db_task(retries=3, retry_delay=30, retry_backoff=2)
def send_confirmation_email(subscriber_id: int) -> None:
    """Send a pending reader the double opt-in e-mail (off the sign-up request).

    A reader who confirmed or left in the meantime gets nothing.
    """
    subscriber = (
        Subscriber.objects.select_related("newsletter")
        .filter(pk=subscriber_id, status=Subscriber.Status.PENDING)
        .first()
    )
    if subscriber is not None:
        send_confirmation(subscriber)


def start_sends() -> None:
    """Start the scheduled sends that are due; take over stalled ones."""
    for issue in Issue.objects.due().select_related("newsletter"):
        # One UPDATE decides: of two schedulers, or a scheduler and a
        # cancel, one wins and the other changes nothing.
        if issue.start_sending(scheduled=True):
            logger.info("Scheduled send of issue %s started", issue.pk)
            send_issue_batch(issue.pk)
    for issue_id in Issue.objects.stalled(settings.NEWSLETTER_SEND_LEASE_SECONDS).values_list(
        "pk", flat=True
    ):
        logger.warning("Send of issue %s had stalled; resuming it", issue_id)
        send_issue_batch(issue_id)


@db_periodic_task(crontab(minute="*"))
@lock_task("newsletter-start-sends")
def start_due_sends() -> None:
    """Each minute, start due scheduled sends and resume stalled ones (one worker at a time)."""
    start_sends()


@on_startup()
def _resume_on_start() -> None:
    # A worker restarted after a crash resumes the sends it left at once,
    # not at the next minute.
    try:
        start_due_sends.call_local()
    except TaskLockedException:
        pass
    except Exception:
        logger.exception("Could not resume stalled sends at start")
    finally:
        close_old_connections()
