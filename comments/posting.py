"""Posting a comment: the checks, the rules, the save and the confirmation e-mail.

`post_comment()` is the one way a reader's comment comes in (the form's
view calls it); `reply_target()` answers whether a reply may go where the
form says. The rules themselves are in `rules.py`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from articles.models import Article
from newsroom.site import absolute_url
from pagecache.dependencies import touch

from . import emails, rules, spam
from .models import (
    Comment,
    Commenter,
    CommenterAddress,
    address_hash,
    normalize_address,
    page_names,
)

logger = logging.getLogger(__name__)

Reason = Comment.Reason

# What the reader is told about a held comment, by the rule that held it.
# Spam is told as "awaiting moderation" too: a bot learns nothing of which
# rule caught it.
READER_REASONS: dict[str, str] = {
    Reason.UNCONFIRMED: "it is the first comment from your address: confirm the address "
    "with the link we e-mailed you, then a moderator will read it.",
    Reason.FIRST: "your first comment is read by a moderator before it is published.",
    Reason.LINKS: "it has more than {links} links, and comments with many links are read first.",
    Reason.WORD: "it contains a word our moderators read before publishing.",
    Reason.RATE: "you have posted several comments in a short time.",
    Reason.SERVICE_DOWN: "our spam check did not answer, so a moderator will read it.",
}
SPAM_REASON = "a moderator will read it."


def reply_target(article: Article, parent_id: int | None) -> Comment | None:
    """Return the comment a reply goes under, or None for a new thread.

    Replies are one level deep: a reply to a reply goes under its thread.
    Raise ValidationError for a comment that is not an approved one on
    `article` (another story's, removed, held, or none at all).
    """
    if not parent_id:
        return None
    parent = Comment.objects.filter(pk=parent_id).only("article_id", "parent_id", "status").first()
    if parent is None or parent.article_id != article.pk:
        raise ValidationError("The comment you replied to is not on this story.")
    if not parent.is_approved:
        raise ValidationError(
            "The comment you replied to is no longer shown, so it takes no replies."
        )
    if parent.parent_id:
        return Comment.objects.get(pk=parent.parent_id)
    return parent


@dataclass(frozen=True)
class Posted:
    """What became of a posted comment, and what the reader is told."""

    comment: Comment
    confirmation_sent: bool

    @property
    def published(self) -> bool:
        return self.comment.is_approved

    @property
    def reason(self) -> str:
        """Return why the comment waits, after "awaiting moderation because"."""
        if self.comment.status == Comment.Status.SPAM:
            return SPAM_REASON
        text = READER_REASONS.get(self.comment.reason, SPAM_REASON)
        return text.format(links=settings.COMMENTS_MAX_LINKS)


def post_comment(
    article: Article,
    *,
    name: str,
    email: str,
    body: str,
    parent: Comment | None,
    client: str,
    user_agent: str = "",
    referrer: str = "",
    honeypot: bool = False,
) -> Posted:
    """Save a reader's comment on `article` with the status the rules give it.

    A new or unconfirmed address keeps its address until confirmed and is
    e-mailed the signed link, at most every COMMENTS_CONFIRM_RESEND_SECONDS;
    an approved comment counts on the story at once. A mail outage is
    logged, not raised: the comment is kept either way.
    """
    email = normalize_address(email)
    commenter = Commenter.objects.filter(email_hash=address_hash(email)).first()
    submission = spam.Submission(
        name=name,
        email=email,
        body=body,
        client=client,
        user_agent=user_agent,
        referrer=referrer,
        page=absolute_url(article.get_absolute_url()),
    )
    decision = rules.decide(submission, commenter, honeypot=honeypot)
    with transaction.atomic():
        if commenter is None:
            commenter = Commenter.objects.create(email_hash=address_hash(email), name=name)
        elif commenter.name != name:
            commenter.name = name
            commenter.save(update_fields=["name"])
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            commenter=commenter,
            name=name,
            body=body,
            status=decision.status,
            reason=decision.reason,
        )
        if comment.is_approved:
            Article.objects.filter(pk=article.pk).update(comment_count=F("comment_count") + 1)
            touch(*page_names([article.pk]))
        wants_confirmation = not commenter.is_confirmed and decision.status != Comment.Status.SPAM
        if wants_confirmation:
            CommenterAddress.objects.update_or_create(
                commenter=commenter, defaults={"email": email}
            )
    sent = wants_confirmation and _send_confirmation(comment, email)
    return Posted(comment, sent)


def _send_confirmation(comment: Comment, email: str) -> bool:
    commenter = comment.commenter
    sent_at = commenter.confirmation_sent_at
    wait = settings.COMMENTS_CONFIRM_RESEND_SECONDS
    if sent_at is not None and (timezone.now() - sent_at).total_seconds() < wait:
        return False
    try:
        emails.send_confirmation(comment, email)
    except OSError:
        logger.exception("Could not send the comment confirmation e-mail")
        return False
    commenter.confirmation_sent_at = timezone.now()
    commenter.save(update_fields=["confirmation_sent_at"])
    return True


def confirm_address(comment: Comment) -> bool:
    """Confirm the address `comment` was posted under; tell whether it was new.

    Its comments held for the confirmation now wait for a moderator, as a
    first comment does; the address itself is forgotten.
    """
    confirmed = comment.commenter.confirm()
    comment.commenter.comments.filter(
        status=Comment.Status.PENDING, reason=Reason.UNCONFIRMED
    ).update(reason=Reason.FIRST)
    comment.refresh_from_db(fields=["status", "reason"])
    return confirmed
