"""The signed link that confirms a first-time commenter's address.

As the newsletter's (`newsletter/tokens.py`), with a salt of its own: the
token names the commenter row, the comment that asked for it and a keyed
digest of the address hash (never the address), and expires after
COMMENTS_CONFIRM_MAX_AGE seconds.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Comment

CONFIRM_SALT = "comments.confirm"

BadToken = signing.BadSignature
ExpiredToken = signing.SignatureExpired


def _digest(email_hash: str) -> str:
    return salted_hmac("comments.token-address", email_hash).hexdigest()[:16]


def make_confirm_token(comment: Comment) -> str:
    """Return a token confirming the address `comment` was posted under."""
    payload = [comment.commenter_id, comment.pk, _digest(comment.commenter.email_hash)]
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(payload)


def read_confirm_token(token: str) -> Comment | None:
    """Return the comment a token names, or None when its rows changed.

    Raise `ExpiredToken` for an old token, `BadToken` for an altered one.
    """
    payload = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
        token, max_age=settings.COMMENTS_CONFIRM_MAX_AGE
    )
    if not (isinstance(payload, list) and len(payload) == 3):
        raise BadToken("Unexpected token payload")
    commenter_id, comment_id, digest = payload
    comment = (
        Comment.objects.select_related("commenter", "article")
        .filter(pk=comment_id, commenter_id=commenter_id)
        .first()
    )
    if comment is None or not constant_time_compare(
        _digest(comment.commenter.email_hash), str(digest)
    ):
        return None
    return comment
