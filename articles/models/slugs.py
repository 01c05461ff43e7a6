"""The one rule that turns a name into an address, and slugs unique per model.

Slugs keep the letters of every script: "Երևան" is `երեւան`, "Kemal Aydoğan"
`kemal-aydoğan`, "Афины" `афины`, served as such and percent-encoded on the
wire, as WordPress and Wagtail do. A transliteration would give readers of
an Armenian paper addresses they cannot read, and no two systems agree on
one. The text is NFKC-normalised first, so a ligature and its letters make
one slug (`և` is `եւ`), then lower-cased; anything but letters, digits,
hyphens and underscores is dropped. A name of emoji alone, which would
leave nothing, is named by its symbols ("🎉" is `party-popper`).

Stories, sources, sections and tags all follow it: taggit makes the same
slugs (`slugify(allow_unicode=True)`), and `_tag_slug` below fills in the
ones it leaves empty. URL patterns take them with the `uslug` converter
(`articles/addresses.py`).
"""

from __future__ import annotations

import unicodedata

from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify
from taggit.models import Tag

FALLBACK = "untitled"


def slug_for(text: str) -> str:
    """Return `text` as an address part, by the project's slug rule.

    An empty string when `text` has no letter, digit or symbol at all
    (punctuation only, or blank).
    """
    slug = slugify(text, allow_unicode=True)
    if not slug:
        symbols = (
            unicodedata.name(char, "") for char in text if unicodedata.category(char) == "So"
        )
        slug = slugify(" ".join(symbols))
    return slug


def unique_slug(model: type[models.Model], text: str, *, max_length: int = 255) -> str:
    """Return a slug for `text` that no row of `model` uses yet.

    Clashes get a numeric suffix (`ceasefire-2`); the slug is cut so the
    suffix still fits in the column.
    """
    base = slug_for(text)[: max_length - 6].strip("-_") or FALLBACK
    taken = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@receiver(pre_save, sender=Tag, dispatch_uid="tag-slug-rule")
def _tag_slug(sender: type[Tag], instance: Tag, **kwargs: object) -> None:
    # taggit slugifies as the rule does, but a name with no letters gets the
    # slug "" (then "_1", "_2" on clashes): no page could be linked to it.
    if instance._state.adding and not instance.slug.strip("_0123456789"):
        instance.slug = unique_slug(Tag, instance.name, max_length=100)
