from __future__ import annotations

from collections.abc import Callable
from itertools import count

import pytest
from django.utils import timezone

from comments.models import Comment, Commenter, address_hash

_serial = count(1)


@pytest.fixture
def make_comment(db) -> Callable[..., Comment]:
    """Create a comment, approved unless told otherwise, and count it on its story.

    The commenter is confirmed unless `confirmed=False`.
    """

    def make(
        article,
        body: str = "A comment.",
        *,
        name: str | None = None,
        email: str | None = None,
        status: str = Comment.Status.APPROVED,
        parent: Comment | None = None,
        confirmed: bool = True,
    ) -> Comment:
        n = next(_serial)
        email = email or f"reader{n}@example.com"
        commenter, _ = Commenter.objects.get_or_create(
            email_hash=address_hash(email),
            defaults={
                "name": name or f"Reader {n}",
                "confirmed_at": timezone.now() if confirmed else None,
            },
        )
        comment = Comment.objects.create(
            article=article,
            commenter=commenter,
            name=name or commenter.name,
            body=body,
            status=status,
            parent=parent,
        )
        Comment.objects.recount([article.pk])
        return comment

    return make


def comment_form(**fields) -> dict:
    """Return the comment form's fields as a browser sends them."""
    data = {
        "name": "Anahit",
        "email": "anahit@example.com",
        "body": "Thank you for this story.",
        "consent": "on",
        "website": "",
        "parent": "",
    }
    data.update(fields)
    return data


def post_url(article) -> str:
    return f"/comments/post/{article.pk}/"
