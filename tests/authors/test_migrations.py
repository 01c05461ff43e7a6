"""The migration that turns free-text bylines naming people into authors."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.models import Article
from authors.models import Author

# The stories' tables as they are now: only the bylines are rolled back.
BEFORE = [("authors", "0002_newsroom_permissions"), ("articles", "0014_hero_columns_removed")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _story(OldArticle, byline: str):
    return OldArticle.objects.create(
        headline=f"A story by {byline}",
        slug=f"story-{OldArticle.objects.count()}",
        byline=byline,
        status="published",
        publish_at=timezone.now(),
    )


@pytest.mark.django_db(transaction=True)
def test_bylines_naming_people_become_authors_and_credits_stay_text():
    old = _migrate(BEFORE)
    OldArticle = old.get_model("articles", "Article")
    OldAuthor = old.get_model("authors", "Author")
    old.get_model("articles", "Source").objects.create(
        name="Hetq", slug="hetq", kind="outlet", aliases="Hetq Online"
    )
    known = OldAuthor.objects.create(name="Tatev Hakobyan", name_key="tatev hakobyan", slug="tatev")
    pair = _story(OldArticle, "By TATEV HAKOBYAN and Çağrı Öztürk")
    three = _story(OldArticle, "Ani Avagyan, Çagri Ozturk and Տալին Մարտիրոսյան")
    service = _story(OldArticle, "RFE/RL's Armenian Service")
    agencies = _story(OldArticle, "Staff and agencies")
    outlet = _story(OldArticle, "Hetq Online")
    unsigned = _story(OldArticle, "")

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    def names(story):
        return [b.author.name for b in Article.objects.get(pk=story.pk).bylines.all()]

    assert names(pair) == ["Tatev Hakobyan", "Çağrı Öztürk"]
    # One author per person, found again by name whatever the case or accents.
    assert names(three) == ["Ani Avagyan", "Çağrı Öztürk", "Տալին Մարտիրոսյան"]
    assert Article.objects.get(pk=pair.pk).bylines.first().author.pk == known.pk
    assert Article.objects.get(pk=pair.pk).byline == ""
    assert Author.objects.get(name="Տալին Մարտիրոսյան").slug == "տալին-մարտիրոսյան"
    assert Author.objects.count() == 4
    for story, text in [
        (service, "RFE/RL's Armenian Service"),
        (agencies, "Staff and agencies"),
        (outlet, "Hetq Online"),
    ]:
        assert Article.objects.get(pk=story.pk).byline == text
        assert names(story) == []
    assert names(unsigned) == []


@pytest.mark.django_db(transaction=True)
def test_reversing_the_migration_puts_the_names_back_as_text():
    old = _migrate(BEFORE)
    story = _story(
        old.get_model("articles", "Article"), "Ani Avagyan, Mark Dunn and Sona Hovsepyan"
    )
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert Article.objects.get(pk=story.pk).byline == ""

    old = _migrate(BEFORE)
    assert old.get_model("articles", "Article").objects.get(pk=story.pk).byline == (
        "Ani Avagyan, Mark Dunn and Sona Hovsepyan"
    )
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
