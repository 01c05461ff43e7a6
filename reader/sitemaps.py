"""Sitemaps for search engines: stories, tags, sources, authors, sections, the
site's own pages (`pages.sitemaps`), and a Google News sitemap of the stories
published in the last 48 hours.

`/sitemap.xml` is an index; Django splits each sitemap into pages of
50,000 addresses, so a 100,000-story archive lists as two article pages.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypedDict

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.utils import timezone
from taggit.models import Tag

from articles.addresses import tag_url
from articles.models import Article, Section, Source, TaggedArticle
from authors.models import Author, Byline
from pages.sitemaps import PageSitemap

from .xml_text import xml_text

if TYPE_CHECKING:
    from django.contrib.sites.models import Site
    from django.contrib.sites.requests import RequestSite
    from django_stubs_ext import WithAnnotations


class _Latest(TypedDict):
    latest: datetime | None


# Google News reads stories from the last two days only.
NEWS_WINDOW = timedelta(hours=48)
# ...and at most 1,000 of them per sitemap.
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Article]:
        return Article.objects.live().only("slug", "updated_at", "publish_at")

    def lastmod(self, item: Article) -> datetime:
        # A live story has a publish time.
        return max(item.updated_at, item.publish_at or item.updated_at)


class NewsSitemap(Sitemap):
    """Stories of the last 48 hours, with Google News' `<news:news>` data."""

    limit = NEWS_LIMIT

    def items(self) -> QuerySet[Article]:
        since = timezone.now() - NEWS_WINDOW
        stories = Article.objects.live().filter(publish_at__gte=since)
        return stories.only("slug", "headline", "publish_at", "updated_at")[:NEWS_LIMIT]

    def lastmod(self, item: Article) -> datetime:
        # A live story has a publish time.
        return max(item.updated_at, item.publish_at or item.updated_at)

    def get_urls(
        self,
        page: int | str = 1,
        site: Site | RequestSite | None = None,
        protocol: str | None = None,
    ) -> list[dict[str, Any]]:
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            url["publication_name"] = settings.SITE_NAME
            url["language"] = settings.LANGUAGE_CODE.split("-")[0]
            url["title"] = xml_text(url["item"].headline)
        return urls


class TagSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> QuerySet[Tag]:
        """Return tags with at least one live story (an empty tag page is thin)."""
        links = TaggedArticle.objects.filter(content_object__in=Article.objects.live())
        return Tag.objects.filter(pk__in=links.values("tag_id")).order_by("name")

    def location(self, item: Tag) -> str:
        return tag_url(item.slug)


class SourceSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Source]:
        return Source.objects.order_by("name").only("slug")


class AuthorSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Author]:
        """Return authors with at least one live story (an empty page is thin)."""
        bylined = Byline.objects.filter(article__in=Article.objects.live()).values("author_id")
        return Author.objects.filter(pk__in=bylined).order_by("name", "pk").only("slug")


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> QuerySet[WithAnnotations[Section, _Latest]]:
        # A GROUP BY drops the model's ordering, and Django pages every
        # sitemap: the menu's order, named again, keeps the pages stable.
        latest = Section.objects.annotate(latest=Max("articles__updated_at"))
        return latest.order_by(*(Section._meta.ordering or ()))

    def lastmod(self, item: WithAnnotations[Section, _Latest]) -> datetime | None:
        return item.latest


class FrontPageSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self) -> list[str]:
        return ["/"]

    def location(self, item: str) -> str:
        return item


SITEMAPS = {
    "front": FrontPageSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "sources": SourceSitemap,
    "pages": PageSitemap,
    "authors": AuthorSitemap,
}
