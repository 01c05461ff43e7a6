"""Old addresses typed or linked without their trailing slash, in one hop.

Django's `CommonMiddleware` answers `/2024/03/market` (a 404) with a
redirect to `/2024/03/market/` whenever that address resolves, and the
site pages' catch-all pattern resolves every address with a slash. An old
address would then take two hops: the slash, then the redirect answered
at the slashed address. The redirect middlewares use these two helpers to
answer with the second hop at once, unless the address with the slash is
a page that is live (a live page wins over a redirect, slash or not).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.http import escape_leading_slashes


def is_slash_redirect(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Return whether `response` is `CommonMiddleware`'s redirect to add a slash.

    That is a 301 to the request's own address with a slash added and the
    same query string, as `CommonMiddleware.get_full_path_with_slash` makes.
    """
    if response.status_code != 301 or request.path_info.endswith("/"):
        return False
    with_slash = escape_leading_slashes(request.get_full_path(force_append_slash=True))
    return response.get("Location") == with_slash


def response_with_slash(
    get_response: Callable[[HttpRequest], HttpResponseBase], request: HttpRequest
) -> HttpResponseBase:
    """Return what `get_response` answers for the request's address with a slash.

    The request is the same one, its path lengthened for the call and
    restored after. Ask it of GET and HEAD requests only, which change
    nothing when answered twice.
    """
    path, path_info, match = request.path, request.path_info, request.resolver_match
    request.path, request.path_info = f"{path}/", f"{path_info}/"
    try:
        return get_response(request)
    finally:
        request.path, request.path_info, request.resolver_match = path, path_info, match
