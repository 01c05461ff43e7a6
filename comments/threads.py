"""What a story page shows of its comments: a page of threads, oldest first.

Two queries whatever the number of comments (the page's top-level
comments, one past the page to know whether another follows, then their
approved replies), none for a story nobody has commented on yet, and none
when the page's comments come from the fragment cache: the threads are read
only when the template first asks for them.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db.models import Prefetch

from articles.models import Article
from pagecache.dependencies import last_touched

from .models import Comment, page_names


class CommentsPage:
    """A page of a story's comment threads, read on first use."""

    def __init__(self, article: Article, number: int = 1) -> None:
        self.article = article
        self.number = number
        # Read before the rows are: a fragment kept under this key was built
        # from rows read after the change it names, never before (see
        # `fragment_key`).
        self._touched = last_touched(page_names([article.pk])) if article.comment_count else None

    @property
    def fragment_key(self) -> str:
        """What the rendered comments are kept under in the fragment cache.

        It changes whenever the story's comments do: each approval, removal
        or edit touches the story's comments name (`pagecache.dependencies`),
        and the count and the page number are part of it too.
        """
        return f"{self.article.comment_count}:{self._touched}:{self.number}"

    @cached_property
    def _rows(self) -> list[Comment]:
        if not self.article.comment_count:
            return []
        size = settings.COMMENTS_PER_PAGE
        replies = Comment.objects.approved().order_by("created_at", "pk")
        replies = replies.only("article_id", "parent_id", "name", "body", "status", "created_at")
        start = (self.number - 1) * size
        return list(
            Comment.objects.threads_of(self.article).prefetch_related(
                Prefetch("replies", queryset=replies, to_attr="shown_replies")
            )[start : start + size + 1]
        )

    @property
    def threads(self) -> list[Comment]:
        """The page's top-level comments, each with its ``shown_replies``."""
        return self._rows[: settings.COMMENTS_PER_PAGE]

    @property
    def has_next(self) -> bool:
        return len(self._rows) > settings.COMMENTS_PER_PAGE

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def _page_number(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def comments_page(article: Article, page: str | None = None) -> CommentsPage:
    """Return page `page` (from ``?comments=``) of `article`'s threads.

    A bad or missing page number is the first page; one past the end is
    an empty page.
    """
    return CommentsPage(article, number=_page_number(page))
