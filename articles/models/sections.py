"""Sections: the desks of the paper, each a page and a filter."""

from __future__ import annotations

from django.db import models

from newsroom.model_mixins import LoadedValuesMixin

from ..addresses import slug_url
from .former_addresses import FormerAddress


class Section(LoadedValuesMixin, models.Model):
    """A desk of the paper (News, Diaspora, Opinion): a page and a filter."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first in the menu.")
    comments_open = models.BooleanField(
        "comments open by default",
        default=True,
        help_text="Stories set to follow their section take readers' comments.",
    )

    # A changed slug is kept as a former address: section pages are public.
    loaded_fields = ("slug",)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        before = self.loaded_value("slug")
        super().save(*args, **kwargs)
        if before and before != self.slug:
            FormerAddress.remember(FormerAddress.Kind.SECTION, self, before)
        self.remember_loaded()

    def get_absolute_url(self) -> str:
        return slug_url("articles:section_detail", self.slug)
