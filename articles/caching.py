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
and the admin. A kept page holds nothing of one reader's (the sign-up form
needs no CSRF token, see `newsletter.views.signup`) and sets no cookie, so
every reader, and any proxy between, may be given the same bytes.
Responses carry an ETag and Last-Modified and answer conditional requests
with 304.

Views opt in with `@public_page`; `PageCacheMiddleware` keeps and serves
their pages. Each process keeps the content version in memory and, on
Redis, hears of every new one over publish/subscribe (`StateWatch`), so a
hit takes the page from this process's memory without asking Redis
anything; the page comes from the shared cache the first time this process
serves it under a version. On a cache without publish/subscribe (locmem
in development) the version is read from the cache on every request.

Parts of a story's page are also kept between renders, for when the page
itself is not cached (a miss after any save, a new query string): the
state carries a second token, *shared*, which changes with everything a
story shows except the story's own row (its quotes, sources, tags,
section, corrections, the sign-up block). A fragment keyed on the story's
`cache_key` and that token stays valid while other stories are edited,
and is never served once anything it shows has changed
(`fragment_keys()`).
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, urlencode
from redis.exceptions import RedisError

STATE_KEY = "pagecache:state"
# The shared token, kept apart from STATE_KEY: a bump for a story's own row
# rewrites the state but never copies this token, so two servers saving at
# once cannot put back a token older than the last shared change.
SHARED_KEY = "pagecache:shared"
# Where a new version is announced; the message is only a nudge to read
# STATE_KEY again.
STATE_CHANNEL = "pagecache:changed"
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
# Changes confined to a story's own row: story fragments key on the row
# (`Article.cache_key`), so these leave the shared token alone.
ROW_KEYED_MODELS = {"articles.Article"}
# Each process also keeps the pages it served lately; a copy is used only
# while its version is the current one, so it is never staler than the
# shared copy.
LOCAL_PAGES = 500
_LOCAL_PAGES: OrderedDict[str, dict[str, Any]] = OrderedDict()
# Query parameters that only tell analytics where a reader came from; the
# page cache ignores them (`_page_key`). No public view reads them.
TRACKING_PARAM_PREFIXES = ("utm_",)
TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid"}
# Headers each response gets afresh; the cached copy keeps all the others.
_MADE_PER_RESPONSE = {"Date", "ETag", "Last-Modified", "Cache-Control", "X-Page-Cache"}


def _next_go_live() -> float | None:
    # Any future publish time, whatever the status: a spare invalidation at
    # a draft's publish time costs one re-render and keeps this rule free of
    # the workflow's statuses (live_q() stays the one live rule).
    from .models import Article

    upcoming = Article.objects.filter(publish_at__gt=timezone.now()).aggregate(
        next=Min("publish_at")
    )["next"]
    return upcoming.timestamp() if upcoming else None


class StateWatch:
    """This process's copy of the content state, kept current by Redis pub/sub.

    A page cache hit must not serve a page older than the newest version,
    written by any server. Polling the subscription costs no round trip:
    it only looks whether a message has arrived on the socket, and a
    version is announced before the change that made it returns to the
    editor, so any later request anywhere finds the message waiting.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.subscription: Any = None
        self.pid: int | None = None
        self.state: dict[str, Any] | None = None

    def read(self) -> dict[str, Any] | None:
        """Return the current state (None when none is stored yet)."""
        if not hasattr(cache, "subscribe"):
            return _load_state()
        with self.lock:
            try:
                return self._read()
            except (OSError, RedisError):
                # Lost touch with Redis: read the key each time until a new
                # subscription is confirmed.
                self.forget()
                return _load_state()

    def _read(self) -> dict[str, Any] | None:
        if self.subscription is None or self.pid != os.getpid():
            # A new process (gunicorn forks workers) needs its own socket.
            self.subscription, self.pid = cache.subscribe(STATE_CHANNEL), os.getpid()
            self.state = None
        while self.subscription.get_message(timeout=0) is not None:
            self.state = None
        if self.state is None:
            self.state = _load_state()
        return self.state

    def announce(self, state: dict[str, Any]) -> None:
        """Tell every process, on every server, that `state` is the new one."""
        if hasattr(cache, "publish"):
            cache.publish(STATE_CHANNEL, state["version"])
        with self.lock:
            # Read back, not kept: another server may have written a newer
            # state, or a newer shared token, since this one was made.
            self.state = None

    def forget(self) -> None:
        """Drop this process's copy, so the next read asks the cache."""
        if self.subscription is not None:
            self.subscription.close()
        self.subscription = self.pid = self.state = None


