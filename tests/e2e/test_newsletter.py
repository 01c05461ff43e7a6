"""A reader signs up, confirms from the e-mail and unsubscribes, in a real browser."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from newsletter.models import Subscriber
from tests.support.browser import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def _link(text: str, path: str) -> str:
    return re.search(rf"https?://\S+/newsletter/{path}/\S+/", text).group(0)


def test_reader_signs_up_confirms_by_email_and_unsubscribes(
    live_server, page: Page, demo, settings
):
    settings.SITE_URL = live_server.url
    page.goto(live_server.url + demo["featured"].get_absolute_url())
    block = page.locator(".signup--inline")
    block.get_by_label("Email address").fill("Reader@Example.com ")
    block.get_by_role("button").click()
    expect(page.locator("#confirmation")).to_contain_text("reader@example.com")
    assert axe_violations(page) == []

    message = mail.outbox[-1]
    assert message.to == ["reader@example.com"]
    page.goto(_link(message.body, "confirm"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your subscription")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    assert Subscriber.objects.get(email="reader@example.com").status == "confirmed"

    unsubscribe = _link(message.extra_headers["List-Unsubscribe"], "unsubscribe")
    page.goto(unsubscribe)
    expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribe")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
    assert axe_violations(page) == []
    subscriber = Subscriber.objects.get(email="reader@example.com")
    assert subscriber.status == "unsubscribed"
    assert subscriber.unsubscribed_at is not None
