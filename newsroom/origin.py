"""Token-free protection against cross-site form posts.

A page served from the full-page cache is the same for every reader, so a
form on it cannot carry a per-reader CSRF token. Browsers say where a
request comes from instead: `Sec-Fetch-Site` (every current browser) and
`Origin` (on every cross-origin POST). `same_origin_only` refuses an unsafe
request whose headers say another site sent it, as Go's
`http.CrossOriginProtection` does. A request with neither header was not
sent by a current browser, so no page on another site can have forged it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import get_callable
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# "none" is a request the reader started (typed address, bookmark).
ALLOWED_FETCH_SITES = {"same-origin", "none"}
REASON = "The form was sent from another site."


def is_cross_origin(request: HttpRequest) -> bool:
    """Tell whether a browser says `request` came from another site's page."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ALLOWED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS


def same_origin_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Exempt `view` from the CSRF token and refuse cross-site unsafe requests.

    The refusal is the site's usual CSRF failure page (a 403).
    """

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in SAFE_METHODS and is_cross_origin(request):
            return get_callable(settings.CSRF_FAILURE_VIEW)(request, reason=REASON)
        return view(request, *args, **kwargs)

    return wrapped
