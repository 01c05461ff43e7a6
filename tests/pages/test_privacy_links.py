"""The sign-up blocks and the confirmation e-mail link the privacy policy, when there is one."""

from __future__ import annotations

import pytest

from newsletter.emails import send_confirmation
from newsletter.models import Subscriber
from pages.models import Page

pytestmark = pytest.mark.django_db

LINK = 'href="/privacy/">Privacy policy</a>'


@pytest.fixture
def privacy_policy(db) -> Page:
    return Page.objects.create(
        title="Privacy policy",
        url="/privacy/",
        purpose=Page.Purpose.PRIVACY_POLICY,
        # Linked from the sign-up blocks whatever its placement.
        placement=Page.Placement.NEITHER,
        body="<p>We keep your address to send the newsletter, and nothing else.</p>",
        is_published=True,
    )


def test_both_sign_up_blocks_of_a_story_link_the_privacy_policy(
    client, signup_block, privacy_policy, make_article
):
    html = client.get(make_article(paragraphs=12).get_absolute_url()).content.decode()
    assert html.count('action="/newsletter/signup/"') == 2
    # Both sign-up blocks, and the comment form's consent.
    assert html.count(LINK) == 3


def test_the_sign_up_page_links_it_too(client, signup_block, privacy_policy):
    assert LINK in client.get("/newsletter/signup/").content.decode()


def test_no_policy_no_link(client, signup_block, make_article):
    Page.objects.create(title="About", url="/about/", is_published=True)
    html = client.get(make_article(paragraphs=12).get_absolute_url()).content.decode()
    assert html.count('action="/newsletter/signup/"') == 2
    assert "/privacy/" not in html
    assert "Privacy policy" not in html


def test_an_unpublished_policy_is_not_linked(client, signup_block, privacy_policy, make_article):
    privacy_policy.is_published = False
    privacy_policy.save()
    assert LINK not in client.get(make_article(paragraphs=12).get_absolute_url()).content.decode()


def test_a_story_page_cached_before_the_policy_existed_links_it_once_it_does(
    client, signup_block, make_article
):
    story = make_article(paragraphs=12)
    client.get(story.get_absolute_url())
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    Page.objects.create(
        title="Privacy policy",
        url="/privacy/",
        purpose=Page.Purpose.PRIVACY_POLICY,
        placement=Page.Placement.NEITHER,
        is_published=True,
    )
    response = client.get(story.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    # Both sign-up blocks, and the comment form's consent.
    assert response.content.decode().count(LINK) == 3


def test_the_confirmation_email_links_the_policy_by_its_full_address(
    make_subscriber, privacy_policy, mailoutbox, settings
):
    send_confirmation(make_subscriber(status=Subscriber.Status.PENDING))
    (message,) = mailoutbox
    address = f"{settings.SITE_URL}/privacy/"
    assert f"How we keep and use your address, in our privacy policy: {address}" in message.body
    html, _ = message.alternatives[0]
    assert f'href="{address}"' in html


def test_the_confirmation_email_links_an_armenian_policy_path_percent_encoded(
    make_subscriber, mailoutbox, settings
):
    Page.objects.create(
        title="Գաղտնիություն",
        url="/գաղտնիություն/",
        purpose=Page.Purpose.PRIVACY_POLICY,
        is_published=True,
    )
    send_confirmation(make_subscriber(status=Subscriber.Status.PENDING))
    assert f"{settings.SITE_URL}/%D5%A3" in mailoutbox[0].body


def test_the_confirmation_email_has_no_policy_link_without_a_policy(
    make_subscriber, privacy_policy, mailoutbox
):
    privacy_policy.is_published = False
    privacy_policy.save()
    send_confirmation(make_subscriber(status=Subscriber.Status.PENDING))
    (message,) = mailoutbox
    assert "privacy" not in message.body.lower()
    assert "privacy" not in message.alternatives[0][0].lower()
    # The text part keeps its shape: one blank line before the unsubscribe line.
    assert "you will not hear from us again.\n\nNever want to hear from us?" in message.body
