"""Values every public page shows alike, kept per content version.

The section menu, the current sign-up block and the most-read list are the
same on every page until an editor saves something, so each process keeps
them per content version (`state.current_state()`). Saving anything public
writes a new version, on every app server sharing the cache, so a memoised
value is never older than the version it was loaded under. Story content
is never memoised this way: only rows every page shows alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import TypeVar, overload

from .dependencies import last_touched
from .state import current_state

T = TypeVar("T")


@overload
def per_content_version(
    load: Callable[[], T], *, max_age: float | None = None, touched: tuple[str, ...] = ()
) -> Callable[[], T]: ...
@overload
def per_content_version(
    load: None = None, *, max_age: float | None = None, touched: tuple[str, ...] = ()
) -> Callable[[Callable[[], T]], Callable[[], T]]: ...
def per_content_version(
    load: Callable[[], T] | None = None,
    *,
    max_age: float | None = None,
    touched: tuple[str, ...] = (),
) -> Callable[[], T] | Callable[[Callable[[], T]], Callable[[], T]]:
    """Memoise `load()` in this process while the content version is unchanged.

    One value is kept, with the version read *before* loading: a save that
    lands while it loads writes a newer version, so the next call loads
    again rather than keeping a value older than its version. With
    `max_age` (seconds), a value is also loaded again once that old, for
    what changes without a save. With `touched` (names, see
    `dependencies`), a value is loaded again after any of them is touched:
    for rows whose edits write no new version (stories edited in place).
    Use as `@per_content_version` or `@per_content_version(max_age=60)`.
    """
    if load is None:

        def decorator(load: Callable[[], T]) -> Callable[[], T]:
            return per_content_version(load, max_age=max_age, touched=touched)

        return decorator
    # (version, loaded at, value), replaced whole so threads never see half
    # an entry.
    memo: list[tuple[object, float, T | None]] = [(None, 0.0, None)]

    @wraps(load)
    def wrapper() -> T:
        # Read before loading, as the version is: a touch that lands while
        # loading leaves the value under the older touch, loaded again next time.
        version = (current_state()["version"], last_touched(touched) if touched else None)
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
