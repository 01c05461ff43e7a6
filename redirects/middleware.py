"""Answer old addresses (`Redirect`) before a 404, and before the page cache.

Listed before the page cache: the home page is a cached public page, and
WordPress's `/?p=123` is the home page with a query string, which would
otherwise be answered from the cache as the front page. Requests for the
home page with a query string are looked up first; every other redirect
is looked up only once the page is a 404, so live pages cost nothing more.
An old address without its trailing slash is answered with its redirect
at once, not with the slash first (`newsroom.slashes`).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, quote, urlencode

from django.http import (
    HttpRequest,
    HttpResponseBase,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)

from newsroom.slashes import is_slash_redirect, response_with_slash

from .models import Redirect

# The query strings WordPress's home page answers with a post, page or
# archive; other queries on the home page (`?page=2`) cost no lookup.
WORDPRESS_QUERY_KEYS = {
    "p",
    "page_id",
    "attachment_id",
    "cat",
    "category_name",
    "tag",
    "tag_id",
    "author",
    "feed",
    "m",
    "name",
    "pagename",
}


class RedirectMiddleware:
    """Redirect a request for an old address to where its page is now."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        query = request.META.get("QUERY_STRING", "")
        wordpress = _wordpress_query(query) if request.path_info == "/" else ""
        if wordpress:
            # `/?p=123&utm_source=news` too: links shared from newsletters
            # and social sites carry their campaign's parameters.
            found = Redirect.objects.matching("/", query, fallback=wordpress)
            if found is not None and found.query:
                return _redirect(found)
        response = self.get_response(request)
        if is_slash_redirect(request, response):
            return self._without_slash(request, query, response)
        if response.status_code != 404:
            return response
        found = Redirect.objects.matching(request.path_info, query)
        return _redirect(found) if found is not None else response

    def _without_slash(
        self, request: HttpRequest, query: str, response: HttpResponseBase
    ) -> HttpResponseBase:
        # `/2024/03/market` gets the slash first, then `/2024/03/market/`
        # (a 404) this redirect: two hops for readers and crawlers. One
        # instead, unless the address with the slash is a live page.
        found = Redirect.objects.matching(request.path_info, query)
        if found is None:
            return response
        if response_with_slash(self.get_response, request).status_code != 404:
            return response
        return _redirect(found)


def _wordpress_query(query: str) -> str:
    # The part of the query WordPress's home page reads: `p=123`.
    if not query:
        return ""
    return urlencode([(k, v) for k, v in parse_qsl(query) if k in WORDPRESS_QUERY_KEYS])


def _redirect(redirect: Redirect) -> HttpResponseBase:
    redirect.record_hit()
    target = quote(redirect.target, safe="/:?=&#%~+,;@!$'()*[]")
    if redirect.permanent:
        return HttpResponsePermanentRedirect(target)
    return HttpResponseRedirect(target)
