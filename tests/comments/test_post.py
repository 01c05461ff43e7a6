"""Posting a comment: what the reader is told, and the answers that change nothing."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.core import mail

from articles.models import Article, Section
from comments.models import Comment, Commenter, CommenterAddress

from .conftest import comment_form, post_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(make_article):
    return make_article("Water talks in Երևան")


def _nothing_saved() -> None:
    assert Comment.objects.count() == 0 and Commenter.objects.count() == 0


def test_a_first_comment_says_awaiting_moderation_and_why(client, story):
    response = client.post(post_url(story), comment_form(body="Line one\nline two"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Awaiting moderation" in page and "confirm the address" in page
    assert "Line one<br>line two" in page
    assert "anahit@example.com" not in page


def test_a_known_reader_is_told_the_comment_is_published(client, story, make_comment):
    make_comment(story, email="anahit@example.com")
    page = client.post(post_url(story), comment_form()).content.decode()
    assert "Your comment is published" in page


def test_the_address_is_kept_only_until_confirmed(client, story):
    client.post(post_url(story), comment_form())
    commenter = Commenter.objects.get()
    assert "anahit" not in commenter.email_hash
    assert CommenterAddress.objects.get().email == "anahit@example.com"


def test_a_100_kb_comment_is_refused_and_nothing_saved(client, story):
    response = client.post(post_url(story), comment_form(body="ա" * 100_000))
    assert response.status_code == 400
    assert "Keep your comment to 5000 characters" in response.content.decode()
    _nothing_saved()


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_comment_is_refused(client, story, body):
    response = client.post(post_url(story), comment_form(body=body))
    assert response.status_code == 400
    assert "Write your comment." in response.content.decode()
    _nothing_saved()


def test_a_comment_without_consent_is_refused_with_the_text_kept(client, story):
    response = client.post(post_url(story), comment_form(consent="", body="Kept text"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tick the box to agree" in page and "Kept text" in page
    _nothing_saved()


def test_a_comment_on_a_draft_is_a_404(client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    assert client.post(post_url(draft), comment_form()).status_code == 404
    _nothing_saved()


def test_a_post_to_a_closed_story_is_refused(client, make_article):
    closed = make_article(comment_policy=Article.Comments.CLOSED)
    response = client.post(post_url(closed), comment_form())
    assert response.status_code == 403
    assert "Comments on this story are closed" in response.content.decode()
    _nothing_saved()


def test_a_section_closes_its_stories_by_default_unless_a_story_opens(client, make_article):
    desk = Section.objects.create(name="Opinion", slug="opinion", comments_open=False)
    follows = make_article(section=desk)
    opens = make_article(section=desk, comment_policy=Article.Comments.OPEN)
    assert client.post(post_url(follows), comment_form()).status_code == 403
    assert client.post(post_url(opens), comment_form()).status_code == 200


def test_stories_close_after_the_set_number_of_days(client, make_article, settings, clock):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    story = make_article()
    clock.shift(timedelta(days=31))
    assert client.post(post_url(story), comment_form()).status_code == 403
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Comments on this story are closed" in page and 'id="comment-form"' not in page


def test_a_reply_to_a_comment_on_another_story_is_refused(
    client, story, make_article, make_comment
):
    elsewhere = make_comment(make_article("Another story"))
    response = client.post(post_url(story), comment_form(parent=elsewhere.pk))
    assert response.status_code == 400
    assert "not on this story" in html.unescape(response.content.decode())
    assert Comment.objects.count() == 1


def test_a_reply_to_a_removed_comment_is_refused(client, story, make_comment):
    removed = make_comment(story, status=Comment.Status.REMOVED)
    response = client.post(post_url(story), comment_form(parent=removed.pk))
    assert response.status_code == 400
    assert "no longer shown" in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_reply_to_a_reply_joins_its_thread(client, story, make_comment):
    top = make_comment(story)
    reply = make_comment(story, parent=top)
    client.post(post_url(story), comment_form(parent=reply.pk))
    assert Comment.objects.latest("pk").parent == top


def test_a_cross_site_post_is_refused(client, story):
    response = client.post(post_url(story), comment_form(), HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    _nothing_saved()


def test_a_same_site_post_without_a_csrf_token_is_accepted(story):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(post_url(story), comment_form(), HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 200


def test_the_confirmation_is_sent_once_per_window(client, story):
    client.post(post_url(story), comment_form(body="One"))
    client.post(post_url(story), comment_form(body="Two"))
    assert len(mail.outbox) == 1


def test_a_mail_outage_keeps_the_comment(client, story, monkeypatch):
    from comments import emails

    def fail(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(emails, "send_confirmation", fail)
    response = client.post(post_url(story), comment_form())
    assert response.status_code == 200
    assert Comment.objects.count() == 1


def test_get_on_the_post_address_leads_to_the_comments(client, story):
    response = client.get(post_url(story))
    assert response.status_code == 302 and response["Location"].endswith("#comments")
