"""RSS 2.0 and Atom feeds: the whole site, and per section, tag, source and author.

Each item carries the full dek (as its description), the hero image as an
enclosure, the section and tags as categories, and every author in byline
order (one `<author>` or `<dc:creator>` each, with the author's page). Every feed reads one
page of live stories with their tags and corrections in three queries. A
corrected story's description ends with its corrections.
"""

from __future__ import annotations

import mimetypes
from datetime import datetime
from typing import Generic, TypeVar

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed
from django.utils.xmlutils import SimplerXMLGenerator
from taggit.models import Tag

from articles.addresses import tag_url
from articles.models import Article, ArticleQuerySet, Section, Source
from authors.credits import credit_line, story_credits
from authors.models import Author, Byline
from newsroom.site import absolute_url

from .xml_text import xml_text

FEED_ITEMS = 30


def _xml_safe(value: object) -> object:
    # Texts, and the tuples of them categories come as; dates, enclosures
    # and the rest as they are.
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_xml_safe(part) for part in value)
    return value


DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class BylinesRssFeed(Rss201rev2Feed):
    """RSS 2.0 naming each of a story's several authors in a `<dc:creator>`.

    RSS's own `<author>` wants an e-mail address, which authors' pages
    never show; Dublin Core's creator is what feed readers show instead.
    """

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        credits = item.get("credits") or []
        if len(credits) < 2:
            super().add_item_elements(handler, item)
            return
        super().add_item_elements(handler, {**item, "author_name": None})
        for name, _url in credits:
            handler.addQuickElement("dc:creator", name, {"xmlns:dc": DUBLIN_CORE})


class BylinesAtomFeed(Atom1Feed):
    """Atom naming each of a story's several authors in an `<author>` of its own."""

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        credits = item.get("credits") or []
        if len(credits) < 2:
            super().add_item_elements(handler, item)
            return
        super().add_item_elements(handler, {**item, "author_name": None})
        for name, url in credits:
            handler.startElement("author", {})  # type: ignore[arg-type]
            handler.addQuickElement("name", name)
            if url:
                handler.addQuickElement("uri", url)
            handler.endElement("author")


# What a feed lists stories of: None for the whole site, or a section, tag
# or source.
_Obj = TypeVar("_Obj")


