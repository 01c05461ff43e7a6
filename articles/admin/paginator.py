"""The admin's paginator, which does not count a whole big table on every list.

`COUNT(*)` over 100,000 stories reads the whole table (PostgreSQL has no
cheap exact count). For an unfiltered list the paginator uses the
database's own row estimate instead: PostgreSQL's planner statistics, or
SQLite's largest rowid. Filtered lists, and tables small enough for the
estimate not to matter, are counted exactly.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Model, QuerySet
from django.utils.functional import cached_property

# Below this many rows an exact count is cheap and exact beats estimated.
EXACT_BELOW = 10_000


def estimated_rows(model: type[Model], using: str = "default") -> int | None:
    """Return the database's estimate of `model`'s row count, or None."""
    connection = connections[using]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [table]
            )
        elif connection.vendor == "sqlite":
            cursor.execute(f'SELECT max(rowid) FROM "{table}"')
        else:
            return None
        row = cursor.fetchone()
    # PostgreSQL says -1 before the table was first analysed.
    return row[0] if row and row[0] is not None and row[0] >= 0 else None


class EstimatedCountPaginator(Paginator):
    """Paginate with an estimated count when the list is a whole large table."""

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if isinstance(queryset, QuerySet) and not queryset.query.where:
            estimate = estimated_rows(queryset.model, queryset.db)
            if estimate is not None and estimate >= EXACT_BELOW:
                return estimate
        return super().count
