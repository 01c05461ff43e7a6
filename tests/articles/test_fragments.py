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

from articles import caching
from articles.models import Correction, Quote, Section
from newsletter.models import SignupBlock

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


@pytest.mark.parametrize(
    "change",
    [
        "dek",
        "new-quote",
        "quote-text",
        "delete-quote",
        "speaker-rename",
        "credit-rename",
        "tag-added",
        "tag-removed",
        "tag-rename",
        "section-rename",
        "correction",
        "delete-correction",
        "signup-block",
    ],
)
def test_every_change_a_story_shows_is_on_its_next_render(client, story, change):
    quote = story.quotes.order_by("order").first()
    if change == "delete-correction":
        Correction.objects.create(article=story, text="The old wrong figure was fixed.")
        story.refresh_from_db()
    page = _page(client, story)
    gone = None
    if change == "dek":
        story.dek = "A dek written later"
        story.save()
        expected = "A dek written later"
    elif change == "new-quote":
        Quote.objects.create(
            article=story, speaker=quote.speaker, text="Words added later", is_pull_quote=True
        )
        expected = "Words added later"
    elif change == "quote-text":
        quote.text = "Words corrected later"
        quote.save()
        expected, gone = "Words corrected later", "Words number 0."
    elif change == "delete-quote":
        quote.delete()
        expected, gone = None, quote.speaker.name
    elif change == "speaker-rename":
        quote.speaker.name = "Renamed Speaker"
        quote.speaker.save()
        expected = "Renamed Speaker"
    elif change == "credit-rename":
        story.credit.name = "Renamed Wire"
        story.credit.save()
        expected, gone = "Renamed Wire", "Wire Service"
    elif change == "tag-added":
        story.tags.add("Diplomacy")
        expected = "Diplomacy"
    elif change == "tag-removed":
        story.tags.remove("Armenia")
        expected, gone = None, 'rel="tag">Armenia<'
    elif change == "tag-rename":
        tag = story.tags.get()
        tag.name = "Armenian politics"
        tag.save()
        expected = "Armenian politics"
    elif change == "section-rename":
        Section.objects.filter(pk=story.section_id).update(name="x")  # no signal yet
        section = Section.objects.get(pk=story.section_id)
        section.name = "Caucasus"
        section.save()
        expected = '">Caucasus</a></p>'  # the story's kicker, not the site menu
    elif change == "correction":
        Correction.objects.create(article=story, text="An earlier version misspelt a name.")
        expected = "An earlier version misspelt a name."
    elif change == "delete-correction":
        Correction.objects.get().delete()
        expected, gone = None, "The old wrong figure was fixed."
    else:
        block = SignupBlock.objects.get()
        block.heading = "A new heading for sign-ups"
        block.save()
        expected = "A new heading for sign-ups"
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
    client, editor_client, make_article, signup_block, monkeypatch
):
    soon = timezone.now() + timedelta(minutes=5)
    story = make_article("Embargoed Story", status="scheduled", publish_at=soon)
    preview = editor_client.get(story.get_absolute_url()).content.decode()
    assert "Readers cannot see it yet" in preview
    later = soon + timedelta(seconds=1)
    monkeypatch.setattr(caching.time, "time", lambda: later.timestamp())
    monkeypatch.setattr(caching.timezone, "now", lambda: later)
    from articles.models import articles as article_models
    from articles.models import querysets

    monkeypatch.setattr(article_models.timezone, "now", lambda: later)
    monkeypatch.setattr(querysets.timezone, "now", lambda: later)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Embargoed Story" in page
    assert "Readers cannot see it yet" not in page
    assert "data-view-beacon" in page
