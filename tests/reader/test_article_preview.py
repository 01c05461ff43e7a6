"""Signed share links show one unpublished story without a login, for a while."""

import pytest

from articles.models import Article
from articles.previews import preview_token, preview_url

pytestmark = pytest.mark.django_db


def _path(article) -> str:
    return f"/preview/{preview_token(article)}/"


def test_a_share_link_shows_the_draft_without_a_login(client, make_article):
    article = make_article("Embargoed Story", status=Article.Status.DRAFT)
    assert client.get(article.get_absolute_url()).status_code == 404
    response = client.get(_path(article))
    assert response.status_code == 200
    assert "Embargoed Story" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    article.refresh_from_db()
    assert article.view_count == 0


def test_a_forged_or_altered_link_shows_nothing(client, make_article):
    article = make_article("Embargoed Story", status=Article.Status.DRAFT)
    token = preview_token(article)
    for bad in ["made-up", token[:-2] + "xx"]:
        response = client.get(f"/preview/{bad}/")
        assert response.status_code == 410
        assert "Embargoed Story" not in response.content.decode()


def test_an_expired_link_stops_working(client, make_article, settings):
    article = make_article("Embargoed Story", status=Article.Status.DRAFT)
    path = _path(article)
    settings.PREVIEW_LINK_MAX_AGE = -1
    response = client.get(path)
    assert response.status_code == 410
    assert "no longer works" in response.content.decode()


def test_the_link_leads_to_the_story_once_it_is_published(client, make_article):
    article = make_article("Embargoed Story", status=Article.Status.DRAFT)
    path = _path(article)
    article.publish()
    response = client.get(path, follow=True)
    assert response.redirect_chain == [(article.get_absolute_url(), 302)]
    assert response.status_code == 200
    assert "Embargoed Story" in response.content.decode()
    assert "Preview:" not in response.content.decode()


def test_an_expired_link_to_a_published_story_still_leads_to_it(client, make_article, settings):
    article = make_article("Embargoed Story", status=Article.Status.DRAFT)
    path = _path(article)
    article.publish()
    settings.PREVIEW_LINK_MAX_AGE = -1
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()


def test_the_link_shows_the_story_again_once_it_is_unpublished(client, make_article):
    article = make_article("Embargoed Story", status=Article.Status.DRAFT)
    path = _path(article)
    article.publish()
    article.unpublish()
    response = client.get(path)
    assert response.status_code == 200
    assert "Embargoed Story" in response.content.decode()


def test_editors_find_the_share_link_on_the_story(editor_client, make_article):
    article = make_article(status=Article.Status.DRAFT)
    html = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert preview_url(article).split("/preview/")[0] in html
    assert "/preview/" in html
