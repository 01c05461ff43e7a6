"""Known XSS payloads in every field editors and readers set never run."""

from __future__ import annotations

import html
from urllib.parse import quote

import pytest
from django.urls import reverse

from articles.models import Source
from tests.support.xss import PAYLOADS, executable_markup, plant, public_pages

pytestmark = pytest.mark.django_db

payloads = pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS)


def test_the_checker_finds_what_a_browser_would_run():
    found = executable_markup(
        '<script>x()</script><img src=x onerror="y()"><a href=" JaVa\tscript:z()">'
        '<p style="color:red"><iframe src="/"></iframe>'
    )
    assert len(found) == 5, found
    assert (
        executable_markup('<p>&lt;script&gt;alert(1)&lt;/script&gt; "a" <a href="/x">x</a>') == []
    )
    # Structured data is inert; a payload that breaks out of it is not.
    assert executable_markup('<script type="application/ld+json">{"a": 1}</script>') == []
    broken = '<script type="application/ld+json">{"a": "</script><script>x()</script>"}</script>'
    assert executable_markup(broken) == ["<script {}>"]


@payloads
def test_public_pages_show_payloads_as_text(client, payload):
    story = plant(payload)
    for name, path in public_pages(story).items():
        response = client.get(path)
        assert response.status_code == 200, name
        page = response.content.decode()
        assert executable_markup(page) == [], name
    # The payloads were on the page: as text, since nothing above ran.
    article = client.get(story.article.get_absolute_url()).content.decode()
    fields = ["headline", "dek", "byline", "caption", "photo credit", "pull quote", "tag"]
    for field in [*fields, "correction"]:
        assert f"{payload} {field}" in html.unescape(article), field
    # A site page's title is linked from every page's menu and footer.
    assert html.unescape(article).count(f"{payload} page title") == 2


@payloads
def test_admin_pages_show_payloads_as_text(editor_client, payload):
    story = plant(payload)
    pages = [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[story.article.pk]),
        reverse("admin:articles_source_changelist"),
        reverse("admin:articles_source_change", args=[story.speaker.pk]),
        reverse("admin:articles_source_change", args=[story.outlet.pk]),
        reverse("admin:articles_quote_changelist"),
        reverse("admin:newsletter_signupblock_changelist"),
        reverse("admin:newsletter_issue_change", args=[story.issue.pk]),
        reverse("admin:newsletter_issue_changelist"),
        reverse("admin:pages_page_changelist"),
        reverse("admin:pages_page_change", args=[story.page.pk]),
        # The e-mail itself, as staff preview it (inline CSS, as mail needs).
        reverse("newsletter:issue_preview", args=[story.issue.pk]),
    ]
    for path in pages:
        response = editor_client.get(path)
        assert response.status_code == 200, path
        assert executable_markup(response.content.decode(), admin=True) == [], path


@payloads
def test_signup_email_is_echoed_as_text(client, signup_block, payload):
    for email in [payload, f"reader+{payload}@example.com", f"{payload}@example.com"]:
        response = client.post("/newsletter/signup/", {"email": email})
        assert response.status_code == 200
        assert executable_markup(response.content.decode()) == [], email


def test_a_source_link_is_shown_only_for_web_addresses(client, make_source):
    source = make_source("Linked", url="javascript:window.__xss=1")
    assert "javascript:" not in client.get(source.get_absolute_url()).content.decode()
    source.url = "https://example.com/profile"
    source.save()
    page = client.get(source.get_absolute_url()).content.decode()
    assert 'href="https://example.com/profile"' in page


def test_the_admin_refuses_a_javascript_source_link(editor_client):
    response = editor_client.post(
        reverse("admin:articles_source_add"),
        {"kind": "person", "name": "Link", "slug": "link", "url": "javascript:alert(1)"},
    )
    assert response.status_code == 200
    assert "url" in response.context["adminform"].form.errors
    assert not Source.objects.exists()


@payloads
def test_confirm_and_unsubscribe_pages_do_not_run_a_forged_token(client, signup_block, payload):
    token = quote(payload, safe="")
    for kind in ["confirm", "unsubscribe"]:
        response = client.get(f"/newsletter/{kind}/{token}/")
        # 404 when the payload's "/" splits the path: that page must not echo it either.
        assert response.status_code in (400, 404)
        assert executable_markup(response.content.decode()) == [], kind
