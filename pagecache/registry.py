"""Which models public pages show, and what changes them on a schedule.

Each app names, by class, the models whose rows its public pages show
(`watch()`, called from its `AppConfig.ready()`), and gives a function for
changes that come with no save, such as a scheduled story going live
(`watch_schedule()`). The page cache invalidates on exactly these; a test
renders every public page and fails when a table it read belongs to a model
nobody registered (`tests/test_page_cache_coverage.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db.models import Model

# Model -> whether a change also makes story fragments stale ("shared").
_watched: dict[type[Model], bool] = {}
_schedules: list[Callable[[], datetime | None]] = []
# Model -> the names (see `dependencies`) a change of one row touches.
_narrow: dict[type[Model], Callable[[Model], list[str]]] = {}
# Model -> the names an in-place edit of one row touches (None: it moved
# the row in or out of lists, and every page goes stale as `watch()` says).
_edits: dict[type[Model], Callable[[Model], list[str] | None]] = {}
# Names every edit of such a model touches: what pages that do not name each
# row they show depend on (`dependencies.names_every_row()`).
_any_row: set[str] = set()


def watch(*models: type[Model], shared: bool = True) -> None:
    """Make stale every cached page whenever a row of one of `models` changes.

    Story fragments are kept on the story's own row (`Article.cache_key`)
    and a *shared* token; pass `shared=False` for a model whose changes
    the row already tells (the story itself), so fragments of other
    stories stay valid.
    """
    for model in models:
        _watched[model] = shared


def watch_narrowly(model: type[Model], names: Callable[[Model], list[str]]) -> None:
    """Make stale only the pages depending on `names(row)` when a row changes.

    For a model whose rows each show on a few pages (one story's comments):
    those pages call `dependencies.depends_on()` with the same names, and
    every other page stays cached.
    """
    _narrow[model] = names


def watch_edits(
    model: type[Model], names: Callable[[Model], list[str] | None], *, any_row: str
) -> None:
    """Make an in-place edit of a `watch()`ed model's row stale only the pages showing it.

    After a save of an existing row, `names(row)` gives the names of that
    row (the pages showing it call `dependencies.depends_on()` with them),
    or None when the edit moves the row in or out of lists: a new or
    deleted row, or such an edit, still makes every page stale. Every edit
    touches `any_row` too, on which depends each page that does not name
    every row it shows: only pages that say they do are left in place.
    """
    _edits[model] = names
    _any_row.add(any_row)


def edit_names(model: type[Model]) -> Callable[[Model], list[str] | None] | None:
    """Return the function naming what an in-place edit of a `model` row touches."""
    return _edits.get(model)


def any_row_names() -> set[str]:
    """Return the names that stand for "any row edited" (see `watch_edits()`)."""
    return set(_any_row)


def narrow_names(model: type[Model]) -> Callable[[Model], list[str]] | None:
    """Return the function naming what a row of `model` touches, if narrow."""
    return _narrow.get(model)


def watched() -> dict[type[Model], bool]:
    """Return the watched models, each with whether it changes shared fragments."""
    return dict(_watched)


def is_watched(model: type[Model]) -> bool:
    """Tell whether `model`'s changes make cached pages stale (all or some)."""
    return model in _watched or model in _narrow


def changes_shared(model: type[Model]) -> bool:
    """Tell whether a change to `model` makes story fragments stale too."""
    return _watched.get(model, True)


def watch_schedule(next_change: Callable[[], datetime | None]) -> None:
    """Register `next_change()`, returning the next time pages change without a save."""
    _schedules.append(next_change)


def next_scheduled_change() -> float | None:
    """Return the soonest registered scheduled change, as a timestamp, or None."""
    times = [moment for moment in (next_change() for next_change in _schedules) if moment]
    return min(times).timestamp() if times else None
