"""The mail service's reports: bounced addresses and complaints stop getting mail."""

from __future__ import annotations

import base64
import importlib
import json

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from django.urls import clear_url_caches

from newsletter.models import NewsletterList, Subscriber
from newsletter.sending import send_issue

SECRET = "mailservice:a-long-random-secret"


def _report(event_type: str, recipient: str, reject_reason: str | None = None) -> None:
    event = AnymailTrackingEvent(
        event_type=event_type, recipient=recipient, reject_reason=reject_reason
    )
    tracking.send(sender=object, event=event, esp_name="TestService")


def _status(subscriber: Subscriber) -> str:
    subscriber.refresh_from_db()
    return subscriber.status


def test_a_bounce_stops_every_list_mailing_the_address(make_subscriber, make_issue, mailoutbox):
    other_list = NewsletterList.objects.create(name="Breaking news", slug="breaking")
    weekly = make_subscriber("gone@example.com")
    breaking = make_subscriber("gone@example.com", newsletter=other_list)
    left = make_subscriber("left@example.com", status=Subscriber.Status.UNSUBSCRIBED)
    reader = make_subscriber("reader@example.com")
    _report("bounced", "Gone@Example.com ")
    _report("bounced", "left@example.com")
    assert (_status(weekly), _status(breaking)) == ("bounced", "bounced")
    assert weekly.bounced_at is not None
    # A reader who left stays on record as having left; others are untouched.
    assert (_status(left), _status(reader)) == ("unsubscribed", "confirmed")
    send_issue(make_issue())
    assert [message.to for message in mailoutbox] == [["reader@example.com"]]


@pytest.mark.parametrize(
    "event_type, reason",
    [("complained", None), ("unsubscribed", None), ("rejected", "spam")],
)
def test_a_complaint_or_an_unsubscribe_at_the_service_unsubscribes(
    make_subscriber, event_type, reason
):
    reader = make_subscriber("annoyed@example.com")
    _report(event_type, "annoyed@example.com", reason)
    assert _status(reader) == "unsubscribed"
    assert reader.unsubscribed_at is not None


@pytest.mark.parametrize(
    "event_type, reason",
    [("deferred", None), ("delivered", None), ("opened", None), ("rejected", "blocked")],
)
def test_other_reports_change_nothing(make_subscriber, event_type, reason):
    reader = make_subscriber("fine@example.com")
    _report(event_type, "fine@example.com", reason)
    assert _status(reader) == "confirmed"


def test_a_report_about_an_unknown_address_is_ignored(make_subscriber):
    reader = make_subscriber("fine@example.com")
    _report("bounced", "stranger@example.com")
    _report("bounced", "")
    assert _status(reader) == "confirmed"


@pytest.fixture
def webhooks(settings):
    """Serve the mail service's webhooks, as with ANYMAIL["WEBHOOK_SECRET"] set."""
    import newsroom.urls

    configured = settings.ANYMAIL
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    importlib.reload(newsroom.urls)
    clear_url_caches()
    yield
    settings.ANYMAIL = configured
    importlib.reload(newsroom.urls)
    clear_url_caches()


def _postmark_bounce(client, email: str, **headers):
    payload = {"RecordType": "Bounce", "Type": "HardBounce", "Email": email, "ID": 42}
    return client.post(
        "/mail-events/postmark/tracking/",
        json.dumps(payload),
        content_type="application/json",
        **headers,
    )


def test_a_postmark_bounce_webhook_marks_the_address(client, webhooks, make_subscriber):
    reader = make_subscriber("gone@example.com")
    auth = "Basic " + base64.b64encode(SECRET.encode()).decode()
    assert _postmark_bounce(client, "gone@example.com", HTTP_AUTHORIZATION=auth).status_code == 200
    assert _status(reader) == "bounced"


def test_a_webhook_without_the_secret_changes_nothing(client, webhooks, make_subscriber):
    reader = make_subscriber("reader@example.com")
    wrong = "Basic " + base64.b64encode(b"mailservice:guess").decode()
    unsigned = _postmark_bounce(client, "reader@example.com")
    forged = _postmark_bounce(client, "reader@example.com", HTTP_AUTHORIZATION=wrong)
    assert (unsigned.status_code, forged.status_code) == (400, 400)
    assert _status(reader) == "confirmed"


def test_without_a_secret_there_are_no_webhooks(client, make_subscriber):
    reader = make_subscriber("reader@example.com")
    assert _postmark_bounce(client, "reader@example.com").status_code == 404
    assert _status(reader) == "confirmed"
