"""Names in every script become addresses that work, on every page they reach.

The paper writes Armenian, Cyrillic, Greek and Turkish names every day: a
tag, a source, a section or a headline in any of them gives a slug that
keeps its letters, and every page that links it (the story, lists, feeds,
sitemaps, search) links an address that answers.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
from taggit.models import Tag

from articles.models import Section, Source
from articles.models.slugs import slug_for
from tests.support.admin_forms import article_form, change_url

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# (name, the slug the rule makes of it)
NAMES = [
    ("Երևան", "երեւան"),
    ("Անի Հակոբյան", "անի-հակոբյան"),
    ("Ирина Волкова", "ирина-волкова"),
    ("Αθήνα", "αθήνα"),
    ("Kemal Aydoğan", "kemal-aydoğan"),
    ("Işıklı Köprü", "işıklı-köprü"),
    ("İstanbul", "istanbul"),
    ("Café Müller", "café-müller"),
    ("🎉", "party-popper"),
]


@pytest.mark.parametrize(("name", "slug"), NAMES)
def test_the_slug_rule_keeps_the_letters_of_every_script(name, slug):
    assert slug_for(name) == slug


def test_a_name_of_punctuation_alone_gets_a_slug_all_the_same(make_source):
    assert make_source("?!").slug == "untitled"
    assert Tag.objects.create(name="…").slug == "untitled"


def _links(html: str) -> list[str]:
    return [unquote(href) for href in re.findall(r'href="(/[^"]*)"', html)]


@pytest.fixture
def story_in(make_article, make_source):
    """A live story whose tag, speaker, credit and section all bear `name`."""

    def make(name: str):
        section = Section.objects.create(name=name, slug=slug_for(name) or "section")
        speaker = make_source(name)
        wire = make_source(f"{name} News", kind=Source.Kind.OUTLET)
        article = make_article(f"{name} and the river", tags=[name], section=section, credit=wire)
        article.quotes.create(speaker=speaker, text="The water came up in one night")
        return article

    return make


@pytest.mark.parametrize(("name", "slug"), NAMES)
def test_a_story_links_its_tag_source_and_section_pages_and_they_answer(
    client, story_in, name, slug
):
    article = story_in(name)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    links = _links(response.content.decode())
    for page in (f"/tags/{slug}/", f"/sections/{slug}/", f"/sources/{slug}/"):
        assert page in links
        page_response = client.get(page)
        assert page_response.status_code == 200, page
        assert name in page_response.content.decode()
        assert article.get_absolute_url() in page_response.content.decode()


@pytest.mark.parametrize(("name", "slug"), NAMES)
def test_feeds_of_a_tag_source_and_section_in_any_script_are_valid(client, story_in, name, slug):
    story_in(name)
    for page in (f"/tags/{slug}/", f"/sections/{slug}/", f"/sources/{slug}/"):
        for feed_url in (f"{page}feed/", f"{page}feed/atom/"):
            response = client.get(feed_url)
            assert response.status_code == 200, feed_url
            feed = feedparser.parse(response.content)
            assert not feed.bozo, (feed_url, feed.bozo_exception)
            assert unquote(urlsplit(feed.feed.link).path) == page
            assert [entry.title for entry in feed.entries] == [f"{name} and the river"]


def test_every_address_in_the_sitemaps_answers(client, story_in):
    for name, _slug in NAMES:
        story_in(name)
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    listed = []
    for sitemap in index.iter(f"{SITEMAP}loc"):
        root = ElementTree.fromstring(client.get(urlsplit(sitemap.text).path).content)
        listed += [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert len(listed) > 4 * len(NAMES)
    for location in listed:
        # A sitemap lists URIs: letters outside ASCII travel percent-encoded.
        assert location.isascii(), location
        path = unquote(urlsplit(location).path)
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(("name", "slug"), NAMES[:-1])
def test_search_finds_a_story_by_a_name_in_any_script(client, story_in, name, slug):
    article = story_in(name)
    response = client.get("/search/", {"q": name})
    assert response.status_code == 200
    assert article.get_absolute_url() in response.content.decode()


def test_a_headline_in_armenian_gets_an_armenian_address(client, make_article):
    article = make_article("Երևանը նոր այգի է բացում")
    assert article.slug == "երեւանը-նոր-այգի-է-բացում"
    # On the wire the address is percent-encoded UTF-8, as browsers send it.
    assert article.get_absolute_url().startswith("/articles/%D5%A5%D6%80")
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_address_typed_with_the_ligature_finds_the_story(client, make_article):
    # "և" is stored as the two letters "եւ" (NFKC); a reader typing the
    # ligature into the address bar still finds the story.
    article = make_article("Երևան")
    assert client.get("/articles/երևան/").status_code == 200
    assert article.slug == "երեւան"


def test_the_tag_sitemap_and_story_agree_on_a_turkish_tag(client, make_article):
    article = make_article("Köprü açıldı", tags=["Kemal Aydoğan"])
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="/tags/kemal-aydo%C4%9Fan/"' in html
    sitemap = client.get("/sitemap-tags.xml").content.decode()
    assert "http://testserver/tags/kemal-aydo%C4%9Fan/" in sitemap


def test_a_tag_typed_in_another_case_is_the_existing_tag_not_a_second_one(
    editor_client, make_article
):
    # An editor types "երևան" where "Երևան" exists: the story joins the
    # tag's page, never a twin at /tags/երեւան_1/ nobody links to.
    make_article("Yerevan, Moscow, Athens and Istanbul", tags=["Երևան", "İstanbul", "Αθήνα"])
    story = make_article("Another story")
    tags_before = Tag.objects.count()
    response = editor_client.post(
        change_url(story), article_form(story, tags="երևան, istanbul, ΑΘΉΝΑ, Москва")
    )
    assert response.status_code == 302, response.context["adminform"].errors
    assert Tag.objects.count() == tags_before + 1  # Москва alone is new
    assert set(story.tags.values_list("slug", flat=True)) == {
        "երեւան",
        "istanbul",
        "αθήνα",
        "москва",
    }
    assert not Tag.objects.filter(slug__contains="_").exists()
