"""The moderators' digest of pending comments, at most hourly."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils.module_loading import autodiscover_modules
from huey.contrib.djhuey import HUEY

from comments.digest import send_comment_digest
from comments.models import Comment
from comments.tasks import send_digest_when_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(make_member):
    user = make_member("Moderators", "mod")
    user.email = "mod@example.com"
    user.save()
    return user


def test_the_digest_lists_pending_comments_to_moderators(moderator, make_article, make_comment):
    story = make_article("Story Türkiye")
    make_comment(story, "Please read me", status=Comment.Status.PENDING)
    make_comment(story, "Not confirmed", status=Comment.Status.PENDING, confirmed=False)
    assert send_comment_digest() == 1
    (message,) = mail.outbox
    assert message.to == ["mod@example.com"]
    assert "1 comment awaiting moderation" in message.subject
    assert "Please read me" in message.body and "Not confirmed" not in message.body
    assert "/admin/comments/comment/" in message.body


def test_the_digest_goes_at_most_hourly(moderator, make_article, make_comment, clock):
    story = make_article()
    make_comment(story, status=Comment.Status.PENDING)
    call_command("send_comment_digest")
    clock.shift(timedelta(minutes=30))
    assert send_comment_digest() == 0
    clock.shift(timedelta(minutes=31))
    assert send_comment_digest() == 1
    assert len(mail.outbox) == 2


def test_no_digest_when_nothing_waits(moderator):
    assert send_comment_digest() == 0
    assert mail.outbox == []


def test_the_worker_runs_the_digest_on_its_schedule(moderator, make_article, make_comment):
    # What `run_huey` does at start: it finds every app's tasks module.
    autodiscover_modules("tasks")
    (task,) = [t for t in HUEY._registry.periodic_tasks if t.name == "send_digest_when_due"]
    quarter_hours = [datetime(2026, 12, 4, 9, minute) for minute in range(60)]
    assert [d.minute for d in quarter_hours if task.validate_datetime(d)] == [0, 15, 30, 45]
    make_comment(make_article(), "Waiting since lunch", status=Comment.Status.PENDING)
    send_digest_when_due.call_local()
    send_digest_when_due.call_local()
    (message,) = mail.outbox
    assert "Waiting since lunch" in message.body
