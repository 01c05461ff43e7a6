"""Redirects follow a page that moves here: an old link stays one hop from its page."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from taggit.models import Tag

from articles.models import Article, Section
from pages.models import Page
from redirects.models import Redirect

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return Article.objects.create(
        headline="Market reopens", slug="market-reopens", status=Article.Status.PUBLISHED
    )


def _hops(client, address: str) -> tuple[list[str], int]:
    """Follow `address` to its end: return the addresses passed and the last status."""
    passed, response = [], client.get(address)
    while response.status_code in (301, 302) and len(passed) < 5:
        passed.append(response["Location"])
        response = client.get(response["Location"])
    return passed, response.status_code


def test_old_link_goes_straight_to_a_story_whose_slug_changed_here(client, story):
    Redirect.objects.add("/2024/03/market-reopens/", story.get_absolute_url())

    story.slug = "market-hall-reopens"
    story.save()

    assert _hops(client, "/2024/03/market-reopens/") == (["/articles/market-hall-reopens/"], 200)
    assert _hops(client, "/?p=101") == ([], 200)


def test_redirects_to_a_renamed_sections_pages_and_feed_follow_it(client):
    section = Section.objects.create(name="Shirak", slug="shirak")
    Redirect.objects.add("/category/shirak/", "/sections/shirak/")
    Redirect.objects.add("/category/shirak/feed/", "/sections/shirak/feed/")

    section.slug = "shirak-region"
    section.save()

    assert _hops(client, "/category/shirak/") == (["/sections/shirak-region/"], 200)
    assert _hops(client, "/category/shirak/feed/") == (["/sections/shirak-region/feed/"], 200)


def test_an_armenian_tag_renamed_keeps_its_old_links_one_hop_away(client, story):
    tag = Tag.objects.create(name="Գյումրի", slug="գյումրի")
    story.tags.add(tag)
    Redirect.objects.add("/tag/gyumri/", f"/tags/{quote('գյումրի')}/")

    tag.slug = "գյումրի-քաղաք"
    tag.save()

    assert _hops(client, "/tag/gyumri/") == ([f"/tags/{quote('գյումրի-քաղաք')}/"], 200)


def test_a_moved_site_page_takes_its_redirects_but_not_those_of_pages_below_it(client):
    about = Page.objects.create(title="About", url="/about/", body="<p>Us.</p>", is_published=True)
    team = Page.objects.create(
        title="Team", url="/about/team/", body="<p>We.</p>", is_published=True
    )
    Redirect.objects.add("/?page_id=150", "/about/")
    Redirect.objects.add("/?page_id=151", "/about/team/")

    about.url = "/about-us/"
    about.save()

    assert Redirect.objects.get(query="page_id=150").target == "/about-us/"
    assert Redirect.objects.get(query="page_id=151").target == team.get_absolute_url()


def test_a_story_renamed_while_unpublished_is_one_hop_away_once_republished(client, story):
    Redirect.objects.add("/2024/03/market-reopens/", story.get_absolute_url())
    story.status = Article.Status.UNPUBLISHED
    story.save()
    story.slug = "market-hall-reopens"
    story.save()

    story.status = Article.Status.PUBLISHED
    story.save()

    assert _hops(client, "/2024/03/market-reopens/") == (["/articles/market-hall-reopens/"], 200)
