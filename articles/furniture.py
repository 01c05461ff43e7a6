"""Site furniture: what public pages show whatever the story.

The section menu, the current sign-up block and the most-read list are the
same on every page until an editor saves something, so each process keeps
them per content version (`caching.current_state()`). Saving anything
public writes a new version, on every app server sharing the cache, so a
memoised value is never older than the version it was loaded under. Story
content is never memoised here: only rows every page shows alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from .caching import current_state
from .models import Article, Section

T = TypeVar("T")

MOST_READ_STORIES = 5
# Views are counted all day without a new content version, so the list is
# also loaded again after this long: it trails the counters by no more than
# a cached page does.
MOST_READ_SECONDS = 300


def per_content_version(
    load: Callable[[], T] | None = None, *, max_age: float | None = None
) -> Callable[[], T]:
    """Memoise `load()` in this process while the content version is unchanged.

    One value is kept, with the version read *before* loading: a save that
    lands while it loads writes a newer version, so the next call loads
    again rather than keeping a value older than its version. With
    `max_age` (seconds), a value is also loaded again once that old, for
    what changes without a save. Use as `@per_content_version` or
    `@per_content_version(max_age=60)`.
    """
    if load is None:
        return lambda load: per_content_version(load, max_age=max_age)  # type: ignore[return-value]
    # (version, loaded at, value), replaced whole so threads never see half
    # an entry.
    memo: list[tuple[str | None, float, T | None]] = [(None, 0.0, None)]

    @wraps(load)
    def wrapper() -> T:
        version = current_state()["version"]
        now = time.monotonic()
        loaded_under, loaded_at, value = memo[0]
        if loaded_under == version and (max_age is None or now - loaded_at < max_age):
            return value  # type: ignore[return-value]
        value = load()
        memo[0] = (version, now, value)
        return value

    def cache_clear() -> None:
        memo[0] = (None, 0.0, None)

    wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
    return wrapper


@per_content_version
def menu_sections() -> list[Section]:
    """Return the sections for the site menu, in editors' order."""
    return list(Section.objects.only("name", "slug"))


@per_content_version(max_age=MOST_READ_SECONDS)
def _most_read_candidates() -> list[Article]:
    # One more than the list shows, so a story page can leave itself out
    # and still list MOST_READ_STORIES, from the one memoised value.
    return list(Article.objects.live().for_links().most_read()[: MOST_READ_STORIES + 1])


def most_read_stories(*, besides: Article | None = None) -> list[Article]:
    """Return this week's most read live stories (headlines and slugs).

    `besides`, the story a reader is on, is left out: the list points
    elsewhere. No query while the content version holds (see
    `per_content_version`).
    """
    stories = _most_read_candidates()
    if besides is not None:
        stories = [story for story in stories if story.pk != besides.pk]
    return stories[:MOST_READ_STORIES]
