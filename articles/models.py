"""Content models: sections, sources, articles, their quotes and tags.

The one rule readers depend on, which articles are live, is
`ArticleQuerySet.live_q()`; every public query goes through `live()` or
`for_listing()` so the rule is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from .body import split_blocks
from .images import validate_image_size
from .sanitize import clean_html

# Saves in the first minutes after publishing are typo fixes, not updates.
UPDATE_GRACE = timedelta(minutes=10)
# Related stories: how many tags and quoted sources are looked up, and how
# many of the latest stories per tag or source are candidates.
RELATED_LOOKUPS = 8
RELATED_CANDIDATES = 30


def unique_slug(model: type[models.Model], text: str, *, max_length: int = 255) -> str:
    """Return a slug for `text` that no row of `model` uses yet.

    Clashes get a numeric suffix (`ceasefire-2`); the slug is cut so the
    suffix still fits in the column.
    """
    base = slugify(text)[: max_length - 6].strip("-") or "untitled"
    taken = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class Section(models.Model):
    """A desk of the paper (News, Diaspora, Opinion): a page and a filter."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first in the menu.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section_detail", args=[self.slug])


class SourceQuerySet(models.QuerySet):
    def outlets(self) -> SourceQuerySet:
        """Return sources that can carry or credit copy (agencies, channels)."""
        return self.filter(kind=Source.Kind.OUTLET)

    def with_quote_counts(self) -> SourceQuerySet:
        """Annotate each source with `quote_count`, the quotes it is the speaker of."""
        return self.annotate(quote_count=Count("quotes", distinct=True))


