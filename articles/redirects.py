"""Old addresses of public pages, answered with a permanent redirect.

A page that 404s at a slug it had while public (`FormerAddress`) moves
readers to where the story, source, section, tag or author is now, keeping
the rest of the address: `/articles/old/` to `/articles/new/`, the tag feed
`/tags/old/feed/atom/` to `/tags/new/feed/atom/`, the query string too. A
site page's former path (`/about-us/`) leads to its present one.
As Django's `RedirectFallbackMiddleware` does, it only looks once the page
is a 404, so a live page costs nothing more.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse

from .models import FormerAddress


class FormerAddressMiddleware:
    """Redirect a 404 at a former slug (301) to the same page at the current one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return response
        # URL names begin with what they show: `article_detail`, `tag_feed`.
        kind = (match.url_name or "").partition("_")[0]
        if kind == FormerAddress.Kind.PAGE:
            return self._page_moved(match.kwargs.get("url", ""), request, response)
        if "slug" not in match.kwargs or kind not in FormerAddress.Kind.values:
            return response
        slug = FormerAddress.objects.current_slug(kind, match.kwargs["slug"])
        if slug is None:
            return response
        url = reverse(match.view_name, args=match.args, kwargs={**match.kwargs, "slug": slug})
        return self._redirect(url, request)

    def _page_moved(
        self, path: str, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        # A site page's former address is its whole path, in the form pages
        # store theirs (`pages.models.normalise_path`): NFKC, slash-framed.
        former = unicodedata.normalize("NFKC", f"/{path}")
        current = FormerAddress.objects.current_slug(FormerAddress.Kind.PAGE, former)
        if current is None:
            return response
        return self._redirect(reverse("pages:page_detail", kwargs={"url": current[1:]}), request)

    def _redirect(self, url: str, request: HttpRequest) -> HttpResponsePermanentRedirect:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
