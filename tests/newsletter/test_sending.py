import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command

from newsletter.models import Delivery, Issue, NewsletterList, Subscriber
from newsletter.sending import SendInterrupted, SendRefused, send_issue

pytestmark = pytest.mark.django_db


class FailingBackend(locmem.EmailBackend):
    """Deliver like locmem until `fail_after` messages are out, then fail."""

    fail_after: int | None = None

    def send_messages(self, messages):
        if self.fail_after is not None and len(mail.outbox) >= self.fail_after:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def failing_backend(settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    yield FailingBackend
    FailingBackend.fail_after = None


def _send(issue, *args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("send_newsletter", issue.pk, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _recipients(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


def test_issue_goes_once_to_each_confirmed_subscriber_of_its_list(
    make_issue, make_subscriber, mailoutbox
):
    issue = make_issue()
    confirmed = sorted(make_subscriber().email for _ in range(5))
    for status in ["pending", "unsubscribed", "bounced"]:
        make_subscriber(f"{status}@example.com", status=status)
    other_list = NewsletterList.objects.create(name="Arts", slug="arts")
    make_subscriber("arts@example.com", newsletter=other_list)
    out, _ = _send(issue, "--batch-size", "2")
    assert _recipients(mailoutbox) == confirmed
    assert "sent 5 messages in 3 batches" in out
    assert Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count() == 5
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT and issue.sent_at is not None
    message = mailoutbox[0]
    assert message.subject == "The week in the Mirror"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/newsletter/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_restart_after_an_interrupted_send_finishes_without_doubles(
    make_issue, make_subscriber, failing_backend, mailoutbox
):
    issue = make_issue()
    everyone = sorted(make_subscriber().email for _ in range(7))
    failing_backend.fail_after = 4
    with pytest.raises(CommandError, match="Run the command again"):
        _send(issue, "--batch-size", "3")
    assert len(mailoutbox) == 4
    issue.refresh_from_db()
    assert issue.status == Issue.Status.READY
    # The failed message and the batch's unsent rest were released, not left "sending".
    assert not Delivery.objects.filter(status=Delivery.Status.SENDING).exists()
    failing_backend.fail_after = None
    out, _ = _send(issue, "--batch-size", "3")
    assert "sent 3 messages in 1 batch; 4 had it from earlier runs" in out
    assert _recipients(mailoutbox) == everyone
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_interrupted_run_reports_how_far_it_got(make_issue, make_subscriber, failing_backend):
    issue = make_issue()
    for _ in range(3):
        make_subscriber()
    failing_backend.fail_after = 2
    with pytest.raises(SendInterrupted) as interrupted:
        send_issue(issue, batch_size=10)
    assert interrupted.value.report.sent == 2
    assert "Connection unexpectedly closed" in str(interrupted.value)


def test_claims_left_by_a_run_that_died_are_never_sent_again(
    make_issue, make_subscriber, mailoutbox
):
    issue = make_issue()
    lost = make_subscriber("lost@example.com")
    others = sorted(make_subscriber().email for _ in range(2))
    # A run claimed this reader, then died before it could mark the row sent.
    Delivery.objects.create(issue=issue, subscriber=lost, status=Delivery.Status.SENDING)
    out, err = _send(issue)
    assert _recipients(mailoutbox) == others
    assert "1 delivery was claimed by a run that died before marking it sent." in err
    assert "The issue is marked sent." in out


def test_dry_run_counts_and_sends_nothing(make_issue, make_subscriber, mailoutbox):
    issue = make_issue()
    for _ in range(4):
        make_subscriber()
    make_subscriber(status=Subscriber.Status.PENDING)
    out, _ = _send(issue, "--dry-run")
    assert "would send to 4 subscribers; 0 already have it." in out
    assert mailoutbox == []
    assert not Delivery.objects.exists()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.READY


def test_draft_issue_is_refused(make_issue, make_subscriber, mailoutbox):
    issue = make_issue(status=Issue.Status.DRAFT)
    make_subscriber()
    with pytest.raises(CommandError, match=r'is a draft\. Set its status to "Ready to send"'):
        _send(issue)
    assert mailoutbox == []


def test_issue_without_articles_is_refused(make_issue, make_subscriber, mailoutbox):
    issue = make_issue(stories=0)
    make_subscriber()
    with pytest.raises(CommandError, match="has no articles"):
        _send(issue)
    with pytest.raises(SendRefused):
        send_issue(issue, dry_run=True)
    assert mailoutbox == []


def test_sent_issue_is_not_sent_again(make_issue, make_subscriber, mailoutbox):
    issue = make_issue()
    make_subscriber()
    _send(issue)
    make_subscriber("late@example.com")
    with pytest.raises(CommandError, match="was already sent"):
        _send(issue)
    assert len(mailoutbox) == 1


def test_oversized_issue_is_refused_before_anything_is_claimed(make_issue, make_subscriber):
    issue = make_issue()
    issue.items.update(blurb="Very long. " * 6000)
    make_subscriber()
    with pytest.raises(SendRefused, match="Gmail clips"):
        send_issue(issue)
    assert not Delivery.objects.exists()


def test_queries_per_batch_do_not_grow_with_the_batch(
    make_issue, make_subscriber, mailoutbox, django_assert_max_num_queries
):
    issue = make_issue(stories=3)
    for _ in range(40):
        make_subscriber()
    # Checks and counts (3), the issue's stories, their corrections and
    # their bylines (3), the links to track: stories, insert, read back (3),
    # then per batch of 20: savepoint, claim, insert, release, mark sent (5);
    # the final empty claim with its savepoint (3); leftover count and
    # marking the issue (2).
    with django_assert_max_num_queries(3 + 3 + 3 + 2 * 5 + 3 + 2):
        report = send_issue(issue, batch_size=20)
    assert report.sent == 40 and report.batches == 2


class StoppedBackend(locmem.EmailBackend):
    """Deliver one message, then act as if Ctrl-C hit while sending the second."""

    def send_messages(self, messages):
        if len(mail.outbox) == 1:
            raise KeyboardInterrupt
        return super().send_messages(messages)


def test_run_stopped_by_hand_never_resends_the_message_in_flight(
    make_issue, make_subscriber, settings, mailoutbox
):
    issue = make_issue()
    first, in_flight, rest = (make_subscriber() for _ in range(3))
    settings.EMAIL_BACKEND = f"{__name__}.StoppedBackend"
    with pytest.raises(KeyboardInterrupt):
        send_issue(issue, batch_size=10)
    statuses = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert statuses == {first.email: "sent", in_flight.email: "sending"}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    report = send_issue(issue, batch_size=10)
    assert report.sent == 1 and report.unknown == 1
    assert _recipients(mailoutbox) == sorted([first.email, rest.email])


class UnreachableBackend(locmem.EmailBackend):
    def open(self):
        raise ConnectionRefusedError("Connection refused")


def test_unreachable_mail_server_stops_the_run_before_anything_is_claimed(
    make_issue, make_subscriber, settings
):
    issue = make_issue()
    make_subscriber()
    settings.EMAIL_BACKEND = f"{__name__}.UnreachableBackend"
    with pytest.raises(CommandError, match="Sending stopped: Connection refused"):
        _send(issue)
    assert not Delivery.objects.exists()
