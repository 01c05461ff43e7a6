from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.media.renditions import rendition_name
from articles.models import Article, FormerAddress, Source
from articles.models import Image as LibraryImage
from tests.conftest import jpeg_bytes


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


@pytest.mark.django_db(transaction=True)
def test_hero_photos_move_into_the_library_with_nothing_lost(client, django_user_model):
    before = [("articles", "0012_story_library_images")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldArticle = old.get_model("articles", "Article")
    OldHistory = old.get_model("articles", "HistoricalArticle")
    reporter = django_user_model.objects.create_user("ani")
    stored = default_storage.save(
        "articles/2026/05/harbour.jpg", ContentFile(jpeg_bytes((900, 600)))
    )
    earlier = default_storage.save(
        "articles/2026/04/first.jpg", ContentFile(jpeg_bytes((300, 200)))
    )
    story = OldArticle.objects.create(
        headline="Սևանի նավահանգիստը",
        slug="sevan-harbour",
        status="published",
        publish_at=timezone.now(),
        author_id=reporter.pk,
        hero_image=stored,
        hero_width=900,
        hero_height=600,
        hero_caption="Boats at the pier",
        hero_credit="Ani Sargsyan",
        hero_alt="Fishing boats tied up at a wooden pier",
    )
    # An earlier version of the story ran another photo, with its own words.
    OldHistory.objects.create(
        id=story.pk,
        headline=story.headline,
        slug=story.slug,
        status="draft",
        created_at=story.created_at,
        updated_at=story.updated_at,
        is_featured=False,
        signup_placement="default",
        canonical_is_original=True,
        hero_image=earlier,
        hero_width=300,
        hero_height=200,
        hero_caption="An earlier caption",
        history_date=timezone.now(),
        history_type="~",
    )
    # A photo whose file this machine's storage does not have.
    lost = OldArticle.objects.create(
        headline="Lost photo",
        slug="lost",
        status="draft",
        hero_image="articles/gone.jpg",
        hero_width=640,
        hero_height=480,
    )
    plain = OldArticle.objects.create(headline="No photo", slug="no-photo", status="draft")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = Article.objects.get(pk=story.pk)
    photo = moved.hero
    assert photo.file.name == stored
    assert (photo.width, photo.height) == (900, 600)
    assert (photo.caption, photo.credit, photo.alt_text) == (
        "Boats at the pier",
        "Ani Sargsyan",
        "Fishing boats tied up at a wooden pier",
    )
    assert photo.title == "Սևանի նավահանգիստը"
    assert photo.uploaded_by == reporter
    assert list(photo.stories.all()) == [moved]
    # The story shows the library's words, unchanged for the reader.
    assert (moved.hero_caption, moved.hero_credit, moved.hero_alt) == ("", "", "")
    page = client.get(moved.get_absolute_url()).content.decode()
    assert "Boats at the pier" in page and 'alt="Fishing boats tied up' in page
    assert rendition_name(stored, 480, "webp") in page
    # The earlier version keeps its photo, and the photo its caption.
    past = moved.history.get()
    assert past.hero.file.name == earlier
    assert past.hero.caption == "An earlier caption"
    assert Article.objects.get(pk=lost.pk).hero.file.name == "articles/gone.jpg"
    assert Article.objects.get(pk=plain.pk).hero is None
    assert LibraryImage.objects.count() == 3
