"""Site furniture: what public pages show whatever the story.

The section menu and the current sign-up block are the same on every page
until an editor saves something, so each process keeps them per content
version (`caching.current_state()`). Saving anything public writes a new
version, on every app server sharing the cache, so a memoised value is
never older than the version it was loaded under. Story content is never
memoised here: only rows every page shows alike.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from .caching import current_state
from .models import Section

T = TypeVar("T")


def per_content_version(load: Callable[[], T]) -> Callable[[], T]:
    """Memoise `load()` in this process while the content version is unchanged.

    One value is kept, with the version read *before* loading: a save that
    lands while it loads writes a newer version, so the next call loads
    again rather than keeping a value older than its version.
    """
    # (version, value), replaced whole so threads never see half an entry.
    memo: list[tuple[str | None, T | None]] = [(None, None)]

    @wraps(load)
    def wrapper() -> T:
        version = current_state()["version"]
        loaded_under, value = memo[0]
        if loaded_under == version:
            return value  # type: ignore[return-value]
        value = load()
        memo[0] = (version, value)
        return value

    def cache_clear() -> None:
        memo[0] = (None, None)

    wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
    return wrapper


@per_content_version
def menu_sections() -> list[Section]:
    """Return the sections for the site menu, in editors' order."""
    return list(Section.objects.only("name", "slug"))
