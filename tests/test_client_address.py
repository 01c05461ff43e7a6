"""Behind a reverse proxy, the lockout and the sign-up limits see each client's own address."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from newsletter.models import Subscriber
from newsroom.client_address import client_ip

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-pass-phrase"


@pytest.fixture
def behind_proxy(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"


@pytest.fixture
def desk(django_user_model):
    return django_user_model.objects.create_superuser("desk", "desk@example.com", PASSWORD)


def _log_in(forwarded_for: str, password: str):
    """Log in through the proxy, which appends the address it saw."""
    return Client().post(
        LOGIN,
        {"username": "desk", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.parametrize(
    "meta, expected",
    [
        ({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}, "203.0.113.7"),
        # What the client claimed comes first; the proxy's entry is last.
        ({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7"}, "203.0.113.7"),
        ({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "2001:DB8::1"}, "2001:db8::1"),
        # No header, or nonsense in it: the connection's own address.
        ({"REMOTE_ADDR": PROXY}, PROXY),
        ({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "'; DROP TABLE--"}, PROXY),
        ({"REMOTE_ADDR": "", "HTTP_X_FORWARDED_FOR": "unknown"}, ""),
    ],
)
def test_the_client_address_is_the_one_the_proxy_appended(behind_proxy, meta, expected):
    request = RequestFactory().get("/")
    request.META.update(meta)
    assert client_ip(request) == expected


def test_without_the_setting_the_header_is_ignored(settings):
    assert settings.CLIENT_IP_HEADER == "REMOTE_ADDR"
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == PROXY


def test_a_guesser_behind_the_proxy_does_not_lock_the_editor_out(behind_proxy, desk):
    guesses = [_log_in("203.0.113.7", "wrong guess").status_code for _ in range(5)]
    assert guesses == [200, 200, 200, 200, 429]
    # Claiming another address first does not escape the lock...
    assert _log_in("198.51.100.1, 203.0.113.7", PASSWORD).status_code == 429
    # ...and the editor, through the same proxy from elsewhere, still gets in.
    assert _log_in("198.51.100.20", PASSWORD).status_code == 302


def test_sign_up_limits_count_each_client_behind_the_proxy(
    behind_proxy, client, signup_block, settings
):
    settings.NEWSLETTER_SIGNUPS_PER_CLIENT = 1

    def sign_up(email, forwarded_for):
        return client.post(
            "/newsletter/signup/",
            {"email": email, "block": signup_block.pk},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        ).status_code

    assert sign_up("a@example.com", "203.0.113.7") == 200
    assert sign_up("b@example.com", "198.51.100.20") == 200
    assert sign_up("c@example.com", "203.0.113.7") == 429
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "a@example.com",
        "b@example.com",
    }