_watch = StateWatch()


def _load_state() -> dict[str, Any] | None:
    stored = cache.get_many([STATE_KEY, SHARED_KEY])
    state, shared = stored.get(STATE_KEY), stored.get(SHARED_KEY)
    if state is None or shared is None:
        return None
    return {**state, "shared": shared}


def bump_version(*, shared: bool = True) -> dict[str, Any]:
    """Make every cached page stale, on every app server sharing the cache.

    With `shared` (the default) story fragments go stale too; a change to
    one story's own row passes False, since fragments key on the row. The
    new version is unique (not a counter), so two servers bumping at once
    can never leave a page built before either change looking fresh.
    """
    token = None if shared else cache.get(SHARED_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.set(SHARED_KEY, token, None)
    state = {"version": uuid.uuid4().hex, "changed": time.time(), "go_live": _next_go_live()}
    cache.set(STATE_KEY, state, None)
    _watch.announce(state)
    return {**state, "shared": token}


def current_state() -> dict[str, Any]:
    """Return the content state, writing a new one when a story has gone live.

    Holds "version" (pages), "shared" (story fragments), "changed" (when,
    for Last-Modified) and "go_live" (the next scheduled publish time).
    """
    return _fresh(_watch.read())


def fragment_keys() -> dict[str, Any]:
    """Return what a template's story fragments are kept for and keyed on.

    For ``{% cache fragments.seconds "name" article.cache_key
    fragments.shared %}``: "shared" for what one story shows, "version" for
    what depends on other stories too (lists of related stories).
    """
    state = current_state()
    return {
        "seconds": settings.FRAGMENT_CACHE_SECONDS,
        "shared": state["shared"],
        "version": state["version"],
    }


def forget_local_copies() -> None:
    """Drop the state, pages and fragments this process keeps, e.g. after clearing the cache."""
    _watch.forget()
    _LOCAL_PAGES.clear()
    caches["template_fragments"].clear()


def _fresh(state: dict[str, Any] | None) -> dict[str, Any]:
    if state is None:
        # Never written, or evicted: nothing kept may be trusted.
        return bump_version()
    if state["go_live"] is not None and time.time() >= state["go_live"]:
        # Going live changes lists of stories, not what a story shows.
        return bump_version(shared=False)
    return state


def _changed(sender: type, **kwargs: Any) -> None:
    label = sender._meta.label
    if label not in WATCHED_MODELS:
        return
    bump = partial(bump_version, shared=label not in ROW_KEYED_MODELS)
    # Now for this process and tests, and again after commit so a page
    # rendered from the old rows while the transaction ran is not kept.
    bump()
    transaction.on_commit(bump)


def connect_signals() -> None:
    """Invalidate cached pages whenever a watched model changes (AppConfig.ready)."""
    post_save.connect(_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="pagecache-m2m")


def _m2m_changed(sender: type, action: str, **kwargs: Any) -> None:
    # An empty add or remove changes nothing: taggit's `set()` sends both
    # on every save of the admin form, whether or not the tags changed.
    if action.startswith("post_") and kwargs.get("pk_set") != set():
        _changed(sender)
        _changed(type(kwargs["instance"]))


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
        "headers": {k: v for k, v in response.headers.items() if k not in _MADE_PER_RESPONSE},
        "etag": f'"{hashlib.blake2b(content, digest_size=12).hexdigest()}"',
        "last_modified": int(state["changed"]),
        "expires": time.time() + settings.PAGE_CACHE_SECONDS,
    }


def _respond(request: HttpRequest, entry: dict[str, Any], hit: bool) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    # Browsers and proxies may keep the page but must ask again each time:
    # a cheap 304 while it is current, the new page as soon as it is not.
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    response["X-Page-Cache"] = "hit" if hit else "miss"
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
    )


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
    wrapped.public_page = True
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
        if not _is_cacheable(request) or not _serves_public_page(request):
            return self.get_response(request)
        key = _page_key(request)
        state = current_state()
        entry = _local_entry(key, state)
        if entry is None:
            entry = cache.get(key)
            if entry is None or entry["version"] != state["version"]:
                entry = None
            else:
                _remember(key, entry)
        if entry is not None:
            return _respond(request, entry, hit=True)
        response = self.get_response(request)
        if not _storable(response):
            return response
        entry = _entry(response, state)
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        _remember(key, entry)
        return _respond(request, entry, hit=False)
