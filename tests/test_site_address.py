"""Every absolute link names SITE_URL, and images show wherever media is served from.

The server's own address and `SITE_URL` are one (`make run PORT=…` sets
both: tests/test_make_run.py). Uploads may live on another host (object
storage, a CDN: an absolute `MEDIA_URL`); then every image link keeps that
host, and the Content-Security-Policy lets pages and previews show them.
"""

from __future__ import annotations

import json
import re

import feedparser
import pytest
from django.core import mail

from newsletter.emails import render_issue
from newsroom.site import absolute_url, origin
from tests.conftest import image_upload
from tests.test_settings import _manage

pytestmark = pytest.mark.django_db

MEDIA_HOST = "https://media.example.net/newsroom/"


def test_absolute_url_puts_the_site_in_front_only_when_needed(settings):
    settings.SITE_URL = "https://news.example.com"
    assert absolute_url("/articles/x/") == "https://news.example.com/articles/x/"
    assert absolute_url("https://cdn.example.net/a.jpg") == "https://cdn.example.net/a.jpg"
    # A decoded request path travels as a URI.
    assert (
        absolute_url("/tags/երեւան/")
        == "https://news.example.com/tags/%D5%A5%D6%80%D5%A5%D6%82%D5%A1%D5%B6/"
    )


def test_links_a_story_page_builds_name_site_url(client, settings, make_article):
    settings.SITE_URL = "http://127.0.0.1:8017"
    article = make_article("Ferry Timetable Changes", photo=image_upload())
    html = client.get(article.get_absolute_url()).content.decode()
    absolute = re.findall(r'(?:href|content)="(https?://127\.0\.0\.1[^"]*)"', html)
    assert absolute
    assert all(url.startswith("http://127.0.0.1:8017/") for url in absolute), absolute


def test_the_confirmation_e_mail_links_site_url(client, settings, signup_block):
    settings.SITE_URL = "http://127.0.0.1:8017"
    client.post(
        "/newsletter/signup/",
        {"email": "reader@example.com", "website": "", "block": signup_block.pk},
    )
    (message,) = mail.outbox
    assert "http://127.0.0.1:8017/newsletter/confirm/" in message.body
    assert (
        "http://127.0.0.1:8017/newsletter/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    )


@pytest.fixture
def media_elsewhere(settings):
    settings.MEDIA_URL = MEDIA_HOST
    settings.SITE_URL = "https://news.example.com"


def test_images_on_another_host_keep_it_in_every_link(client, media_elsewhere, make_article):
    article = make_article("Harbour Crane Arrives", photo=image_upload())
    image = article.hero.file.url
    assert image.startswith(MEDIA_HOST)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<meta property="og:image" content="{image}">' in html
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert f'"url": "{image}"' in json.dumps(json.loads(script.group(1)))
    feed = feedparser.parse(client.get("/feed/").content)
    assert feed.entries[0].enclosures[0].href == image


def test_newsletter_images_on_another_host_keep_it(media_elsewhere, make_issue):
    issue = make_issue(stories=1)
    article = issue.items.get().article
    article.hero_from_upload(image_upload())
    article.save()
    html = render_issue(issue).html
    assert f'src="{article.hero.file.url}"' in html
    assert "news.example.com" + MEDIA_HOST not in html


def test_the_issue_preview_lets_its_images_show(editor_client, settings, make_issue):
    response = editor_client.get(f"/newsletter/issues/{make_issue().pk}/preview/")
    policy = response["Content-Security-Policy"]
    img_src = re.search(r"img-src ([^;]*)", policy).group(1).split()
    assert origin(settings.SITE_URL) in img_src


def test_pages_may_show_images_from_an_absolute_media_url():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
        env={"MEDIA_URL": MEDIA_HOST},
    )
    assert result.returncode == 0, result.stderr
    assert "https://media.example.net" in result.stdout
