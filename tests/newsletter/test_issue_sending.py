"""Sending from the issue's admin page: test, send now, schedule, cancel, progress."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Delivery, Issue
from newsletter.tasks import start_sends

pytestmark = pytest.mark.django_db

YEREVAN = ZoneInfo("Asia/Yerevan")


@pytest.fixture
def manager(make_member):
    return make_member("Newsletter managers", "lists")


@pytest.fixture
def manager_client(client, manager):
    manager.email = "lists@example.com"
    manager.save(update_fields=["email"])
    client.force_login(manager)
    return client


def _url(name: str, issue: Issue) -> str:
    return reverse(f"admin:newsletter_issue_{name}", args=[issue.pk])


def test_a_manager_sees_the_buttons_on_the_issue_page(manager_client, make_issue):
    issue = make_issue()
    page = manager_client.get(_url("change", issue)).content.decode()
    for label in ("Send a test", "Send now", "Schedule"):
        assert label in page
    assert _url("send", issue) in page


@pytest.mark.parametrize("group", ["Contributors"])
def test_others_see_no_buttons_and_a_forged_post_is_refused(
    client, make_member, make_issue, make_subscriber, mailoutbox, group
):
    issue = make_issue()
    make_subscriber()
    user = make_member(group)
    client.force_login(user)
    assert client.get(_url("change", issue)).status_code in {302, 403}
    for name in ("test", "send", "schedule", "cancel"):
        response = client.post(_url(name, issue), {"addresses": "x@example.com"})
        assert response.status_code == 403, name
    issue.refresh_from_db()
    assert issue.send_state == Issue.SendState.IDLE
    assert mailoutbox == []


def test_a_user_who_may_read_issues_but_not_send_gets_no_buttons(
    client, django_user_model, make_issue, mailoutbox
):
    from django.contrib.auth.models import Permission

    issue = make_issue()
    reader = django_user_model.objects.create_user("proofreader", password="pw", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_issue"))
    client.force_login(reader)
    page = client.get(_url("change", issue)).content.decode()
    assert "Send now" not in page and "Send a test" not in page
    assert client.post(_url("send", issue)).status_code == 403
    assert client.post(_url("test", issue), {"addresses": "a@example.com"}).status_code == 403
    issue.refresh_from_db()
    assert issue.send_state == Issue.SendState.IDLE


def test_an_editor_may_send_too(client, desk_editor, make_issue, make_subscriber, mailoutbox):
    issue = make_issue()
    make_subscriber("reader@example.com")
    client.force_login(desk_editor)
    assert "Send now" in client.get(_url("change", issue)).content.decode()
    client.post(_url("send", issue))
    issue.refresh_from_db()
    assert issue.is_sent
    assert [m.to for m in mailoutbox] == [["reader@example.com"]]


def test_a_test_goes_to_the_editor_marked_and_is_never_counted(
    manager_client, make_issue, make_subscriber, mailoutbox
):
    issue = make_issue(subject="Երևան this week")
    make_subscriber()
    form = manager_client.get(_url("test", issue)).content.decode()
    assert "lists@example.com" in form
    response = manager_client.post(_url("test", issue), {"addresses": "lists@example.com"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "[TEST] Երևան this week"
    assert mailoutbox[0].to == ["lists@example.com"]
    assert "List-Unsubscribe" in mailoutbox[0].extra_headers
    issue.refresh_from_db()
    assert issue.status == Issue.Status.READY
    assert not issue.deliveries.exists()


def test_a_test_may_go_to_a_short_list_but_not_a_long_one(
    manager_client, make_issue, mailoutbox, settings
):
    settings.NEWSLETTER_TEST_SEND_MAX = 3
    issue = make_issue(status=Issue.Status.DRAFT)
    manager_client.post(_url("test", issue), {"addresses": "a@example.com, b@example.com\nc@x.am"})
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.com", "b@example.com", "c@x.am"]
    too_many = manager_client.post(
        _url("test", issue), {"addresses": "a@x.am b@x.am c@x.am d@x.am"}
    )
    assert "3 addresses at most" in too_many.content.decode()
    bad = manager_client.post(_url("test", issue), {"addresses": "not-an-address"})
    assert "is not an e-mail address" in bad.content.decode()
    assert len(mailoutbox) == 3


def test_send_now_confirms_list_readers_and_subject_first(
    manager_client, make_issue, make_subscriber, mailoutbox
):
    issue = make_issue(subject="Γεια σας from Gyumri")
    make_subscriber()
    make_subscriber()
    make_subscriber(status="pending")
    page = manager_client.get(_url("send", issue)).content.decode()
    assert "Weekly" in page
    assert "Γεια σας from Gyumri" in page
    assert "Send to 2 readers now" in page
    assert mailoutbox == []
    assert not issue.deliveries.exists()


def test_send_now_sends_in_batches_and_only_the_send_marks_it_sent(
    manager_client, make_issue, make_subscriber, mailoutbox, settings
):
    settings.NEWSLETTER_SEND_BATCH_SIZE = 2
    issue = make_issue()
    for _ in range(5):
        make_subscriber()
    response = manager_client.post(_url("send", issue))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert issue.send_state == Issue.SendState.IDLE
    assert len(mailoutbox) == 5
    assert issue.deliveries.filter(status=Delivery.Status.SENT).count() == 5
    # Sending again changes nothing and sends nothing.
    manager_client.post(_url("send", issue))
    assert len(mailoutbox) == 5


def test_a_draft_cannot_be_sent_or_scheduled(manager_client, make_issue, make_subscriber):
    issue = make_issue(status=Issue.Status.DRAFT)
    make_subscriber()
    page = manager_client.get(_url("send", issue)).content.decode()
    assert "is a draft" in page
    manager_client.post(_url("send", issue))
    manager_client.post(_url("schedule", issue), {"send_at": "2099-01-01T07:00"})
    issue.refresh_from_db()
    assert issue.send_state == Issue.SendState.IDLE
    assert not issue.deliveries.exists()


def test_schedule_reads_the_time_in_the_newsrooms_zone(manager_client, make_issue, clock):
    clock.move_to(datetime(2026, 12, 2, 12, 0, tzinfo=YEREVAN))
    issue = make_issue()
    response = manager_client.post(_url("schedule", issue), {"send_at": "2026-12-04T07:00"})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.send_state == Issue.SendState.SCHEDULED
    assert issue.scheduled_at == datetime(2026, 12, 4, 7, 0, tzinfo=YEREVAN)
    listing = manager_client.get(reverse("admin:newsletter_issue_changelist")).content.decode()
    assert "Scheduled for 4 Dec 2026, 07:00" in listing


def test_a_time_in_the_past_is_refused(manager_client, make_issue, clock):
    clock.move_to(datetime(2026, 12, 2, 12, 0, tzinfo=YEREVAN))
    issue = make_issue()
    page = manager_client.post(_url("schedule", issue), {"send_at": "2026-12-01T07:00"})
    assert "Choose a time in the future" in page.content.decode()
    issue.refresh_from_db()
    assert issue.send_state == Issue.SendState.IDLE


def test_a_scheduled_send_goes_out_on_time_on_its_own(
    manager_client, make_issue, make_subscriber, mailoutbox, clock
):
    clock.move_to(datetime(2026, 12, 2, 12, 0, tzinfo=YEREVAN))
    issue = make_issue()
    make_subscriber("reader@example.com")
    manager_client.post(_url("schedule", issue), {"send_at": "2026-12-04T07:00"})
    clock.move_to(datetime(2026, 12, 4, 6, 59, tzinfo=YEREVAN))
    start_sends()
    assert mailoutbox == []
    clock.move_to(datetime(2026, 12, 4, 7, 0, 30, tzinfo=YEREVAN))
    start_sends()
    issue.refresh_from_db()
    assert issue.is_sent
    assert [m.to for m in mailoutbox] == [["reader@example.com"]]
    # The next minute's run finds nothing to do.
    start_sends()
    assert len(mailoutbox) == 1


def test_a_cancelled_scheduled_send_never_goes_out(
    manager_client, make_issue, make_subscriber, mailoutbox, clock
):
    clock.move_to(datetime(2026, 12, 2, 12, 0, tzinfo=YEREVAN))
    issue = make_issue()
    make_subscriber()
    manager_client.post(_url("schedule", issue), {"send_at": "2026-12-04T07:00"})
    page = manager_client.get(_url("change", issue)).content.decode()
    assert "Cancel the scheduled send" in page
    manager_client.post(_url("cancel", issue))
    issue.refresh_from_db()
    assert issue.send_state == Issue.SendState.IDLE
    assert issue.scheduled_at is None
    clock.move_to(datetime(2026, 12, 4, 7, 5, tzinfo=YEREVAN))
    start_sends()
    issue.refresh_from_db()
    assert not issue.is_sent
    assert mailoutbox == []


def test_a_scheduled_issues_page_watches_for_its_send_to_start(manager_client, make_issue, clock):
    clock.move_to(datetime(2026, 12, 2, 12, 0, tzinfo=YEREVAN))
    issue = make_issue()
    manager_client.post(_url("schedule", issue), {"send_at": "2026-12-04T07:00"})
    page = manager_client.get(_url("change", issue)).content.decode()
    assert 'data-scheduled="true"' in page
    assert manager_client.get(_url("progress", issue)).json()["scheduled"] is True
    issue.refresh_from_db()
    issue.start_sending(scheduled=True)
    progress = manager_client.get(_url("progress", issue)).json()
    assert (progress["scheduled"], progress["sending"]) == (False, True)


def test_a_cancel_after_the_send_started_changes_nothing(manager_client, make_issue):
    issue = make_issue()
    issue.schedule(timezone.now() + timedelta(hours=1))
    assert issue.start_sending(scheduled=True)
    response = manager_client.post(_url("cancel", issue), follow=True)
    assert "no scheduled send to cancel" in response.content.decode()
    issue.refresh_from_db()
    assert issue.send_state == Issue.SendState.SENDING


def test_the_progress_shows_sent_failed_and_left(manager_client, make_issue, make_subscriber):
    issue = make_issue()
    sent, failed, _left = make_subscriber(), make_subscriber("gone@example.com"), make_subscriber()
    Delivery.objects.create(issue=issue, subscriber=sent, status=Delivery.Status.SENT)
    Delivery.objects.create(
        issue=issue,
        subscriber=failed,
        status=Delivery.Status.FAILED,
        error="550 5.1.1 No such mailbox",
    )
    issue.start_sending()
    data = manager_client.get(_url("progress", issue)).json()
    assert data == {
        "state": "Sending",
        "sending": True,
        "scheduled": False,
        "sent": 1,
        "failed": 1,
        "unknown": 0,
        "left": 1,
        "error": "",
    }
    page = manager_client.get(_url("change", issue)).content.decode()
    assert "Sent 1, failed 1, left 1" in page
    assert "gone@example.com" in page and "550 5.1.1 No such mailbox" in page
    assert 'data-sending="true"' in page
    assert "Send now" not in page


def test_the_issue_list_shows_each_issues_state(manager_client, make_issue, clock):
    clock.move_to(datetime(2026, 12, 2, 12, 0, tzinfo=YEREVAN))
    make_issue(subject="Ready one")
    scheduled = make_issue(subject="Friday one")
    scheduled.schedule(datetime(2026, 12, 4, 7, 0, tzinfo=YEREVAN))
    sending = make_issue(subject="Going one")
    sending.start_sending()
    page = manager_client.get(reverse("admin:newsletter_issue_changelist")).content.decode()
    assert "Ready to send" in page
    assert "Scheduled for 4 Dec 2026, 07:00" in page
    assert "Sending" in page
