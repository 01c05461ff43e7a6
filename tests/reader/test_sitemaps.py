import warnings
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.paginator import UnorderedObjectListWarning
from django.utils import timezone

from articles.models import Article, Section, Source

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def _locations(client, url, tag="sm:url"):
    response = client.get(url)
    assert response.status_code == 200, url
    root = ElementTree.fromstring(response.content)
    return [el.findtext("sm:loc", namespaces=NS) for el in root.findall(tag, NS)]


def test_sitemap_index_lists_every_sitemap(client, db):
    locations = _locations(client, "/sitemap.xml", "sm:sitemap")
    for name in ("front", "articles", "sections", "tags", "sources", "pages"):
        assert f"http://testserver/sitemap-{name}.xml" in locations


def test_sitemaps_list_live_stories_tags_sources_and_sections(
    client, make_article, make_source, section
):
    live = make_article("Live", tags=["Armenia"], section=section)
    make_article("Draft", status=Article.Status.DRAFT, tags=["Hidden"])
    source = make_source("Armen Hakobyan")
    assert _locations(client, "/sitemap-articles.xml") == [
        "http://testserver" + live.get_absolute_url()
    ]
    assert _locations(client, "/sitemap-tags.xml") == ["http://testserver/tags/armenia/"]
    assert "http://testserver" + source.get_absolute_url() in _locations(
        client, "/sitemap-sources.xml"
    )
    assert _locations(client, "/sitemap-sections.xml") == ["http://testserver/sections/armenia/"]


def test_news_sitemap_has_only_the_last_48_hours(client, make_article):
    fresh = make_article("Fresh & New", publish_at=timezone.now() - timedelta(hours=3))
    make_article("Old", publish_at=timezone.now() - timedelta(hours=49))
    make_article("Future", publish_at=timezone.now() + timedelta(hours=1))
    response = client.get("/sitemap-news.xml")
    root = ElementTree.fromstring(response.content)
    urls = root.findall("sm:url", NS)
    assert [u.findtext("sm:loc", namespaces=NS) for u in urls] == [
        "http://testserver" + fresh.get_absolute_url()
    ]
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:title", namespaces=NS) == "Fresh & New"
    assert news.findtext("news:publication/news:name", namespaces=NS) == "The Weekly Mirror"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:publication_date", namespaces=NS).startswith(
        fresh.publish_at.strftime("%Y-%m-%dT")
    )


def test_a_control_character_in_a_headline_leaves_the_news_sitemap_well_formed(
    client, make_article
):
    # A vertical tab, as Word pastes a line break: XML 1.0 cannot carry it.
    make_article("Fishermen\x0bwait for the ice")
    root = ElementTree.fromstring(client.get("/sitemap-news.xml").content)
    title = root.find("sm:url/news:news/news:title", NS).text
    assert title == "Fishermen wait for the ice"


def test_robots_txt_points_at_the_sitemaps(client, db, settings):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text


def test_unused_source_kind_is_still_listed(client, make_source):
    outlet = make_source("Wire", kind=Source.Kind.OUTLET)
    assert "http://testserver" + outlet.get_absolute_url() in _locations(
        client, "/sitemap-sources.xml"
    )


def test_sections_are_listed_in_menu_order(client, db):
    for name, order in [("Opinion", 3), ("News", 1), ("Diaspora", 2)]:
        Section.objects.create(name=name, slug=name.lower(), order=order)
    # Django paginates every sitemap: an unordered list could repeat or
    # skip sections between pages, and warns that it may.
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)
        locations = _locations(client, "/sitemap-sections.xml")
    assert locations == [
        f"http://testserver/sections/{slug}/" for slug in ["news", "diaspora", "opinion"]
    ]


def test_the_pages_sitemap_lists_published_site_pages(client, db, settings):
    from pages.models import Page

    Page.objects.create(title="About", url="/about/", is_published=True)
    Page.objects.create(title="Մեր մասին", url="/մեր-մասին/", is_published=True)
    Page.objects.create(title="Draft", url="/draft/")
    assert "http://testserver/sitemap-pages.xml" in _locations(client, "/sitemap.xml", "sm:sitemap")
    assert _locations(client, "/sitemap-pages.xml") == [
        "http://testserver/about/",
        "http://testserver/%D5%B4%D5%A5%D6%80-%D5%B4%D5%A1%D5%BD%D5%AB%D5%B6/",
    ]
