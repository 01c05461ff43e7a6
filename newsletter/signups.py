"""Sign-ups: what becomes of an address a reader typed into a sign-up form.

`sign_up()` holds every rule: the honeypot, the per-client and per-address
limits, blocked domains, the confirmation e-mail and when it is sent again,
consent, and readers already on the list. It returns a `Signup` that the
view renders; every form on the site (in a story, after it, on the
newsletter page) posts to that one view, so every sign-up comes here.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from articles.models import Article
from jobs import enqueue_on_commit
from newsroom.site import absolute_url

from .models import BlockedDomain, NewsletterList, SignupBlock, Subscriber, normalize_email
from .tasks import send_confirmation_email

logger = logging.getLogger(__name__)

TOO_MANY_SIGNUPS = "Too many sign-ups from your connection. Please try again in an hour."
BLOCKED_DOMAIN = (
    "We cannot send the newsletter to throwaway addresses. Please use an address you keep."
)


class Result(enum.Enum):
    """What became of one sign-up."""

    #: A new, pending or returning address is e-mailed a confirmation link
    #: (by a background job: `newsletter.tasks.send_confirmation_email`).
    CONFIRMATION_SENT = "confirmation sent"
    #: A pending address asked again before a new link was due.
    CONFIRMATION_NOT_DUE = "confirmation not due"
    #: The address is confirmed already: nothing changed, nothing was sent.
    ALREADY_SUBSCRIBED = "already subscribed"
    #: The honeypot was filled: nothing recorded.
    BOT = "bot"
    #: The address was signed up too often this window: nothing recorded.
    ADDRESS_OVER_LIMIT = "address over limit"
    #: The reader's connection signed up too often: refused.
    CLIENT_OVER_LIMIT = "client over limit"
    #: The address is at a blocked (throwaway) domain: refused.
    BLOCKED_DOMAIN = "blocked domain"


# Refusals are the only results the reader is told about, and why. Every
# other result shows the same "check your inbox" page, so that the page
# never tells who is on the list, or that a limit or the honeypot caught it.
_REFUSALS = {
    Result.CLIENT_OVER_LIMIT: TOO_MANY_SIGNUPS,
    Result.BLOCKED_DOMAIN: BLOCKED_DOMAIN,
}


@dataclass(frozen=True)
class Signup:
    """The outcome of `sign_up()`: what happened, and what its page shows."""

    result: Result
    #: The address as it was recorded (trimmed, domain lower-cased).
    email: str
    newsletter: NewsletterList
    #: The live story signed up from, for the way back to it, or None.
    article: Article | None

    @property
    def accepted(self) -> bool:
        """Tell whether the reader is shown the "check your inbox" page."""
        return self.result not in _REFUSALS

    @property
    def error(self) -> str:
        """Return the reason for a refusal, for the address field; else ""."""
        return _REFUSALS.get(self.result, "")


def signup_block_for(pk: int | None) -> SignupBlock | None:
    """Return the sign-up block a form named, else the current block.

    A block that no longer exists falls back to the current one; None means
    the site is not taking sign-ups.
    """
    block = None
    if pk:
        block = SignupBlock.objects.select_related("newsletter").filter(pk=pk).first()
    return block or SignupBlock.objects.current()


def sign_up(
    email: str,
    block: SignupBlock,
    *,
    client: str,
    article_id: int | None = None,
    is_bot: bool = False,
) -> Signup:
    """Sign `email` up to the list of `block`, from the story `article_id`.

    `client` is the reader's IP address, for the per-client limit; `is_bot`
    says the form's honeypot was filled. The checks run in this order:

    - a bot is dropped before it counts against any limit;
    - a client past ``NEWSLETTER_SIGNUPS_PER_CLIENT`` sign-ups in
      ``NEWSLETTER_SIGNUP_RATE_WINDOW`` is refused;
    - an address at a blocked domain (or a subdomain of one) is refused;
    - an address past ``NEWSLETTER_SIGNUPS_PER_ADDRESS`` is dropped without
      mail, so nobody can flood a stranger's inbox;
    - otherwise the address is recorded with the block's consent text and
      the page it was given on, and e-mailed a confirmation link unless it
      is confirmed already or had one in the last
      ``NEWSLETTER_CONFIRM_RESEND_SECONDS``.

    Only a live story is recorded and linked back to. The e-mail is sent
    by a background job, which retries a mail outage.
    """
    email = normalize_email(email)
    article = Article.objects.live().filter(pk=article_id).first() if article_id else None

    def outcome(result: Result) -> Signup:
        return Signup(result, email, block.newsletter, article)

    if is_bot:
        logger.info("Newsletter sign-up dropped: honeypot filled")
        return outcome(Result.BOT)
    if _over_limit("client", client, settings.NEWSLETTER_SIGNUPS_PER_CLIENT):
        return outcome(Result.CLIENT_OVER_LIMIT)
    if BlockedDomain.objects.blocks(email):
        return outcome(Result.BLOCKED_DOMAIN)
    if _over_limit("address", email, settings.NEWSLETTER_SIGNUPS_PER_ADDRESS):
        logger.info("Newsletter sign-up dropped: address over its limit")
        return outcome(Result.ADDRESS_OVER_LIMIT)
    page = article.get_absolute_url() if article else reverse("newsletter:signup")
    subscriber, awaits_confirmation = Subscriber.objects.sign_up(
        email,
        block.newsletter,
        article=article,
        block=block,
        consent_text=block.consent_text,
        consent_source=absolute_url(page),
    )
    if not awaits_confirmation:
        return outcome(Result.ALREADY_SUBSCRIBED)
    if not _confirmation_due(subscriber):
        return outcome(Result.CONFIRMATION_NOT_DUE)
    # A background job sends it, so a slow or failing mail server never
    # slows or breaks the reader's page; the job retries a failure.
    enqueue_on_commit(send_confirmation_email, subscriber.pk)
    return outcome(Result.CONFIRMATION_SENT)


def _over_limit(kind: str, value: str, limit: int) -> bool:
    """Count one sign-up for `value`; tell whether it is past `limit` this window.

    Only a keyed hash of the value reaches the cache: no IP address or
    e-mail address is stored by the rate limit.
    """
    window = settings.NEWSLETTER_SIGNUP_RATE_WINDOW
    key = f"newsletter:signups:{kind}:{salted_hmac('newsletter.ratelimit', value).hexdigest()}"
    cache.add(key, 0, timeout=window)
    try:
        hits = cache.incr(key)
    except ValueError:
        # The window ended between add() and incr(): this is its first hit.
        cache.set(key, 1, timeout=window)
        hits = 1
    return hits > limit


def _confirmation_due(subscriber: Subscriber) -> bool:
    sent = subscriber.confirmation_sent_at
    wait = settings.NEWSLETTER_CONFIRM_RESEND_SECONDS
    return sent is None or (timezone.now() - sent).total_seconds() >= wait
