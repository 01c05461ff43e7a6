"""Sections: the desks of the paper, each a page and a filter."""

from __future__ import annotations

from django.db import models

from ..addresses import slug_url


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
        return slug_url("articles:section_detail", self.slug)
