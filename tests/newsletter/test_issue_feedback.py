"""Unsubscribes, bounces and complaints are recorded on the issue they answer."""

from __future__ import annotations

import re

import pytest
from anymail.signals import AnymailTrackingEvent, tracking

from newsletter.models import Delivery, Subscriber
from newsletter.sending import send_issue

pytestmark = pytest.mark.django_db


def test_leaving_from_an_issues_link_is_recorded_on_its_delivery(
    client, make_issue, make_subscriber, mailoutbox
):
    issue = make_issue()
    reader = make_subscriber()
    send_issue(issue)
    (path,) = set(
        re.findall(r"http://127\.0\.0\.1:8000(/newsletter/unsubscribe/[^/]+/)", mailoutbox[0].body)
    )
    client.post(path)
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    assert Delivery.objects.get(issue=issue, subscriber=reader).unsubscribed_at is not None


def test_the_one_click_header_records_the_issue_too(
    client, make_issue, make_subscriber, mailoutbox
):
    issue = make_issue()
    make_subscriber()
    send_issue(issue)
    header = mailoutbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    client.post(header.removeprefix("http://127.0.0.1:8000"), {"List-Unsubscribe": "One-Click"})
    assert Delivery.objects.get().unsubscribed_at is not None


def _report(event_type: str, recipient: str, **fields) -> None:
    event = AnymailTrackingEvent(event_type=event_type, recipient=recipient, **fields)
    tracking.send(sender=object, event=event, esp_name="TestService")


def test_a_bounce_and_a_complaint_are_recorded_on_the_issue_the_service_names(
    make_issue, make_subscriber, mailoutbox
):
    first, second = make_issue(subject="First"), make_issue(subject="Second")
    make_subscriber("anna@example.com")
    make_subscriber("boris@example.com")
    send_issue(first)
    send_issue(second)
    _report("bounced", "anna@example.com", metadata={"newsletter_issue": str(first.pk)})
    _report("complained", "Boris@example.com")
    anna_first = Delivery.objects.get(issue=first, subscriber__email="anna@example.com")
    assert anna_first.bounced_at is not None
    assert not Delivery.objects.filter(issue=second, bounced_at__isnull=False).exists()
    # Without metadata (SMTP), the address's latest issue is the one.
    boris_second = Delivery.objects.get(issue=second, subscriber__email="boris@example.com")
    assert boris_second.complained_at is not None
    assert not Delivery.objects.filter(issue=first, complained_at__isnull=False).exists()


def test_the_message_names_its_issue_for_the_mail_service(make_issue, make_subscriber, mailoutbox):
    issue = make_issue()
    make_subscriber()
    send_issue(issue)
    assert mailoutbox[0].metadata == {"newsletter_issue": str(issue.pk)}
