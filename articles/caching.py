"""The full-page cache for public pages, and what invalidates it.

Public pages are rendered once and kept in the configured cache (Redis in
production, so every app server sees the same pages), each stored with the
*content version* it was built from. The version is one cache key; saving
or deleting anything a public page shows (a story, its quotes, sources,
tags, sections, sign-up blocks) writes a fresh one, so every page is
stale at once on every server. A scheduled story going live has no save to
hook: the version also records the next time any story's publish time
falls due, and the first request after that moment writes a new version.

Pages are cached for readers only (no session cookie): staff see previews
and the admin. The sign-up form's CSRF token is per reader, so pages are
stored with a placeholder that each response swaps for the reader's own
token (and Django sets the reader's CSRF cookie as usual). Responses carry
an ETag and Last-Modified and answer conditional requests with 304.

Views opt in with `@public_page`. A cached page view reads the version (a
small key) from the shared cache, and the page from this process's memory
when it served that version before, else from the shared cache.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

STATE_KEY = "pagecache:state"
# Same length as a real masked token, so a page's length does not change.
CSRF_PLACEHOLDER = "pagecache-csrf-placeholder-" + "0" * 37
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
# Models whose rows appear on public pages; a save or delete of any of them
# makes every cached page stale. "articles.Correction" arrives from another
# branch and is covered by its label.
WATCHED_MODELS = {
    "articles.Article",
    "articles.Quote",
    "articles.Source",
    "articles.Section",
    "articles.TaggedArticle",
    "articles.Correction",
    "taggit.Tag",
    "newsletter.SignupBlock",
    "newsletter.NewsletterList",
}
# Each process also keeps the pages it served lately, so a hit reads only
# the small version key from the shared cache; a copy is used only while its
# version is the current one, so it is never staler than the shared copy.
LOCAL_PAGES = 500
_LOCAL_PAGES: OrderedDict[str, dict[str, Any]] = OrderedDict()
# Headers the cached copy keeps; the rest are made per response.
_KEPT_HEADERS = {"Content-Type", "Content-Language", "Link", "X-Robots-Tag"}


def _next_go_live() -> float | None:
    # Any future publish time, whatever the status: a spare invalidation at
    # a draft's publish time costs one re-render and keeps this rule free of
    # the workflow's statuses (live_q() stays the one live rule).
    from .models import Article

    upcoming = Article.objects.filter(publish_at__gt=timezone.now()).aggregate(
        next=Min("publish_at")
    )["next"]
    return upcoming.timestamp() if upcoming else None


def bump_version() -> dict[str, Any]:
    """Make every cached page stale, on every app server sharing the cache.

    The new version is unique (not a counter), so two servers bumping at
    once can never leave a page built before either change looking fresh.
    """
    state = {"version": uuid.uuid4().hex, "changed": time.time(), "go_live": _next_go_live()}
    cache.set(STATE_KEY, state, None)
    return state


def current_state() -> dict[str, Any]:
    """Return the content version, writing a new one when a story has gone live."""
    return _fresh(cache.get(STATE_KEY))


def _fresh(state: dict[str, Any] | None) -> dict[str, Any]:
    if state is None or (state["go_live"] is not None and time.time() >= state["go_live"]):
        return bump_version()
    return state


def _changed(sender: type, **kwargs: Any) -> None:
    if sender._meta.label not in WATCHED_MODELS:
        return
    # Now for this process and tests, and again after commit so a page
    # rendered from the old rows while the transaction ran is not kept.
    bump_version()
    transaction.on_commit(bump_version)


def connect_signals() -> None:
    """Invalidate cached pages whenever a watched model changes (AppConfig.ready)."""
    post_save.connect(_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="pagecache-m2m")


def _m2m_changed(sender: type, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        _changed(sender)
        _changed(type(kwargs["instance"]))


def placeholder_context(request: HttpRequest) -> dict[str, str]:
    """Put the CSRF placeholder into pages being rendered for the cache.

    A context processor: listed after Django's own, it replaces the
    `csrf_token` variable only while `@public_page` renders a page to keep.
    """
    if getattr(request, "_page_cache_render", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def _is_cacheable(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _page_key(request: HttpRequest) -> str:
    digest = hashlib.blake2b(
        f"{request.get_host()}{request.get_full_path()}".encode(), digest_size=16
    ).hexdigest()
    return f"pagecache:page:{digest}"


def _local_entry(key: str, state: dict[str, Any]) -> dict[str, Any] | None:
    entry = _LOCAL_PAGES.get(key)
    if entry is None or entry["version"] != state["version"] or entry["expires"] < time.time():
        return None
    return entry


def _remember(key: str, entry: dict[str, Any]) -> None:
    _LOCAL_PAGES[key] = entry
    _LOCAL_PAGES.move_to_end(key)
    while len(_LOCAL_PAGES) > LOCAL_PAGES:
        _LOCAL_PAGES.popitem(last=False)


def _entry(response: HttpResponse, state: dict[str, Any]) -> dict[str, Any]:
    content = response.content
    return {
        "version": state["version"],
        "status": response.status_code,
        "content": content,
        "headers": {k: v for k, v in response.headers.items() if k in _KEPT_HEADERS},
        "etag": f'"{hashlib.blake2b(content, digest_size=12).hexdigest()}"',
        "last_modified": int(state["changed"]),
        "has_csrf": _PLACEHOLDER_BYTES in content,
        "expires": time.time() + settings.PAGE_CACHE_SECONDS,
    }


def _respond(request: HttpRequest, entry: dict[str, Any], hit: bool) -> HttpResponse:
    content = entry["content"]
    if entry["has_csrf"]:
        content = content.replace(_PLACEHOLDER_BYTES, get_token(request).encode())
    response = HttpResponse(content, status=entry["status"], headers=entry["headers"])
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    # Browsers and proxies may keep the page but must ask again each time
    # (a cheap 304); a page holding a reader's CSRF token is theirs alone.
    scope = "private" if entry["has_csrf"] else "public"
    response["Cache-Control"] = f"{scope}, max-age=0, must-revalidate"
    response["X-Page-Cache"] = "hit" if hit else "miss"
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
    )


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve `view` from the full-page cache to readers.

    Only 200 responses are kept (for PAGE_CACHE_SECONDS at most); anything
    else, and every request with a session (staff), goes to the view.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _is_cacheable(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        state = current_state()
        entry = _local_entry(key, state)
        if entry is None:
            entry = cache.get(key)
            if entry is not None and entry["version"] == state["version"]:
                _remember(key, entry)
        if entry is not None and entry["version"] == state["version"]:
            return _respond(request, entry, hit=True)
        request._page_cache_render = True
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response = response.render()
        if response.streaming:
            return response
        entry = _entry(response, state)
        if response.status_code == 200:
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            _remember(key, entry)
            return _respond(request, entry, hit=False)
        if entry["has_csrf"]:
            response.content = entry["content"].replace(
                _PLACEHOLDER_BYTES, get_token(request).encode()
            )
        return response

    return wrapped
