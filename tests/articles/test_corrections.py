from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, Correction
from tests.support.admin_forms import article_form, change_url, management_form

pytestmark = pytest.mark.django_db


def test_editor_adds_a_correction_that_readers_see_with_its_date(desk_editor, make_article):
    article = make_article("Bridge Reopens", publish_at=timezone.now() - timedelta(days=2))
    two_days_ago = timezone.now() - timedelta(days=2)
    Article.objects.filter(pk=article.pk).update(created_at=two_days_ago, updated_at=two_days_ago)
    client = Client()
    client.force_login(desk_editor)
    data = article_form(article)
    data.update(management_form("corrections", total=1))
    data.update(
        {
            "corrections-0-kind": "correction",
            "corrections-0-created_at_0": timezone.now().strftime("%Y-%m-%d"),
            "corrections-0-created_at_1": timezone.now().strftime("%H:%M:%S"),
            "corrections-0-text": "An earlier version gave the wrong length of the bridge.",
        }
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.created_by == desk_editor
    article.refresh_from_db()
    assert article.was_updated

    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Corrections and updates" in page
    assert "An earlier version gave the wrong length of the bridge." in page
    assert "Updated <time" in page


def test_corrections_page_lists_corrections_on_live_stories_only(client, make_article):
    live = make_article("Live Story")
    draft = make_article("Draft Story", status=Article.Status.DRAFT)
    Correction.objects.create(article=live, text="The mayor's name is spelled Avetisyan.")
    Correction.objects.create(article=draft, text="Secret fix.")
    html = client.get("/corrections/").content.decode()
    assert "The mayor&#x27;s name is spelled Avetisyan." in html
    assert 'href="/articles/live-story/"' in html
    assert "Secret fix." not in html


def test_corrections_page_query_count_is_flat(client, make_article, django_assert_max_num_queries):
    for n in range(15):
        Correction.objects.create(article=make_article(), text=f"Fix {n}")
    # sections menu, count, page of corrections with their stories
    with django_assert_max_num_queries(3):
        assert client.get("/corrections/").status_code == 200


def test_contributors_cannot_add_corrections(contributor, make_article):
    article = make_article(status=Article.Status.DRAFT, author=contributor)
    client = Client()
    client.force_login(contributor)
    data = article_form(article)
    data.update(management_form("corrections", total=1))
    data.update({"corrections-0-kind": "update", "corrections-0-text": "Sneaky."})
    client.post(change_url(article), data)
    assert not Correction.objects.exists()


def test_a_correction_moves_the_story_updated_time(make_article):
    article = make_article()
    long_ago = timezone.now() - timedelta(days=5)
    Article.objects.filter(pk=article.pk).update(created_at=long_ago, updated_at=long_ago)
    Correction.objects.create(article=article, kind=Correction.Kind.UPDATE, text="Talks resumed.")
    article.refresh_from_db()
    assert article.updated_at > long_ago + timedelta(days=4)
