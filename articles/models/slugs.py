"""Slugs made from titles, unique per model."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify


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
