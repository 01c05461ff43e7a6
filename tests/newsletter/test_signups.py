"""sign_up() itself: each result, what it records and what it sends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from articles.models import Article
from jobs.models import Job
from newsletter.models import BlockedDomain, SignupBlock, Subscriber
from newsletter.signups import (
    BLOCKED_DOMAIN,
    TOO_MANY_SIGNUPS,
    Result,
    sign_up,
    signup_block_for,
)
from tests.support.jobs import run_retries

pytestmark = pytest.mark.django_db

CLIENT = "203.0.113.7"


class DownMailServer(BaseEmailBackend):
    """A mail backend whose server refuses the connection."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def test_new_address_is_pending_and_emailed_a_link(signup_block, make_article, mailoutbox):
    article = make_article()
    outcome = sign_up(" Reader@Example.COM ", signup_block, client=CLIENT, article_id=article.pk)
    assert outcome.result is Result.CONFIRMATION_SENT
    assert outcome.accepted
    assert outcome.error == ""
    assert outcome.email == "reader@example.com"
    assert outcome.newsletter == signup_block.newsletter
    assert outcome.article == article
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.com"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.signup_article == article
    assert subscriber.signup_block == signup_block
    assert subscriber.consent_source == f"http://127.0.0.1:8000{article.get_absolute_url()}"
    assert subscriber.consent_text == signup_block.consent_text
    assert [m.to for m in mailoutbox] == [["reader@example.com"]]


def test_a_story_that_is_not_live_is_neither_recorded_nor_linked_back_to(
    signup_block, make_article
):
    draft = make_article(status=Article.Status.DRAFT)
    outcome = sign_up("reader@example.com", signup_block, client=CLIENT, article_id=draft.pk)
    assert outcome.article is None
    subscriber = Subscriber.objects.get()
    assert subscriber.signup_article is None
    assert subscriber.consent_source == "http://127.0.0.1:8000/newsletter/signup/"


def test_asking_again_too_soon_sends_no_second_link(signup_block, mailoutbox, settings):
    settings.NEWSLETTER_CONFIRM_RESEND_SECONDS = 600
    sign_up("reader@example.com", signup_block, client=CLIENT)
    again = sign_up("reader@example.com", signup_block, client=CLIENT)
    assert again.result is Result.CONFIRMATION_NOT_DUE
    assert again.accepted
    assert len(mailoutbox) == 1
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=11))
    later = sign_up("reader@example.com", signup_block, client=CLIENT)
    assert later.result is Result.CONFIRMATION_SENT
    assert len(mailoutbox) == 2


def test_a_mail_outage_never_reaches_the_reader_and_the_e_mail_is_retried(
    signup_block, mailoutbox, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.DownMailServer"
    outcome = sign_up("reader@example.com", signup_block, client=CLIENT)
    assert outcome.result is Result.CONFIRMATION_SENT
    assert outcome.accepted
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.confirmation_sent_at is None
    job = Job.objects.get()
    assert job.name.endswith("send_confirmation_email")
    assert job.state == Job.State.RETRYING
    assert "mail server down" in job.summary
    # The server is back when the retry comes: the link goes out then.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run_retries() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["reader@example.com"]
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED


def test_a_confirmed_reader_is_left_as_they_are(signup_block, make_subscriber, mailoutbox):
    reader = make_subscriber("reader@example.com", signup_block=None)
    outcome = sign_up("reader@example.com", signup_block, client=CLIENT)
    assert outcome.result is Result.ALREADY_SUBSCRIBED
    assert outcome.accepted
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED
    assert reader.signup_block is None
    assert mailoutbox == []


def test_a_reader_who_left_is_pending_again_with_new_consent(
    signup_block, make_subscriber, make_article, mailoutbox
):
    reader = make_subscriber(
        "reader@example.com", status=Subscriber.Status.UNSUBSCRIBED, consent_source="import"
    )
    article = make_article()
    outcome = sign_up("reader@example.com", signup_block, client=CLIENT, article_id=article.pk)
    assert outcome.result is Result.CONFIRMATION_SENT
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.PENDING
    assert reader.consent_source == f"http://127.0.0.1:8000{article.get_absolute_url()}"
    assert len(mailoutbox) == 1


def test_a_bot_is_dropped_and_not_counted_against_its_client(signup_block, mailoutbox, settings):
    settings.NEWSLETTER_SIGNUPS_PER_CLIENT = 1
    bot = sign_up("victim@example.com", signup_block, client=CLIENT, is_bot=True)
    assert bot.result is Result.BOT
    # Looks accepted to the bot.
    assert bot.accepted
    assert not Subscriber.objects.exists()
    assert mailoutbox == []
    person = sign_up("reader@example.com", signup_block, client=CLIENT)
    assert person.result is Result.CONFIRMATION_SENT


def test_a_client_over_its_limit_is_refused_with_a_reason(signup_block, mailoutbox, settings):
    settings.NEWSLETTER_SIGNUPS_PER_CLIENT = 1
    sign_up("a@example.com", signup_block, client=CLIENT)
    refused = sign_up("b@example.com", signup_block, client=CLIENT)
    assert refused.result is Result.CLIENT_OVER_LIMIT
    assert not refused.accepted
    assert refused.error == TOO_MANY_SIGNUPS
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["a@example.com"]
    assert len(mailoutbox) == 1
    # Another connection is not held back.
    other = sign_up("b@example.com", signup_block, client="192.0.2.44")
    assert other.result is Result.CONFIRMATION_SENT


def test_an_address_over_its_limit_gets_no_more_mail(signup_block, mailoutbox, settings):
    settings.NEWSLETTER_SIGNUPS_PER_ADDRESS = 2
    settings.NEWSLETTER_CONFIRM_RESEND_SECONDS = 0
    results = [
        sign_up("victim@example.com", signup_block, client=f"198.51.100.{n}").result
        for n in range(3)
    ]
    assert results == [
        Result.CONFIRMATION_SENT,
        Result.CONFIRMATION_SENT,
        Result.ADDRESS_OVER_LIMIT,
    ]
    assert len(mailoutbox) == 2
    dropped = sign_up("victim@example.com", signup_block, client="198.51.100.9")
    # The sender learns nothing: it looks accepted.
    assert dropped.accepted
    assert dropped.error == ""


def test_a_blocked_domain_is_refused_with_a_reason(signup_block, mailoutbox):
    BlockedDomain.objects.create(domain="mailinator.com")
    outcome = sign_up("bot@eu.mailinator.com", signup_block, client=CLIENT)
    assert outcome.result is Result.BLOCKED_DOMAIN
    assert not outcome.accepted
    assert outcome.error == BLOCKED_DOMAIN
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_the_block_a_form_named_is_used_else_the_current_one(signup_block, newsletter):
    older = SignupBlock.objects.create(name="Old", newsletter=newsletter, is_active=False)
    assert signup_block_for(older.pk) == older
    assert signup_block_for(None) == signup_block
    assert signup_block_for(older.pk + 1000) == signup_block
    SignupBlock.objects.update(is_active=False)
    assert signup_block_for(None) is None
