"""Template tags for the public pages: the menu, hero pictures, JSON-LD."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.template import defaultfilters
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .. import furniture
from ..addresses import fixed_url, slug_url
from ..models import Article, Section
from ..renditions import picture
from ..structured_data import article_jsonld, canonical_url, jsonld_script_body

register = template.Library()

# The two dates lists print for every story: a `<time datetime>` value and
# the date readers see.
TIME_DATETIME = "Y-m-d\\TH:i:sO"
LONG_DATE = "j F Y"


@register.simple_tag
def page_url(viewname: str, slug: str | None = None) -> str:
    """Return what ``{% url viewname slug %}`` does, for no argument or one slug.

    Each URL pattern is reversed once (see `articles/addresses.py`): the
    masthead, footer and cards link the same few patterns on every page.
    """
    return fixed_url(viewname) if slug is None else slug_url(viewname, slug)


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


def _has_plain_offset(value: object) -> bool:
    # Django's `date` leaves out the offset of a naive time, or of one a
    # clock change makes ambiguous or impossible: those go to `date`.
    return (
        isinstance(value, datetime)
        and value.tzinfo is not None
        and value.utcoffset() == value.replace(fold=not value.fold).utcoffset()
    )


@register.filter(expects_localtime=True)
def time_datetime(value: datetime | None) -> str:
    """Return ``value|date:"Y-m-d\\TH:i:sO"``, for a `<time datetime>` attribute.

    Lists print two dates a story, and `date` parses its format string
    each time; this writes the one format directly (the same text), and
    leaves what it does not cover to `date`.
    """
    if not _has_plain_offset(value):
        return defaultfilters.date(value, TIME_DATETIME)
    offset = value.utcoffset()
    seconds = offset.days * 86400 + offset.seconds
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        f"T{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
        f"{sign}{seconds // 3600:02d}{seconds // 60 % 60:02d}"
    )


@register.filter(expects_localtime=True)
def long_date(value: datetime | None) -> str:
    """Return ``value|date:"j F Y"`` ("5 March 2026"), without parsing a format."""
    if not isinstance(value, date):
        return defaultfilters.date(value, LONG_DATE)
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"
