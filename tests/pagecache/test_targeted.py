"""Targeted invalidation: an edit makes stale the pages showing the story, and only those.

Checked over the whole demo site: every cached page that showed a story's
headline shows the new one after an edit (nothing stale is served), and
every page that names the stories it shows and did not show that one stays
cached. Publishing, unpublishing and moving a story between lists still
make every page stale.
"""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Section
from tests.support.admin_forms import change_url, rendered_form
from tests.support.crawler import Crawler

pytestmark = pytest.mark.django_db

# Pages that name every story they show (`names_every_row()`): an edit of
# another story must leave them cached.
NAMING_PAGES = ("/articles/", "/tags/", "/sections/", "/authors/")


def _cached(client, url: str) -> str:
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit", url
    return response.content.decode()


def _public_pages(client) -> list[str]:
    # Every HTML page a reader reaches that the page cache keeps.
    elsewhere = ("/static/", "/media/", "/admin", "/newsletter/", "/comments/")
    found = Crawler(client, skip=lambda url: url.startswith(elsewhere)).crawl(["/"])
    pages = []
    for url in found.fetched:
        response = client.get(url)
        if (
            response.status_code == 200
            and response.get("X-Page-Cache")
            and "html" in response.get("Content-Type", "")
        ):
            pages.append(url)
    return pages


def _shows(page: str, headline: str) -> bool:
    return html.escape(headline, quote=False) in page or html.escape(headline) in page


def test_an_edit_stales_exactly_the_pages_that_show_the_story(client, demo_site, clock):
    pages = _public_pages(client)
    assert len(pages) > 20
    stories = list(Article.objects.live().order_by("-publish_at")[:12:3])
    clock.shift(timedelta(seconds=5))
    kept = rebuilt = 0
    for story in stories:
        before = {url: _cached(client, url) for url in pages}
        # Past the clocks' margin, so pages built just now count as built before the edit.
        clock.shift(timedelta(seconds=5))
        old = story.headline
        story.headline = f"{old} (updated)"
        story.save()
        for url, page in before.items():
            response = client.get(url)
            after = response.content.decode()
            if _shows(page, old):
                assert _shows(after, story.headline), f"{url} still shows {old!r}"
                rebuilt += 1
            elif (url == "/" or url.startswith(NAMING_PAGES)) and "?" not in url:
                assert response["X-Page-Cache"] == "hit", f"{url} went stale for {old!r}"
                kept += 1
        story.headline = old
        story.save()
        clock.shift(timedelta(seconds=5))
    # Both kinds were seen: the walk proves something either way.
    assert kept > 20 and rebuilt > 10, (kept, rebuilt)


def test_an_edit_of_another_story_keeps_a_story_page_and_its_lists(client, make_article, clock):
    desk = Section.objects.create(name="Economy", slug="economy")
    kept = make_article("The Kept Story", tags=["Ծաղկաձոր"], section=desk)
    edited = make_article("The Edited Story", tags=["Москва"])
    urls = [kept.get_absolute_url(), desk.get_absolute_url(), "/tags/" + kept.tags.get().slug + "/"]
    for url in urls:
        page = _cached(client, url)
        assert "The Edited Story" not in page.split("Most read")[0]
    clock.shift(timedelta(seconds=5))
    edited.dek = "A new line under the headline."
    edited.save()
    for url in urls:
        page = client.get(url)
        if "The Edited Story" in page.content.decode():
            continue  # in the most-read list: rebuilt, as it must be
        assert page["X-Page-Cache"] == "hit", url
    assert client.get(edited.get_absolute_url()).content.decode().count("A new line") >= 1


@pytest.mark.parametrize(
    "change",
    ["unpublish", "reschedule", "feature", "section"],
)
def test_a_change_of_lists_stales_every_page(client, make_article, clock, change):
    story = make_article("Moving Story")
    other = make_article("Unrelated Story")
    _cached(client, other.get_absolute_url())
    clock.shift(timedelta(seconds=5))
    if change == "unpublish":
        story.status = Article.Status.DRAFT
    elif change == "reschedule":
        story.publish_at = story.publish_at - timedelta(days=2)
    elif change == "feature":
        story.is_featured = True
    else:
        story.section = Section.objects.create(name="Culture", slug="culture")
    story.save()
    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "miss"


def test_an_edit_through_the_admin_reaches_the_cached_front_page(
    editor_client, make_article, clock
):
    client = Client()  # a reader: `editor_client` is the suite's client, logged in
    story = make_article("Headline Before")
    # Read more than the story, so it is on no other story's most-read list.
    others = [make_article(f"Much Read {n}") for n in range(6)]
    Article.objects.filter(pk__in=[o.pk for o in others]).update(view_count=100)
    other = others[0]
    _cached(client, "/")
    assert "Headline Before" not in _cached(client, other.get_absolute_url())
    clock.shift(timedelta(seconds=5))
    form = rendered_form(editor_client.get(change_url(story)).content.decode(), "article_form")
    form["headline"] = "Headline After"
    response = editor_client.post(change_url(story), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    front = client.get("/")
    assert "Headline After" in front.content.decode() and "Headline Before" not in (
        front.content.decode()
    )
    # A headline changed and no list moved (the admin posts the publish time
    # to the second; the story keeps its own): the other story stays cached.
    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"
    stored = Article.objects.get(pk=story.pk).publish_at
    assert stored == story.publish_at and stored.microsecond == story.publish_at.microsecond


def test_a_related_story_edited_shows_on_the_kept_story_page(client, make_article, clock, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = make_article("First Of Two", tags=["Gyumri"])
    second = make_article("Second Of Two", tags=["Gyumri"])
    page = client.get(first.get_absolute_url()).content.decode()
    assert "Second Of Two" in page
    clock.shift(timedelta(seconds=5))
    second.headline = "Second, Renamed"
    second.save()
    page = client.get(first.get_absolute_url()).content.decode()
    assert "Second, Renamed" in page and "Second Of Two" not in page


def test_search_and_feeds_follow_every_edit(client, make_article, clock):
    story = make_article("Searchable Headline")
    feed = reverse("articles:feed")
    _cached(client, feed)
    clock.shift(timedelta(seconds=5))
    story.headline = "Searchable Headline Changed"
    story.save()
    assert "Searchable Headline Changed" in client.get(feed).content.decode()
