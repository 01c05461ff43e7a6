"""Sending through a real SMTP server (the aiosmtpd sink on loopback).

What the server receives (envelope, headers, both body parts), and what a
send does when the server refuses one address, fails every message for a
while, or answers too slowly: retried batches, failures listed with the
server's words, and nobody getting the issue twice.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from jobs.models import Job
from newsletter.models import Delivery, Issue, IssueLink
from newsletter.sending import send_issue
from newsletter.tasks import send_issue_batch
from tests.support.jobs import run_retries, waiting_retries

pytestmark = pytest.mark.django_db


def _start(issue: Issue) -> None:
    assert issue.start_sending()
    send_issue_batch(issue.pk)
    issue.refresh_from_db()


def test_the_server_receives_each_reader_their_own_issue(smtp_sink, make_issue, make_subscriber):
    issue = make_issue(subject="Gyumri, Երևան and İzmir")
    anna = make_subscriber("anna@example.com")
    make_subscriber("boris@example.com")
    send_issue(issue)
    received = smtp_sink.wait_for(2)
    assert sorted(r.rcpt_tos[0] for r in received) == ["anna@example.com", "boris@example.com"]
    mine = smtp_sink.to("anna@example.com")[0]
    message = mine.message
    assert message["Subject"] == "Gyumri, Երևան and İzmir"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith("http://127.0.0.1:8000/newsletter/unsubscribe/")
    assert message["List-Id"].startswith("Weekly <weekly.")
    text, html = mine.part("text/plain"), mine.part("text/html")
    assert unsubscribe in text and unsubscribe in html
    # The story links are Anna's own click links (newsletter/tracking.py),
    # leading on to the story with the issue's campaign.
    assert "/newsletter/c/" in html and "/newsletter/c/" in text
    assert "utm_campaign=" in IssueLink.objects.filter(article__isnull=False).first().url
    # Boris's link is his own.
    other = smtp_sink.to("boris@example.com")[0].message["List-Unsubscribe"]
    assert other != message["List-Unsubscribe"]
    assert anna.deliveries.get().status == Delivery.Status.SENT


def test_a_test_send_reaches_the_server_marked_and_uncounted(smtp_sink, make_issue):
    from newsletter.tasks import send_test_issue

    issue = make_issue(subject="Friday's Mirror")
    send_test_issue(issue.pk, ["editor@example.com"])
    (received,) = smtp_sink.wait_for(1)
    assert received.message["Subject"] == "[TEST] Friday's Mirror"
    assert received.rcpt_tos == ["editor@example.com"]
    assert "Friday" in received.part("text/html")
    assert not issue.deliveries.exists()


def test_an_address_refused_for_good_is_listed_with_the_reason_and_the_rest_go_on(
    smtp_sink, make_issue, make_subscriber, admin_client
):
    issue = make_issue()
    make_subscriber("first@example.com")
    make_subscriber("nobody@example.com")
    make_subscriber("last@example.com")
    smtp_sink.handler.refuse = {"nobody@example.com"}
    _start(issue)
    assert issue.is_sent
    assert sorted(r.rcpt_tos[0] for r in smtp_sink.received) == [
        "first@example.com",
        "last@example.com",
    ]
    failed = issue.deliveries.get(status=Delivery.Status.FAILED)
    assert failed.subscriber.email == "nobody@example.com"
    assert failed.error.startswith("550 5.1.1 No such mailbox here")
    page = admin_client.get(reverse("admin:newsletter_issue_change", args=[issue.pk]))
    assert "nobody@example.com" in page.content.decode()
    assert "550 5.1.1 No such mailbox here" in page.content.decode()


def test_a_failing_server_gets_the_batch_retried_and_the_send_finishes(
    smtp_sink, make_issue, make_subscriber, settings
):
    settings.NEWSLETTER_SEND_BATCH_SIZE = 2
    issue = make_issue()
    everyone = sorted(make_subscriber().email for _ in range(5))
    smtp_sink.handler.fail_with = "451 4.3.0 Try again later"
    _start(issue)
    assert issue.send_state == Issue.SendState.SENDING
    assert smtp_sink.received == []
    assert not issue.deliveries.exists()
    job = Job.objects.get()
    assert job.state == Job.State.RETRYING
    assert "451" in job.summary
    assert waiting_retries() == ["send_issue_batch"]
    # The server is back by the retry: the batch and the rest go out.
    smtp_sink.handler.fail_with = ""
    run_retries()
    issue.refresh_from_db()
    assert issue.is_sent
    assert sorted(r.rcpt_tos[0] for r in smtp_sink.received) == everyone
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED


def test_each_retry_of_a_batch_the_server_turned_away_waits_twice_as_long(
    smtp_sink, make_issue, make_subscriber
):
    from huey.contrib.djhuey import HUEY

    issue = make_issue()
    make_subscriber()
    smtp_sink.handler.fail_with = "451 4.3.0 Try again later"
    before = datetime.utcnow()  # Huey keeps its schedule in naive UTC
    _start(issue)
    waits = []
    for _ in range(3):
        (task,) = HUEY.scheduled()
        waits.append((task.eta - before).total_seconds())
        before = datetime.utcnow()
        run_retries()
    first = django_settings.NEWSLETTER_SEND_RETRY_DELAY
    # Each wait is counted from the failed try; a try takes well under 5 s.
    for wait, expected in zip(waits, [first, first * 2, first * 4], strict=True):
        assert expected <= wait < expected + 5, waits
    assert smtp_sink.received == []
    issue.refresh_from_db()
    assert issue.send_state == Issue.SendState.SENDING


def test_a_server_that_never_comes_back_stops_the_send_with_its_reason(
    smtp_sink, make_issue, make_subscriber, settings, admin_client
):
    issue = make_issue()
    make_subscriber()
    smtp_sink.handler.fail_with = "421 4.7.0 Too many connections"
    _start(issue)
    run_retries(rounds=settings.NEWSLETTER_SEND_RETRIES)
    issue.refresh_from_db()
    assert issue.send_state == Issue.SendState.STOPPED
    assert "421 4.7.0 Too many connections" in issue.send_error
    job = Job.objects.get()
    assert job.state == Job.State.FAILED
    assert job.attempts == settings.NEWSLETTER_SEND_RETRIES + 1
    page = admin_client.get(reverse("admin:newsletter_issue_change", args=[issue.pk]))
    assert "Too many connections" in page.content.decode()
    assert "Resume sending" in page.content.decode()
    jobs = admin_client.get(reverse("admin:jobs_job_changelist")).content.decode()
    assert "Failed for good" in jobs
    # Once the server is fixed, resuming sends the rest.
    smtp_sink.handler.fail_with = ""
    admin_client.post(reverse("admin:newsletter_issue_send", args=[issue.pk]))
    issue.refresh_from_db()
    assert issue.is_sent
    assert len(smtp_sink.received) == 1


def test_a_server_too_slow_to_answer_never_gets_a_message_twice(
    smtp_sink, make_issue, make_subscriber, settings
):
    settings.EMAIL_TIMEOUT = 1
    issue = make_issue()
    slow = make_subscriber("slow@example.com")
    others = sorted(make_subscriber().email for _ in range(2))
    smtp_sink.handler.stall = 2
    _start(issue)
    assert issue.send_state == Issue.SendState.SENDING
    # The message in flight may have been taken: it stays "sending".
    assert slow.deliveries.get().status == Delivery.Status.SENDING
    smtp_sink.handler.stall = 0
    run_retries()
    issue.refresh_from_db()
    assert issue.is_sent
    addresses = sorted(r.rcpt_tos[0] for r in smtp_sink.wait_for(2))
    # Whether the slow server kept that one is unknown: it is not sent again,
    # and the issue page counts it as unknown.
    assert addresses == others
    assert slow.deliveries.get().status == Delivery.Status.SENDING
    assert issue.send_progress().unknown == 1


def test_the_send_rate_is_kept_per_second(smtp_sink, make_issue, make_subscriber, settings):
    settings.NEWSLETTER_SEND_RATE = 3
    issue = make_issue()
    for _ in range(7):
        make_subscriber()
    send_issue(issue)
    received = smtp_sink.wait_for(7)
    assert len(received) == 7
    per_second: dict[int, int] = {}
    for message in received:
        per_second[int(message.at)] = per_second.get(int(message.at), 0) + 1
    assert max(per_second.values()) <= 3
