"""A story with a photo, edited in the admin: kept, replaced or removed.

Every other field of the change form is sent back as the editor found it,
so the photo reaches the form's validators as the stored file, not as an
upload: the case that once made every re-save a 500.
"""

from __future__ import annotations

import pytest

from articles.models import Article
from tests.conftest import image_upload
from tests.support.admin_forms import article_form, change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_with_photo(make_article) -> Article:
    return make_article(
        "Orchard Festival Draws Record Crowd",
        photo=image_upload(size=(90, 60)),
        hero_alt="Apple pickers on ladders",
        hero_caption="The first morning of the festival.",
    )


def _photo_form(article: Article, **overrides) -> dict[str, str]:
    return article_form(
        article,
        hero_alt=article.hero_alt,
        hero_caption=article.hero_caption,
        **overrides,
    )


def test_a_story_with_a_photo_saves_unchanged(editor_client, story_with_photo):
    photo = story_with_photo.hero.file.name
    response = editor_client.post(change_url(story_with_photo), _photo_form(story_with_photo))
    assert response.status_code == 302
    story_with_photo.refresh_from_db()
    assert story_with_photo.hero.file.name == photo
    assert (story_with_photo.hero.width, story_with_photo.hero.height) == (90, 60)


def test_a_typo_fixed_in_a_story_with_a_photo_keeps_the_photo(editor_client, story_with_photo):
    photo = story_with_photo.hero.file.name
    data = _photo_form(story_with_photo, headline="Orchard Festival Draws a Record Crowd")
    response = editor_client.post(change_url(story_with_photo), data)
    assert response.status_code == 302
    story_with_photo.refresh_from_db()
    assert story_with_photo.headline == "Orchard Festival Draws a Record Crowd"
    assert story_with_photo.hero.file.name == photo
    assert story_with_photo.hero.file.storage.exists(photo)


def test_an_editor_replaces_the_photo_with_an_upload(editor_client, story_with_photo):
    old = story_with_photo.hero
    data = _photo_form(story_with_photo, hero_upload=image_upload(size=(160, 100)))
    response = editor_client.post(change_url(story_with_photo), data)
    assert response.status_code == 302
    story_with_photo.refresh_from_db()
    assert story_with_photo.hero != old
    assert (story_with_photo.hero.width, story_with_photo.hero.height) == (160, 100)
    # The old photo stays in the library, used by no story now.
    assert not old.stories.exists()


def test_an_editor_chooses_a_photo_from_the_library(editor_client, story_with_photo, make_image):
    chosen = make_image("Orchard at dusk", caption="Library words", alt_text="Trees")
    story_with_photo.hero_caption = story_with_photo.hero_alt = ""
    data = _photo_form(story_with_photo, hero=chosen.pk)
    response = editor_client.post(change_url(story_with_photo), data)
    assert response.status_code == 302
    story_with_photo.refresh_from_db()
    assert story_with_photo.hero == chosen
    page = editor_client.get(story_with_photo.get_absolute_url()).content.decode()
    assert "Library words" in page
    assert list(chosen.stories.all()) == [story_with_photo]


def test_the_story_overrides_the_librarys_words_for_its_hero(client, make_article, make_image):
    photo = make_image(caption="Library caption", credit="Library credit", alt_text="Library alt")
    story = make_article(hero=photo, hero_caption="Story caption", hero_alt="")
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Story caption" in page and "Library caption" not in page
    assert "Library credit" in page
    assert 'alt="Library alt"' in page


def test_an_editor_removes_the_photo(editor_client, story_with_photo):
    photo = story_with_photo.hero
    data = _photo_form(story_with_photo, hero="")
    response = editor_client.post(change_url(story_with_photo), data)
    assert response.status_code == 302
    story_with_photo.refresh_from_db()
    assert story_with_photo.hero is None
    # Removed from the story, kept in the library.
    assert type(photo).objects.filter(pk=photo.pk).exists()


def test_a_library_picture_used_as_a_hero_cannot_be_deleted(editor_client, story_with_photo):
    from django.urls import reverse

    url = reverse("admin:articles_image_delete", args=[story_with_photo.hero_id])
    editor_client.post(url, {"post": "yes"})
    story_with_photo.refresh_from_db()
    assert story_with_photo.hero is not None
