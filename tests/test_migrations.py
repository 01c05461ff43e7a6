from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.models import Article, FormerAddress, Source


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    # --check exits non-zero when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_rows_the_ascii_slug_rule_named_badly_are_named_again_and_redirect(client):
    before = [("articles", "0009_former_address")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldArticle = old.get_model("articles", "Article")
    OldSource = old.get_model("articles", "Source")
    now = timezone.now()
    # What the ASCII-only rule made of these names.
    yerevan = OldArticle.objects.create(
        headline="Երևան", slug="untitled", status="published", publish_at=now
    )
    draft = OldArticle.objects.create(headline="Москва", slug="untitled-2", status="draft")
    chosen = OldArticle.objects.create(
        headline="Αθήνα", slug="athens", status="published", publish_at=now
    )
    turkish = OldSource.objects.create(name="Işık Aydoğan", slug="isk-aydogan")
    accented = OldSource.objects.create(name="Kemal Aydoğan", slug="kemal-aydogan")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert Article.objects.get(pk=yerevan.pk).slug == "երեւան"
    assert Article.objects.get(pk=draft.pk).slug == "москва"
    assert Article.objects.get(pk=chosen.pk).slug == "athens"
    assert Source.objects.get(pk=turkish.pk).slug == "işık-aydoğan"
    assert Source.objects.get(pk=accented.pk).slug == "kemal-aydogan"
    # Only addresses readers could have followed redirect: not the draft's.
    assert set(FormerAddress.objects.values_list("kind", "slug")) == {
        ("article", "untitled"),
        ("source", "isk-aydogan"),
    }
    moved = client.get("/articles/untitled/")
    assert moved["Location"] == Article.objects.get(pk=yerevan.pk).get_absolute_url()
    assert client.get("/sources/isk-aydogan/").status_code == 301
