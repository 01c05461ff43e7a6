"""The section menu and sign-up block are loaded once per content version."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Section


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


def test_a_story_page_after_the_first_runs_six_queries(
    client, uncached, make_article, section, signup_block, django_assert_max_num_queries
):
    first = make_article(section=section, quotes=3, tags=3)
    second = make_article(section=section, quotes=3, tags=["Topic 0"])
    client.get(first.get_absolute_url())
    # article + section + credit, quotes + speakers + vias, tags, corrections,
    # related stories, most read: no menu, no sign-up block
    with django_assert_max_num_queries(6):
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
