"""Newsletter pages: sign-up, confirmation, unsubscribe, and the staff preview.

Links in e-mails land on a page with a button that POSTs: mail scanners
follow GET links in messages, and must not confirm or unsubscribe anyone by
doing so. Mail clients' one-click unsubscribe (RFC 8058) POSTs straight to
the unsubscribe URL without a CSRF token; the signed token authenticates it.
"""

from __future__ import annotations

import logging

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from articles.models import Article
from newsroom.client_address import client_ip
from newsroom.origin import same_origin_only
from newsroom.site import absolute_url

from . import export
from .emails import send_confirmation
from .forms import SignupForm
from .models import BlockedDomain, Issue, SignupBlock, Subscriber, normalize_email
from .tokens import BadToken, ExpiredToken, read_confirm_token, read_unsubscribe_token

logger = logging.getLogger(__name__)

TOO_MANY_SIGNUPS = "Too many sign-ups from your connection. Please try again in an hour."
BLOCKED_DOMAIN = (
    "We cannot send the newsletter to throwaway addresses. Please use an address you keep."
)


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


@same_origin_only
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Sign a reader up to the list of the block they used.

    The form works without JavaScript: a GET shows it on its own page, a POST
    records a pending subscriber, e-mails a confirmation link and shows the
    "check your inbox" page, or shows the form again with the error next to
    the field and the typed address kept.

    Every accepted sign-up gets the same page, whether the address was new,
    pending, already confirmed, caught by the honeypot or past its
    per-address limit, so the page never tells who is on the list. A client
    past its own limit gets a 429 with the form; an address at a blocked
    domain gets a form error.

    The form sits on cached pages that are the same for every reader, so it
    carries no CSRF token; a post another site's page sent is refused by
    its browser headers instead (`same_origin_only`). A forged sign-up could
    only ask for a confirmation e-mail, and double opt-in ignores that.

    Template: ``newsletter/signup.html`` (form) or
    ``newsletter/signup_result.html`` (confirmation)
    Context: ``signup`` (the block), ``form``; ``email``, ``newsletter``
    and ``article`` (the live story signed up from, or None) on success.
    """
    form = SignupForm(request.POST or None, auto_id="signup-page-%s")
    block = None
    if form.is_bound and form.is_valid() and form.cleaned_data["block"]:
        block = (
            SignupBlock.objects.select_related("newsletter")
            .filter(pk=form.cleaned_data["block"])
            .first()
        )
    block = block or SignupBlock.objects.current()
    if block is None:
        return render(request, "newsletter/signup.html", {"signup": None}, status=404)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = normalize_email(form.cleaned_data["email"])
        article_id = form.cleaned_data["article"]
        article = Article.objects.live().filter(pk=article_id).first() if article_id else None
        # The page leads back to the story the reader was reading.
        done = {"email": email, "newsletter": block.newsletter, "article": article}
        if form.is_bot:
            logger.info("Newsletter sign-up dropped: honeypot filled")
            return render(request, "newsletter/signup_result.html", done)
        client = client_ip(request)
        if _over_limit("client", client, settings.NEWSLETTER_SIGNUPS_PER_CLIENT):
            form.add_error("email", TOO_MANY_SIGNUPS)
            status = 429
        elif BlockedDomain.objects.blocks(email):
            form.add_error("email", BLOCKED_DOMAIN)
        elif _over_limit("address", email, settings.NEWSLETTER_SIGNUPS_PER_ADDRESS):
            logger.info("Newsletter sign-up dropped: address over its limit")
            return render(request, "newsletter/signup_result.html", done)
        else:
            _sign_up(email, block, article)
            return render(request, "newsletter/signup_result.html", done)
    context = {"signup": block, "form": form}
    return render(request, "newsletter/signup.html", context, status=status)


def _sign_up(email: str, block: SignupBlock, article: Article | None) -> None:
    page = article.get_absolute_url() if article else reverse("newsletter:signup")
    subscriber, awaits_confirmation = Subscriber.objects.sign_up(
        email,
        block.newsletter,
        article=article,
        block=block,
        consent_text=block.consent_text,
        consent_source=absolute_url(page),
    )
    if awaits_confirmation and _confirmation_due(subscriber):
        try:
            send_confirmation(subscriber)
        except OSError:
            # The reader can ask again; the page must not fail for a mail outage.
            logger.exception("Could not send the confirmation e-mail")


def _link_page(
    request: HttpRequest, template: str, outcome: str, subscriber: Subscriber | None, status: int
) -> HttpResponse:
    context = {"outcome": outcome, "subscriber": subscriber}
    if subscriber is not None:
        context["newsletter"] = subscriber.newsletter
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm a pending address from the link in the confirmation e-mail.

    GET shows a button; its POST confirms. A second visit, an expired or a
    forged link shows a page saying so and changes nothing.

    Template: ``newsletter/confirm_result.html``
    Context: ``outcome`` ("ask", "confirmed", "already", "expired" or
    "invalid"), ``subscriber`` and ``newsletter`` when the link is valid.
    """
    template = "newsletter/confirm_result.html"
    try:
        subscriber = read_confirm_token(token)
    except ExpiredToken:
        return _link_page(request, template, "expired", None, 400)
    except BadToken:
        subscriber = None
    if subscriber is None:
        return _link_page(request, template, "invalid", None, 400)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return _link_page(request, template, "already", subscriber, 200)
    if subscriber.status != Subscriber.Status.PENDING:
        # Left the list or bounced since: an old link must not bring them back.
        return _link_page(request, template, "invalid", None, 400)
    if request.method == "GET":
        return _link_page(request, template, "ask", subscriber, 200)
    outcome = "confirmed" if subscriber.confirm() else "already"
    return _link_page(request, template, outcome, subscriber, 200)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Take a reader off the list from the link in any newsletter e-mail.

    GET shows a button; its POST unsubscribes, as does a mail client's
    RFC 8058 one-click POST (which carries no CSRF token: the signed token
    is the authentication, hence ``csrf_exempt``). Nothing is deleted: the
    subscriber is marked unsubscribed with the time. The links never expire.

    Template: ``newsletter/unsubscribe.html``
    Context: ``outcome`` ("ask", "done", "already" or "invalid"),
    ``subscriber`` and ``newsletter`` when the link is valid.
    """
    template = "newsletter/unsubscribe.html"
    try:
        subscriber = read_unsubscribe_token(token)
    except BadToken:
        subscriber = None
    if subscriber is None:
        return _link_page(request, template, "invalid", None, 400)
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return _link_page(request, template, "already", subscriber, 200)
    if request.method == "GET":
        return _link_page(request, template, "ask", subscriber, 200)
    outcome = "done" if subscriber.unsubscribe() else "already"
    return _link_page(request, template, outcome, subscriber, 200)


@require_GET
@staff_member_required
# The e-mail carries its CSS inline and in a <style> element, as mail clients
# need; only this staff page lets them apply.
@csp_update({"style-src": [UNSAFE_INLINE]})
def issue_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Show staff the issue exactly as the e-mail's HTML part (or ``?part=text``).

    The unsubscribe link is the placeholder exports carry, since no
    subscriber is at hand; everything else is byte for byte what readers get.
    """
    issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)
    rendered = export.render_for_export(issue)
    if request.GET.get("part") == "text":
        return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")
    return HttpResponse(rendered.html)
