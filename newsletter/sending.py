"""Send an issue to its list's confirmed subscribers, never twice to anyone.

`send_issue()` works in batches. For each batch it first claims the
recipients in a durable transaction, one `Delivery` row per subscriber in
status "sending" (the unique constraint on issue and subscriber makes a
second claim impossible), commits, then sends the messages and marks the
rows "sent".

What a restart does, by how the previous run ended:

* The mail backend raised an error (server down, refused login): the run
  stops, the claims of the message that failed and of the batch's unsent
  rest are released, and the next run sends to them. A timeout waiting
  for the server's answer to a message leaves that one "sending": the
  server may have taken it.
* The run was stopped by hand (Ctrl-C): the sent rows are marked, the
  unsent rest released; the message in flight stays "sending".
* The process died between claim and send (killed, machine lost): its rows
  stay "sending". Nobody can tell whether those messages left, so they are
  never sent again (at most once); the report counts them for an operator.

A message the server refuses for good (a 5xx answer for its recipient:
no such mailbox, address rejected) is not an outage: its delivery is
marked "failed" with the server's answer and the batch goes on.

Each message's links go through the reader's own click link
(`newsletter.tracking`); test sends keep plain links and are not counted.

Messages go out no faster than ``NEWSLETTER_SEND_RATE`` per second for
the mail service, counted across every worker (`newsletter.send_rate`).
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from newsroom.site import absolute_url

from .emails import (
    UNSUBSCRIBE_PLACEHOLDER,
    RenderedEmail,
    build_message,
    issue_message,
    render_issue,
    unsubscribe_url,
)
from .export import IssueTooLarge, check_html_size
from .models import Delivery, Issue, Subscriber, SubscriberQuerySet
from .send_rate import wait_for_turn
from .tracking import TrackedLinks, tracked_links
from .wire import WireTemplate

logger = logging.getLogger(__name__)


class SendRefused(Exception):
    """The issue cannot be sent as it is; the message says why."""


@dataclass
class SendReport:
    """What a send run did, or would do with ``dry_run``."""

    issue: Issue
    dry_run: bool = False
    to_send: int = 0
    sent: int = 0
    # Refused for good by the mail server (Delivery status "failed").
    failed: int = 0
    batches: int = 0
    sent_before: int = 0
    # Left "sending" by a run that died mid-batch; never sent again.
    unknown: int = 0
    finished: bool = False


class SendInterrupted(Exception):
    """The mail backend failed; the report says how far the run got."""

    def __init__(self, report: SendReport, error: Exception) -> None:
        super().__init__(str(error))
        self.report = report
        self.error = error


def _recipients(issue: Issue) -> SubscriberQuerySet:
    """Return confirmed subscribers of the issue's list with no delivery of it."""
    return (
        Subscriber.objects.filter(newsletter_id=issue.newsletter_id)
        .confirmed()
        .exclude(deliveries__issue=issue)
    )


def check_sendable(issue: Issue) -> None:
    """Raise `SendRefused` unless the issue is ready, unsent and has stories."""
    if issue.status == Issue.Status.DRAFT:
        raise SendRefused(
            f'Issue {issue.pk} ("{issue.subject}") is a draft. '
            'Set its status to "Ready to send" in the admin first.'
        )
    if issue.status == Issue.Status.SENT:
        raise SendRefused(f'Issue {issue.pk} ("{issue.subject}") was already sent.')
    if not issue.items.exists():
        raise SendRefused(
            f'Issue {issue.pk} ("{issue.subject}") has no articles. Add stories first.'
        )


