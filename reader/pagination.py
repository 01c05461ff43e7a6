"""Story lists paged without counting them.

Readers' lists (front page, tag, section, source, search) only ever offer
"older" and "newer": `list_page()` reads one row more than a page to know
whether an older page exists, so a list of 100,000 stories costs the same
as one of 1,000.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404


@dataclass
class ListPage(Sequence[Any]):
    """One page of a story list, found without counting the whole list.

    Reads one row more than a page to know whether an older page exists,
    so a list of 100,000 stories costs the same as one of 1,000. Templates
    use it like Django's `Page`, less the total (`paginator` is None).
    """

    object_list: list[Any]
    number: int
    next_exists: bool
    paginator: None = None

    def __getitem__(self, index: Any) -> Any:
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
