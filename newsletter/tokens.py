"""Signed tokens for the links in e-mails: confirm an address, unsubscribe.

Each purpose has its own salt, so a token made for one can never be used
for the other. A token names the subscriber row and a keyed digest of its
address (not the address: signed payloads are readable), so it stops
working if an editor changes the address. Confirmation tokens expire after
``NEWSLETTER_CONFIRM_MAX_AGE`` seconds; unsubscribe tokens never expire, so
the link in an old issue still works. The unsubscribe link in a sent issue
also names the issue, so its report counts the readers it lost.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Subscriber

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"

# Re-exported so callers can tell an expired link from a forged one.
BadToken = signing.BadSignature
ExpiredToken = signing.SignatureExpired


def _address_digest(email: str) -> str:
    # Signed payloads are readable: links (and server logs) carry this keyed
    # digest, never the address itself.
    return salted_hmac("newsletter.token-address", email).hexdigest()[:16]


def _make(subscriber: Subscriber, salt: str, *extra: int) -> str:
    signer = signing.TimestampSigner(salt=salt)
    return signer.sign_object([subscriber.pk, _address_digest(subscriber.email), *extra])


def _payload(token: str, salt: str, max_age: int | None) -> list:
    payload = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    if not (
        isinstance(payload, list)
        and len(payload) in (2, 3)
        and all(isinstance(n, int) for n in (payload[0], *payload[2:]))
    ):
        raise BadToken("Unexpected token payload")
    return payload


def _read(token: str, salt: str, max_age: int | None) -> Subscriber | None:
    """Return the token's subscriber, or None when the row or address changed.

    Raise `ExpiredToken` for a token older than `max_age`, `BadToken` for
    one that was altered or made for another purpose.
    """
    return _subscriber(_payload(token, salt, max_age))


def _subscriber(payload: list) -> Subscriber | None:
    pk, digest = payload[:2]
    subscriber = Subscriber.objects.select_related("newsletter").filter(pk=pk).first()
    if subscriber is None or not constant_time_compare(
        _address_digest(subscriber.email), str(digest)
    ):
        return None
    return subscriber


def make_confirm_token(subscriber: Subscriber) -> str:
    """Return a token confirming `subscriber`'s address, valid for a while."""
    return _make(subscriber, CONFIRM_SALT)


def read_confirm_token(token: str) -> Subscriber | None:
    """Return the subscriber a confirmation token names (see `_read`)."""
    return _read(token, CONFIRM_SALT, settings.NEWSLETTER_CONFIRM_MAX_AGE)


def make_unsubscribe_token(subscriber: Subscriber, *, issue_id: int | None = None) -> str:
    """Return a token that unsubscribes `subscriber`, valid for good.

    With `issue_id`, the token also names the issue whose link it is.
    """
    return _make(subscriber, UNSUBSCRIBE_SALT, *([issue_id] if issue_id else []))


def read_unsubscribe_token(token: str) -> Subscriber | None:
    """Return the subscriber an unsubscribe token names (see `_read`)."""
    return _read(token, UNSUBSCRIBE_SALT, None)


def read_unsubscribe_link(token: str) -> tuple[Subscriber | None, int | None]:
    """Return the subscriber an unsubscribe token names and the issue, if any.

    Raise `BadToken` for a forged or altered token.
    """
    payload = _payload(token, UNSUBSCRIBE_SALT, None)
    return _subscriber(payload), (payload[2] if len(payload) == 3 else None)
