from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from newsletter.models import BlockedDomain, SignupBlock, Subscriber

pytestmark = pytest.mark.django_db


def _sign_up(client, email, block=None, article=None):
    data = {"email": email}
    if block:
        data["block"] = block.pk
    if article:
        data["article"] = article.pk
    return client.post("/newsletter/signup/", data)


def test_signup_records_a_pending_subscriber_and_confirms(client, signup_block, make_article):
    article = make_article()
    response = _sign_up(client, "reader@example.com", signup_block, article)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="confirmation"' in html
    assert "reader@example.com" in html
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.com"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.newsletter == signup_block.newsletter
    assert subscriber.signup_article == article
    assert subscriber.signup_block == signup_block


def test_the_confirmation_page_leads_back_to_the_story(client, signup_block, make_article):
    article = make_article("Gyumri Mill Reopens")
    html = _sign_up(client, "reader@example.com", signup_block, article).content.decode()
    assert f'<a href="{article.get_absolute_url()}">Back to “Gyumri Mill Reopens”</a>' in html
    # Signed up from the newsletter page, there is no story to go back to.
    html = _sign_up(client, "other@example.com", signup_block).content.decode()
    assert "Back to the front page" in html


def test_bad_address_shows_the_error_and_keeps_what_was_typed(client, signup_block):
    response = _sign_up(client, "reader-at-example", signup_block)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter an email address like name@example.com." in html
    assert 'value="reader-at-example"' in html
    assert 'aria-invalid="true"' in html
    assert not Subscriber.objects.exists()


def test_empty_address_is_refused(client, signup_block):
    html = _sign_up(client, "  ", signup_block).content.decode()
    assert "Enter your email address." in html
    assert not Subscriber.objects.exists()


def test_signing_up_twice_creates_no_duplicate(client, signup_block):
    first = _sign_up(client, "reader@example.com", signup_block)
    second = _sign_up(client, "  Reader@Example.COM ", signup_block)
    assert Subscriber.objects.count() == 1
    # The same answer both times: the page never tells who is on the list.
    assert first.content.decode().replace(
        "reader@example.com", ""
    ) == second.content.decode().replace("reader@example.com", "")


def test_signup_without_a_block_uses_the_current_block(client, signup_block):
    _sign_up(client, "reader@example.com")
    assert Subscriber.objects.get().signup_block == signup_block


def test_a_story_that_is_not_live_is_not_recorded(client, signup_block, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    _sign_up(client, "reader@example.com", signup_block, draft)
    assert Subscriber.objects.get().signup_article is None


def test_signup_page_shows_the_form_without_javascript(client, signup_block):
    html = client.get("/newsletter/signup/").content.decode()
    assert '<label for="signup-page-email">Email address</label>' in html
    assert "Sign me up" in html
    assert "Our stories every Friday, free." in html
    assert 'method="post"' in html


def test_signup_page_when_sign_ups_are_closed(client, signup_block):
    SignupBlock.objects.update(is_active=False)
    response = client.get("/newsletter/signup/")
    assert response.status_code == 404
    assert "not taking sign-ups" in response.content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://shop.testserver"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
    ],
    ids=["cross-site", "same-site", "other-origin", "opaque-origin"],
)
def test_signup_sent_by_another_sites_page_is_refused(signup_block, headers):
    response = Client(enforce_csrf_checks=True).post(
        "/newsletter/signup/", {"email": "a@example.com"}, headers=headers
    )
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Origin": "http://testserver"},
        {},
    ],
    ids=["same-origin", "own-origin", "no-browser-headers"],
)
def test_signup_from_the_sites_own_pages_needs_no_csrf_token(signup_block, headers):
    response = Client(enforce_csrf_checks=True).post(
        "/newsletter/signup/", {"email": "a@example.com"}, headers=headers
    )
    assert response.status_code == 200
    assert Subscriber.objects.filter(email="a@example.com").exists()


