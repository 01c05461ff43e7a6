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
        hero_image=image_upload(size=(90, 60)),
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
    photo = story_with_photo.hero_image.name
    response = editor_client.post(change_url(story_with_photo), _photo_form(story_with_photo))
    assert response.status_code == 302
    story_with_photo.refresh_from_db()
    assert story_with_photo.hero_image.name == photo
    assert (story_with_photo.hero_width, story_with_photo.hero_height) == (90, 60)


def test_a_typo_fixed_in_a_story_with_a_photo_keeps_the_photo(editor_client, story_with_photo):
    photo = story_with_photo.hero_image.name
    data = _photo_form(story_with_photo, headline="Orchard Festival Draws a Record Crowd")
    response = editor_client.post(change_url(story_with_photo), data)
    assert response.status_code == 302
    story_with_photo.refresh_from_db()
    assert story_with_photo.headline == "Orchard Festival Draws a Record Crowd"
    assert story_with_photo.hero_image.name == photo
    assert story_with_photo.hero_image.storage.exists(photo)


def test_an_editor_replaces_the_photo(editor_client, story_with_photo):
    old = story_with_photo.hero_image.name
    data = _photo_form(story_with_photo, hero_image=image_upload(size=(160, 100)))
    response = editor_client.post(change_url(story_with_photo), data)
    assert response.status_code == 302
    story_with_photo.refresh_from_db()
    assert story_with_photo.hero_image.name != old
    assert (story_with_photo.hero_width, story_with_photo.hero_height) == (160, 100)


def test_an_editor_removes_the_photo(editor_client, story_with_photo):
    data = _photo_form(story_with_photo, **{"hero_image-clear": "on"})
    response = editor_client.post(change_url(story_with_photo), data)
    assert response.status_code == 302
    story_with_photo.refresh_from_db()
    assert not story_with_photo.hero_image
    assert story_with_photo.hero_width is None
