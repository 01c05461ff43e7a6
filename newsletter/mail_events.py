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

from .models import Subscriber, normalize_email

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