def test_signup_from_a_trusted_origin_is_accepted(signup_block, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.example.org"]
    response = Client(enforce_csrf_checks=True).post(
        "/newsletter/signup/",
        {"email": "a@example.com"},
        headers={"Origin": "https://www.example.org"},
    )
    assert response.status_code == 200


# Double opt-in, and what stops bots -------------------------------------------


def test_signup_emails_a_signed_confirmation_link(client, signup_block, make_article, mailoutbox):
    article = make_article()
    _sign_up(client, "  Reader@Example.COM ", signup_block, article)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["reader@example.com"]
    assert message.subject == "Confirm your subscription to the Weekly newsletter"
    assert "http://127.0.0.1:8000/newsletter/confirm/" in message.body
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmation_sent_at is not None
    assert subscriber.consent_at is not None
    assert subscriber.consent_source == f"http://127.0.0.1:8000{article.get_absolute_url()}"
    assert "Get the Mirror in your inbox" in subscriber.consent_text


def test_repeat_signup_of_a_confirmed_address_changes_nothing_and_sends_nothing(
    client, signup_block, make_subscriber, mailoutbox
):
    reader = make_subscriber("reader@example.com", signup_block=None)
    known = _sign_up(client, "reader@example.com", signup_block)
    stranger = _sign_up(client, "stranger@example.com", signup_block)
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED
    assert reader.signup_block is None
    assert [m.to for m in mailoutbox] == [["stranger@example.com"]]
    # Same page for a listed and an unlisted address.
    assert known.content.decode().replace("reader@", "") == stranger.content.decode().replace(
        "stranger@", ""
    )


def test_pending_reader_asking_again_gets_a_new_link_only_after_a_while(
    client, signup_block, mailoutbox, settings
):
    settings.NEWSLETTER_CONFIRM_RESEND_SECONDS = 600
    _sign_up(client, "reader@example.com", signup_block)
    _sign_up(client, "reader@example.com", signup_block)
    assert len(mailoutbox) == 1
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=11))
    _sign_up(client, "reader@example.com", signup_block)
    assert len(mailoutbox) == 2


def test_unsubscribed_reader_signing_up_again_is_pending_with_new_consent(
    client, signup_block, make_subscriber, mailoutbox
):
    reader = make_subscriber("reader@example.com", status=Subscriber.Status.UNSUBSCRIBED)
    _sign_up(client, "reader@example.com", signup_block)
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.PENDING
    assert reader.consent_source == "http://127.0.0.1:8000/newsletter/signup/"
    assert len(mailoutbox) == 1


def test_filled_honeypot_records_and_sends_nothing_but_looks_the_same(
    client, signup_block, mailoutbox
):
    response = client.post(
        "/newsletter/signup/",
        {"email": "victim@example.com", "block": signup_block.pk, "website": "http://spam"},
    )
    assert response.status_code == 200
    assert 'id="confirmation"' in response.content.decode()
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_honeypot_field_is_hidden_from_people(client, signup_block, make_article):
    # Long enough for both blocks, in the story and after it.
    html = client.get(make_article(paragraphs=6).get_absolute_url()).content.decode()
    assert '<label for="signup-end-website">Leave this field empty</label>' in html
    assert (
        '<input type="text" name="website" id="signup-end-website" value="" '
        'autocomplete="off" tabindex="-1">'
    ) in html
    # Both sign-up blocks, and the comment form, which shares the trap.
    assert html.count('class="signup__trap"') == 3


def test_a_client_over_its_limit_gets_a_429_and_nothing_is_recorded(
    client, signup_block, settings, mailoutbox
):
    settings.NEWSLETTER_SIGNUPS_PER_CLIENT = 2
    for n in range(2):
        assert _sign_up(client, f"reader{n}@example.com", signup_block).status_code == 200
    response = _sign_up(client, "reader9@example.com", signup_block)
    assert response.status_code == 429
    assert "Too many sign-ups from your connection" in response.content.decode()
    assert Subscriber.objects.count() == 2
    assert len(mailoutbox) == 2


def test_another_client_is_not_held_back_by_the_first(client, signup_block, settings):
    settings.NEWSLETTER_SIGNUPS_PER_CLIENT = 1
    _sign_up(client, "a@example.com", signup_block)
    other = client.post(
        "/newsletter/signup/",
        {"email": "b@example.com", "block": signup_block.pk},
        REMOTE_ADDR="192.0.2.44",
    )
    assert other.status_code == 200
    assert Subscriber.objects.count() == 2


def test_an_address_over_its_limit_gets_no_more_mail(client, signup_block, settings, mailoutbox):
    settings.NEWSLETTER_SIGNUPS_PER_ADDRESS = 2
    settings.NEWSLETTER_CONFIRM_RESEND_SECONDS = 0
    pages = [
        client.post(
            "/newsletter/signup/",
            {"email": "victim@example.com", "block": signup_block.pk},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        for n in range(4)
    ]
    assert len(mailoutbox) == 2
    # The bot learns nothing: every answer is the same page.
    assert {page.status_code for page in pages} == {200}
    assert len({page.content for page in pages}) == 1


def test_blocked_domain_and_its_subdomains_are_refused_with_a_reason(
    client, signup_block, mailoutbox
):
    BlockedDomain.objects.create(domain=" Mailinator.COM ")
    for email in ["bot@mailinator.com", "bot@eu.mailinator.com"]:
        html = _sign_up(client, email, signup_block).content.decode()
        assert "We cannot send the newsletter to throwaway addresses" in html
    assert not Subscriber.objects.exists()
    assert mailoutbox == []
    _sign_up(client, "reader@notmailinator.com", signup_block)
    assert Subscriber.objects.count() == 1
