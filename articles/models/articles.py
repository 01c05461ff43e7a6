"""The story: its fields, the rules a save keeps, its workflow and what its page loads.

Which stories are live is a queryset rule (`querysets.py`); how the body is
laid out on the page is the reader site's (`reader/layout.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files import File
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from newsroom.model_mixins import LoadedValuesMixin

from ..addresses import slug_url
from ..body import BodyBlock, split_blocks
from ..media.models import Image, PlacedImage
from ..media.references import image_ids_in
from ..sanitize import clean_html
from .former_addresses import FormerAddress
from .querysets import ArticleQuerySet, page_parts
from .sections import Section
from .slugs import unique_slug
from .sources import Source
from .tags import TaggedArticle

# Saves in the first minutes after publishing are typo fixes, not updates.
UPDATE_GRACE = timedelta(minutes=10)
# Other stories listed under a story.
RELATED_STORIES = 4
# A publish time as the newsroom's pages and messages print it.
LONG_TIME = "j F Y, H:i"


# The page-cache name a story's own page and every card of it depend on, and
# the one any story's edit touches (for pages that do not name each story).
ANY_STORY = "stories"
# What decides which lists a story is in and where: a change of one of these
# makes every page stale, any other edit only the pages that show the story.
LISTED_BY = ("status", "publish_at", "section_id", "is_featured", "author_id")


def story_names(article_ids: Iterable[int]) -> list[str]:
    """Return the page-cache names of these stories (see `pagecache.dependencies`)."""
    return [f"story:{article_id}" for article_id in sorted(set(article_ids))]


class Article(LoadedValuesMixin, models.Model):
    """A story: what the newsroom writes, edits, publishes and sends."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    # Where a story may go from each status. Moves into or out of the
    # editorial statuses need the publish permission (Editors).
    TRANSITIONS = {
        Status.DRAFT: {Status.IN_REVIEW, Status.SCHEDULED, Status.PUBLISHED},
        Status.IN_REVIEW: {Status.DRAFT, Status.SCHEDULED, Status.PUBLISHED},
        Status.SCHEDULED: {Status.DRAFT, Status.PUBLISHED, Status.UNPUBLISHED},
        Status.PUBLISHED: {Status.UNPUBLISHED},
        Status.UNPUBLISHED: {Status.DRAFT, Status.IN_REVIEW, Status.SCHEDULED, Status.PUBLISHED},
    }
    EDITORIAL_STATUSES = {Status.SCHEDULED, Status.PUBLISHED, Status.UNPUBLISHED}
    # Statuses a story may have been read in: live, or taken down since.
    PUBLIC_STATUSES = {Status.PUBLISHED, Status.SCHEDULED, Status.UNPUBLISHED}
    # Statuses a contributor may still edit their own story in.
    WRITING_STATUSES = {Status.DRAFT, Status.IN_REVIEW}
    # How a sentence names each status ("this story is a draft"); scheduled
    # stories are named with their time (`status_phrase`).
    STATUS_PHRASES = {
        Status.DRAFT: "a draft",
        Status.IN_REVIEW: "in review",
        Status.SCHEDULED: "scheduled",
        Status.PUBLISHED: "published",
        Status.UNPUBLISHED: "unpublished",
    }

    class Comments(models.TextChoices):
        SECTION = "section", "As the section's default"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class SignupPlacement(models.TextChoices):
        DEFAULT = "default", "Default: after paragraph 3 and at the end"
        AFTER_PARAGRAPH = "after", "After paragraph N and at the end"
        END_ONLY = "end", "At the end only"
        NONE = "none", "None"

    headline = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=255,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text="Part of the story's address. Made from the headline when left blank; "
        "changing the headline later never changes it. Once the story is public, "
        "its old address redirects here when you change this.",
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
    hero = models.ForeignKey(
        "articles.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hero_of",
        verbose_name="hero image",
        help_text="A picture from the library, shown above the story and on its cards.",
    )
    # The story's own words for its hero, where they differ from the library's.
    hero_caption = models.CharField(
        "caption", max_length=300, blank=True, help_text="Leave empty to use the library's."
    )
    hero_credit = models.CharField(
        "photo credit", max_length=200, blank=True, help_text="Leave empty to use the library's."
    )
    hero_alt = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the photo shows, for readers who cannot see it. "
        "Leave empty to use the library's.",
    )
    body = models.TextField(
        blank=True,
        help_text="Paragraphs, subheads (h2/h3), bold, italic, links, lists and block quotes. "
        "Anything else is removed on save.",
    )
    # The library images the body shows, kept in step on save, so the
    # library can tell which stories use a picture.
    library_images = models.ManyToManyField(
        "articles.Image", blank=True, editable=False, related_name="stories"
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    tags = TaggableManager(through=TaggedArticle, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="Who wrote or filed the story; contributors edit only their own drafts.",
    )
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
    comment_policy = models.CharField(
        "readers' comments",
        max_length=10,
        choices=Comments.choices,
        default=Comments.SECTION,
        help_text="Comments close by themselves COMMENTS_CLOSE_AFTER_DAYS after publishing.",
    )
    # Approved comments, kept by the comments app in the transaction that
    # approves or removes one (`comments.models.CommentQuerySet.set_status`),
    # so story cards show it without counting.
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    # A hash of the plain text a story was imported from, so the same copy
    # imported twice is caught instead of making a second article.
    import_fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # Bumped on every save: a form carrying an older number was opened
    # before someone else saved, and must not silently overwrite their work.
    edit_version = models.PositiveIntegerField(default=1, editable=False)
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
    # What search results show where it should differ from the headline
    # and dek: a shorter title, a description written for the results page
    # (WordPress's Yoast SEO kept both; the import brings them over).
    seo_title = models.CharField(
        "title for search engines",
        max_length=255,
        blank=True,
        help_text="Shown in search results and the browser tab instead of the headline. "
        "Leave empty to use the headline.",
    )
    search_description = models.CharField(
        "description for search engines",
        max_length=300,
        blank=True,
        help_text="Shown under the title in search results and on shared links instead of "
        "the dek. Leave empty to use the dek.",
    )

    objects = ArticleQuerySet.as_manager()
    # A save logs a change of status, moves the tag links' publish time and
    # keeps a public story's old slug as a former address.
    loaded_fields = (
        "status",
        "publish_at",
        "slug",
        "body",
        "hero_id",
        *LISTED_BY[2:],
    )
    # Every save keeps a version editors can compare and restore; counters
    # and bookkeeping are left out so a page view is never a "change".
    history = HistoricalRecords(
        excluded_fields=["view_count", "comment_count", "edit_version", "import_fingerprint"]
    )

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
        permissions = [("publish_article", "Can publish, schedule and unpublish stories")]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, changed_by=None, **kwargs) -> None:
        """Save, keeping the rules; `changed_by` is recorded with a status change."""
        if not self.slug:
            self.slug = unique_slug(Article, self.headline)
        self._keep_publish_time_to_the_second()
        now = timezone.now()
        if self.status in {self.Status.PUBLISHED, self.Status.SCHEDULED} and not self.publish_at:
            # "Published" with no time means now, not "never visible".
            self.publish_at = now
        if self.status == self.Status.PUBLISHED and self.publish_at > now:
            self.status = self.Status.SCHEDULED
        self.body = clean_html(self.body)
        if self.pk:
            self.edit_version += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "edit_version", "updated_at"}
        elif not self._state.adding and not kwargs.get("force_insert"):
            # Readers' views and comments are counted by UPDATEs of their own
            # (see `article_viewed`): a save must not write back a count it read.
            kwargs["update_fields"] = self._fields_to_save()
        previous = self.loaded_value("status")
        adding = self._state.adding
        public_slug = self._public_slug_before()
        pictures_changed = self._pictures_changed(adding, kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        if pictures_changed and adding:
            # A new story has no links to read first; most show no picture.
            if pictures := self.library_image_ids():
                self.library_images.add(*pictures)
        elif pictures_changed:
            self.library_images.set(self.library_image_ids())
        if not adding:
            self._update_tag_links(kwargs.get("update_fields"))
        if public_slug and public_slug != self.slug:
            FormerAddress.remember(FormerAddress.Kind.ARTICLE, self, public_slug)
        if previous != self.status:
            from .workflow import StatusChange  # workflow.py imports this module

            StatusChange.objects.create(
                article=self,
                from_status=previous or "",
                to_status=self.status,
                changed_by=changed_by,
            )
        self.remember_loaded()

    def get_absolute_url(self) -> str:
        return slug_url("articles:article_detail", self.slug)

    def _keep_publish_time_to_the_second(self) -> None:
        # The admin shows and posts times to the second: a story re-saved
        # there keeps the stored time, fractions included, rather than
        # moving (and counting as rescheduled, which stales every page).
        loaded = self.loaded_value("publish_at")
        if loaded and self.publish_at and loaded.replace(microsecond=0) == self.publish_at:
            self.publish_at = loaded

    def names_touched_by_edit(self) -> list[str] | None:
        """Return the page-cache names the save just made touches, or None for every page.

        Called after a save of an existing story (`pagecache.registry.watch_edits()`,
        before the save remembers its new values). An edit that keeps the
        story in the same lists (headline, body, hero...) makes stale only the
        pages showing it; one of `LISTED_BY` (published, rescheduled, moved
        to a section, featured) changes lists, so every page.
        """
        loaded = self.__dict__.get("_loaded_values", {})
        for name in LISTED_BY:
            if name in self.__dict__ and (
                name not in loaded or loaded[name] != self.__dict__[name]
            ):
                return None
        return [*story_names([self.pk]), ANY_STORY]

    def _pictures_changed(self, adding: bool, update_fields) -> bool:
        # Whether the hero or the body may show other library images now.
        if adding:
            return True
        for name, loaded in (("body", "body"), ("hero", "hero_id")):
            if loaded not in self.__dict__:
                continue
            # update_fields may name a foreign key by field or by column.
            if update_fields is not None and not {name, loaded} & set(update_fields):
                continue
            if self.loaded_value(loaded) != getattr(self, loaded):
                return True
        return False

    def library_image_ids(self) -> list[int]:
        """Return the library images the story shows: its hero, then its body's."""
        ids = image_ids_in(self.body)
        return list(dict.fromkeys([self.hero_id, *ids] if self.hero_id else ids))

    def _fields_to_save(self) -> set[str]:
        # Loaded fields only, as Django's own save does for a deferred row.
        deferred = self.get_deferred_fields()
        return {
            field.attname
            for field in self._meta.concrete_fields
            if not field.primary_key and field.attname not in deferred
        } - {"view_count", "comment_count"}

    def _public_slug_before(self) -> str | None:
        # The slug as loaded, if readers could have followed a link to it:
        # the story was live, or had been (unpublished) when this save began.
        publish_at = self.loaded_value("publish_at")
        if self.loaded_value("status") not in self.PUBLIC_STATUSES or publish_at is None:
            return None
        return self.loaded_value("slug") if publish_at <= timezone.now() else None

    def _update_tag_links(self, update_fields: set[str] | None) -> None:
        # Tag pages order by the links' copy of the publish time (see
        # TaggedArticle); a new story has no links yet, and links made
        # later copy the time themselves.
        saved = update_fields is None or "publish_at" in update_fields
        if not saved or "publish_at" not in self.__dict__:
            return
        if self.publish_at != self.loaded_value("publish_at"):
            TaggedArticle.objects.filter(content_object=self).update(publish_at=self.publish_at)

    # Workflow -----------------------------------------------------------

    @property
    def is_live(self) -> bool:
        return (
            self.status in {self.Status.PUBLISHED, self.Status.SCHEDULED}
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def status_phrase(self) -> str:
        """Return the status as a sentence says it, after "this story is".

        "a draft", "in review", "scheduled for 3 December 2026, 18:45" (the
        publish time in the site's time zone), "published", "unpublished".
        A draft or story in review names its publish time when it has one.
        """
        phrase = self.STATUS_PHRASES[self.status]
        if self.publish_at is None:
            return phrase
        when = date_format(timezone.localtime(self.publish_at), LONG_TIME)
        if self.status in {self.Status.PUBLISHED, self.Status.SCHEDULED}:
            return "published" if self.is_live else f"scheduled for {when}"
        if self.status in self.WRITING_STATUSES:
            return f"{phrase}, with publish time {when}"
        return phrase

    def allowed_statuses(self, user) -> list[str]:
        """Return the statuses `user` may give this story, its current one first."""
        current = self.loaded_value("status") or self.Status.DRAFT
        can_publish = user.has_perm("articles.publish_article")
        if current in self.EDITORIAL_STATUSES and not can_publish:
            return [current]
        targets = self.TRANSITIONS.get(current, set())
        if not can_publish:
            targets = targets - self.EDITORIAL_STATUSES
        return [current] + [status for status in self.Status.values if status in targets]

    def can_move_to(self, status: str, user) -> bool:
        """Tell whether `user` may change this story's status to `status`."""
        return status in self.allowed_statuses(user)

    def publish(self, *, at: datetime | None = None, by=None) -> None:
        """Publish now, or schedule for `at` (or the publish time already set).

        A publish time in the future makes the story scheduled; it goes live
        by itself when that time comes.
        """
        now = timezone.now()
        self.publish_at = at or self.publish_at or now
        self.status = self.Status.SCHEDULED if self.publish_at > now else self.Status.PUBLISHED
        self.save(update_fields=["status", "publish_at"], changed_by=by)

    def unpublish(self, *, by=None) -> None:
        """Take the story off the site; nothing is lost and it can come back."""
        self.status = self.Status.UNPUBLISHED
        self.save(update_fields=["status"], changed_by=by)

    def submit_for_review(self, *, by=None) -> None:
        """Hand a draft to the editors."""
        self.status = self.Status.IN_REVIEW
        self.save(update_fields=["status"], changed_by=by)

    @property
    def comments_open(self) -> bool:
        """Tell whether readers may comment on the story now.

        Only on a live story; "As the section's default" follows the
        section's setting (open without a section), and every story closes
        COMMENTS_CLOSE_AFTER_DAYS after its publish time (0: never).
        """
        if not self.is_live or self.comment_policy == self.Comments.CLOSED:
            return False
        follows_section = self.comment_policy == self.Comments.SECTION and self.section_id
        if follows_section and not self.section.comments_open:
            return False
        days = settings.COMMENTS_CLOSE_AFTER_DAYS
        return not (days and timezone.now() - self.publish_at > timedelta(days=days))

    # Page content -------------------------------------------------------

    @property
    def body_html(self) -> SafeString:
        """Return the body, sanitised again on the way out."""
        return mark_safe(clean_html(self.body))

    @cached_property
    def body_blocks(self) -> list[BodyBlock]:
        """Return the sanitised body's top-level blocks, parsed once per loaded story.

        A story page reads them twice, for its layout and for the embeds its
        frame-src allows: parsing the body again cost about 1.4 ms of a cold
        render (`bench/cold_renders.py --profile`).
        """
        return split_blocks(clean_html(self.body))

    def hero_from_upload(self, upload: File, *, by=None) -> Image:
        """Make a photo uploaded with the story its hero, through the library.

        The story's caption, credit and alt text go with it into the library
        and are no longer the story's own, so a later edit of the picture in
        the library shows here too. Saving the story is the caller's.
        """
        image = Image(
            title=self.headline[:255] or "Photo",
            caption=self.hero_caption,
            credit=self.hero_credit,
            alt_text=self.hero_alt,
            uploaded_by=by,
        )
        image.file.save(upload.name, upload, save=False)
        image.save()
        self.hero = image
        self.hero_caption = self.hero_credit = self.hero_alt = ""
        return image

    @cached_property
    def hero_placed(self) -> PlacedImage | None:
        """Return the hero as the story shows it: the story's words where it
        gives them, the library's where not; None without a hero."""
        if not self.hero_id:
            return None
        return self.hero.placed(
            caption=self.hero_caption, credit=self.hero_credit, alt_text=self.hero_alt
        )

    @cached_property
    def plain_dek(self) -> str:
        return strip_tags(self.dek)

    @property
    def title_for_search(self) -> str:
        """Return the title search results and shared links show: the SEO title or headline."""
        return self.seo_title or self.headline

    @property
    def description_for_search(self) -> str:
        """Return the description search results show: the one written for them, or the dek."""
        return self.search_description or self.plain_dek or self.headline

    @property
    def cache_key(self) -> str:
        """Name the story as last saved, for caches of what its page shows.

        Changes with every save and every correction (both write
        `updated_at`). What the story shows from other rows (quotes,
        sources, tags, section) is not in it: see `pagecache.state`.
        """
        return f"article-{self.pk}-{self.updated_at.timestamp()}"

    def with_page_parts(self) -> Article:
        """Load the quotes, tags and corrections the page shows, once; return self.

        For a story loaded with `for_page_row()`, when a page finds it
        needs them (the templates' fragment caches); a no-op after
        `for_page()`.
        """
        prefetch_related_objects([self], *page_parts())
        return self

    def related_stories(self) -> list[Article]:
        """Return up to RELATED_STORIES other live stories sharing a tag or speaker."""
        live = Article.objects.live().for_listing()
        return list(live.related_to(self)[:RELATED_STORIES])

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
