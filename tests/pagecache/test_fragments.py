"""Story fragments: what a story page keeps between renders when the page is not cached.

The page cache is off in these tests (`PAGE_CACHE_SECONDS = 0`), so every
request renders the page, and only the fragments in
`articles/article_detail.html` are kept.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.support import story_changes

pytestmark = pytest.mark.django_db

# Tables only a story fragment reads: the story's quotes, tags and corrections.
PART_TABLES = ("articles_quote", "taggit_tag", "articles_correction")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600


@pytest.fixture
def story(make_article, signup_block, section, make_source):
    credit = make_source("Wire Service", kind="outlet")
    return make_article(
        "Kept Story", quotes=2, tags=["Armenia"], section=section, credit=credit, paragraphs=6
    )


def _page(client, story) -> str:
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _parts_read(queries) -> list[str]:
    return [q["sql"] for q in queries if any(table in q["sql"] for table in PART_TABLES)]


def test_a_second_render_reuses_the_story_and_costs_one_query(
    client, story, django_assert_num_queries
):
    first = _page(client, story)
    with django_assert_num_queries(1):
        second = _page(client, story)
    assert second == first
    assert "Speaker" in second and "Armenia" in second and "Wire Service" in second


def test_fragments_can_be_turned_off(client, story, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    _page(client, story)
    with CaptureQueriesContext(connection) as queries:
        _page(client, story)
    assert _parts_read(queries)


@pytest.mark.parametrize("change", story_changes.CHANGES)
def test_every_change_a_story_shows_is_on_its_next_render(client, story, change):
    story_changes.prepare(story, change)
    page = _page(client, story)
    expected, gone = story_changes.make(story, change)
    assert expected is None or expected not in page
    assert gone is None or gone in page
    after = _page(client, story)
    assert expected is None or expected in after
    assert gone is None or gone not in after


def test_editing_another_story_keeps_this_storys_fragments(client, story, make_article):
    other = make_article("Neighbour Story", tags=["Armenia"])
    assert "Neighbour Story" in _page(client, story)
    other.headline = "Neighbour Story, Retitled"
    other.save()
    with CaptureQueriesContext(connection) as queries:
        page = _page(client, story)
    # The related list depends on other stories: it is made again...
    assert "Neighbour Story, Retitled" in page
    # ...while the story's own quotes (with their speakers) and corrections
    # were not read again.
    tables = [sql.split(" WHERE ")[0].split(" FROM ")[1] for sql in _parts_read(queries)]
    assert not [t for t in tables if t.startswith('"articles_correction"')]
    assert not [t for t in tables if t.startswith('"articles_quote"') and "articles_source" in t]


def test_a_preview_is_never_shown_to_readers_once_the_story_is_live(
    client, editor_client, make_article, signup_block, clock, settings
):
    soon = timezone.now() + timedelta(minutes=5)
    story = make_article("Embargoed Story", status="scheduled", publish_at=soon)
    preview = editor_client.get(story.get_absolute_url()).content.decode()
    assert "Readers cannot see it yet" in preview
    later = soon + timedelta(seconds=1)
    # Before the fragments kept for the preview would expire by themselves.
    assert later < timezone.now() + timedelta(seconds=settings.FRAGMENT_CACHE_SECONDS)
    clock.move_to(later)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Embargoed Story" in page
    assert "Readers cannot see it yet" not in page
    assert "data-view-beacon" in page
