"""The section menu, sign-up block and most-read list are loaded once per content version."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Section
from reader import furniture


@pytest.fixture
def uncached(settings):
    # The furniture matters to pages rendered afresh: keep the page cache out.
    settings.PAGE_CACHE_SECONDS = 0


def _tables(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return " ".join(q["sql"] for q in queries.captured_queries)


def test_a_second_page_loads_neither_menu_nor_signup_block(
    client, uncached, make_article, section, signup_block
):
    first, second = make_article(section=section), make_article(section=section)
    assert "articles_section" in _tables(client, first.get_absolute_url())
    sql = _tables(client, second.get_absolute_url())
    assert "newsletter_signupblock" not in sql
    assert 'ORDER BY "articles_section"."order"' not in sql
    page = client.get(second.get_absolute_url()).content.decode()
    assert 'href="/sections/armenia/">Armenia</a>' in page
    assert signup_block.heading in page


def test_a_story_page_after_the_first_runs_five_queries(
    client, uncached, make_article, section, signup_block, django_assert_max_num_queries
):
    first = make_article(section=section, quotes=3, tags=3)
    second = make_article(section=section, quotes=3, tags=["Topic 0"])
    client.get(first.get_absolute_url())
    # article + section + credit, bylines + authors, quotes + speakers + vias,
    # tags, corrections, related stories and their bylines: no menu, no
    # sign-up block, no most-read list
    with django_assert_max_num_queries(7):
        response = client.get(second.get_absolute_url())
    assert len(response.context["related"]) == 1


def test_a_saved_section_shows_in_the_menu_on_the_next_page(
    client, uncached, make_article, section
):
    story = make_article()
    client.get(story.get_absolute_url())
    Section.objects.create(name="Diaspora", slug="diaspora", order=1)
    section.name = "Armenia and Artsakh"
    section.save()
    page = client.get("/").content.decode()
    assert ">Armenia and Artsakh</a>" in page
    assert 'href="/sections/diaspora/">Diaspora</a>' in page


def test_an_edited_signup_block_shows_on_the_next_page(
    client, uncached, make_article, signup_block
):
    story = make_article()
    client.get(story.get_absolute_url())
    signup_block.heading = "The Friday letter"
    signup_block.save()
    assert "The Friday letter" in client.get(story.get_absolute_url()).content.decode()
    signup_block.is_active = False
    signup_block.save()
    assert "The Friday letter" not in client.get(story.get_absolute_url()).content.decode()


def _most_read(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    listed = page.split('id="most-read-heading"', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', listed)


def _view(story, times):
    Article.objects.filter(pk=story.pk).update(view_count=F("view_count") + times)


def test_most_read_lists_this_weeks_live_stories_by_views(client, uncached, make_article):
    quiet = make_article("Quiet week in the council")
    busy = make_article("Bridge closes for repairs")
    busiest = make_article("Election date is set")
    old = make_article("Last month's big story", publish_at=timezone.now() - timedelta(days=8))
    draft = make_article("Unfinished draft", status=Article.Status.DRAFT)
    for story, views in [(quiet, 1), (busy, 20), (busiest, 300), (old, 9000), (draft, 9000)]:
        _view(story, views)
    assert _most_read(client, old) == [
        "Election date is set",
        "Bridge closes for repairs",
        "Quiet week in the council",
    ]


def test_most_read_leaves_out_the_story_being_read(client, uncached, make_article):
    stories = [make_article(f"Story {n}") for n in range(7)]
    for n, story in enumerate(stories):
        _view(story, 100 - n)
    # The top story's page lists the next five; the others list the top five but themselves.
    assert _most_read(client, stories[0]) == ["Story 1", "Story 2", "Story 3", "Story 4", "Story 5"]
    assert _most_read(client, stories[2]) == ["Story 0", "Story 1", "Story 3", "Story 4", "Story 5"]
    assert _most_read(client, stories[6]) == ["Story 0", "Story 1", "Story 2", "Story 3", "Story 4"]


def test_most_read_follows_views_within_minutes_and_saves_at_once(
    client, uncached, make_article, clock
):
    first, second = make_article("The first story"), make_article("The second story")
    reading = make_article("Last week's story", publish_at=timezone.now() - timedelta(days=8))
    _view(first, 5)
    assert _most_read(client, reading) == ["The first story", "The second story"]
    _view(second, 10)
    # Views alone do not change the content version: the list may trail them
    # for a few minutes, as a cached page does...
    assert _most_read(client, reading) == ["The first story", "The second story"]
    clock.shift(timedelta(seconds=furniture.MOST_READ_SECONDS))
    assert _most_read(client, reading) == ["The second story", "The first story"]
    # ...but an editor's save shows on the next page.
    second.headline = "The second story, updated"
    second.save()
    assert _most_read(client, reading) == ["The second story, updated", "The first story"]
