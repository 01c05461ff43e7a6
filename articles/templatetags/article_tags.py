"""Template tags for the public pages: the menu, hero pictures, JSON-LD."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from .. import furniture
from ..models import Article, Section
from ..renditions import picture
from ..structured_data import article_jsonld, canonical_url, jsonld_script_body

register = template.Library()


@register.simple_tag
def menu_sections() -> list[Section]:
    """Return the sections for the site menu (no query while nothing changes)."""
    return furniture.menu_sections()


@register.inclusion_tag("includes/hero_picture.html")
def hero_picture(
    article: Article, sizes: str, *, alt: str = "", loading: str = "lazy", priority: str = ""
) -> dict:
    """Render a story's hero image as `<picture>`: WebP and JPEG `srcset`s.

    Width and height are always set, so the page keeps the image's space
    while it loads; `loading="lazy"` for images below the fold.
    """
    sources = picture(article.hero_image, article.hero_width, article.hero_height)
    return {
        "src": sources.src,
        "alt": alt,
        "width": article.hero_width,
        "height": article.hero_height,
        "webp_srcset": sources.webp_srcset,
        "jpeg_srcset": sources.jpeg_srcset,
        "sizes": sizes,
        "loading": loading,
        "priority": priority,
    }


@register.simple_tag
def article_structured_data(article: Article) -> SafeString:
    """Return the story's JSON-LD, ready for a `<script type="application/ld+json">`."""
    return jsonld_script_body(article_jsonld(article))


@register.simple_tag
def article_canonical_url(article: Article) -> str:
    """Return the address search engines should index the story under."""
    return canonical_url(article)
