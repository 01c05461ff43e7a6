"""Signed, expiring links that show one unpublished story to someone without a login.

A link names one article and is signed with the site's secret and its own
salt, so it cannot be forged or turned into a link to another story. It stops
showing the story when it expires; once the story is live it leads to the
real page, however old the link.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class PreviewLink:
    """The story a genuine share link names, and whether the link is past its age."""

    article: Article
    expired: bool


def read_preview_link(token: str) -> PreviewLink | None:
    """Return what a genuine token names, or None for a forged one or a deleted story.

    An expired token still names its story (the signature is checked
    either way): a link shared before publication may lead to the live
    story, though it no longer shows an unpublished one.
    """
    expired = False
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_LINK_MAX_AGE)
    except signing.SignatureExpired:
        expired = True
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    article = Article.objects.for_page().filter(pk=data.get("article")).first()
    return PreviewLink(article, expired) if article else None
