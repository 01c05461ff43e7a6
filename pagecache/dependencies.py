"""Narrow invalidation: pages that depend on named parts of the content.

Most changes make every cached page stale (a new content version, see
`state`). Some change one small thing many times a day, such as the
comments under one story: bumping the version for each would leave the
cache empty. For those, a page names what it shows (`depends_on(request,
"comments:12")`), and a change touches that name (`touch("comments:12")`):
pages built before the touch stop being served, every other page stays.

A name's touch is the time it was last changed, one cache key per name.
A page is kept with the time its view started and the names it depends
on; it is fresh while every name was last touched before that start (less
`CLOCK_MARGIN`, for app servers whose clocks differ a little). Comparing
times, not tokens, keeps a page whose rows were read just before a change
committed from looking fresh after it. Each process keeps the touch times
it read, and reads a name's again only after a touch of it is announced
(`state.touch_times()`), so a hit on such a page asks Redis nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

from .cdn import purge_after_commit
from .registry import any_row_names
from .state import announce_touched, touch_times

# Seconds by which two app servers' clocks may differ: a page built this
# soon after a touch is rebuilt once more rather than trusted.
CLOCK_MARGIN = 2.0
_KEY = "pagecache:touched:{}"
# How long a touch is kept: past the longest a page is cached, a name
# nobody touched since is as good as never touched.
_KEEP = 24 * 60 * 60


def depends_on(request: HttpRequest, names: Iterable[str]) -> None:
    """Record that the page being built for `request` shows `names`."""
    found = getattr(request, "_pagecache_depends", None)
    if found is None:
        found = set()
        request._pagecache_depends = found  # type: ignore[attr-defined]
    found.update(names)


def names_every_row(request: HttpRequest) -> None:
    """Say that the page being built for `request` names every row it shows.

    Its view and templates call `depends_on()` for each row of an edit-watched
    model they show (`registry.watch_edits()`: each story card, for one),
    so an edit of any other row leaves the page in place. A page that does
    not say so depends on every such edit, as if it showed every row.
    """
    request._pagecache_every_row = True  # type: ignore[attr-defined]


def names_of(request: HttpRequest) -> list[str]:
    """Return the names the page built for `request` depends on, sorted."""
    found = set(getattr(request, "_pagecache_depends", ()))
    if not getattr(request, "_pagecache_every_row", False):
        found |= any_row_names()
    return sorted(found)


def touch(*names: str) -> None:
    """Make stale the cached pages that depend on any of `names`.

    Now, and again after the transaction commits, so a page built from the
    rows as they were before the commit is not kept as fresh.
    """
    if not names:
        return

    def write() -> None:
        now = time.time()
        cache.set_many({_KEY.format(name): now for name in names}, _KEEP)
        # After the write: a process that hears of it reads the new times.
        announce_touched(list(names))

    write()
    transaction.on_commit(write)
    purge_after_commit(names)


def last_touched(names: Iterable[str]) -> float | None:
    """Return when any of `names` was last touched, or None if never."""
    wanted = list(names)
    if not wanted:
        return None
    times = touch_times(wanted, _stored_touches)
    return max((moment for moment in times.values() if moment is not None), default=None)


def _stored_touches(names: list[str]) -> dict[str, float]:
    stored = cache.get_many([_KEY.format(name) for name in names])
    return {name: stored[_KEY.format(name)] for name in names if _KEY.format(name) in stored}


def still_fresh(built: float, names: Iterable[str]) -> bool:
    """Tell whether a page built at `built` from `names` may still be served."""
    touched = last_touched(names)
    return touched is None or touched < built - CLOCK_MARGIN
