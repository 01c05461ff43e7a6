from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, Quote, TaggedArticle

pytestmark = pytest.mark.django_db


def test_generate_archive_adds_stories_with_quotes_and_tags(client):
    call_command("generate_archive", "--articles", "30", stdout=StringIO())
    call_command("generate_archive", "--articles", "20", stdout=StringIO())
    assert Article.objects.count() == 50
    assert Quote.objects.count() >= 100
    assert TaggedArticle.objects.count() >= 100
    story = Article.objects.live().first()
    assert len(story.body) > 1500
    assert client.get(story.get_absolute_url()).status_code == 200
    # The search index sees bulk-created stories too.
    word = story.headline.split()[0]
    assert client.get("/search/", {"q": word}).context["page_obj"].paginator.count >= 1