class _StoriesFeed(Feed, Generic[_Obj]):
    """A feed of live stories; subclasses say whose, and its title and link."""

    description_template = "articles/feeds/item_description.html"
    feed_type: type[SyndicationFeed] = BylinesRssFeed

    def get_feed(self, obj: _Obj, request: HttpRequest) -> SyndicationFeed:
        feed = super().get_feed(obj, request)
        # Every text the feed writes, from whichever hook, in one place: a
        # control character in one name would make the whole feed a 500.
        feed.feed = {key: _xml_safe(value) for key, value in feed.feed.items()}
        feed.items = [{key: _xml_safe(value) for key, value in item.items()} for item in feed.items]
        return feed

    def stories(self, obj: _Obj) -> ArticleQuerySet:
        raise NotImplementedError

    def items(self, obj: _Obj) -> list[Article]:
        stories = (
            self.stories(obj).for_listing().defer(None).prefetch_related("tags", "corrections")
        )
        return list(stories[:FEED_ITEMS])

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Article) -> str:
        return absolute_url(item.get_absolute_url())

    def item_author_name(self, item: Article) -> str | None:
        credits = story_credits(item)
        if credits:
            return credit_line(credits)
        return item.credit.name if item.credit else None

    def item_author_link(self, item: Article) -> str | None:
        authors = [credit.url for credit in story_credits(item) if credit.url]
        return absolute_url(authors[0]) if len(authors) == 1 else None

    def item_extra_kwargs(self, item: Article) -> dict:
        # Every author, for the feed types above to name one by one.
        credits = story_credits(item)
        return {
            "credits": [
                (credit.name, absolute_url(credit.url) if credit.url else "") for credit in credits
            ]
        }

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.publish_at

    def item_updateddate(self, item: Article) -> datetime:
        # A live story has a publish time.
        return max(item.updated_at, item.publish_at or item.updated_at)

    def item_categories(self, item: Article) -> list[str]:
        section = [item.section.name] if item.section else []
        return section + [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        if item.hero is None:
            return []
        photo = item.hero.file
        try:
            length = photo.size
        except OSError:
            # A file lost from storage must not take the feed down.
            return []
        mime = mimetypes.guess_type(photo.name)[0] or "image/jpeg"
        url = absolute_url(photo.url)
        return [Enclosure(url, str(length), mime)]

    def item_copyright(self, item: Article) -> str | None:
        return item.credit.name if item.credit else None


class LatestStoriesFeed(_StoriesFeed[None]):
    """The newest live stories of the whole site (RSS 2.0)."""

    def title(self, obj: None = None) -> str:
        return settings.SITE_NAME

    def link(self, obj: None = None) -> str:
        return "/"

    def description(self, obj: None = None) -> str:
        return f"The latest stories from {settings.SITE_NAME}."

    def stories(self, obj: None) -> ArticleQuerySet:
        return Article.objects.live()


class LatestStoriesAtomFeed(LatestStoriesFeed):
    """The newest live stories of the whole site (Atom)."""

    feed_type = BylinesAtomFeed
    subtitle = LatestStoriesFeed.description


class SectionFeed(_StoriesFeed[Section]):
    """A section's newest live stories (RSS 2.0)."""

    def get_object(self, request: HttpRequest, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def title(self, obj: Section) -> str:
        return f"{obj.name} | {settings.SITE_NAME}"

    def link(self, obj: Section) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Section) -> str:
        return obj.description or f"The latest {obj.name} stories from {settings.SITE_NAME}."

    def stories(self, obj: Section) -> ArticleQuerySet:
        return Article.objects.live().filter(section=obj)


class SectionAtomFeed(SectionFeed):
    feed_type = BylinesAtomFeed
    subtitle = SectionFeed.description


class TagFeed(_StoriesFeed[Tag]):
    """The newest live stories with a tag (RSS 2.0)."""

    def get_object(self, request: HttpRequest, slug: str) -> Tag:
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj: Tag) -> str:
        return f"{obj.name} | {settings.SITE_NAME}"

    def link(self, obj: Tag) -> str:
        return tag_url(obj.slug)

    def description(self, obj: Tag) -> str:
        return f"Stories tagged {obj.name} from {settings.SITE_NAME}."

    def stories(self, obj: Tag) -> ArticleQuerySet:
        return Article.objects.live().tagged(obj)


class TagAtomFeed(TagFeed):
    feed_type = BylinesAtomFeed
    subtitle = TagFeed.description


class SourceFeed(_StoriesFeed[Source]):
    """The newest live stories quoting a source or credited to it (RSS 2.0)."""

    def get_object(self, request: HttpRequest, slug: str) -> Source:
        return get_object_or_404(Source, slug=slug)

    def title(self, obj: Source) -> str:
        return f"{obj.name} | {settings.SITE_NAME}"

    def link(self, obj: Source) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Source) -> str:
        return f"Stories quoting or from {obj.name}, from {settings.SITE_NAME}."

    def stories(self, obj: Source) -> ArticleQuerySet:
        quoting = obj.quotes.values("article_id")
        return Article.objects.live().filter(Q(credit=obj) | Q(pk__in=quoting))


class SourceAtomFeed(SourceFeed):
    feed_type = BylinesAtomFeed
    subtitle = SourceFeed.description


class AuthorFeed(_StoriesFeed[Author]):
    """An author's newest live stories (RSS 2.0)."""

    def get_object(self, request: HttpRequest, slug: str) -> Author:
        return get_object_or_404(Author, slug=slug)

    def title(self, obj: Author) -> str:
        return f"{obj.name} | {settings.SITE_NAME}"

    def link(self, obj: Author) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Author) -> str:
        return f"Stories by {obj.name} from {settings.SITE_NAME}."

    def stories(self, obj: Author) -> ArticleQuerySet:
        bylined = Byline.objects.filter(author=obj).values("article_id")
        return Article.objects.live().filter(pk__in=bylined)


class AuthorAtomFeed(AuthorFeed):
    feed_type = BylinesAtomFeed
    subtitle = AuthorFeed.description
