import base64
from datetime import timedelta

import pytest

from newsletter.models import Subscriber
from newsletter.tokens import make_confirm_token, make_unsubscribe_token

pytestmark = pytest.mark.django_db


def _url(token: str) -> str:
    return f"/newsletter/confirm/{token}/"


@pytest.fixture
def pending(make_subscriber):
    return make_subscriber("reader@example.com", status=Subscriber.Status.PENDING)


def test_link_from_the_email_shows_a_button_and_confirms_nothing_yet(
    client, signup_block, mailoutbox
):
    client.post("/newsletter/signup/", {"email": "reader@example.com"})
    link = next(w for w in mailoutbox[0].body.split() if "/newsletter/confirm/" in w)
    response = client.get(link.removeprefix("http://127.0.0.1:8000"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert '<form method="post"' in html
    assert "Confirm my subscription" in html
    # A mail scanner following the link confirms nothing.
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_pressing_the_button_confirms_once(client, pending):
    url = _url(make_confirm_token(pending))
    first = client.post(url)
    assert "You are subscribed" in first.content.decode()
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.CONFIRMED
    confirmed_at = pending.confirmed_at
    assert confirmed_at is not None
    second = client.post(url)
    assert second.status_code == 200
    assert "Already confirmed" in second.content.decode()
    pending.refresh_from_db()
    assert pending.confirmed_at == confirmed_at
    assert "Already confirmed" in client.get(url).content.decode()


def test_forged_link_shows_a_clear_page_and_changes_nothing(client, pending):
    token = make_confirm_token(pending)
    for forged in [token[:-2] + "xx", "not-a-token", token.replace(":", ":1", 1)]:
        response = client.post(_url(forged))
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING


def test_unsubscribe_token_cannot_confirm(client, pending):
    response = client.post(_url(make_unsubscribe_token(pending)))
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING


def test_expired_link_says_so_and_changes_nothing(client, pending, clock, settings):
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 7 * 24 * 3600
    url = _url(make_confirm_token(pending))
    clock.shift(timedelta(days=8))
    response = client.post(url)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING


def test_link_still_works_within_its_lifetime(client, pending, clock, settings):
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 7 * 24 * 3600
    url = _url(make_confirm_token(pending))
    clock.shift(timedelta(days=6))
    client.post(url)
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.CONFIRMED


def test_old_confirm_link_never_brings_back_a_reader_who_left(client, pending):
    url = _url(make_confirm_token(pending))
    pending.unsubscribe()
    response = client.post(url)
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.UNSUBSCRIBED


def test_link_stops_working_when_the_address_is_changed(client, pending):
    url = _url(make_confirm_token(pending))
    Subscriber.objects.filter(pk=pending.pk).update(email="other@example.com")
    assert client.post(url).status_code == 400
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING


def test_links_do_not_carry_the_address(pending):
    for token in [make_confirm_token(pending), make_unsubscribe_token(pending)]:
        payload = token.split(":")[0]
        decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        assert b"example.com" not in decoded
        assert b"reader" not in decoded
