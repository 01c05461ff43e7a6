"""The signed link confirming a first-time commenter's address."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail

from comments.models import Comment, CommenterAddress
from comments.tokens import make_confirm_token

from .conftest import comment_form, post_url

pytestmark = pytest.mark.django_db


def _link() -> str:
    (message,) = mail.outbox
    return re.search(r"http://[^\s]+/comments/confirm/[^\s]+/", message.body).group(0)


@pytest.fixture
def posted(client, make_article):
    story = make_article("Story Ελλάδα")
    client.post(post_url(story), comment_form(name="Ашот"))
    return Comment.objects.get()


def test_the_email_has_three_parts_and_a_signed_link(posted):
    (message,) = mail.outbox
    assert "Confirm your address" in message.subject
    assert "Story Ελλάδα" in message.body
    assert message.alternatives and "Confirm my address" in message.alternatives[0][0]


def test_opening_the_link_asks_and_pressing_the_button_confirms(client, posted):
    path = urlsplit(_link()).path
    page = client.get(path)
    assert page.status_code == 200 and "Confirm my address" in page.content.decode()
    posted.commenter.refresh_from_db()
    assert not posted.commenter.is_confirmed  # a mail scanner's GET confirms nobody
    done = client.post(path)
    assert "Awaiting moderation" in done.content.decode()
    posted.refresh_from_db()
    posted.commenter.refresh_from_db()
    assert posted.commenter.is_confirmed
    assert posted.status == Comment.Status.PENDING and posted.reason == Comment.Reason.FIRST
    # The address is no longer kept: only its hash, for matching.
    assert not CommenterAddress.objects.exists()
    assert "Already confirmed" in client.post(path).content.decode()


def test_an_altered_link_changes_nothing(client, posted):
    response = client.post(f"/comments/confirm/{make_confirm_token(posted)}x/")
    assert response.status_code == 400
    posted.commenter.refresh_from_db()
    assert not posted.commenter.is_confirmed


def test_an_expired_link_says_so(client, posted, clock, settings):
    token = make_confirm_token(posted)
    clock.shift(timedelta(seconds=settings.COMMENTS_CONFIRM_MAX_AGE + 1))
    response = client.post(f"/comments/confirm/{token}/")
    assert response.status_code == 400 and "expired" in response.content.decode()
    posted.commenter.refresh_from_db()
    assert not posted.commenter.is_confirmed
