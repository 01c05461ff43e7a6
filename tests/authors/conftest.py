"""Factories for authors and bylines."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

import pytest

from articles.models import Article
from authors.models import Author, Byline

_serial = count(1)


@pytest.fixture
def make_author(db) -> Callable[..., Author]:
    def make(name: str | None = None, **fields) -> Author:
        return Author.objects.create(name=name or f"Writer Number{next(_serial)}", **fields)

    return make


@pytest.fixture
def add_bylines() -> Callable[..., list[Byline]]:
    """Put `authors` on `article` in the order given, after any it has."""

    def add(article: Article, *authors: Author, role: str = "") -> list[Byline]:
        start = article.bylines.count()
        return [
            Byline.objects.create(article=article, author=author, role=role, position=start + n)
            for n, author in enumerate(authors)
        ]

    return add
