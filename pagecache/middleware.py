"""`@public_page` and the middleware that keeps and serves readers' pages.

Views opt in with `@public_page`; `PageCacheMiddleware` keeps their 200
responses in the shared cache with the content version they were built
under (`state`), serves them to readers until that version changes, and
answers conditional requests with 304. Pages are cached for readers only:
a request with a session cookie (staff) is neither served from the cache
nor kept.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, urlencode

from .cdn import configured_purger, page_keys
from .dependencies import last_touched, names_of, still_fresh
from .state import current_state, local_pages

# Query parameters that only tell analytics where a reader came from; the
# page cache ignores them (`_page_key`). No public view reads them.
TRACKING_PARAM_PREFIXES = ("utm_",)
TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid"}
# Headers each response gets afresh; the cached copy keeps all the others.
_MADE_PER_RESPONSE = {
    "Date",
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "X-Page-Cache",
    "Surrogate-Key",
    "Cache-Tag",
    "Surrogate-Control",
    "CDN-Cache-Control",
}
# What a view asks of the Content-Security-Policy middleware, which sits
# outside this one: kept with the page, so a hit gets the policy a miss did
# (a story's frame-src for its embeds).
_CSP_ATTRIBUTES = ("_csp_update", "_csp_replace", "_csp_config", "_csp_exempt")


def _is_cacheable(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _page_key(request: HttpRequest) -> str:
    # Campaign and click-tracking parameters change nothing on a page, but
    # social sites and newsletters give every reader's link its own: keyed
    # on them, a shared story would be a miss for each reader who follows it.
    query = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if not (name.startswith(TRACKING_PARAM_PREFIXES) or name in TRACKING_PARAMS)
        for value in values
    )
    digest = hashlib.blake2b(
        f"{request.get_host()}{request.path}?{urlencode(query)}".encode(), digest_size=16
    ).hexdigest()
    return f"pagecache:page:{digest}"


def _entry(
    response: HttpResponse, state: dict[str, Any], built: float, depends: list[str]
) -> dict[str, Any]:
    content = response.content
    # A page that depends on named parts changed when they last did, if later.
    changed = max(state["changed"], last_touched(depends) or 0.0)
    return {
        "version": state["version"],
        "built": built,
        "depends": depends,
        "status": response.status_code,
        "content": content,
        "headers": {k: v for k, v in response.headers.items() if k not in _MADE_PER_RESPONSE},
        "etag": f'"{hashlib.blake2b(content, digest_size=12).hexdigest()}"',
        "last_modified": int(changed),
        "expires": time.time() + settings.PAGE_CACHE_SECONDS,
        "csp": {
            name: getattr(response, name) for name in _CSP_ATTRIBUTES if hasattr(response, name)
        },
    }


def _respond(request: HttpRequest, entry: dict[str, Any], hit: bool) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    # Browsers and proxies may keep the page but must ask again each time:
    # a cheap 304 while it is current, the new page as soon as it is not.
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    response["X-Page-Cache"] = "hit" if hit else "miss"
    conditional = get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
    )
    # Django returns `response` itself when no 304 or 412 applies; the stub
    # says None may come back, which it can only when no response is given.
    answer = response if conditional is None else conditional
    # On a 304 too, so a CDN revalidating its copy keeps the page's keys.
    _add_cdn_headers(answer, entry)
    # On a 304 too: a browser keeps the headers a 304 brings with the page.
    for name, value in entry.get("csp", {}).items():
        setattr(answer, name, value)
    return answer


def _add_cdn_headers(response: HttpResponseBase, entry: dict[str, Any]) -> None:
    # What the page shows, as a CDN's purge keys (see `cdn`); CDNs strip
    # these before the reader gets the page.
    keys = page_keys(entry.get("depends", ()))
    response["Surrogate-Key"] = " ".join(keys)
    response["Cache-Tag"] = ",".join(keys)
    if configured_purger() is not None:
        # The CDN keeps the page as long as this server does: every change
        # purges it there (`cdn.purge_after_commit`). Browsers still ask each time.
        kept = f"max-age={settings.PAGE_CACHE_SECONDS}"
        response["Surrogate-Control"] = kept
        response["CDN-Cache-Control"] = kept


def _storable(response: HttpResponseBase) -> bool:
    # A response that sets a cookie belongs to one visitor; a streaming one
    # has no content to keep.
    return response.status_code == 200 and not response.streaming and not response.cookies


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark `view`'s pages as the same for every reader, so they may be cached.

    `PageCacheMiddleware` keeps a marked view's 200 responses for
    PAGE_CACHE_SECONDS at most and serves them to readers until anything
    public changes; responses to staff (a session cookie) are neither kept
    nor served.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return view(request, *args, **kwargs)

    # On a wrapper, not on `view`: Django's sitemap views are shared functions.
    # A function attribute, which a Callable cannot declare.
    wrapped.public_page = True  # type: ignore[attr-defined]  # read by _serves_public_page
    return wrapped


def _serves_public_page(request: HttpRequest) -> bool:
    # Resolving the path is cheaper than asking the shared cache, which every
    # other page (the admin, the beacon, forms) would otherwise pay for.
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "public_page", False)


class PageCacheMiddleware:
    """Serve readers' pages from the full-page cache, and fill it.

    Listed early (after the security headers and static files, before
    sessions): a hit skips the rest of the middleware and the view, which
    is most of what a request costs. A miss goes on to the view as usual;
    on the way back the response of a `@public_page` view is kept with the
    headers the inner middleware gave it, so a hit answers exactly as a
    miss did.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _is_cacheable(request):
            response = self.get_response(request)
            # A public page as staff see it (previews, the admin bar): no
            # shared cache, a CDN included, may keep it for readers. Resolved
            # only for requests with a session: readers' posts pay nothing.
            if settings.SESSION_COOKIE_NAME in request.COOKIES and _serves_public_page(request):
                patch_cache_control(response, private=True)
            return response
        if not _serves_public_page(request):
            return self.get_response(request)
        key = _page_key(request)
        state = current_state()
        entry = local_pages.get(key, state)
        if entry is None:
            entry = cache.get(key)
            if entry is None or entry["version"] != state["version"]:
                entry = None
            else:
                local_pages.remember(key, entry)
        # Named parts (one story's comments) change without a new version.
        if (
            entry is not None
            and entry.get("depends")
            and not still_fresh(entry["built"], entry["depends"])
        ):
            entry = None
        if entry is not None:
            return _respond(request, entry, hit=True)
        built = time.time()
        response = self.get_response(request)
        if not isinstance(response, HttpResponse) or not _storable(response):
            return response
        entry = _entry(response, state, built, names_of(request))
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        local_pages.remember(key, entry)
        return _respond(request, entry, hit=False)
