"""E-mails about comments: the address confirmation and the moderators' digest.

Each message has three templates in ``templates/comments/emails/``
(``<name>.subject.txt``, ``.txt``, ``.html``), rendered as the
newsletter's are (`newsletter.emails.render_email`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from newsletter.emails import RenderedEmail, privacy_policy_url, render_email
from newsroom.site import absolute_url

from .models import Comment
from .tokens import make_confirm_token

FOLDER = "comments/emails"


def _message(rendered: RenderedEmail, to: list[str]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def confirm_url(comment: Comment) -> str:
    return absolute_url(reverse("comments:confirm", args=[make_confirm_token(comment)]))


def send_confirmation(comment: Comment, email: str) -> None:
    """E-mail `email` the signed link confirming it for `comment`."""
    rendered = render_email(
        "confirm_address",
        {
            "comment": comment,
            "article": comment.article,
            "story_url": absolute_url(comment.article.get_absolute_url()),
            "confirm_url": confirm_url(comment),
            "valid_days": max(1, settings.COMMENTS_CONFIRM_MAX_AGE // 86400),
            "privacy_url": privacy_policy_url(),
        },
        folder=FOLDER,
    )
    _message(rendered, [email]).send()


def send_digest(comments: list[Comment], pending: int, to: list[str]) -> None:
    """E-mail moderators the newest of the `pending` comments waiting."""
    rendered = render_email(
        "digest",
        {
            "comments": comments,
            "pending": pending,
            "queue_url": absolute_url(reverse("admin:comments_comment_changelist")),
        },
        folder=FOLDER,
    )
    _message(rendered, to).send()
