"""Template tags for the public pages: the menu and hero pictures."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet

from ..models import Article, Section
from ..renditions import renditions

register = template.Library()


@register.simple_tag
def menu_sections() -> QuerySet[Section]:
    """Return the sections for the site menu, in editors' order."""
    return Section.objects.only("name", "slug")


@register.inclusion_tag("includes/hero_picture.html")
def hero_picture(
    article: Article, sizes: str, *, alt: str = "", loading: str = "lazy", priority: str = ""
) -> dict:
    """Render a story's hero image as `<picture>`: WebP and JPEG `srcset`s.

    Width and height are always set, so the page keeps the image's space
    while it loads; `loading="lazy"` for images below the fold.
    """
    image = article.hero_image
    jpeg = renditions(image.name, article.hero_width, article.hero_height, "jpg")
    return {
        "src": jpeg[-1].url if jpeg else image.url,
        "alt": alt,
        "width": article.hero_width,
        "height": article.hero_height,
        "webp": renditions(image.name, article.hero_width, article.hero_height, "webp"),
        "jpeg": jpeg,
        "sizes": sizes,
        "loading": loading,
        "priority": priority,
    }
