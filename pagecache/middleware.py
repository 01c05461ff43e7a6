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
from functools import lru_cache, wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, urlencode

from .cdn import configured_purger, page_keys
from .dependencies import last_touched, names_of, still_fresh
from .state import current_state, local_pages

# Query parameters that only tell analytics where a reader came from; the
# page cache ignores them (`_page_key`). No public view reads them.
TRACKING_PARAM_PREFIXES = ("utm_",)
TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid"}
# Headers the page cache sets itself, over whatever the view gave.
_MADE_HERE = {
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
# Besides those Django keeps on a 304 (ETag, Cache-Control, Vary...): the
# CDN's keys, so a CDN revalidating its copy keeps them, and the page's
# own policies, which a browser keeps with the page from a 304 too.
_KEPT_ON_304 = (
    "Surrogate-Key",
    "Cache-Tag",
    "Surrogate-Control",
    "CDN-Cache-Control",
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
    "Permissions-Policy",
)
# The request headers that can make the answer a 304 or a 412.
_CONDITIONS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)
# In every page key: a page kept in another shape (by older code) is never read.
_ENTRY_FORMAT = 2
# How many addresses' answer to "does a public page serve it?" each process
# keeps; any address may be asked (scanners ask for many), so not all.
_PATHS_KEPT = 4096


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
    query = ""
    if request.META.get("QUERY_STRING"):
        query = urlencode(
            sorted(
                (name, value)
                for name, values in request.GET.lists()
                if not (name.startswith(TRACKING_PARAM_PREFIXES) or name in TRACKING_PARAMS)
                for value in values
            )
        )
    digest = hashlib.blake2b(
        f"{request.get_host()}{request.path}?{query}".encode(), digest_size=16
    ).hexdigest()
    return f"pagecache:page:{_ENTRY_FORMAT}:{digest}"


def _entry(
    response: HttpResponse, state: dict[str, Any], built: float, depends: list[str]
) -> dict[str, Any]:
    content = response.content
    # A page that depends on named parts changed when they last did, if later.
    changed = int(max(state["changed"], last_touched(depends) or 0.0))
    etag = f'"{hashlib.blake2b(content, digest_size=12).hexdigest()}"'
    # Every header but X-Page-Cache made once, here, not for each hit.
    headers = {k: v for k, v in response.headers.items() if k not in _MADE_HERE}
    headers["ETag"] = etag
    headers["Last-Modified"] = http_date(changed)
    # Browsers and proxies may keep the page but must ask again each time:
    # a cheap 304 while it is current, the new page as soon as it is not.
    headers["Cache-Control"] = "public, max-age=0, must-revalidate"
    headers.update(_cdn_headers(depends))
    return {
        "version": state["version"],
        "built": built,
        "depends": depends,
        "status": response.status_code,
        "content": content,
        "headers": headers,
        "etag": etag,
        "last_modified": changed,
        "expires": time.time() + settings.PAGE_CACHE_SECONDS,
    }


def _respond(request: HttpRequest, entry: dict[str, Any], hit: bool) -> HttpResponseBase:
    response = HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])
    response["X-Page-Cache"] = "hit" if hit else "miss"
    if not any(name in request.META for name in _CONDITIONS):
        # Nothing to compare, so no 304 or 412: Django would return `response`.
        return response
    conditional = get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
    )
    # Django returns `response` itself when no 304 or 412 applies; the stub
    # says None may come back, which it can only when no response is given.
    if conditional is None or conditional is response:
        return response
    for name in _KEPT_ON_304:
        if name in response:
            conditional[name] = response[name]
    return conditional


def _cdn_headers(depends: list[str]) -> dict[str, str]:
    # What the page shows, as a CDN's purge keys (see `cdn`); CDNs strip
    # these before the reader gets the page.
    keys = page_keys(depends)
    headers = {"Surrogate-Key": " ".join(keys), "Cache-Tag": ",".join(keys)}
    if configured_purger() is not None:
        # The CDN keeps the page as long as this server does: every change
        # purges it there (`cdn.purge_after_commit`). Browsers still ask each time.
        kept = f"max-age={settings.PAGE_CACHE_SECONDS}"
        headers["Surrogate-Control"] = headers["CDN-Cache-Control"] = kept
    return headers


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    # A response that sets a cookie belongs to one visitor; a streaming one
    # has no content to keep; one whose policy has a nonce (the request
    # read it) would hand that nonce, meant for one response, to every reader.
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and getattr(request, "_csp_nonce", None) is None
    )


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
    return _is_public_path(get_urlconf() or settings.ROOT_URLCONF, request.path_info)


@lru_cache(maxsize=_PATHS_KEPT)
def _is_public_path(urlconf: str, path: str) -> bool:
    # Which view a path reaches is fixed by the URL patterns, which do not
    # change while the process runs: resolved once per path, not per hit.
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return getattr(match.func, "public_page", False)


class PageCacheMiddleware:
    """Serve readers' pages from the full-page cache, and fill it.

    Listed early (after the HTTPS redirect and old addresses' redirects,
    before the content security policy, static files and sessions): a hit
    skips the rest of the middleware and the view, which is most of what a
    request costs. A miss goes on to the view as usual; on the way back the
    response of a `@public_page` view is kept with every header the inner
    middleware gave it (the page's own Content-Security-Policy among them),
    so a hit answers exactly as a miss did, without making them again.
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
        try:
            key = _page_key(request)
        except DisallowedHost:
            # Refused further in (`CommonMiddleware`), so the refusal gets the
            # headers every other page does.
            return self.get_response(request)
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
        if not isinstance(response, HttpResponse) or not _storable(request, response):
            return response
        entry = _entry(response, state, built, names_of(request))
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        local_pages.remember(key, entry)
        return _respond(request, entry, hit=False)