def send_issue(
    issue: Issue,
    *,
    batch_size: int | None = None,
    dry_run: bool = False,
    max_batches: int | None = None,
    throttle: Callable[[], None] = wait_for_turn,
) -> SendReport:
    """Send `issue` to every confirmed subscriber without a delivery of it.

    Raise `SendRefused` for a draft, a sent issue, an issue without
    articles or one whose HTML Gmail would clip; `SendInterrupted` when
    the mail backend fails (run again to finish). With `dry_run`, only
    count. With `max_batches`, stop after that many batches (a background
    job sends one batch per run). `throttle` is called before each message
    (the send rate). The issue is marked sent once every confirmed
    subscriber has a delivery row.
    """
    batch_size = batch_size or settings.NEWSLETTER_SEND_BATCH_SIZE
    check_sendable(issue)
    report = SendReport(issue=issue, dry_run=dry_run)
    recipients = _recipients(issue)
    report.sent_before = issue.deliveries.filter(status=Delivery.Status.SENT).count()
    report.unknown = issue.deliveries.filter(status=Delivery.Status.SENDING).count()
    if dry_run:
        report.to_send = recipients.count()
        return report
    rendered = render_issue(issue)
    try:
        check_html_size(rendered.html)
    except IssueTooLarge as error:
        raise SendRefused(str(error)) from error
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:
        # Nothing was claimed yet: the next run starts from the same place.
        raise SendInterrupted(report, error) from error
    links = tracked_links(issue, rendered)
    try:
        _send_batches(
            issue,
            rendered,
            links,
            recipients,
            batch_size,
            report,
            connection,
            max_batches,
            throttle,
        )
    finally:
        connection.close()
    report.unknown = issue.deliveries.filter(status=Delivery.Status.SENDING).count()
    if max_batches is not None and recipients.exists():
        return report
    issue.mark_sent()
    report.finished = True
    return report


# Marks a test send in the inbox; a test is never recorded as a delivery.
TEST_PREFIX = "[TEST]"


def send_test(issue: Issue, addresses: list[str]) -> int:
    """Send `issue` to `addresses` as readers will get it, subject marked [TEST].

    Drafts may be tested; nothing is recorded, so the issue's own send is
    unchanged. The unsubscribe link leads to the page for a link that
    is not valid: a test recipient is on no list. Return how many went.
    """
    rendered = render_issue(issue)
    test_unsubscribe = absolute_url(reverse("newsletter:unsubscribe", args=["test-send"]))
    rendered = RenderedEmail(
        f"{TEST_PREFIX} {rendered.subject}", rendered.text, rendered.html
    ).replace(UNSUBSCRIBE_PLACEHOLDER, test_unsubscribe)
    connection = get_connection()
    with connection:
        for address in addresses:
            build_message(
                rendered,
                newsletter=issue.newsletter,
                to=address,
                unsubscribe=test_unsubscribe,
                connection=connection,
            ).send()
    return len(addresses)


def _send_batches(
    issue: Issue,
    rendered: RenderedEmail,
    links: TrackedLinks,
    recipients: SubscriberQuerySet,
    batch_size: int,
    report: SendReport,
    connection: BaseEmailBackend,
    max_batches: int | None,
    throttle: Callable[[], None],
) -> None:
    """Claim, send and settle batches until no recipient (or batch) is left."""
    wire = _wire_template(rendered, issue, links, connection)
    while max_batches is None or report.batches < max_batches:
        with transaction.atomic(durable=True):
            batch = list(
                recipients.order_by("pk")
                .only("pk", "email")
                .select_for_update(skip_locked=True)[:batch_size]
            )
            if not batch:
                break
            Delivery.objects.bulk_create(Delivery(issue=issue, subscriber=s) for s in batch)
        # Claimed and committed: from here on a crash leaves rows "sending".
        report.batches += 1
        sent_ids: list[int] = []
        refused: dict[int, str] = {}
        in_flight = None
        try:
            for subscriber in batch:
                throttle()
                in_flight = subscriber.pk
                try:
                    _send_one(issue, rendered, links, subscriber, connection, wire)
                except Exception as error:
                    reason = refusal(error)
                    if reason is None:
                        raise
                    refused[subscriber.pk] = reason
                else:
                    sent_ids.append(subscriber.pk)
                in_flight = None
        except Exception as error:
            # The backend refused the message, so it did not go out: release
            # it. A timeout waiting for the server's answer is different: the
            # message may have been taken, so it is never sent again.
            may_have_left = in_flight if _timed_out(error) else None
            _settle_batch(issue, batch, sent_ids, refused, unknown=may_have_left)
            report.sent += len(sent_ids)
            report.failed += len(refused)
            logger.exception("Sending issue %s stopped", issue.pk)
            raise SendInterrupted(report, error) from error
        except BaseException:
            # Stopped by hand (Ctrl-C): the message in flight may have gone out.
            _settle_batch(issue, batch, sent_ids, refused, unknown=in_flight)
            raise
        _settle_batch(issue, batch, sent_ids, refused, unknown=None)
        report.sent += len(sent_ids)
        report.failed += len(refused)


# Where a reader's click or open token goes in the bytes copied per reader.
_CLICK_SLOT = "newsletter-click-{}-token"
_OPEN_SLOT = "newsletter-open-token"


