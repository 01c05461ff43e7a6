"""Pagination that does not count a whole big table on every page view.

`COUNT(*)` over 100,000 stories reads the whole table (PostgreSQL has no
cheap exact count). For an unfiltered list the paginator uses the
database's own row estimate instead: PostgreSQL's planner statistics, or
SQLite's largest rowid. Filtered lists, and tables small enough for the
estimate not to matter, are counted exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import cached_property

# Below this many rows an exact count is cheap and exact beats estimated.
EXACT_BELOW = 10_000


def estimated_rows(model: type, using: str = "default") -> int | None:
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
        if hasattr(queryset, "query") and not queryset.query.where:
            estimate = estimated_rows(queryset.model, queryset.db)
            if estimate is not None and estimate >= EXACT_BELOW:
                return estimate
        return super().count


@dataclass
class ListPage(Sequence):
    """One page of a story list, found without counting the whole list.

    Reads one row more than a page to know whether an older page exists,
    so a list of 100,000 stories costs the same as one of 1,000. Templates
    use it like Django's `Page`, less the total (`paginator` is None).
    """

    object_list: list
    number: int
    next_exists: bool
    paginator: None = None

    def __getitem__(self, index):
        return self.object_list[index]

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self.next_exists

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def list_page(queryset: QuerySet, page: str | None, per_page: int) -> ListPage:
    """Return page `page` (1 when missing or not a number) of `queryset`.

    A page past the end raises Http404; page 1 of an empty list is empty.
    """
    try:
        number = max(1, int(page or 1))
    except ValueError:
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if number > 1 and not rows:
        raise Http404("No such page")
    return ListPage(rows[:per_page], number, len(rows) > per_page)
