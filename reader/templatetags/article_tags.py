"""Template tags for the public pages: the menu, story layout, hero pictures, JSON-LD."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django import template
from django.template import defaultfilters
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString

from articles.addresses import fixed_url, slug_url
from articles.media.renditions import Picture, card_picture, picture
from articles.models import Article, Image, Section, story_names
from authors.credits import Credit, story_credits
from authors.models import Author
from newsroom.site import absolute_url
from pagecache.dependencies import depends_on

from .. import furniture
from ..layout import StoryLayout, story_layout
from ..structured_data import article_jsonld, canonical_url, jsonld_script_body

register = template.Library()


@register.simple_tag(takes_context=True)
def page_shows(context: template.Context, stories: Article | Iterable[Article]) -> str:
    """Record that the page being built shows `stories` (one, or a list); output nothing.

    The page cache then keeps the page until one of them is edited
    (`articles.models.story_names`). Every story card calls it.
    """
    request = context.get("request")
    if request is not None:
        shown = [stories] if isinstance(stories, Article) else stories
        depends_on(request, story_names(story.pk for story in shown))
    return ""


# The date readers see in lists, printed for every story.
LONG_DATE = "j F Y"
# The date and time a story page shows for the story and each comment.
LONG_DATETIME = "j F Y, H:i"


@register.simple_tag
def page_url(viewname: str, slug: str | None = None) -> str:
    """Return what ``{% url viewname slug %}`` does, for no argument or one slug.

    Each URL pattern is reversed once (see `articles/addresses.py`): the
    masthead, footer and cards link the same few patterns on every page.
    ``{% url %}`` costs about 57 µs more a link; for the eight in
    `base.html` that is 4-5% of a cold front page and 2-3% of a cold story
    page (`bench/shortcuts.py`, 1,000 stories). Public templates use this
    for every link it can print; the admin's keep ``{% url %}``.
    """
    return fixed_url(viewname) if slug is None else slug_url(viewname, slug)


@register.filter
def absolute(url: str) -> str:
    """Return `url` as a full address on the public site (`newsroom.site`)."""
    return absolute_url(url)


@register.simple_tag
def menu_sections() -> list[Section]:
    """Return the sections for the site menu (no query while nothing changes)."""
    return furniture.menu_sections()


@register.filter
def credits(article: Article) -> list[Credit]:
    """Return who `article` is by, authors first (see `authors.credits`)."""
    return story_credits(article)


@register.simple_tag
def site_links() -> furniture.SiteLinks:
    """Return the menu's and footer's page links and the privacy policy's.

    ``{% site_links as links %}``; no query while nothing changes.
    """
    return furniture.site_links()


@register.simple_tag
def story_layout_of(article: Article) -> StoryLayout:
    """Return how `article`'s body and sign-up blocks are laid out (`reader.layout`).

    ``{% story_layout_of article as layout %}``, inside the story's cached
    fragment, so a kept fragment costs no layout.
    """
    return story_layout(article)


def _picture_context(sources: Picture, sizes: str, alt: str, loading: str, priority: str) -> dict:
    return {
        "src": sources.src,
        "alt": alt,
        "width": sources.width,
        "height": sources.height,
        "webp_srcset": sources.webp_srcset,
        "jpeg_srcset": sources.jpeg_srcset,
        "sizes": sizes,
        "loading": loading,
        "priority": priority,
    }


@register.inclusion_tag("includes/picture.html")
def hero_picture(
    article: Article,
    sizes: str,
    *,
    alt: str = "",
    loading: str = "lazy",
    priority: str = "",
    card: bool = False,
) -> dict:
    """Render a story's hero image as `<picture>`: WebP and JPEG `srcset`s.

    Width and height are always set, so the page keeps the image's space
    while it loads; `loading="lazy"` for images below the fold. Template:
    ``includes/picture.html``. `card=True` shows the 3:2 crop around
    the picture's focal point, as story cards do.
    """
    hero = article.hero
    if hero is None:
        return {}
    if card:
        sources = card_picture(
            hero.file,
            hero.width,
            hero.height,
            hero.focal_x,
            hero.focal_y,
            ready=hero.renditions_ready,
        )
    else:
        sources = picture(hero.file, hero.width, hero.height, ready=hero.renditions_ready)
    return _picture_context(sources, sizes, alt, loading, priority)


@register.inclusion_tag("includes/picture.html")
def library_picture(image: Image, sizes: str, *, loading: str = "lazy") -> dict:
    """Render a library image as `<picture>`, as `hero_picture` renders a hero.

    Its alt text is the library's: it describes the picture wherever it runs.
    """
    sources = picture(image.file, image.width, image.height, ready=image.renditions_ready)
    return _picture_context(sources, sizes, image.alt_text, loading, "")


@register.inclusion_tag("includes/picture.html")
def author_photo(author: Author, sizes: str, *, loading: str = "lazy") -> dict:
    """Render an author's library photo as `<picture>`, named by their name.

    Template: ``includes/picture.html`` (nothing when there is no photo).
    """
    photo = author.photo
    if photo is None or not photo.file:
        return {}
    sources = picture(photo.file, photo.width, photo.height, ready=photo.renditions_ready)
    return _picture_context(sources, sizes, photo.alt_text or author.name, loading, "")


@register.simple_tag
def article_structured_data(article: Article) -> SafeString:
    """Return the story's JSON-LD, ready for a `<script type="application/ld+json">`."""
    return jsonld_script_body(article_jsonld(article))


@register.simple_tag
def article_canonical_url(article: Article) -> str:
    """Return the address search engines should index the story under."""
    return canonical_url(article)


@register.filter
def iso_datetime(value: datetime | None) -> str:
    """Return `value` in the site's time zone as ISO 8601, for `<time datetime>`.

    To the second: ``|date:"c"`` writes microseconds, six digits where
    `<time datetime>` takes three at most. It keeps the offset of a time a
    clock change makes ambiguous. Faster too: 1-5% of a cold front page
    across runs of `bench/shortcuts.py`.
    """
    if not isinstance(value, datetime):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat(timespec="seconds")


@register.filter(expects_localtime=True)
def long_date(value: datetime | None) -> str:
    """Return ``value|date:"j F Y"`` ("5 March 2026"), without parsing a format.

    4 µs a date against 32 µs for ``|date``: with 13 dates on the front
    page about 4% of a cold render there (2-6% across runs), under 1% of a
    story page (`bench/shortcuts.py`, 1,000 stories). Lists of stories and
    notes use it; other formats use ``|date``.
    """
    if not isinstance(value, date):
        return defaultfilters.date(value, LONG_DATE)
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"


@register.filter(expects_localtime=True)
def long_datetime(value: datetime | None) -> str:
    """Return ``value|date:"j F Y, H:i"`` ("5 March 2026, 09:05"), without parsing a format.

    A story page prints one for the story and one for every comment: with
    150 comments ``|date`` took about 12 ms of a cold render (70-80 µs a
    date, `bench/cold_renders.py --profile`).
    """
    if not isinstance(value, datetime):
        return defaultfilters.date(value, LONG_DATETIME)
    return f"{long_date(value)}, {value.hour:02d}:{value.minute:02d}"
