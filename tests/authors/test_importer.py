"""A byline read from imported copy puts authors on the story (`save_draft`).

The byline is set on the parsed story: the parser's header rule reads a
"By ..." line straight after the headline as the headline (a caption
before it), which is the parser's to fix, not the drafts'.
"""

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
