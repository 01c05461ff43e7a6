"""Old addresses of public pages, answered with a permanent redirect.

A page that 404s at a slug it had while public (`FormerAddress`) moves
readers to where the story, source, section, tag or author is now, keeping
the rest of the address: `/articles/old/` to `/articles/new/`, the tag feed
`/tags/old/feed/atom/` to `/tags/new/feed/atom/`, the query string too. A
site page's former path (`/about-us/`) leads to its present one.
As Django's `RedirectFallbackMiddleware` does, it only looks once the page
is a 404, so a live page costs nothing more; a former address without its
trailing slash redirects at once, not to the slash first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse

from newsroom.slashes import response_with_slash

from .models import FormerAddress


class FormerAddressMiddleware:
    """Redirect a 404 at a former slug (301) to the same page at the current one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        path = request.path_info
        url = _moved_to(path)
        if url is None and settings.APPEND_SLASH and not path.endswith("/"):
            # `/articles/old` would get the slash from CommonMiddleware, then
            # this redirect: one hop instead, unless the address with the
            # slash is a live page (another story took the old slug since).
            url = _moved_to(f"{path}/")
            if (
                url is not None
                and response_with_slash(self.get_response, request).status_code != 404
            ):
                url = None
        return response if url is None else self._redirect(url, request)

    def _redirect(self, url: str, request: HttpRequest) -> HttpResponsePermanentRedirect:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def _moved_to(path: str) -> str | None:
    # Where the page once at `path` is now, or None.
    try:
        match = resolve(path)
    except Resolver404:
        return None
    # URL names begin with what they show: `article_detail`, `tag_feed`.
    kind = (match.url_name or "").partition("_")[0]
    if kind == FormerAddress.Kind.PAGE:
        # A site page's former address is its whole path, in the form pages
        # store theirs (`pages.models.normalise_path`): NFKC, slash-framed.
        former = unicodedata.normalize("NFKC", f"/{match.kwargs.get('url', '')}")
        current = FormerAddress.objects.current_slug(FormerAddress.Kind.PAGE, former)
        return (
            None if current is None else reverse("pages:page_detail", kwargs={"url": current[1:]})
        )
    if "slug" not in match.kwargs or kind not in FormerAddress.Kind.values:
        return None
    slug = FormerAddress.objects.current_slug(kind, match.kwargs["slug"])
    if slug is None:
        return None
    return reverse(match.view_name, args=match.args, kwargs={**match.kwargs, "slug": slug})
