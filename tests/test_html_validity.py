"""The Nu HTML checker finds no errors in the public pages."""

from __future__ import annotations

import json
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command

from articles.addresses import tag_url
from articles.models import Article
from comments.models import Comment
from comments.tokens import make_confirm_token as make_comment_token
from newsletter.models import Subscriber
from newsletter.tokens import make_confirm_token, make_unsubscribe_token
from tests.support.browser import VNU_JAR, require, vnu_missing_reason

pytestmark = pytest.mark.django_db


def test_public_pages_are_valid_html(client, tmp_path):
    require(vnu_missing_reason())
    call_command("load_demo", "--no-admin", stdout=StringIO())
    featured = Article.objects.live().get(is_featured=True)
    subscriber = Subscriber.objects.confirmed().first()
    comment = Comment.objects.approved().filter(article=featured).first()
    comment_form = {
        "name": "Ани",
        "email": "ani.new@example.com",
        "body": "Line\nnext",
        "consent": "on",
    }
    pages = {
        "corrections": ("/corrections/", "get", None),
        "preview-expired": ("/preview/forged-token/", "get", None),
        "confirm": (f"/newsletter/confirm/{make_confirm_token(subscriber)}/", "get", None),
        "unsubscribe": (
            f"/newsletter/unsubscribe/{make_unsubscribe_token(subscriber)}/",
            "get",
            None,
        ),
        "front": ("/", "get", None),
        "article": (featured.get_absolute_url(), "get", None),
        "tag": (tag_url(featured.tags.first().slug), "get", None),
        "source": (featured.speakers()[0].get_absolute_url(), "get", None),
        "outlet": (featured.credit.get_absolute_url(), "get", None),
        "section": (featured.section.get_absolute_url(), "get", None),
        "newsletter": ("/newsletter/signup/", "get", None),
        "search": ("/search/", "get", {"q": "armenia"}),
        "search-empty": ("/search/", "get", {"q": ""}),
        "search-none": ("/search/", "get", {"q": "zzzzqqq"}),
        "signup-error": ("/newsletter/signup/", "post", {"email": "nope"}),
        "signup-done": ("/newsletter/signup/", "post", {"email": "reader@example.com"}),
        "not-found": ("/articles/no-such-story/", "get", None),
        "site-page": ("/about/", "get", None),
        "privacy-page": ("/privacy/", "get", None),
        "comments-page-2": (featured.get_absolute_url(), "get", {"comments": "2"}),
        "comment-reply": (f"/comments/reply/{comment.pk}/", "get", None),
        "comment-posted": (f"/comments/post/{featured.pk}/", "post", comment_form),
        "comment-error": (f"/comments/post/{featured.pk}/", "post", {"name": "x"}),
        "comment-confirm": (f"/comments/confirm/{make_comment_token(comment)}/", "get", None),
    }
    files = []
    for name, (path, method, data) in pages.items():
        response = getattr(client, method)(path, data)
        assert response.status_code in (200, 400, 404, 410), name
        target = tmp_path / f"{name}.html"
        target.write_bytes(response.content)
        files.append(str(target))
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        (m["url"].rsplit("/", 1)[-1], m.get("lastLine"), m["message"])
        for m in messages
        if m["type"] == "error"
    ]
    warnings = [m["message"] for m in messages if m["type"] != "error"]
    if warnings:
        print("HTML checker warnings:", *sorted(set(warnings)), sep="\n  ")
    assert errors == []
