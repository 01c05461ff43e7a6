"""Each moderation rule, in the order they apply (comments/rules.py)."""

from __future__ import annotations

import pytest
from django.core import mail

from comments import spam
from comments.models import BlockedAddress, Comment, ModerationWord, address_hash

from .conftest import comment_form, post_url

pytestmark = pytest.mark.django_db

KNOWN = "known@example.com"


@pytest.fixture
def story(make_article):
    return make_article("Border talks")


@pytest.fixture
def known(story, make_comment):
    """A confirmed address with an approved comment already."""
    return make_comment(story, email=KNOWN, name="Known reader")


def _post(client, story, **fields) -> Comment:
    response = client.post(post_url(story), comment_form(**fields))
    assert response.status_code == 200, response.content.decode()[:2000]
    return Comment.objects.latest("pk")


def test_first_comment_from_an_address_is_held_and_the_address_asked_to_confirm(client, story):
    comment = _post(client, story, email="New@Example.com")
    assert comment.status == Comment.Status.PENDING
    assert comment.reason == Comment.Reason.UNCONFIRMED
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.com"]


def test_a_confirmed_address_without_an_approved_comment_is_still_held(client, story, make_comment):
    make_comment(story, email="waiting@example.com", status=Comment.Status.PENDING)
    comment = _post(client, story, email="waiting@example.com")
    assert (comment.status, comment.reason) == (Comment.Status.PENDING, Comment.Reason.FIRST)


def test_an_address_with_an_approved_comment_is_published_at_once(client, story, known):
    comment = _post(client, story, email=KNOWN)
    assert comment.status == Comment.Status.APPROVED
    story.refresh_from_db()
    assert story.comment_count == 2
    assert mail.outbox == []


def test_more_links_than_the_setting_are_held(client, story, known, settings):
    settings.COMMENTS_MAX_LINKS = 2
    body = "See https://a.example/ and https://b.example/ and www.c.example"
    comment = _post(client, story, email=KNOWN, body=body)
    assert (comment.status, comment.reason) == (Comment.Status.PENDING, Comment.Reason.LINKS)
    assert _post(
        client, story, email=KNOWN, body="https://a.example/ https://b.example/"
    ).is_approved


def test_far_too_many_links_go_straight_to_spam(client, story, settings):
    settings.COMMENTS_SPAM_LINKS = 5
    body = " ".join(f"https://cheap{n}.example/pills" for n in range(6))
    comment = _post(client, story, email="bot@example.net", body=body)
    assert (comment.status, comment.reason) == (Comment.Status.SPAM, Comment.Reason.SPAM_LINKS)
    assert mail.outbox == []  # a spammer's address is never e-mailed


def test_a_word_on_the_moderation_list_holds_the_comment(client, story, known):
    ModerationWord.objects.create(word="Referendum", action=ModerationWord.Action.HOLD)
    comment = _post(client, story, email=KNOWN, body="The REFERENDUM was rigged.")
    assert (comment.status, comment.reason) == (Comment.Status.PENDING, Comment.Reason.WORD)


def test_a_blocked_word_sends_the_comment_to_spam(client, story, known):
    ModerationWord.objects.create(word="casino", action=ModerationWord.Action.SPAM)
    comment = _post(client, story, email=KNOWN, name="Best Casino")
    assert (comment.status, comment.reason) == (Comment.Status.SPAM, Comment.Reason.BLOCKED_WORD)


def test_a_client_over_its_rate_limit_is_held(client, story, known, settings):
    settings.COMMENTS_PER_CLIENT = 2
    statuses = [_post(client, story, email=KNOWN, body=f"Point {n}").status for n in range(3)]
    assert statuses == [Comment.Status.APPROVED, Comment.Status.APPROVED, Comment.Status.PENDING]
    assert Comment.objects.latest("pk").reason == Comment.Reason.RATE


def test_the_rate_limit_keeps_no_ip_address_in_the_cache(client, story, known):
    from django.core.cache import cache

    client.post(post_url(story), comment_form(email=KNOWN), REMOTE_ADDR="203.0.113.9")
    if isinstance(cache._cache, dict):  # local memory
        keys = list(cache._cache)
    else:  # Redis
        keys = [key.decode() for key in cache._cache.get_client().keys("*")]
    assert any("comments:client:" in key for key in keys)
    assert not any("203.0.113.9" in key for key in keys)
    assert not Comment._meta.get_fields() or not any(
        "ip" in field.name for field in Comment._meta.get_fields()
    )


def test_a_blocked_address_goes_to_spam(client, story, known):
    BlockedAddress.objects.create(email_hash=address_hash(KNOWN))
    comment = _post(client, story, email=KNOWN)
    assert (comment.status, comment.reason) == (Comment.Status.SPAM, Comment.Reason.BLOCKED_ADDRESS)


def test_a_blocked_domain_and_its_subdomains_go_to_spam(client, story):
    BlockedAddress.objects.create(domain="spam.example")
    for email in ("a@spam.example", "b@mail.spam.example"):
        comment = _post(client, story, email=email)
        assert comment.reason == Comment.Reason.BLOCKED_ADDRESS
    assert _post(client, story, email="c@notspam.example").status == Comment.Status.PENDING


def test_a_filled_honeypot_goes_to_spam(client, story, known):
    comment = _post(client, story, email=KNOWN, website="http://bot.example/")
    assert (comment.status, comment.reason) == (Comment.Status.SPAM, Comment.Reason.HONEYPOT)


class _SaysSpam:
    def check(self, submission):
        return spam.Verdict.SPAM


class _TimesOut:
    def check(self, submission):
        raise TimeoutError("the service took too long")


def test_the_spam_service_is_off_by_default(settings):
    assert settings.COMMENTS_SPAM_SERVICE == ""


def test_the_spam_service_can_send_a_comment_to_spam(client, story, known, settings):
    settings.COMMENTS_SPAM_SERVICE = "tests.comments.test_rules._SaysSpam"
    comment = _post(client, story, email=KNOWN)
    assert (comment.status, comment.reason) == (Comment.Status.SPAM, Comment.Reason.SERVICE_SPAM)


def test_a_spam_service_timeout_holds_the_comment_never_loses_or_publishes_it(
    client, story, known, settings
):
    settings.COMMENTS_SPAM_SERVICE = "tests.comments.test_rules._TimesOut"
    comment = _post(client, story, email=KNOWN, body="Kept, not lost.")
    assert (comment.status, comment.reason) == (Comment.Status.PENDING, Comment.Reason.SERVICE_DOWN)
    assert comment.body == "Kept, not lost."
