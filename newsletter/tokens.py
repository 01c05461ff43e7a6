"""Signed tokens for the links in e-mails: confirm an address, unsubscribe.

Each purpose has its own salt, so a token made for one can never be used
for the other. A token names the subscriber row and a keyed digest of its
address (not the address: signed payloads are readable), so it stops
working if an editor changes the address. Confirmation tokens expire after
``NEWSLETTER_CONFIRM_MAX_AGE`` seconds; unsubscribe tokens never expire, so
the link in an old issue still works.
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


def _make(subscriber: Subscriber, salt: str) -> str:
    signer = signing.TimestampSigner(salt=salt)
    return signer.sign_object([subscriber.pk, _address_digest(subscriber.email)])


def _read(token: str, salt: str, max_age: int | None) -> Subscriber | None:
    """Return the token's subscriber, or None when the row or address changed.

    Raise `ExpiredToken` for a token older than `max_age`, `BadToken` for
    one that was altered or made for another purpose.
    """
    payload = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], int)):
        raise BadToken("Unexpected token payload")
    pk, digest = payload
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


def make_unsubscribe_token(subscriber: Subscriber) -> str:
    """Return a token that unsubscribes `subscriber`, valid for good."""
    return _make(subscriber, UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> Subscriber | None:
    """Return the subscriber an unsubscribe token names (see `_read`)."""
    return _read(token, UNSUBSCRIBE_SALT, None)
