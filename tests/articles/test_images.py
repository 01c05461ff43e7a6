"""Hero images are stored re-encoded: no metadata, upright, a random name."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, PngImagePlugin

from articles.models import Article
from tests.conftest import GPS_IFD, RANDOM_NAME, photo_with_gps

pytestmark = pytest.mark.django_db


def _stored(article: Article) -> Image.Image:
    article.hero_image.open("rb")
    try:
        image = Image.open(io.BytesIO(article.hero_image.read()))
        image.load()
        return image
    finally:
        article.hero_image.close()


def test_the_fixture_photo_really_carries_gps():
    image = Image.open(io.BytesIO(photo_with_gps()))
    assert image.getexif().get_ifd(GPS_IFD)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_exif_and_gps_are_stripped_on_save(make_article, fmt):
    upload = SimpleUploadedFile("source-at-home.jpg", photo_with_gps(fmt=fmt))
    article = make_article(hero_image=upload)
    stored = _stored(article)
    assert dict(stored.getexif()) == {}
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert "exif" not in stored.info
    assert "xmp" not in stored.info
    article.hero_image.open("rb")
    raw = article.hero_image.read()
    article.hero_image.close()
    assert b"Photographer Name" not in raw
    assert b"CameraMaker" not in raw


def test_images_saved_through_the_field_are_cleaned_too(make_article):
    article = make_article()
    article.hero_image.save("leak.jpg", ContentFile(photo_with_gps()), save=True)
    article.refresh_from_db()
    assert not _stored(article).getexif().get_ifd(GPS_IFD)
    assert RANDOM_NAME.match(article.hero_image.name)


def test_orientation_is_applied_and_dimensions_follow(make_article):
    # Orientation 6: the camera was turned; the stored pixels are upright.
    upload = SimpleUploadedFile("turned.jpg", photo_with_gps((120, 80), orientation=6))
    article = make_article(hero_image=upload)
    article.refresh_from_db()
    assert _stored(article).size == (80, 120)
    assert (article.hero_width, article.hero_height) == (80, 120)


def test_file_name_is_random_and_never_the_uploaded_one(make_article):
    first = make_article(hero_image=SimpleUploadedFile("Ani Petrosyan home.jpg", photo_with_gps()))
    second = make_article(hero_image=SimpleUploadedFile("Ani Petrosyan home.jpg", photo_with_gps()))
    for article in (first, second):
        assert RANDOM_NAME.match(article.hero_image.name), article.hero_image.name
        assert "Petrosyan" not in article.hero_image.name
    assert first.hero_image.name != second.hero_image.name


def test_extension_comes_from_the_detected_format(make_article):
    buffer = io.BytesIO()
    Image.new("RGBA", (30, 20), "#ff000080").save(buffer, format="PNG")
    article = make_article(hero_image=SimpleUploadedFile("photo.jpg", buffer.getvalue()))
    assert article.hero_image.name.endswith(".png")
    assert _stored(article).format == "PNG"


def _gif(frames: int) -> bytes:
    buffer = io.BytesIO()
    images = [Image.new("RGB", (20, 20), colour) for colour in ["red", "green", "blue"][:frames]]
    images[0].save(buffer, format="GIF", save_all=frames > 1, append_images=images[1:])
    return buffer.getvalue()


def test_an_animated_image_is_refused():
    article = Article(headline="Animated")
    article.hero_image = SimpleUploadedFile("moving.gif", _gif(3), "image/gif")
    with pytest.raises(ValidationError) as error:
        article.full_clean(exclude=["slug"])
    assert "Animated images cannot be used" in str(error.value)


def test_a_still_gif_is_accepted(make_article):
    article = make_article(hero_image=SimpleUploadedFile("still.gif", _gif(1)))
    assert article.hero_image.name.endswith(".gif")


@pytest.mark.parametrize("fmt", ["TIFF", "BMP", "ICO"])
def test_other_formats_are_refused(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, format=fmt)
    article = Article(headline="Odd format")
    article.hero_image = SimpleUploadedFile(f"photo.{fmt.lower()}", buffer.getvalue())
    with pytest.raises(ValidationError) as error:
        article.full_clean(exclude=["slug"])
    assert f"This is a {fmt} image" in str(error.value)


def test_a_path_that_skips_validation_still_cannot_store_a_fake_image(make_article):
    with pytest.raises(ValidationError), transaction.atomic():
        make_article(hero_image=SimpleUploadedFile("fake.jpg", b"<?php system($_GET[0]); ?>"))
    assert not Article.objects.exists()


def test_pillow_refuses_bombs_at_the_newsroom_limit(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.MAX_IMAGE_PIXELS


def test_a_transparent_png_keeps_its_transparency_but_not_its_text(make_article):
    image = Image.new("P", (20, 20), 1)
    image.putpalette([255, 255, 255, 200, 30, 30] + [0] * 762)
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Photographer Name")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", transparency=1, pnginfo=info)
    article = make_article(hero_image=SimpleUploadedFile("logo.png", buffer.getvalue()))
    stored = _stored(article)
    assert stored.info.get("transparency") == 1
    assert "Author" not in stored.info
