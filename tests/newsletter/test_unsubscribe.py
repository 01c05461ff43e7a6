from datetime import timedelta

import pytest
from django.test import Client

from newsletter.models import Subscriber
from newsletter.tokens import make_confirm_token, make_unsubscribe_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(make_subscriber):
    return make_subscriber("reader@example.com")


def _url(token: str) -> str:
    return f"/newsletter/unsubscribe/{token}/"


def test_link_shows_a_button_and_changes_nothing_yet(client, reader):
    response = client.get(_url(make_unsubscribe_token(reader)))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert '<button type="submit" class="signup__button">Unsubscribe</button>' in html
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_pressing_the_button_unsubscribes_and_keeps_the_row(client, reader):
    response = client.post(_url(make_unsubscribe_token(reader)))
    assert "You are unsubscribed" in response.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    assert reader.unsubscribed_at is not None
    assert Subscriber.objects.filter(email="reader@example.com").count() == 1


def test_one_click_post_from_a_mail_client_needs_no_csrf_token(reader):
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        _url(make_unsubscribe_token(reader)),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED


def test_second_unsubscribe_changes_nothing(client, reader):
    url = _url(make_unsubscribe_token(reader))
    client.post(url)
    reader.refresh_from_db()
    left_at = reader.unsubscribed_at
    response = client.post(url)
    assert "Already unsubscribed" in response.content.decode()
    reader.refresh_from_db()
    assert reader.unsubscribed_at == left_at


def test_link_in_an_old_issue_still_unsubscribes(client, reader, clock):
    url = _url(make_unsubscribe_token(reader))
    clock.shift(timedelta(days=5 * 365))
    client.post(url)
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED


def test_forged_or_wrong_purpose_link_changes_nothing(client, reader):
    token = make_unsubscribe_token(reader)
    for bad in [token[:-3] + "abc", make_confirm_token(reader), "nonsense"]:
        response = client.post(_url(bad))
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_pending_reader_can_unsubscribe_from_the_confirmation_email(
    client, signup_block, mailoutbox
):
    client.post("/newsletter/signup/", {"email": "reader@example.com"})
    link = next(w for w in mailoutbox[0].body.split() if "/newsletter/unsubscribe/" in w)
    client.post(link.removeprefix("http://127.0.0.1:8000"))
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
