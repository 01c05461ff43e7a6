"""A page whose slug changes keeps answering at every address it had while public."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, FormerAddress, Section
from tests.support.admin_forms import article_form, change_url

pytestmark = pytest.mark.django_db


def _moved_to(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 301, url
    return response["Location"]


def test_a_published_story_renamed_in_the_admin_redirects_from_its_old_address(
    editor_client, client, make_article
):
    article = make_article("Bridge Opens", slug="bridge-opens")
    data = article_form(article, slug="bridge-opens-to-traffic")
    assert editor_client.post(change_url(article), data).status_code == 302
    assert _moved_to(client, "/articles/bridge-opens/") == "/articles/bridge-opens-to-traffic/"
    assert client.get("/articles/bridge-opens-to-traffic/").status_code == 200


def test_every_address_a_story_had_leads_to_the_newest(client, make_article):
    article = make_article("Ferry", slug="ferry")
    for slug in ("ferry-returns", "ferry-returns-in-may"):
        article.slug = slug
        article.save()
    assert _moved_to(client, "/articles/ferry/") == "/articles/ferry-returns-in-may/"
    assert _moved_to(client, "/articles/ferry-returns/") == "/articles/ferry-returns-in-may/"


def test_the_story_document_and_query_string_follow_the_story(client, make_article):
    article = make_article("Dam", slug="dam")
    article.slug = "dam-report"
    article.save()
    assert _moved_to(client, "/articles/dam.ninjs.json") == "/articles/dam-report.ninjs.json"
    assert _moved_to(client, "/articles/dam/?utm_source=x") == "/articles/dam-report/?utm_source=x"


def test_an_armenian_address_redirects_too(client, make_article):
    article = make_article("Երևան")
    article.slug = "երեւանի-նոր-այգին"
    article.save()
    location = _moved_to(client, "/articles/երեւան/")
    assert location == article.get_absolute_url()
    assert client.get(location).status_code == 200


def test_a_draft_renamed_leaves_no_former_address(client, make_article):
    article = make_article("Draft", slug="draft-one", status=Article.Status.DRAFT)
    article.slug = "draft-two"
    article.save()
    assert not FormerAddress.objects.exists()
    assert client.get("/articles/draft-one/").status_code == 404


def test_a_story_scheduled_for_later_renamed_leaves_no_former_address(make_article):
    article = make_article("Later", slug="later", publish_at=timezone.now() + timedelta(days=1))
    article.slug = "later-still"
    article.save()
    assert not FormerAddress.objects.exists()


def test_a_story_taken_down_is_a_404_at_old_and_new_addresses(client, make_article):
    article = make_article("Recall", slug="recall")
    article.slug = "recall-notice"
    article.save()
    article.unpublish()
    assert client.get("/articles/recall/").status_code == 404
    assert client.get("/articles/recall-notice/").status_code == 404


def test_a_new_story_may_take_an_old_address(client, make_article):
    first = make_article("Market", slug="market")
    first.slug = "market-moves"
    first.save()
    make_article("Market Day", slug="market")
    response = client.get("/articles/market/")
    assert response.status_code == 200
    assert "Market Day" in response.content.decode()


def test_an_old_slug_without_its_slash_redirects_in_one_hop(client, make_article):
    article = make_article("Ferry", slug="ferry")
    article.slug = "ferry-returns"
    article.save()

    # Not to /articles/ferry/ first (the slash), then on: straight there.
    assert _moved_to(client, "/articles/ferry") == "/articles/ferry-returns/"
    assert (
        _moved_to(client, "/articles/ferry?utm_source=x") == "/articles/ferry-returns/?utm_source=x"
    )
    assert client.get("/articles/ferry-returns/").status_code == 200


def test_a_new_story_at_an_old_slug_wins_without_the_slash_too(client, make_article):
    first = make_article("Market", slug="market")
    first.slug = "market-moves"
    first.save()
    make_article("Market Day", slug="market")

    assert _moved_to(client, "/articles/market") == "/articles/market/"


def test_renaming_a_story_back_leaves_no_loop(client, make_article):
    article = make_article("Loop", slug="loop")
    article.slug = "loop-2"
    article.save()
    article.slug = "loop"
    article.save()
    assert client.get("/articles/loop/").status_code == 200
    assert _moved_to(client, "/articles/loop-2/") == "/articles/loop/"


def test_sources_sections_and_tags_redirect_with_their_feeds(client, make_source):
    source = make_source("Lusine Petrosyan")
    source.slug = "lusine-petrosyan-mp"
    source.save()
    section = Section.objects.create(name="Diaspora", slug="diaspora")
    section.slug = "community"
    section.save()
    tag = Tag.objects.create(name="Gyumri")
    tag.slug = "gyumri-city"
    tag.save()
    assert _moved_to(client, "/sources/lusine-petrosyan/") == "/sources/lusine-petrosyan-mp/"
    assert _moved_to(client, "/sections/diaspora/feed/") == "/sections/community/feed/"
    assert _moved_to(client, "/tags/gyumri/feed/atom/") == "/tags/gyumri-city/feed/atom/"


def test_an_address_nothing_ever_had_is_a_plain_404(client, db, django_assert_max_num_queries):
    # The content state, the story's lookup, the 404 page's section menu,
    # the one look for a former address and the one for a redirect.
    with django_assert_max_num_queries(5):
        assert client.get("/articles/never-was/").status_code == 404


def test_editors_see_the_former_addresses_and_where_they_lead(editor_client, make_article):
    article = make_article("Կամուրջ", slug="kamurj")
    article.slug = "կամուրջ"
    article.save()
    response = editor_client.get("/admin/articles/formeraddress/")
    assert response.status_code == 200
    assert 'href="/articles/kamurj/"' in response.content.decode()
    former = FormerAddress.objects.get()
    assert (
        editor_client.get(f"/admin/articles/formeraddress/{former.pk}/change/").status_code == 200
    )