class Source(models.Model):
    """Who is quoted or credited: a person, an organisation or an outlet."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organisation"
        OUTLET = "outlet", "Outlet (agency, channel, platform)"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    role = models.CharField(
        max_length=200,
        blank=True,
        help_text='Title or role as a story gives it, e.g. "Security Council Secretary".',
    )
    affiliation = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text="The organisation this person speaks for, or the parent of this body.",
    )
    url = models.URLField("URL", blank=True)
    description = models.TextField(blank=True)
    aliases = models.TextField(
        blank=True,
        help_text="Other names stories use for this source, one per line "
        '(e.g. "Ministry of Defense" for "Armenian Defense Ministry").',
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"], name="source_name"),
            models.Index(fields=["kind", "name"], name="source_kind_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Source, self.name, max_length=200)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:source_detail", args=[self.slug])

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class TaggedArticle(TaggedItemBase):
    """Tag links with a real foreign key, so tag pages join cheaply."""

    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = "tag link"


class ArticleQuerySet(models.QuerySet):
    @staticmethod
    def live_q(now: datetime | None = None) -> Q:
        """Return the condition for an article readers may see.

        Published and scheduled stories are live once their publish time has
        passed: a scheduled story goes live on time with no job to flip it.
        """
        return Q(
            status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
            publish_at__lte=now or timezone.now(),
        )

    def live(self) -> ArticleQuerySet:
        """Return articles readers may see, newest first."""
        return self.filter(self.live_q()).order_by("-publish_at", "-pk")

    def for_listing(self) -> ArticleQuerySet:
        """Load what a list of story cards shows, without the bodies."""
        return self.select_related("section", "credit").defer("body")

    def for_page(self) -> ArticleQuerySet:
        """Load an article with everything its page shows, in a fixed few queries."""
        return self.select_related("section", "credit").prefetch_related(
            models.Prefetch("quotes", queryset=Quote.objects.select_related("speaker", "via")),
            "tags",
            # Hook: the Correction model (another branch) is shown when it exists.
            *(["corrections"] if hasattr(Article, "corrections") else []),
        )

    def search(self, query: str) -> ArticleQuerySet:
        """Return stories matching a reader's query, headline matches first.

        Full-text on PostgreSQL and SQLite alike (see `articles/search.py`).
        """
        from .search import search

        return search(self, query)

    def related_to(self, article: Article) -> ArticleQuerySet:
        """Return other stories sharing a tag or a quoted source with `article`.

        Candidates are the latest RELATED_CANDIDATES stories linked to each
        tag and each quoted source (newest links first, read from the tag
        and speaker indexes), so the query costs the same for a story in a
        100,000-story archive as in a small one, however popular its tags.
        Uses the tags and quotes already loaded by `for_page()`.
        """
        tag_ids = sorted({tag.pk for tag in article.tags.all()})[:RELATED_LOOKUPS]
        speaker_ids = sorted({quote.speaker_id for quote in article.quotes.all()})
        speaker_ids = speaker_ids[:RELATED_LOOKUPS]
        if not (tag_ids or speaker_ids):
            return self.none()
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


class Article(models.Model):
    """A story: what the newsroom writes, edits, publishes and sends."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"

    class SignupPlacement(models.TextChoices):
        DEFAULT = "default", "Default: after paragraph 3 and at the end"
        AFTER_PARAGRAPH = "after", "After paragraph N and at the end"
        END_ONLY = "end", "At the end only"
        NONE = "none", "None"

    DEFAULT_SIGNUP_PARAGRAPH = 3

    headline = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=255,
        unique=True,
        blank=True,
        help_text="Part of the story's address. Made from the headline when left blank; "
        "changing the headline later never changes it.",
    )
    dek = models.TextField("dek", blank=True, help_text="The line under the headline.")
    byline = models.CharField(max_length=200, blank=True)
    dateline = models.CharField(
        max_length=100, blank=True, help_text='Place the story was filed from, e.g. "YEREVAN".'
    )
    credit = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credited_articles",
        limit_choices_to={"kind": Source.Kind.OUTLET},
        help_text="The wire service or partner whose copy this is, e.g. RFE/RL.",
    )
    hero_image = models.ImageField(
        upload_to="articles/%Y/%m/",
        blank=True,
        validators=[validate_image_size],
        width_field="hero_width",
        height_field="hero_height",
    )
    # Stored so pages can reserve the image's space before it loads.
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_caption = models.CharField("caption", max_length=300, blank=True)
    hero_credit = models.CharField("photo credit", max_length=200, blank=True)
    hero_alt = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the photo shows, for readers who cannot see it.",
    )
    body = models.TextField(
        blank=True,
        help_text="Paragraphs, subheads (h2/h3), bold, italic, links, lists and block quotes. "
        "Anything else is removed on save.",
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    tags = TaggableManager(through=TaggedArticle, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="Readers see the story from this time on, once it is published or scheduled.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    view_count = models.PositiveIntegerField(default=0, editable=False)
    is_featured = models.BooleanField(
        "featured", default=False, help_text="Lead the front page with this story."
    )
    signup_placement = models.CharField(
        "newsletter sign-up blocks",
        max_length=10,
        choices=SignupPlacement.choices,
        default=SignupPlacement.DEFAULT,
    )
    signup_after_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text='Used with "After paragraph N".',
    )
    # A hash of the plain text a story was imported from, so the same copy
    # imported twice is caught instead of making a second article.
    import_fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # Wire provenance: where republished copy first ran, and whether search
    # engines are pointed there (the partner's terms decide) or here.
    original_url = models.URLField(
        "original URL",
        max_length=500,
        blank=True,
        help_text="Where the wire or partner first published this story, when known.",
    )
    canonical_is_original = models.BooleanField(
        "canonical link to the original",
        default=False,
        help_text="Tell search engines the original is the main version "
        "(when the partner's terms ask for it).",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_status_publish"),
            models.Index(fields=["-publish_at"], name="article_publish"),
            models.Index(fields=["is_featured", "-publish_at"], name="article_featured"),
            models.Index(fields=["section", "-publish_at"], name="article_section"),
            models.Index(fields=["-view_count"], name="article_views"),
            models.Index(fields=["-updated_at"], name="article_updated"),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Article, self.headline)
        if self.status in {self.Status.PUBLISHED, self.Status.SCHEDULED} and not self.publish_at:
            # "Published" with no time means now, not "never visible".
            self.publish_at = timezone.now()
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:article_detail", args=[self.slug])

    # Workflow -----------------------------------------------------------

    @property
    def is_live(self) -> bool:
        return (
            self.status in {self.Status.PUBLISHED, self.Status.SCHEDULED}
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    def publish(self, *, at: datetime | None = None) -> None:
        """Publish now, or schedule for `at` (or the publish time already set).

        A publish time in the future makes the story scheduled; it goes live
        by itself when that time comes.
        """
        now = timezone.now()
        self.publish_at = at or self.publish_at or now
        self.status = self.Status.SCHEDULED if self.publish_at > now else self.Status.PUBLISHED
        self.save(update_fields=["status", "publish_at", "updated_at"])

    def unpublish(self) -> None:
        """Take the story off the site; it goes back to draft, nothing is lost."""
        self.status = self.Status.DRAFT
        self.save(update_fields=["status", "updated_at"])

    # Page content -------------------------------------------------------

    @property
    def body_html(self) -> SafeString:
        """Return the body, sanitised again on the way out."""
        return mark_safe(clean_html(self.body))

    @property
    def plain_dek(self) -> str:
        return strip_tags(self.dek)

    @cached_property
    def signup_paragraph(self) -> int | None:
        """Return the paragraph the in-story sign-up block follows, or None."""
        placement = self.signup_placement
        if placement == self.SignupPlacement.DEFAULT:
            return self.DEFAULT_SIGNUP_PARAGRAPH
        if placement == self.SignupPlacement.AFTER_PARAGRAPH:
            return self.signup_after_paragraph or self.DEFAULT_SIGNUP_PARAGRAPH
        return None

    @property
    def has_end_signup(self) -> bool:
        return self.signup_placement != self.SignupPlacement.NONE

    def body_segments(self) -> list[BodySegment]:
        """Return the body as blocks, with pull quotes and the sign-up slot placed.

        A pull quote follows the paragraph given as its position (or leads
        the body without one); the sign-up slot follows paragraph
        `signup_paragraph` and is left out when the story is shorter. The
        first paragraph is marked, so the page can run the dateline into it.
        """
        pull_quotes: dict[int, list[Quote]] = {}
        for quote in self.quotes.all():
            if quote.is_pull_quote:
                pull_quotes.setdefault(quote.position or 0, []).append(quote)
        segments = [BodySegment(pull_quote=q) for q in pull_quotes.get(0, [])]
        paragraphs = 0
        for block in split_blocks(clean_html(self.body)):
            opens_story = block.is_paragraph and paragraphs == 0
            segments.append(BodySegment(html=mark_safe(block.html), opens_story=opens_story))
            if block.is_paragraph:
                paragraphs += 1
                segments.extend(BodySegment(pull_quote=q) for q in pull_quotes.get(paragraphs, []))
                if paragraphs == self.signup_paragraph:
                    segments.append(BodySegment(signup=True))
        return segments

    def speakers(self) -> list[Source]:
        """Return the sources quoted in the story, in order of first quote."""
        seen: dict[int, Source] = {}
        for quote in self.quotes.all():
            seen.setdefault(quote.speaker_id, quote.speaker)
        return list(seen.values())

    @property
    def was_updated(self) -> bool:
        """Tell whether the story changed meaningfully after it went live."""
        if not self.publish_at:
            return False
        # A story entered after its publish time (backdated copy) was not updated.
        went_live = max(self.publish_at, self.created_at)
        return self.updated_at - went_live > UPDATE_GRACE


@dataclass(frozen=True)
class BodySegment:
    """A piece of the article page's body: HTML, a pull quote, or the sign-up slot."""

    html: str = ""
    pull_quote: Quote | None = None
    signup: bool = False
    # The first paragraph, where the dateline runs in as in print.
    opens_story: bool = False

    @property
    def inner_html(self) -> SafeString:
        """Return a paragraph's content without its `<p>` tags."""
        return mark_safe(self.html.removeprefix("<p>").removesuffix("</p>"))


class Quote(models.Model):
    """Verbatim words in a story, who said them and the outlet they came through."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="quotes")
    via = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relayed_quotes",
        help_text='The outlet the words came through: "told Today Public Television", '
        '"quoted by TASS", "wrote on Twitter".',
    )
    text = models.TextField("words", help_text="Verbatim, without the quotation marks.")
    position = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The paragraph of the story the quote appears in (1 is the first).",
    )
    is_pull_quote = models.BooleanField(
        "pull quote", default=False, help_text="Set the quote apart on the page."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["article", "order"], name="quote_article_order")]

    def __str__(self) -> str:
        words = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"“{words}” ({self.speaker.name})"
