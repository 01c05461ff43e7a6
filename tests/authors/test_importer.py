"""A byline read from imported copy puts authors on the story (`save_draft`)."""

from __future__ import annotations

import pytest

from articles.importer import parse_story
from articles.importer.drafts import save_draft
from articles.models import Source
from authors.models import Author

pytestmark = pytest.mark.django_db

STORY = """Harbour board approves a second ferry berth

{byline}

GYUMRI — The harbour board voted on Tuesday to build a second berth for the island ferry.

The work starts in spring and should take two years, the board said.
"""


def _import(byline: str):
    parsed = parse_story(STORY)
    parsed.byline = byline
    return save_draft(parsed, text=STORY + byline).article


def test_a_byline_naming_a_known_author_finds_them_whatever_the_spelling(make_author):
    known = make_author("Talin Mardirossian")
    article = _import("By TALIN MARDIROSSIAN")
    assert [byline.author for byline in article.bylines.all()] == [known]
    assert article.byline == ""
    assert Author.objects.count() == 1


def test_a_byline_naming_new_people_makes_their_authors_in_order(make_author):
    make_author("Çağrı Öztürk")
    article = _import("By Talin Mardirossian and Cagri Ozturk")
    assert [byline.author.name for byline in article.bylines.all()] == [
        "Talin Mardirossian",
        "Çağrı Öztürk",
    ]
    assert Author.objects.get(name="Talin Mardirossian").slug == "talin-mardirossian"


def test_a_byline_crediting_an_outlet_stays_text():
    Source.objects.create(name="Meridian News", kind=Source.Kind.OUTLET)
    article = _import("By Meridian News")
    assert article.bylines.count() == 0
    assert article.byline == "By Meridian News"


def test_a_by_line_under_the_headline_is_read_as_the_byline_not_the_headline():
    parsed = parse_story(STORY.format(byline="By Talin Mardirossian"))
    assert parsed.headline == "Harbour board approves a second ferry berth"
    assert parsed.caption is None
    assert parsed.byline == "By Talin Mardirossian"


def test_an_imported_story_gets_its_byline_as_an_author(make_author):
    known = make_author("Talin Mardirossian")
    text = STORY.format(byline="By Talin Mardirossian and Aram Petrosyan")
    article = save_draft(parse_story(text), text=text).article
    authors = [byline.author for byline in article.bylines.order_by("position")]
    assert authors[0] == known
    assert authors[1].name == "Aram Petrosyan"
    assert article.byline == ""
