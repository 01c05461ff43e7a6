"""Sources: the people, organisations and outlets stories quote or credit."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import models
from django.db.models import Count
from simple_history.models import HistoricalRecords

from newsroom.model_mixins import LoadedValuesMixin

from ..addresses import slug_url
from .former_addresses import FormerAddress
from .slugs import unique_slug


class SourceQuerySet(models.QuerySet):
    def with_quote_counts(self) -> SourceQuerySet:
        """Annotate each source with `quote_count`, the quotes it is the speaker of."""
        return self.annotate(quote_count=Count("quotes", distinct=True))


class Source(LoadedValuesMixin, models.Model):
    """Who is quoted or credited: a person, an organisation or an outlet."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organisation"
        OUTLET = "outlet", "Outlet (agency, channel, platform)"

    # What readers' pages call each kind: the labels above explain the kinds
    # to editors choosing one; a page's kicker needs only the word.
    KIND_NAMES = {Kind.PERSON: "Person", Kind.ORGANIZATION: "Organisation", Kind.OUTLET: "Outlet"}

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
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
    history = HistoricalRecords()
    # A changed slug is kept as a former address: source pages are public.
    loaded_fields = ("slug",)

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
        before = self.loaded_value("slug")
        super().save(*args, **kwargs)
        if before and before != self.slug:
            FormerAddress.remember(FormerAddress.Kind.SOURCE, self, before)
        self.remember_loaded()

    def get_absolute_url(self) -> str:
        return slug_url("articles:source_detail", self.slug)

    @property
    def kind_name(self) -> str:
        """Return the kind in one word, as readers' pages print it ("Outlet")."""
        return self.KIND_NAMES.get(self.kind, self.get_kind_display())

    @property
    def web_url(self) -> str:
        """Return `url` when it is an http(s) address, else an empty string.

        The admin's URL field refuses other schemes; this keeps a
        `javascript:` link written by any other path off the page.
        """
        scheme = urlsplit("".join(self.url.split())).scheme.lower()
        return self.url if scheme in {"http", "https"} else ""

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]
