"""The moderation rules: what becomes of a comment when it is posted.

In the order WordPress users know (`decide()`): straight to spam on a
filled honeypot, a blocked address or domain, a blocked word, or more than
COMMENTS_SPAM_LINKS links; held for moderation when the address is
unconfirmed or has no approved comment yet, when the comment has more than
COMMENTS_MAX_LINKS links, holds a word from the moderation list, or its
client is over COMMENTS_PER_CLIENT comments in COMMENTS_RATE_WINDOW; then
the optional spam service; otherwise published. Each rule is a setting or
a list editors keep in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from . import spam
from .models import BlockedAddress, Comment, Commenter, ModerationWord
from .text import count_links

Reason = Comment.Reason
Status = Comment.Status


@dataclass(frozen=True)
class Decision:
    status: str
    reason: str


def _words(action: str) -> list[str]:
    words = ModerationWord.objects.filter(action=action).values_list("word", flat=True)
    return [word.casefold() for word in words]


def _has_word(text: str, words: list[str]) -> bool:
    folded = text.casefold()
    return any(word and word in folded for word in words)


def over_rate_limit(client: str) -> bool:
    """Count one comment from `client`; tell whether it is past the limit.

    Only a keyed hash of the client's address reaches the cache, and only
    for the window: no IP address is kept anywhere else.
    """
    window = settings.COMMENTS_RATE_WINDOW
    key = f"comments:client:{salted_hmac('comments.ratelimit', client).hexdigest()}"
    cache.add(key, 0, timeout=window)
    try:
        hits = cache.incr(key)
    except ValueError:
        # The window ended between add() and incr(): this is its first hit.
        cache.set(key, 1, timeout=window)
        hits = 1
    return hits > settings.COMMENTS_PER_CLIENT


def decide(submission: spam.Submission, commenter: Commenter | None, *, honeypot: bool) -> Decision:
    """Return the status a new comment gets, and the first rule that gave it."""
    text = f"{submission.name}\n{submission.body}"
    over_limit = over_rate_limit(submission.client)
    if honeypot:
        return Decision(Status.SPAM, Reason.HONEYPOT)
    if BlockedAddress.objects.blocks(submission.email):
        return Decision(Status.SPAM, Reason.BLOCKED_ADDRESS)
    if _has_word(text, _words(ModerationWord.Action.SPAM)):
        return Decision(Status.SPAM, Reason.BLOCKED_WORD)
    if count_links(submission.body) > settings.COMMENTS_SPAM_LINKS:
        return Decision(Status.SPAM, Reason.SPAM_LINKS)
    if commenter is None or not commenter.is_confirmed:
        return Decision(Status.PENDING, Reason.UNCONFIRMED)
    if not commenter.comments.approved().exists():
        return Decision(Status.PENDING, Reason.FIRST)
    if count_links(submission.body) > settings.COMMENTS_MAX_LINKS:
        return Decision(Status.PENDING, Reason.LINKS)
    if _has_word(text, _words(ModerationWord.Action.HOLD)):
        return Decision(Status.PENDING, Reason.WORD)
    if over_limit:
        return Decision(Status.PENDING, Reason.RATE)
    verdict = spam.check(submission)
    if verdict is spam.Verdict.SPAM:
        return Decision(Status.SPAM, Reason.SERVICE_SPAM)
    if verdict is spam.Verdict.UNKNOWN:
        return Decision(Status.PENDING, Reason.SERVICE_DOWN)
    return Decision(Status.APPROVED, Reason.KNOWN)
