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
nothing. The same channel carries the names each `dependencies.touch()`
touches, so the times the names were last touched are kept in memory too
and read again only after a touch. On a cache without publish/subscribe
(locmem in development) both are read from the cache on every request.
Each process also keeps the pages it served lately (`local_pages`), used
only under the version they were built from.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
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
# STATE_KEY again. Touched names are announced there too, after this prefix.
STATE_CHANNEL = "pagecache:changed"
TOUCHED_PREFIX = "touched "
# How many names' touch times each process keeps; past it they are all
# dropped and read again as pages ask for them.
LOCAL_TOUCHES = 20_000
# How many pages each process keeps in memory; a copy is used only while
# its version is the current one, so it is never staler than the shared one.
LOCAL_PAGES = 500


class StateWatch:
    """This process's copy of the content state, kept current by Redis pub/sub.

    A page cache hit must not serve a page older than the newest version,
    written by any server. Polling the subscription costs no round trip:
    it only looks whether a message has arrived on the socket, and a
    version is announced before the change that made it returns to the
    editor, so any later request anywhere finds the message waiting. The
    times names were last touched (`dependencies`) are kept the same way.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.subscription: Any = None
        self.pid: int | None = None
        self.state: dict[str, Any] | None = None
        # Name -> when it was last touched (None: never), as read from the
        # cache while subscribed; a touch announces its names, dropped here.
        self.touches: dict[str, float | None] = {}
        self.reconnected = False

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
        self._poll()
        if self.state is None:
            self.state = _load_state()
        return self.state

    def _poll(self) -> None:
        if self.subscription is None or self.pid != os.getpid():
            # A new process (gunicorn forks workers) needs its own socket.
            self._subscribe()
        while (message := self.subscription.get_message(timeout=0)) is not None:
            names = _touched_names(message)
            if names is not None:
                for name in names:
                    self.touches.pop(name, None)
                continue
            self.state = None
            if message["type"] != "message":
                # Not an announcement (a subscription confirmed again):
                # trust nothing kept.
                self.touches = {}
        if self.reconnected:
            # redis-py reconnected and subscribed again without waiting for
            # Redis to confirm: what was announced meanwhile was never heard.
            self.forget()
            self._subscribe()

    def _subscribe(self) -> None:
        # Nothing read before the subscription is confirmed may be trusted.
        assert hasattr(cache, "subscribe")  # read() checked: our RedisCache
        self.subscription, self.pid = cache.subscribe(STATE_CHANNEL), os.getpid()
        self.subscription.connection.register_connect_callback(self._reconnecting)
        self.state, self.touches, self.reconnected = None, {}, False

    def _reconnecting(self, connection: Any) -> None:
        # Called by redis-py inside the poll that reconnects (its callback).
        self.reconnected = True

    def touch_times(
        self, names: list[str], load: Callable[[list[str]], dict[str, float]]
    ) -> dict[str, float | None]:
        """Return when each of `names` was last touched; `load` reads those not kept.

        `load(names)` returns the stored times of the names ever touched.
        """
        if not hasattr(cache, "subscribe"):
            return _touch_times(names, load)
        with self.lock:
            try:
                self._poll()
            except (OSError, RedisError):
                self.forget()
                return _touch_times(names, load)
            touches = self.touches
            missing = [name for name in names if name not in touches]
            if missing:
                if len(touches) + len(missing) > LOCAL_TOUCHES:
                    touches = self.touches = {}
                    missing = names
                # Read after polling: a touch whose message is not here yet
                # wrote its time first, or is announced to the next poll.
                touches.update(_touch_times(missing, load))
            return {name: touches[name] for name in names}

    def announce_touched(self, names: list[str]) -> None:
        """Tell every process that `names` were touched (their times are written)."""
        if hasattr(cache, "publish"):
            cache.publish(STATE_CHANNEL, TOUCHED_PREFIX + json.dumps(names))
        with self.lock:
            for name in names:
                self.touches.pop(name, None)

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
            if self.subscription.connection is not None:
                # The connection goes back to the pool, for other commands.
                self.subscription.connection.deregister_connect_callback(self._reconnecting)
            self.subscription.close()
        self.subscription = self.pid = self.state = None
        self.touches, self.reconnected = {}, False


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


def _touched_names(message: dict[str, Any]) -> list[str] | None:
    data = message.get("data")
    prefix = TOUCHED_PREFIX.encode()
    if message["type"] != "message" or not isinstance(data, bytes) or not data.startswith(prefix):
        return None
    names: list[str] = json.loads(data[len(prefix) :])
    return names


def _touch_times(
    names: list[str], load: Callable[[list[str]], dict[str, float]]
) -> dict[str, float | None]:
    stored = load(names)
    return {name: stored.get(name) for name in names}


def touch_times(
    names: list[str], load: Callable[[list[str]], dict[str, float]]
) -> dict[str, float | None]:
    """Return when each of `names` was last touched (None: never).

    On Redis the times are kept in this process and read again (`load`)
    only after a touch is announced (`announce_touched()`), so a cache hit
    on a page that depends on names asks Redis nothing.
    """
    return _watch.touch_times(names, load)


def announce_touched(names: list[str]) -> None:
    """Tell every process on every server that `names` were just touched.

    Call after the new times are written, before the change returns.
    """
    _watch.announce_touched(names)


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
