"""Template tags for the public pages: the menu, hero pictures, JSON-LD."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .. import furniture
from ..models import Article, Section
from ..renditions import picture
from ..structured_data import article_jsonld, canonical_url, jsonld_script_body

register = template.Library()


@register.simple_tag
def menu_sections() -> list[Section]:
    """Return the sections for the site menu (no query while nothing changes)."""
    return furniture.menu_sections()


# Markup built here rather than in an included template: it is drawn for
# every card, and an inclusion tag cost more than the picture's sources.
_SOURCES = (
    '\n  <source type="image/webp" srcset="{}" sizes="{}">'
    '\n  <source type="image/jpeg" srcset="{}" sizes="{}">'
)
_IMG = (
    '\n  <img src="{}" alt="{}" width="{}" height="{}" loading="{}" decoding="async"{}>'
    "\n</picture>\n"
)


@register.simple_tag
def hero_picture(
    article: Article, sizes: str, *, alt: str = "", loading: str = "lazy", priority: str = ""
) -> SafeString:
    """Render a story's hero image as `<picture>`: WebP and JPEG `srcset`s.

    Width and height are always set, so the page keeps the image's space
    while it loads; `loading="lazy"` for images below the fold. Every
    value is escaped (`format_html`).
    """
    sources = picture(article.hero_image, article.hero_width, article.hero_height)
    html = "<picture>"
    if sources.webp_srcset:
        html += format_html(_SOURCES, sources.webp_srcset, sizes, sources.jpeg_srcset, sizes)
    fetch = format_html(' fetchpriority="{}"', priority) if priority else ""
    img = format_html(
        _IMG, sources.src, alt, article.hero_width, article.hero_height, loading, fetch
    )
    return mark_safe(html + img)


@register.simple_tag
def article_structured_data(article: Article) -> SafeString:
    """Return the story's JSON-LD, ready for a `<script type="application/ld+json">`."""
    return jsonld_script_body(article_jsonld(article))


@register.simple_tag
def article_canonical_url(article: Article) -> str:
    """Return the address search engines should index the story under."""
    return canonical_url(article)
