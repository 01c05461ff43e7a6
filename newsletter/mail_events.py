"""What the mail service reports back about an address: bounces, complaints, unsubscribes.

django-anymail turns each service's webhook (Mailgun, Postmark, SES,
SendGrid...) into one `tracking` signal; `record_mail_event` acts on it.
The webhooks are served at /mail-events/ once `ANYMAIL["WEBHOOK_SECRET"]`
is set (README, "Newsletter"): without a secret anybody could take readers
off the list, so there are no webhook addresses at all.
"""

from __future__ import annotations

import logging
from typing import Any

from anymail.signals import AnymailTrackingEvent, EventType, RejectReason
from django.utils.translation import ngettext

from .emails import ISSUE_METADATA
from .models import Delivery, Subscriber, normalize_email

logger = logging.getLogger(__name__)

# Anymail's normalised reports that mean the address cannot be mailed, and
# those that mean the reader does not want the mail. A service that refused
# to send says why. Anything else (sent, delivered, deferred, opened...)
# changes nothing.
UNDELIVERABLE = {EventType.BOUNCED}
UNWANTED = {EventType.COMPLAINED, EventType.UNSUBSCRIBED}
UNDELIVERABLE_REASONS = {RejectReason.BOUNCED, RejectReason.INVALID}
UNWANTED_REASONS = {RejectReason.SPAM, RejectReason.UNSUBSCRIBED}


def record_mail_event(
    sender: Any, event: AnymailTrackingEvent, esp_name: str, **kwargs: Any
) -> None:
    """Stop mailing an address the service says bounces or does not want the mail.

    A bounce marks the address bounced on every list it is pending or
    confirmed on; a spam complaint or an unsubscribe made at the service
    unsubscribes it from every list, since a report names an address, not
    a list. A reader who already left stays unsubscribed.
    """
    rejected = event.event_type == EventType.REJECTED
    bounced = event.event_type in UNDELIVERABLE or (
        rejected and event.reject_reason in UNDELIVERABLE_REASONS
    )
    unwanted = event.event_type in UNWANTED or (
        rejected and event.reject_reason in UNWANTED_REASONS
    )
    if not (bounced or unwanted) or not event.recipient:
        return
    complained = event.event_type == EventType.COMPLAINED or (
        rejected and event.reject_reason == RejectReason.SPAM
    )
    if bounced or complained:
        _record_on_delivery(event, "bounced_at" if bounced else "complained_at")
    subscriptions = list(
        Subscriber.objects.filter(
            email=normalize_email(event.recipient),
            status__in=[Subscriber.Status.PENDING, Subscriber.Status.CONFIRMED],
        )
    )
    for subscriber in subscriptions:
        if bounced:
            subscriber.mark_bounced()
        else:
            subscriber.unsubscribe()
    logger.info(
        "%s reported %s for a subscriber: %s",
        esp_name,
        event.event_type,
        ngettext(
            "%(count)d subscription changed",
            "%(count)d subscriptions changed",
            len(subscriptions),
        )
        % {"count": len(subscriptions)},
    )


def _record_on_delivery(event: AnymailTrackingEvent, field: str) -> None:
    """Note a bounce or complaint on the delivery it answers, for the issue's report.

    The issue is the one the message's metadata names (set when sending
    through django-anymail); without it, the address's latest delivery.
    """
    deliveries = Delivery.objects.filter(
        subscriber__email=normalize_email(event.recipient or "")
    ).order_by("-claimed_at", "-pk")
    issue_id = (event.metadata or {}).get(ISSUE_METADATA)
    if issue_id and str(issue_id).isdigit():
        deliveries = deliveries.filter(issue_id=int(issue_id))
    delivery = deliveries.first()
    if delivery is not None:
        delivery.record_feedback(field)