def _wire_template(
    rendered: RenderedEmail, issue: Issue, links: TrackedLinks, connection: BaseEmailBackend
) -> WireTemplate | None:
    """Return the issue's bytes to copy per reader, when sending over SMTP."""
    if not isinstance(connection, SmtpBackend):
        # Other backends (the outbox of tests, the console, a mail
        # service's API) take message objects, not bytes.
        return None
    with_slots = links.apply_tokens(
        rendered, _CLICK_SLOT.format, _OPEN_SLOT if links.track_opens else None
    )
    message = build_message(
        with_slots,
        newsletter=issue.newsletter,
        to=WireTemplate.placeholder_address(),
        unsubscribe=UNSUBSCRIBE_PLACEHOLDER,
    )
    slots = {_CLICK_SLOT.format(link_id): f"click:{link_id}" for link_id in links.link_ids.values()}
    if links.track_opens:
        slots[_OPEN_SLOT] = "open"
    # A link the message does not show has no slot to fill.
    bodies = with_slots.html + with_slots.text
    shown = {name: slot for name, slot in slots.items() if name in bodies}
    wire = WireTemplate.build(message, UNSUBSCRIBE_PLACEHOLDER, shown)
    if wire is None:
        logger.info("Issue %s is built message by message (its bytes cannot be copied)", issue.pk)
    return wire


def _send_one(
    issue: Issue,
    rendered: RenderedEmail,
    links: TrackedLinks,
    subscriber: Subscriber,
    connection: BaseEmailBackend,
    wire: WireTemplate | None,
) -> None:
    """Send the issue to one reader: a copy of its bytes, or a message built for them."""
    if wire is not None and wire.fits(subscriber.email):
        smtp = connection.connection  # type: ignore[attr-defined]
        data = wire.copy_for(
            subscriber.email,
            unsubscribe_url(subscriber, issue_id=issue.pk),
            links.tokens_for(subscriber),
        )
        smtp.sendmail(wire.envelope_from, [subscriber.email], data)
        return
    issue_message(
        links.apply(rendered, subscriber),
        subscriber,
        newsletter=issue.newsletter,
        connection=connection,
        issue_id=issue.pk,
    ).send()


def refusal(error: Exception) -> str | None:
    """Return the server's answer if it refused this one message for good, else None.

    A 5xx answer to the recipient or to the message (RFC 5321: permanent)
    concerns this message alone; anything else (a 4xx, a refused login,
    a timeout, a lost connection) is an outage the batch must wait out.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = list(error.recipients.values())
        if answers and all(500 <= code < 600 for code, _ in answers):
            return "; ".join(f"{code} {_text(text)}" for code, text in answers)[:500]
        return None
    if isinstance(error, smtplib.SMTPDataError) and 500 <= error.smtp_code < 600:
        return f"{error.smtp_code} {_text(error.smtp_error)}"[:500]
    # django-anymail raises this when the service rejects every recipient.
    if type(error).__name__ == "AnymailRecipientsRefused":
        return str(error)[:500]
    return None


def _timed_out(error: BaseException) -> bool:
    # smtplib turns a read timeout into SMTPServerDisconnected, keeping the
    # timeout as the exception's context.
    return isinstance(error, TimeoutError) or isinstance(error.__context__, TimeoutError)


def describe(error: BaseException) -> str:
    """Return a mail error as an editor reads it: "421 4.7.0 Too many connections"."""
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return str(error) or type(error).__name__


def _text(answer: bytes | str) -> str:
    return answer.decode(errors="replace") if isinstance(answer, bytes) else str(answer)


def _settle_batch(
    issue: Issue,
    batch: list[Subscriber],
    sent_ids: list[int],
    refused: dict[int, str],
    *,
    unknown: int | None,
) -> None:
    """Mark the batch's sent and refused deliveries; release the claims of the rest.

    The delivery of `unknown` (a message that may or may not have left)
    stays "sending", so no later run sends it again.
    """
    if sent_ids:
        issue.deliveries.filter(subscriber_id__in=sent_ids).update(
            status=Delivery.Status.SENT, sent_at=timezone.now()
        )
    for subscriber_id, reason in refused.items():
        issue.deliveries.filter(subscriber_id=subscriber_id).update(
            status=Delivery.Status.FAILED, error=reason
        )
    done = set(sent_ids) | set(refused) | {unknown}
    unsent = [subscriber.pk for subscriber in batch if subscriber.pk not in done]
    if unsent:
        issue.deliveries.filter(subscriber_id__in=unsent, status=Delivery.Status.SENDING).delete()
