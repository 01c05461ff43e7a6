"""Every save keeps a version: who changed what, the changes, and a restore."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Quote
from tests.support.admin_forms import ADD, article_form, change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(desk_editor) -> Client:
    client = Client()
    client.force_login(desk_editor)
    return client


def _save(client, article, **fields):
    response = client.post(change_url(article), article_form(article, **fields))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()


def test_each_save_keeps_a_version_with_who_made_it(desk, desk_editor):
    desk.post(ADD, article_form(headline="First Headline"))
    from articles.models import Article

    article = Article.objects.get()
    _save(desk, article, headline="Second Headline")
    versions = list(article.history.all())
    assert [v.headline for v in versions] == ["Second Headline", "First Headline"]
    assert versions[0].history_user == desk_editor


def test_history_page_shows_what_changed(desk, make_article):
    article = make_article("Old Headline")
    _save(desk, article, headline="New Headline")
    url = reverse("admin:articles_article_history", args=[article.pk])
    html = desk.get(url).content.decode()
    assert "Old Headline" in html and "New Headline" in html


def test_an_earlier_version_can_be_restored(desk, make_article):
    article = make_article("Original Headline", body="<p>Original text.</p>")
    _save(desk, article, headline="Bad Edit", body="<p>Mangled.</p>")
    original = article.history.order_by("history_date").first()
    url = reverse("admin:articles_article_simple_history", args=[article.pk, original.history_id])
    assert desk.get(url).status_code == 200
    data = article_form(article, headline=original.headline, body=original.body)
    response = desk.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.body) == ("Original Headline", "<p>Original text.</p>")


def test_quotes_and_sources_keep_versions_too(make_article, make_source):
    source = make_source("Ani Hakobyan")
    source.role = "Mayor"
    source.save()
    quote = Quote.objects.create(article=make_article(), speaker=source, text="First words")
    quote.text = "Corrected words"
    quote.save()
    assert source.history.count() == 2
    assert [v.text for v in quote.history.all()] == ["Corrected words", "First words"]
