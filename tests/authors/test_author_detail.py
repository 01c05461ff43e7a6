"""An author's page, the staff list, their feeds and the sitemap of authors."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

import feedparser
import pytest
from django.utils import timezone

from articles.media.models import Image
from articles.models import Article
from articles.models.slugs import slug_for
from authors.models import Author, AuthorLink
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Տաթև Հակոբյան", "տաթեւ-հակոբյան"),
        ("Ольга Смирнова", "ольга-смирнова"),
        ("Ελένη Παπαδοπούλου", "ελένη-παπαδοπούλου"),
        ("Çağrı Öztürk", "çağrı-öztürk"),
        ("Tatev Hakobyan", "tatev-hakobyan"),
    ],
)
def test_an_author_gets_a_slug_in_their_own_script(make_author, client, name, slug):
    author = make_author(name)
    assert author.slug == slug == slug_for(name)
    assert client.get(author.get_absolute_url()).status_code == 200


def test_two_authors_of_one_name_get_two_addresses(make_author):
    assert make_author("Ani Avagyan").slug == "ani-avagyan"
    assert make_author("Ani Avagyan").slug == "ani-avagyan-2"


def test_the_author_page_shows_who_they_are_but_never_their_email(client, make_author):
    photo = Image.objects.create(file=image_upload(), title="Tatev", alt_text="Tatev at her desk")
    author = make_author(
        "Տաթև Հակոբյան",
        role="Yerevan correspondent",
        bio="Covers courts and the city council.",
        email="tatev@newsroom.example",
        photo=photo,
    )
    AuthorLink.objects.create(author=author, label="Mastodon", url="https://social.example/@tatev")
    AuthorLink.objects.create(author=author, label="Bad", url="javascript:alert(1)")
    html = client.get(author.get_absolute_url()).content.decode()
    assert "Տաթև Հակոբյան" in html and "Yerevan correspondent" in html
    assert "Covers courts and the city council." in html
    assert 'href="https://social.example/@tatev"' in html
    assert "javascript:" not in html
    assert 'alt="Tatev at her desk"' in html
    assert "tatev@newsroom.example" not in html


def test_the_author_page_lists_their_live_stories_newest_first(
    client, make_article, make_author, add_bylines
):
    author, other = make_author("Ani Avagyan"), make_author("Mark Dunn")
    now = timezone.now()
    older = make_article("Older story", publish_at=now - timedelta(days=2))
    newer = make_article("Newer story", publish_at=now - timedelta(days=1))
    draft = make_article("Draft story", status=Article.Status.DRAFT)
    theirs = make_article("Someone else's story")
    for story in (older, newer, draft):
        add_bylines(story, author)
    add_bylines(theirs, other)
    # Credited twice on one story (reporting and photos): listed once.
    add_bylines(newer, author, role="Photos by")
    page = client.get(author.get_absolute_url()).context["page_obj"]
    assert [story.headline for story in page] == ["Newer story", "Older story"]


def test_the_author_page_pages_without_counting(
    client, make_article, make_author, add_bylines, settings, django_assert_max_num_queries
):
    settings.ARTICLES_PER_PAGE = 2
    author = make_author("Ani Avagyan")
    for n in range(3):
        add_bylines(make_article(f"Story {n}"), author)
    first = client.get(author.get_absolute_url())
    assert first.context["page_obj"].has_next()
    assert 'rel="next" href="?page=2"' in first.content.decode()
    second = client.get(author.get_absolute_url() + "?page=2")
    assert len(second.context["page_obj"]) == 1 and not second.context["page_obj"].has_next()
    assert client.get(author.get_absolute_url() + "?page=3").status_code == 404


def test_an_unknown_author_is_404(client):
    assert client.get("/authors/nobody/").status_code == 404


def test_the_staff_list_names_staff_not_guest_contributors(client, make_author):
    make_author("Tatev Hakobyan", role="Yerevan correspondent")
    make_author("Guest Writer", kind=Author.Kind.CONTRIBUTOR)
    html = client.get("/authors/").content.decode()
    assert "Tatev Hakobyan" in html and "Yerevan correspondent" in html
    assert "Guest Writer" not in html
    assert 'href="/authors/"' in client.get("/").content.decode()


def test_an_authors_feeds_carry_their_stories(client, make_article, make_author, add_bylines):
    author = make_author("Çağrı Öztürk")
    add_bylines(make_article("Ferry timetable"), author)
    make_article("Not theirs")
    for address in ("feed/", "feed/atom/"):
        feed = feedparser.parse(client.get(author.get_absolute_url() + address).content)
        assert [entry.title for entry in feed.entries] == ["Ferry timetable"]
        assert feed.entries[0].author == "Çağrı Öztürk"
    html = client.get(author.get_absolute_url()).content.decode()
    assert f'href="/authors/{quote(author.slug)}/feed/atom/"' in html


def test_feeds_name_every_author_in_byline_order(client, make_article, make_author, add_bylines):
    story = make_article("Joint reporting")
    add_bylines(story, make_author("Ani Avagyan"), make_author("Mark Dunn"))
    atom = feedparser.parse(client.get("/feed/atom/").content).entries[0]
    assert [person.name for person in atom.authors] == ["Ani Avagyan", "Mark Dunn"]
    assert atom.authors[0].href.endswith("/authors/ani-avagyan/")
    rss = client.get("/feed/").content.decode()
    assert rss.index("<dc:creator") < rss.index("Ani Avagyan") < rss.index("Mark Dunn")


def test_the_sitemap_lists_authors_with_live_stories(
    client, make_article, make_author, add_bylines
):
    author, idle = make_author("Ani Avagyan"), make_author("Idle Writer")
    add_bylines(make_article(), author)
    add_bylines(make_article(status=Article.Status.DRAFT), idle)
    assert "sitemap-authors.xml" in client.get("/sitemap.xml").content.decode()
    xml = client.get("/sitemap-authors.xml").content.decode()
    assert "/authors/ani-avagyan/" in xml and "idle-writer" not in xml
