"""The content state: the version every cached page is checked against.

The state is one cache key holding "version" (pages), "changed" (when,
for Last-Modified) and "go_live" (the next scheduled change, see
`registry.watch_schedule()`); a second key holds the *shared* token, which
changes with everything a story shows except the story's own row (its
quotes, sources, tags, section, corrections, the sign-up block). A story
fragment keyed on the story's `cache_key` and that token stays valid while
other stories are edited, and is never served once anything it shows has
changed (`fragment_keys()`).

Each process keeps the state in memory and, on Redis, hears of every new
one over publish/subscribe (`StateWatch`), so a cache hit asks Redis
nothing. On a cache without publish/subscribe (locmem in development) the
state is read from the cache on every request. Each process also keeps the
pages it served lately (`local_pages`), used only under the version they
were built from.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from redis.exceptions import RedisError

from .cdn import SITE_KEY, purge_after_commit
from .registry import next_scheduled_change

STATE_KEY = "pagecache:state"
# The shared token, kept apart from STATE_KEY: a bump for a story's own row
# rewrites the state but never copies this token, so two servers saving at
# once cannot put back a token older than the last shared change.
SHARED_KEY = "pagecache:shared"
# Where a new version is announced; the message is only a nudge to read
# STATE_KEY again.
STATE_CHANNEL = "pagecache:changed"
# How many pages each process keeps in memory; a copy is used only while
# its version is the current one, so it is never staler than the shared one.
LOCAL_PAGES = 500


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
            assert hasattr(cache, "subscribe")  # read() checked: our RedisCache
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


class LocalPages:
    """The pages this process served lately, the newest kept, at most `size`."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def get(self, key: str, state: dict[str, Any]) -> dict[str, Any] | None:
        """Return the page kept under `key` if built under `state` and not expired."""
        entry = self.entries.get(key)
        if entry is None or entry["version"] != state["version"] or entry["expires"] < time.time():
            return None
        return entry

    def remember(self, key: str, entry: dict[str, Any]) -> None:
        """Keep `entry`, dropping the least recently kept beyond `size`."""
        self.entries[key] = entry
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)

    def clear(self) -> None:
        self.entries.clear()


_watch = StateWatch()
local_pages = LocalPages(LOCAL_PAGES)


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
    state = {
        "version": uuid.uuid4().hex,
        "changed": time.time(),
        "go_live": next_scheduled_change(),
    }
    cache.set(STATE_KEY, state, None)
    _watch.announce(state)
    return {**state, "shared": token}


def current_state() -> dict[str, Any]:
    """Return the content state, writing a new one when a scheduled change is due.

    Holds "version" (pages), "shared" (story fragments), "changed" (when,
    for Last-Modified) and "go_live" (the next scheduled change).
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
    local_pages.clear()
    caches["template_fragments"].clear()


def _fresh(state: dict[str, Any] | None) -> dict[str, Any]:
    if state is None:
        # Never written, or evicted: nothing kept may be trusted.
        state = bump_version()
    elif state["go_live"] is not None and time.time() >= state["go_live"]:
        # Going live changes lists of stories, not what a story shows.
        state = bump_version(shared=False)
    else:
        return state
    purge_after_commit([SITE_KEY])
    return state
