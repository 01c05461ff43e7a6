"""Newsletter pages: sign-up, confirmation, unsubscribe, and the staff preview.

Links in e-mails land on a page with a button that POSTs: mail scanners
follow GET links in messages, and must not confirm or unsubscribe anyone by
doing so. Mail clients' one-click unsubscribe (RFC 8058) POSTs straight to
the unsubscribe URL without a CSRF token; the signed token authenticates it.
"""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from newsroom.client_address import client_ip
from newsroom.origin import same_origin_only

from . import export
from .forms import SignupForm
from .models import Issue, Subscriber
from .signups import Result, sign_up, signup_block_for
from .tokens import BadToken, ExpiredToken, read_confirm_token, read_unsubscribe_link
from .tracking import record_click, record_open, record_unsubscribe

# The smallest transparent GIF: the open pixel.
PIXEL_GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


@same_origin_only
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Sign a reader up to the list of the block they used (see `sign_up`).

    The form works without JavaScript: a GET shows it on its own page, a POST
    shows the "check your inbox" page, or shows the form again with the
    error next to the field and the typed address kept. Every accepted
    sign-up gets the same page, so the page never tells who is on the list.
    A client past its own limit gets a 429 with the form.

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
    valid = form.is_bound and form.is_valid()
    block = signup_block_for(form.cleaned_data["block"] if valid else None)
    if block is None:
        return render(request, "newsletter/signup.html", {"signup": None}, status=404)
    status = 200
    if request.method == "POST" and valid:
        outcome = sign_up(
            form.cleaned_data["email"],
            block,
            client=client_ip(request),
            article_id=form.cleaned_data["article"],
            is_bot=form.is_bot,
        )
        if outcome.accepted:
            # The page leads back to the story the reader was reading.
            context = {
                "email": outcome.email,
                "newsletter": outcome.newsletter,
                "article": outcome.article,
            }
            return render(request, "newsletter/signup_result.html", context)
        form.add_error("email", outcome.error)
        if outcome.result is Result.CLIENT_OVER_LIMIT:
            status = 429
    context = {"signup": block, "form": form}
    return render(request, "newsletter/signup.html", context, status=status)


def _link_page(
    request: HttpRequest, template: str, outcome: str, subscriber: Subscriber | None, status: int
) -> HttpResponse:
    context: dict[str, object] = {"outcome": outcome, "subscriber": subscriber}
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
        subscriber, issue_id = read_unsubscribe_link(token)
    except BadToken:
        subscriber, issue_id = None, None
    if subscriber is None:
        return _link_page(request, template, "invalid", None, 400)
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return _link_page(request, template, "already", subscriber, 200)
    if request.method == "GET":
        return _link_page(request, template, "ask", subscriber, 200)
    outcome = "done" if subscriber.unsubscribe() else "already"
    if outcome == "done":
        record_unsubscribe(subscriber, issue_id)
    return _link_page(request, template, outcome, subscriber, 200)


@never_cache
@require_http_methods(["GET", "HEAD"])
def click(request: HttpRequest, token: str) -> HttpResponse:
    """Count a reader's click on a link in a sent issue, then send them on (302).

    The token names the reader and one of the issue's recorded links, so
    the redirect only ever leads where the issue linked; a forged or
    altered token leads to the home page. Never cached, and no cookie:
    the reader is known by the token alone. A HEAD (a link checker)
    is answered the same and counts nothing.
    """
    return HttpResponseRedirect(record_click(token, count=request.method == "GET"))


@never_cache
@require_GET
def open_pixel(request: HttpRequest, token: str) -> HttpResponse:
    """Answer a 1x1 GIF, counting an open when ``NEWSLETTER_TRACK_OPENS`` is on.

    The pixel is in the mail only when the setting is on; an old one
    loaded after it was turned off counts nothing.
    """
    record_open(token)
    return HttpResponse(PIXEL_GIF, content_type="image/gif")


@require_GET
@staff_member_required
# The e-mail carries its CSS inline and in a <style> element, as mail clients
# need; only this staff page lets them apply.
@csp_update({"style-src": [UNSAFE_INLINE]})  # type: ignore[arg-type]  # typed for views without URL arguments
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
