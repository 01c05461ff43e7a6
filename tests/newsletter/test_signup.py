import pytest

from articles.models import Article
from newsletter.models import SignupBlock, Subscriber

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


def test_signup_needs_the_csrf_token(signup_block):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/newsletter/signup/", {"email": "a@example.com"}
    )
    assert response.status_code == 403
    assert not Subscriber.objects.exists()
