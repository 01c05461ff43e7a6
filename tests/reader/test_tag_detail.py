from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_tag_page_lists_live_stories_with_the_tag(client, make_article):
    make_article("Tagged Live", tags=["Gyumri"])
    make_article("Tagged Draft", tags=["Gyumri"], status=Article.Status.DRAFT)
    make_article("Other Topic", tags=["Music"])
    response = client.get("/tags/gyumri/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Gyumri</h1>" in html
    assert "Tagged Live" in html
    assert "Tagged Draft" not in html
    assert "Other Topic" not in html


def test_unknown_tag_is_404(client):
    assert client.get("/tags/nothing-here/").status_code == 404


def test_tag_page_query_count_is_flat(client, make_article, django_assert_max_num_queries):
    for _ in range(20):
        make_article(tags=["Armenia", "Extra"], quotes=1)
    # sections menu, tag, page count, page of stories
    with django_assert_max_num_queries(4):
        assert client.get("/tags/armenia/").status_code == 200


def _titles(response) -> list[str]:
    return [story.headline for story in response.context["page_obj"]]


def test_tag_page_lists_newest_first_across_pages(client, make_article, settings):
    settings.ARTICLES_PER_PAGE = 2
    now = timezone.now()
    # Entered out of publish order, so entry order cannot pass for it.
    for name, days in [("Tue", 5), ("Sat", 1), ("Mon", 6), ("Thu", 3), ("Fri", 2)]:
        make_article(name, tags=["Gyumri"], publish_at=now - timedelta(days=days))
    make_article("Draft", tags=["Gyumri"], status=Article.Status.DRAFT)
    make_article("Tomorrow", tags=["Gyumri"], publish_at=now + timedelta(days=1))
    pages = [_titles(client.get("/tags/gyumri/", {"page": n})) for n in (1, 2, 3)]
    assert pages == [["Sat", "Fri"], ["Thu", "Tue"], ["Mon"]]


def test_tag_page_follows_a_story_rescheduled_or_tagged_before_publishing(client, make_article):
    now = timezone.now()
    old = make_article("Old", tags=["Gyumri"], publish_at=now - timedelta(days=3))
    make_article("Middle", tags=["Gyumri"], publish_at=now - timedelta(days=2))
    draft = make_article("Draft", tags=["Gyumri"], status=Article.Status.DRAFT)
    assert _titles(client.get("/tags/gyumri/")) == ["Middle", "Old"]

    old.publish_at = now - timedelta(hours=1)
    old.save()
    draft.publish(at=now - timedelta(days=1))
    assert _titles(client.get("/tags/gyumri/")) == ["Old", "Draft", "Middle"]
