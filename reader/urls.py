from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from articles.addresses import UnicodeSlugConverter
from pagecache.middleware import public_page

from . import feeds, views
from .sitemaps import SITEMAPS, NewsSitemap

app_name = "articles"
register_converter(UnicodeSlugConverter, "uslug")

urlpatterns = [
    path("", views.front_page, name="front_page"),
    path("search/", views.search, name="search"),
    path("articles/<uslug:slug>/", views.article_detail, name="article_detail"),
    path("preview/<str:token>/", views.article_preview, name="article_preview"),
    path("corrections/", views.corrections, name="corrections"),
    path("articles/<uslug:slug>.ninjs.json", views.article_ninjs, name="article_ninjs"),
    path("articles/<uslug:slug>/viewed/", views.article_viewed, name="article_viewed"),
    path("tags/<uslug:slug>/", views.tag_detail, name="tag_detail"),
    path("sources/<uslug:slug>/", views.source_detail, name="source_detail"),
    path("sections/<uslug:slug>/", views.section_detail, name="section_detail"),
    path("authors/", views.author_list, name="author_list"),
    path("authors/<uslug:slug>/", views.author_detail, name="author_detail"),
    # Feeds: RSS 2.0 at feed/, Atom at feed/atom/.
    path("feed/", public_page(feeds.LatestStoriesFeed()), name="feed"),
    path("feed/atom/", public_page(feeds.LatestStoriesAtomFeed()), name="feed_atom"),
    path("sections/<uslug:slug>/feed/", public_page(feeds.SectionFeed()), name="section_feed"),
    path(
        "sections/<uslug:slug>/feed/atom/",
        public_page(feeds.SectionAtomFeed()),
        name="section_feed_atom",
    ),
    path("tags/<uslug:slug>/feed/", public_page(feeds.TagFeed()), name="tag_feed"),
    path("tags/<uslug:slug>/feed/atom/", public_page(feeds.TagAtomFeed()), name="tag_feed_atom"),
    path("sources/<uslug:slug>/feed/", public_page(feeds.SourceFeed()), name="source_feed"),
    path(
        "sources/<uslug:slug>/feed/atom/",
        public_page(feeds.SourceAtomFeed()),
        name="source_feed_atom",
    ),
    path("authors/<uslug:slug>/feed/", public_page(feeds.AuthorFeed()), name="author_feed"),
    path(
        "authors/<uslug:slug>/feed/atom/",
        public_page(feeds.AuthorAtomFeed()),
        name="author_feed_atom",
    ),
    # Sitemaps: an index, one sitemap per kind, and Google News'.
    path(
        "sitemap.xml",
        public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap"},
        name="sitemap_index",
    ),
    path(
        "sitemap-news.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="news_sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
