from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Source
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


def test_featured_story_leads_then_the_latest(client, make_article):
    older = make_article("Older Story", publish_at=timezone.now() - timedelta(days=2))
    featured = make_article(
        "Featured Story", is_featured=True, publish_at=timezone.now() - timedelta(days=5)
    )
    newest = make_article("Newest Story")
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["featured"] == featured
    assert list(response.context["page_obj"]) == [newest, older]
    html = response.content.decode()
    assert html.index("Featured Story") < html.index("Newest Story") < html.index("Older Story")


def test_drafts_and_future_stories_are_not_listed(client, make_article):
    make_article("Secret Draft", status=Article.Status.DRAFT)
    make_article("Tomorrow's Story", publish_at=timezone.now() + timedelta(days=1))
    make_article("Live Story")
    html = client.get("/").content.decode()
    assert "Live Story" in html
    assert "Secret Draft" not in html
    assert "Tomorrow" not in html


def test_front_page_is_paginated(client, make_article, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        make_article(f"Story {n}", publish_at=timezone.now() - timedelta(hours=n + 1))
    first = client.get("/")
    third = client.get("/?page=3")
    assert [a.headline for a in first.context["page_obj"]] == ["Story 0", "Story 1"]
    assert [a.headline for a in third.context["page_obj"]] == ["Story 4"]
    assert 'rel="next"' in first.content.decode()
    # A bad page number shows a page, never an error.
    assert client.get("/?page=oops").status_code == 200


def test_featured_story_is_only_on_the_first_page(client, make_article, settings):
    settings.ARTICLES_PER_PAGE = 1
    make_article("Featured", is_featured=True)
    make_article("A")
    make_article("B")
    assert client.get("/?page=2").context["featured"] is None


def test_front_page_query_count_is_flat(
    client, make_article, make_source, section, django_assert_max_num_queries
):
    wire = make_source("Wire", kind=Source.Kind.OUTLET)
    make_article(is_featured=True, section=section, credit=wire, photo=image_upload())
    for _ in range(15):
        # Everything a card shows, so a field the listing leaves out shows up here.
        make_article(
            tags=5,
            quotes=2,
            section=section,
            credit=wire,
            byline="A. Writer",
            dek="The dek.",
            photo=image_upload(),
        )
    # sections menu, featured story, page of stories, the bylines of both
    # (cards show no tags)
    with django_assert_max_num_queries(4):
        response = client.get("/")
    assert response.status_code == 200


def test_front_page_past_the_last_page_is_404_and_the_list_is_never_counted(
    client, make_article, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.ARTICLES_PER_PAGE = 2
    for _ in range(3):
        make_article()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/?page=2")
    assert response.status_code == 200
    assert "Page 2" in response.content.decode()
    assert not [q for q in queries if "COUNT(" in q["sql"]]
    assert client.get("/?page=3").status_code == 404
