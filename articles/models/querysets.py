"""Article querysets: which stories are live, and what a page loads with them.

`articles.py` builds `Article.objects` from `ArticleQuerySet`, so the models
this module needs are imported inside the methods (as Wagtail's query.py
does), never at the top.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Min, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from .search import search

if TYPE_CHECKING:
    from taggit.models import Tag

    from .articles import Article

# Related stories: how many tags and quoted sources are looked up, and how
# many of the latest stories per tag or source are candidates.
RELATED_LOOKUPS = 8
RELATED_CANDIDATES = 30
# What a story card (`includes/article_card.html`) shows. The hero image's
# size comes with it: a deferred size would cost a query per card.
CARD_FIELDS = (
    "headline",
    "slug",
    "dek",
    "byline",
    "publish_at",
    "hero",
    "hero__file",
    "hero__width",
    "hero__height",
    "hero__focal_x",
    "hero__focal_y",
    "hero__renditions_for",
    "section__name",
    "section__slug",
    "credit__name",
    "comment_count",
)


def page_parts() -> list[str | models.Prefetch]:
    """Return the lookups that load what a story's page shows beyond its row.

    Its bylines (with their authors), quotes (with speaker and outlet),
    tags and corrections, for `prefetch_related()` or
    `prefetch_related_objects()`.
    """
    from authors.models import bylines_prefetch

    from .quotes import Quote

    quotes = models.Prefetch("quotes", queryset=Quote.objects.select_related("speaker", "via"))
    return [bylines_prefetch(), quotes, "tags", "corrections"]


class ArticleQuerySet(models.QuerySet):
    @staticmethod
    def live_q(now: datetime | None = None) -> Q:
        """Return the condition for an article readers may see.

        Published and scheduled stories are live once their publish time has
        passed: a scheduled story goes live on time with no job to flip it.
        """
        from .articles import Article

        return Q(
            status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
            publish_at__lte=now or timezone.now(),
        )

    def live(self) -> ArticleQuerySet:
        """Return articles readers may see, newest first."""
        return self.filter(self.live_q()).order_by("-publish_at", "-pk")

    def for_listing(self) -> ArticleQuerySet:
        """Load what a list of story cards shows, and nothing else.

        Anything else a page needs must be asked for (`defer(None)` loads
        every column), or each story costs a query when it is read. The
        bylines come in one query for the whole list, however many.
        """
        from authors.models import bylines_prefetch

        listing = self.select_related("section", "credit", "hero").only(*CARD_FIELDS)
        return listing.prefetch_related(bylines_prefetch())

    def for_links(self) -> ArticleQuerySet:
        """Load what a list of links to stories shows: headlines and slugs."""
        return self.only("headline", "slug")

    def tagged(self, tag: Tag) -> ArticleQuerySet:
        """Return stories with `tag`, newest first.

        Ordered by the tag links' copy of the publish time (the same order
        as `live()`), so the database walks the tag's (tag, publish time)
        index and stops after a page instead of sorting every story with
        the tag: a popular tag costs the same in a 100,000-story archive as
        in a small one.
        """
        return self.filter(tagged_items__tag=tag).order_by(
            "-tagged_items__publish_at", "-tagged_items__content_object_id"
        )

    def for_page(self) -> ArticleQuerySet:
        """Load an article with everything its page shows, in a fixed few queries."""
        return self.for_page_row().prefetch_related(*page_parts())

    def for_page_row(self) -> ArticleQuerySet:
        """Load an article's row for its page, leaving the parts to load later.

        For a page that may not need them: `Article.with_page_parts()`
        loads them when they are wanted.
        """
        return self.select_related("section", "credit", "hero")

    def search(self, query: str) -> ArticleQuerySet:
        """Return stories matching a reader's query, headline matches first.

        Full-text on PostgreSQL and SQLite alike (see `search.py`).
        """
        return search(self, query)

    def related_to(self, article: Article) -> ArticleQuerySet:
        """Return other stories sharing a tag or a quoted source with `article`.

        Candidates are the latest RELATED_CANDIDATES stories linked to each
        tag and each quoted source (newest links first, read from the tag
        and speaker indexes), so the query costs the same for a story in a
        100,000-story archive as in a small one, however popular its tags.
        Uses the tags and quotes loaded by `for_page()` when they are.
        """
        tag_ids = sorted({tag.pk for tag in article.tags.all()})[:RELATED_LOOKUPS]
        speaker_ids = sorted({quote.speaker_id for quote in article.quotes.all()})
        speaker_ids = speaker_ids[:RELATED_LOOKUPS]
        if not (tag_ids or speaker_ids):
            return self.none()
        from .articles import TaggedArticle
        from .quotes import Quote

        tagged = TaggedArticle._meta.db_table
        quotes = Quote._meta.db_table
        parts = [
            f"SELECT * FROM (SELECT content_object_id AS id FROM {tagged} "
            f"WHERE tag_id = %s ORDER BY {tagged}.id DESC LIMIT {RELATED_CANDIDATES}) AS t{n}"
            for n, _ in enumerate(tag_ids)
        ] + [
            f"SELECT * FROM (SELECT article_id AS id FROM {quotes} "
            f"WHERE speaker_id = %s ORDER BY {quotes}.id DESC LIMIT {RELATED_CANDIDATES}) AS s{n}"
            for n, _ in enumerate(speaker_ids)
        ]
        candidates = RawSQL(" UNION ALL ".join(parts), [*tag_ids, *speaker_ids])
        # Ordered by an expression, not the indexed column: otherwise SQLite
        # walks every story by publish time looking for the few candidates.
        newest = Coalesce("publish_at", "created_at").desc()
        return self.filter(pk__in=candidates).exclude(pk=article.pk).order_by(newest, "-pk")

    def most_read(self, *, days: int = 7) -> ArticleQuerySet:
        """Return stories published in the last `days` days, most viewed first."""
        since = timezone.now() - timedelta(days=days)
        return self.filter(publish_at__gte=since).order_by("-view_count", "-publish_at")

    def next_publish_time(self) -> datetime | None:
        """Return the soonest publish time still to come, or None.

        Any status: the page cache asks for it (a spare invalidation at a
        draft's publish time costs one render and keeps `live_q()` the one
        rule of what is live).
        """
        return self.filter(publish_at__gt=timezone.now()).aggregate(next=Min("publish_at"))["next"]
