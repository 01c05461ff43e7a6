"""The admin login locks a username at an address after repeated failures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-pass-phrase"


@pytest.fixture
def desk(django_user_model):
    return django_user_model.objects.create_superuser("desk", "desk@example.com", PASSWORD)


def _log_in(client: Client, password: str, address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": "desk", "password": password}, REMOTE_ADDR=address)


def _fail(client: Client, times: int, address: str = "203.0.113.7") -> list[int]:
    return [_log_in(client, "wrong guess", address).status_code for _ in range(times)]


def test_a_few_mistakes_do_not_lock_an_editor_out(client, desk):
    assert _fail(client, 4) == [200] * 4
    response = _log_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_fifth_failure_locks_the_login(client, desk, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert _fail(client, 5) == [200, 200, 200, 200, 429]
    assert "too many login attempts" in _log_in(client, "again").content.decode()


def test_the_right_password_is_refused_while_locked_out(client, desk):
    _fail(client, 5)
    response = _log_in(client, PASSWORD)
    assert response.status_code == 429
    # Not logged in: the admin still sends the visitor to the login page.
    assert client.get("/admin/").status_code == 302


def test_the_lock_is_per_address(client, desk):
    _fail(client, 5)
    assert _log_in(Client(), PASSWORD, address="198.51.100.20").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, desk, settings):
    _fail(client, 5)
    cool_off = settings.AXES_COOLOFF_TIME
    assert cool_off == timedelta(minutes=15)
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off - timedelta(seconds=1))
    assert _log_in(client, PASSWORD).status_code == 302


def test_the_limit_comes_from_settings(client, desk, settings):
    settings.AXES_FAILURE_LIMIT = 2
    assert _fail(client, 2) == [200, 429]
