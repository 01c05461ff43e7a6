"""Saves and deletes of watched models make cached pages stale.

`connect_signals()` (from `PageCacheConfig.ready()`) listens to every
model's saves, deletes and many-to-many changes and bumps the content
version for the models in the registry; a model watched narrowly touches
only the names its row gives (`dependencies.touch()`). Writes that send no signal
(`QuerySet.update()`, `bulk_create()`, raw SQL) call `pages_changed()`
themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from .cdn import SITE_KEY, purge_after_commit
from .dependencies import touch
from .registry import changes_shared, edit_names, is_watched, narrow_names
from .state import bump_version

# While a bulk write runs (`bulk_changes()`), what changed is only noted:
# the set of narrow names touched, or None when nothing changed yet.
_bulk: ContextVar[dict[str, Any] | None] = ContextVar("pagecache_bulk", default=None)


@contextmanager
def bulk_changes() -> Iterator[None]:
    """Make cached pages stale once, at the end, for the writes inside.

    For imports that save thousands of rows: each save would otherwise
    bump the content version (and look up the next scheduled change) on
    its own. Nested uses join the outer one.
    """
    if _bulk.get() is not None:
        yield
        return
    noted: dict[str, Any] = {"models": set(), "names": set()}
    token = _bulk.set(noted)
    try:
        yield
    finally:
        _bulk.reset(token)
        if noted["names"]:
            touch(*sorted(noted["names"]))
        if noted["models"]:
            pages_changed(*noted["models"])


def pages_changed(*models: type[Model]) -> None:
    """Make stale the cached pages that show rows of `models`.

    For writes that bypass model signals; a save or delete through the ORM
    needs no call. Does nothing for models no public page shows.
    """
    watched = [model for model in models if is_watched(model) and not narrow_names(model)]
    if not watched:
        return
    noted = _bulk.get()
    if noted is not None:
        noted["models"].update(watched)
        return
    bump = partial(bump_version, shared=any(changes_shared(model) for model in watched))
    # Now for this process and tests, and again after commit so a page
    # rendered from the old rows while the transaction ran is not kept.
    bump()
    transaction.on_commit(bump)
    purge_after_commit([SITE_KEY])


def _touch(names: list[str]) -> None:
    noted = _bulk.get()
    if noted is not None:
        noted["names"].update(names)
    else:
        touch(*names)


def _changed(sender: type[Model], **kwargs: Any) -> None:
    edited = edit_names(sender)
    if edited is not None and kwargs["signal"] is post_save and not kwargs.get("created"):
        touched = edited(kwargs["instance"])
        if touched is not None:
            _touch(touched)
            return
    names = narrow_names(sender)
    if names is not None:
        _touch(names(kwargs["instance"]))
        return
    pages_changed(sender)


def _m2m_changed(sender: type[Model], action: str, **kwargs: Any) -> None:
    # An empty add or remove changes nothing: taggit's `set()` sends both
    # on every save of the admin form, whether or not the tags changed.
    if action.startswith("post_") and kwargs.get("pk_set") != set():
        pages_changed(sender, type(kwargs["instance"]))


def connect_signals() -> None:
    """Invalidate cached pages whenever a watched model changes."""
    post_save.connect(_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="pagecache-m2m")
