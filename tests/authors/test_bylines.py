"""Bylines on story pages, cards, structured data and ninjs; what they cost."""

from __future__ import annotations

import json
import re

import pytest

from articles.media.models import Image
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


def _jsonld(html: str) -> dict:
    body = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    return json.loads(body)[0]


def test_the_story_page_links_each_author_in_byline_order(
    client, make_article, make_author, add_bylines
):
    story = make_article("Court hearing")
    tatev, cagri = make_author("Տաթև Հակոբյան"), make_author("Çağrı Öztürk")
    add_bylines(story, tatev, cagri)
    html = client.get(story.get_absolute_url()).content.decode()
    byline = re.search(r'<p class="byline">(.*?)</p>', html, re.S)[1]
    assert byline.startswith("By ")
    assert byline.index("Տաթև Հակոբյան") < byline.index(" and ") < byline.index("Çağrı Öztürk")
    assert f'href="{tatev.get_absolute_url()}"' in byline


def test_roles_and_the_text_credit_are_printed_with_the_names(
    client, make_article, make_author, add_bylines
):
    story = make_article("Border village", byline="Staff and agencies")
    add_bylines(story, make_author("Ani Avagyan"), role="Reporting by")
    add_bylines(story, make_author("Mark Dunn"), role="Photos by")
    html = client.get(story.get_absolute_url()).content.decode()
    text = re.sub(r"<[^>]+>", "", re.search(r'<p class="byline">(.*?)</p>', html, re.S)[1])
    assert text == "Reporting by Ani Avagyan, photos by Mark Dunn and Staff and agencies"


def test_a_wire_story_keeps_its_text_credit(client, make_article):
    story = make_article("Wire copy", byline="RFE/RL's Armenian Service")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "By RFE/RL&#x27;s Armenian Service" in html
    assert _jsonld(html)["author"] == [
        {"@type": "Organization", "name": "RFE/RL's Armenian Service"}
    ]


def test_story_cards_link_their_authors(client, make_article, make_author, add_bylines):
    author = make_author("Ani Avagyan")
    add_bylines(make_article("On the front page"), author)
    html = client.get("/").content.decode()
    card = html[html.index("On the front page") :]
    assert f'href="{author.get_absolute_url()}"' in card[: card.index("</article>")]


def test_jsonld_names_the_authors_as_people_in_byline_order(
    client, make_article, make_author, add_bylines, settings
):
    photo = Image.objects.create(file=image_upload(), title="Portrait")
    story = make_article("Joint reporting", byline="Staff and agencies")
    add_bylines(
        story,
        make_author("Mark Dunn", role="Data editor", photo=photo),
        make_author("Ani Avagyan"),
    )
    authors = _jsonld(client.get(story.get_absolute_url()).content.decode())["author"]
    site = settings.SITE_URL
    assert authors == [
        {
            "@type": "Person",
            "name": "Mark Dunn",
            "url": f"{site}/authors/mark-dunn/",
            "jobTitle": "Data editor",
            "image": site + photo.file.url,
        },
        {"@type": "Person", "name": "Ani Avagyan", "url": f"{site}/authors/ani-avagyan/"},
        {"@type": "Organization", "name": "Staff and agencies"},
    ]


def test_ninjs_carries_the_byline_and_the_authors(client, make_article, make_author, add_bylines):
    story = make_article("Syndicated", quotes=1)
    add_bylines(story, make_author("Ani Avagyan"), make_author("Mark Dunn"))
    document = client.get(f"/articles/{story.slug}.ninjs.json").json()
    assert document["by"] == "Ani Avagyan and Mark Dunn"
    authors = [person for person in document["people"] if person["rel"] == "author"]
    assert [person["name"] for person in authors] == ["Ani Avagyan", "Mark Dunn"]
    assert authors[0]["uri"].endswith("/authors/ani-avagyan/")
    assert any(person["rel"] == "quoted" for person in document["people"])


@pytest.fixture
def count_queries(client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pagecache import state

    def count(url: str) -> int:
        cache.clear()
        state.forget_local_copies()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    return count


@pytest.mark.parametrize("page", ["story", "front", "tag", "author"])
def test_pages_cost_the_same_with_1_or_20_bylines(
    count_queries, make_article, make_author, add_bylines, page
):
    counts = []
    for size in (1, 20):
        author = make_author()
        stories = [make_article(tags=["Courts"]) for _ in range(3)]
        for story in stories:
            add_bylines(story, author, *(make_author() for _ in range(size - 1)))
        url = {
            "story": stories[0].get_absolute_url(),
            "front": "/",
            "tag": "/tags/courts/",
            "author": author.get_absolute_url(),
        }[page]
        counts.append(count_queries(url))
    assert counts[0] == counts[1]
