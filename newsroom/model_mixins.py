"""A model mixin that remembers some fields as they were read from the database."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class LoadedValuesMixin:
    """Remember `loaded_fields` as last read or saved, so a save can tell what changed.

    A story logs a change of status and keeps its tag links' publish time in
    step; a subscriber stamps the time a status was reached. A new row, and a
    field that was deferred when the row was read, have no loaded value.
    List the mixin before `models.Model`.
    """

    loaded_fields: tuple[str, ...] = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_loaded()
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None) -> None:
        super().refresh_from_db(using, fields, from_queryset)
        self.remember_loaded(fields)

    def loaded_value(self, name: str) -> Any:
        """Return `name` as last read or saved, or None when there is none."""
        return self.__dict__.get("_loaded_values", {}).get(name)

    def remember_loaded(self, fields: Iterable[str] | None = None) -> None:
        """Take the present values of `fields` (all of `loaded_fields` by default) as loaded."""
        loaded = self.__dict__.setdefault("_loaded_values", {})
        for name in self.loaded_fields:
            if (fields is None or name in fields) and name in self.__dict__:
                loaded[name] = self.__dict__[name]
