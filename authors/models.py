"""Authors, their links, and the bylines that put them on stories.

Imports go one way: this module uses `names` and the content models
(`articles.models`); the story querysets import `Byline` inside their
methods to load bylines with a page (`articles.models.querysets`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch

from articles.addresses import slug_url
from articles.models import FormerAddress
from articles.models.slugs import unique_slug
from newsroom.model_mixins import LoadedValuesMixin

from .names import name_key


class AuthorQuerySet(models.QuerySet):
    def staff(self) -> AuthorQuerySet:
        """Return the newsroom's own writers, by name."""
        return self.filter(kind=Author.Kind.STAFF).order_by("name")

    def with_story_counts(self) -> AuthorQuerySet:
        """Annotate each author with `story_count`, the stories they have a byline on."""
        return self.annotate(story_count=Count("bylines__article", distinct=True))

    def named(self, name: str) -> AuthorQuerySet:
        """Return authors whose name is `name`, ignoring case, accents and spacing."""
        return self.filter(name_key=name_key(name))

    def found_or_made(self, name: str) -> Author:
        """Return the author named `name` (see `named()`), made if there is none."""
        return self.named(name).order_by("pk").first() or self.create(name=name[:200])

    def for_page(self) -> AuthorQuerySet:
        """Load an author with the photo and links their page shows."""
        return self.select_related("photo").prefetch_related("links")


class Author(LoadedValuesMixin, models.Model):
    """Someone stories are by: a staff writer or a guest contributor.

    A guest contributor is an author without an account, not a login made
    up for them. The e-mail address is for the newsroom, never for readers.
    """

    class Kind(models.TextChoices):
        STAFF = "staff", "Staff"
        CONTRIBUTOR = "contributor", "Contributor"

    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text="Part of the author page's address. Made from the name when left blank.",
    )
    # What name matching compares (`names.name_key`): the importer and the
    # byline migration find "TALIN MARDIROSSIAN" as Talin Mardirossian.
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STAFF)
    role = models.CharField(
        "role or title",
        max_length=200,
        blank=True,
        help_text='As the author page prints it, e.g. "Yerevan correspondent".',
    )
    bio = models.TextField("short bio", blank=True)
    photo = models.ForeignKey(
        "articles.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_photos",
    )
    email = models.EmailField(
        "e-mail", blank=True, help_text="For the newsroom only: never shown to readers."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_record",
        help_text="The staff account of this author, if they have one.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuthorQuerySet.as_manager()
    # A changed slug is kept as a former address: author pages are public.
    loaded_fields = ("slug",)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"], name="author_kind_name")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Save, filling in the slug from the name and the name's matching key.

        A changed slug leaves a former address, so links to the author's
        page and feeds at the old one keep working.
        """
        if not self.slug:
            self.slug = unique_slug(Author, self.name, max_length=200)
        self.name_key = name_key(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        before = self.loaded_value("slug")
        super().save(*args, **kwargs)
        if before and before != self.slug:
            FormerAddress.remember(FormerAddress.Kind.AUTHOR, self, before)
        self.remember_loaded()

    def get_absolute_url(self) -> str:
        return slug_url("articles:author_detail", self.slug)


class AuthorLink(models.Model):
    """One of an author's pages elsewhere: a site or a social profile."""

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=100, help_text='How the link reads, e.g. "Mastodon".')
    url = models.URLField("URL")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def web_url(self) -> str:
        """Return `url` when it is an http(s) address, else an empty string."""
        scheme = urlsplit("".join(self.url.split())).scheme.lower()
        return self.url if scheme in {"http", "https"} else ""


class Byline(models.Model):
    """An author credited on a story, in its place among the story's bylines."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="bylines"
    )
    # An author with stories is not deleted from under them.
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(
        max_length=100, blank=True, help_text='Printed before the name, e.g. "Photos by".'
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["author", "article"], name="byline_author_article")]

    def __str__(self) -> str:
        return f"{self.role} {self.author}".strip()


def bylines_prefetch() -> Prefetch:
    """Return the lookup loading stories' bylines with their authors, in order.

    With the authors' photos: structured data names each author's picture.
    """
    return Prefetch("bylines", queryset=Byline.objects.select_related("author__photo"))
