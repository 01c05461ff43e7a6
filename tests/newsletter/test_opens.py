"""Opens: counted through a pixel only when NEWSLETTER_TRACK_OPENS is on."""

from __future__ import annotations

import re

import pytest
from django.conf import settings as project_settings

from newsletter.models import Delivery
from newsletter.sending import send_issue
from newsletter.tracking import make_open_token

pytestmark = pytest.mark.django_db

_PIXEL = re.compile(r'<img src="http://127\.0\.0\.1:8000(/newsletter/o/[^"]+\.gif)" width="1"')


def test_opens_are_off_by_default(make_issue, make_subscriber, mailoutbox, client):
    assert project_settings.NEWSLETTER_TRACK_OPENS is False
    issue = make_issue()
    reader = make_subscriber()
    send_issue(issue)
    (message,) = mailoutbox
    assert "/newsletter/o/" not in message.alternatives[0][0]
    # An old pixel, or a made one, counts nothing while the setting is off.
    response = client.get(f"/newsletter/o/{make_open_token(reader.pk, issue.pk)}.gif")
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    assert Delivery.objects.get().open_count == 0


def test_with_opens_on_the_pixel_counts_each_load(
    make_issue, make_subscriber, mailoutbox, client, settings
):
    settings.NEWSLETTER_TRACK_OPENS = True
    issue = make_issue()
    make_subscriber()
    send_issue(issue)
    (path,) = _PIXEL.findall(mailoutbox[0].alternatives[0][0])
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 200
        assert response.content.startswith(b"GIF89a")
        assert not response.cookies
    delivery = Delivery.objects.get()
    assert delivery.open_count == 2 and delivery.first_opened_at is not None


def test_a_forged_pixel_counts_nothing(make_issue, make_subscriber, mailoutbox, client, settings):
    settings.NEWSLETTER_TRACK_OPENS = True
    send_issue(make_issue())
    assert client.get("/newsletter/o/forged:token.gif").status_code == 200
    assert not Delivery.objects.filter(open_count__gt=0).exists()
