"""Signed, expiring links that show one unpublished story to someone without a login.

A link names one article and is signed with the site's secret and its own
salt, so it cannot be forged or turned into a link to another story. It stops
working when it expires or once the story is live (readers then have the
real page).
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Article

SALT = "articles.preview"


def preview_token(article: Article) -> str:
    """Return a token that shows `article` until PREVIEW_LINK_MAX_AGE passes."""
    return signing.dumps({"article": article.pk}, salt=SALT, compress=True)


def preview_url(article: Article) -> str:
    """Return the absolute share link for `article`."""
    return settings.SITE_URL + reverse("articles:article_preview", args=[preview_token(article)])


def article_from_token(token: str) -> Article | None:
    """Return the article a valid, unexpired token names, or None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_LINK_MAX_AGE)
    except signing.BadSignature:  # also raised for expired tokens
        return None
    return Article.objects.for_page().filter(pk=data.get("article")).first()
