"""What a story page shows of its comments: a page of threads, oldest first.

Two queries whatever the number of comments (the page's top-level
comments, one past the page to know whether another follows, then their
approved replies), none for a story nobody has commented on yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch

from articles.models import Article

from .models import Comment


@dataclass
class CommentsPage:
    """A page of a story's comment threads."""

    article: Article
    threads: list[Comment] = field(default_factory=list)
    number: int = 1
    has_next: bool = False

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
    number = _page_number(page)
    result = CommentsPage(article, number=number)
    if not article.comment_count:
        return result
    size = settings.COMMENTS_PER_PAGE
    replies = Comment.objects.approved().order_by("created_at", "pk")
    replies = replies.only("article_id", "parent_id", "name", "body", "status", "created_at")
    start = (number - 1) * size
    rows = list(
        Comment.objects.threads_of(article).prefetch_related(
            Prefetch("replies", queryset=replies, to_attr="shown_replies")
        )[start : start + size + 1]
    )
    result.threads, result.has_next = rows[:size], len(rows) > size
    return result
