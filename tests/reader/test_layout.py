"""Where a story's page puts its pull quotes and sign-up blocks."""

import pytest

from articles.models import Article, Quote
from reader.layout import body_segments, has_end_signup

pytestmark = pytest.mark.django_db


def _kinds(article):
    return [
        "signup" if s.signup else "quote" if s.pull_quote else s.html
        for s in body_segments(article)
    ]


def test_signup_slot_follows_the_third_paragraph_by_default(make_article):
    article = make_article(
        body="<p>1</p><h2>Subhead</h2><p>2</p><p>3</p><p>4</p><p>5</p><p>6</p>",
    )
    assert _kinds(article) == [
        "<p>1</p>",
        "<h2>Subhead</h2>",
        "<p>2</p>",
        "<p>3</p>",
        "signup",
        "<p>4</p>",
        "<p>5</p>",
        "<p>6</p>",
    ]
    assert has_end_signup(article)


@pytest.mark.parametrize("paragraphs", [3, 4, 5])
def test_no_in_story_slot_just_above_the_end_block(make_article, paragraphs):
    # Fewer than three paragraphs between them: the end block alone.
    article = make_article(paragraphs=paragraphs)
    assert "signup" not in _kinds(article)
    assert has_end_signup(article)


def test_a_chosen_slot_near_the_end_gives_way_to_the_end_block(make_article):
    article = make_article(
        paragraphs=8,
        signup_placement=Article.SignupPlacement.AFTER_PARAGRAPH,
        signup_after_paragraph=6,
    )
    assert "signup" not in _kinds(article)
    article.signup_after_paragraph = 5
    assert _kinds(article).index("signup") == 5


def test_signup_slot_after_a_chosen_paragraph(make_article):
    article = make_article(
        paragraphs=4,
        signup_placement=Article.SignupPlacement.AFTER_PARAGRAPH,
        signup_after_paragraph=1,
    )
    assert _kinds(article)[1] == "signup"


def test_no_signup_blocks_when_turned_off(make_article):
    article = make_article(paragraphs=6, signup_placement=Article.SignupPlacement.NONE)
    assert "signup" not in _kinds(article)
    assert not has_end_signup(article)


def test_short_story_has_no_in_body_slot_but_keeps_the_end_block(make_article):
    article = make_article(paragraphs=2)
    assert "signup" not in _kinds(article)
    assert has_end_signup(article)


def test_pull_quotes_follow_their_paragraph(make_article, make_source):
    article = make_article(paragraphs=4, signup_placement=Article.SignupPlacement.NONE)
    speaker = make_source("Anna Petrosyan")
    Quote.objects.create(
        article=article, speaker=speaker, text="Set apart", position=2, is_pull_quote=True
    )
    Quote.objects.create(article=article, speaker=speaker, text="Not set apart", position=1)
    kinds = _kinds(article)
    assert kinds.index("quote") == 2
    assert kinds.count("quote") == 1
