"""Library images, heroes among them, are stored re-encoded: no metadata, upright, a random name."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, PngImagePlugin

from articles.models import Article
from articles.models import Image as LibraryImage
from tests.conftest import GPS_IFD, RANDOM_NAME, photo_with_gps

pytestmark = pytest.mark.django_db


def _stored(article: Article) -> Image.Image:
    article.hero.file.open("rb")
    try:
        image = Image.open(io.BytesIO(article.hero.file.read()))
        image.load()
        return image
    finally:
        article.hero.file.close()


def test_the_fixture_photo_really_carries_gps():
    image = Image.open(io.BytesIO(photo_with_gps()))
    assert image.getexif().get_ifd(GPS_IFD)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_exif_and_gps_are_stripped_on_save(make_article, fmt):
    upload = SimpleUploadedFile("source-at-home.jpg", photo_with_gps(fmt=fmt))
    article = make_article(photo=upload)
    stored = _stored(article)
    assert dict(stored.getexif()) == {}
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert "exif" not in stored.info
    assert "xmp" not in stored.info
    article.hero.file.open("rb")
    raw = article.hero.file.read()
    article.hero.file.close()
    assert b"Photographer Name" not in raw
    assert b"CameraMaker" not in raw


def test_images_saved_through_the_field_are_cleaned_too(make_article, make_image):
    article = make_article(hero=make_image())
    article.hero.file.save("leak.jpg", ContentFile(photo_with_gps()), save=True)
    article.refresh_from_db()
    assert not _stored(article).getexif().get_ifd(GPS_IFD)
    assert RANDOM_NAME.match(article.hero.file.name)


def test_orientation_is_applied_and_dimensions_follow(make_article):
    # Orientation 6: the camera was turned; the stored pixels are upright.
    upload = SimpleUploadedFile("turned.jpg", photo_with_gps((120, 80), orientation=6))
    article = make_article(photo=upload)
    article.refresh_from_db()
    assert _stored(article).size == (80, 120)
    assert (article.hero.width, article.hero.height) == (80, 120)


def test_file_name_is_random_and_never_the_uploaded_one(make_article):
    first = make_article(photo=SimpleUploadedFile("Ani Petrosyan home.jpg", photo_with_gps()))
    second = make_article(photo=SimpleUploadedFile("Ani Petrosyan home.jpg", photo_with_gps()))
    for article in (first, second):
        assert RANDOM_NAME.match(article.hero.file.name), article.hero.file.name
        assert "Petrosyan" not in article.hero.file.name
    assert first.hero.file.name != second.hero.file.name


def test_extension_comes_from_the_detected_format(make_article):
    buffer = io.BytesIO()
    Image.new("RGBA", (30, 20), "#ff000080").save(buffer, format="PNG")
    article = make_article(photo=SimpleUploadedFile("photo.jpg", buffer.getvalue()))
    assert article.hero.file.name.endswith(".png")
    assert _stored(article).format == "PNG"


def _gif(frames: int) -> bytes:
    buffer = io.BytesIO()
    images = [Image.new("RGB", (20, 20), colour) for colour in ["red", "green", "blue"][:frames]]
    images[0].save(buffer, format="GIF", save_all=frames > 1, append_images=images[1:])
    return buffer.getvalue()


def test_an_animated_image_is_refused():
    image = LibraryImage(title="Animated")
    image.file = SimpleUploadedFile("moving.gif", _gif(3), "image/gif")
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "Animated images cannot be used" in str(error.value)


def test_a_still_gif_is_accepted(make_article):
    article = make_article(photo=SimpleUploadedFile("still.gif", _gif(1)))
    assert article.hero.file.name.endswith(".gif")


@pytest.mark.parametrize("fmt", ["TIFF", "BMP", "ICO"])
def test_other_formats_are_refused(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, format=fmt)
    image = LibraryImage(title="Odd format")
    image.file = SimpleUploadedFile(f"photo.{fmt.lower()}", buffer.getvalue())
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert f"This is a {fmt} image" in str(error.value)


def test_a_path_that_skips_validation_still_cannot_store_a_fake_image(make_article):
    with pytest.raises(ValidationError), transaction.atomic():
        make_article(photo=SimpleUploadedFile("fake.jpg", b"<?php system($_GET[0]); ?>"))
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
    article = make_article(photo=SimpleUploadedFile("logo.png", buffer.getvalue()))
    stored = _stored(article)
    assert stored.info.get("transparency") == 1
    assert "Author" not in stored.info
