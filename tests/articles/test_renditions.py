"""Hero image renditions: WebP and JPEG at several widths, in srcset."""

from pathlib import PurePosixPath

import pytest
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from PIL import Image

from articles.media.renditions import Picture, picture, planned_widths, rendition_name
from articles.models import Image as LibraryImage
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


def test_upload_makes_webp_and_jpeg_renditions_no_wider_than_the_original(make_article):
    article = make_article(photo=image_upload(size=(1000, 500)))
    name = article.hero.file.name
    for width in (480, 800, 1000):
        for ext, fmt in (("webp", "WEBP"), ("jpg", "JPEG")):
            with default_storage.open(rendition_name(name, width, ext)) as f, Image.open(f) as im:
                assert im.format == fmt
                assert im.size == (width, width // 2)
    assert not default_storage.exists(rendition_name(name, 1200, "jpg"))


def test_article_page_uses_srcset_sizes_and_dimensions(client, make_article):
    article = make_article(photo=image_upload(size=(1000, 500)), hero_alt="A field")
    html = client.get(article.get_absolute_url()).content.decode()
    name = article.hero.file.name.rsplit(".", 1)[0]
    assert f"/media/renditions/{name}-480w.webp 480w" in html
    assert f"/media/renditions/{name}-1000w.jpg 1000w" in html
    assert 'type="image/webp"' in html and 'sizes="' in html
    assert 'alt="A field" width="1000" height="500" loading="eager"' in html


def test_cards_below_the_fold_load_lazily(client, make_article):
    make_article(photo=image_upload(size=(900, 600)), is_featured=True)
    make_article(photo=image_upload(size=(900, 600)))
    html = client.get("/").content.decode()
    assert html.count('loading="lazy"') == 1
    assert html.count('width="900" height="600"') == 2


def test_replacing_the_image_makes_new_renditions(make_article):
    article = make_article(photo=image_upload(size=(600, 400)))
    article.hero_from_upload(image_upload("other.jpg", size=(500, 500)))
    article.save()
    assert default_storage.exists(rendition_name(article.hero.file.name, 500, "webp"))


ODD_NAMES = [
    "articles/2026/11/hero.jpg",
    "hero.jpg",
    "articles/2026/11/two dots.tar.gz",
    "articles/ünïcode/φωτο.webp",
    "articles/odd#name?x=1;y%20.jpg",
    "articles/.hidden",
    "articles/ends-with-dot.",
    "articles//double/./hero.jpg",
    "./hero.jpg",
    "/absolute/hero.jpg",
    "articles/../up/hero.jpg",
]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_rendition_names_are_the_pathlib_ones(name):
    path = PurePosixPath(name)
    expected = str(PurePosixPath("renditions") / path.parent / f"{path.stem}-800w.webp")
    assert rendition_name(name, 800, "webp") == expected


def _srcset(name, fmt):
    copies = [(rendition_name(name, w, fmt), w) for w in planned_widths(1000)]
    return ", ".join(f"{default_storage.url(copy)} {w}w" for copy, w in copies)


@pytest.mark.parametrize("name", ODD_NAMES)
@pytest.mark.parametrize("storage", ["filesystem", "other"])
def test_picture_gives_each_rendition_its_storage_address(name, storage, settings):
    if storage == "other":
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        }
    image = FieldFile(None, LibraryImage._meta.get_field("file"), name)
    sources = picture(image, 1000, 500)
    assert sources.webp_srcset == _srcset(name, "webp")
    assert sources.jpeg_srcset == _srcset(name, "jpg")
    assert sources.src == default_storage.url(rendition_name(name, 1000, "jpg"))


def test_an_image_of_unknown_size_has_no_srcset():
    image = FieldFile(None, LibraryImage._meta.get_field("file"), "articles/hero.jpg")
    assert picture(image, None, None) == Picture(default_storage.url("articles/hero.jpg"), "", "")


def test_the_copies_are_made_by_a_job_and_the_page_shows_the_original_until_then(
    client, make_article
):
    from articles.tasks import make_image_renditions

    article = make_article(photo=image_upload(size=(1000, 500)), hero_alt="A field")
    image = article.hero
    image.refresh_from_db()
    assert image.renditions_ready
    # As it is between the upload and the job's run:
    LibraryImage.objects.filter(pk=image.pk).update(renditions_for="")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "srcset" not in html
    assert f'src="{image.file.url}"' in html
    assert 'alt="A field" width="1000" height="500"' in html
    make_image_renditions(image.pk, image.rendition_key)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "-480w.webp 480w" in html


def test_a_job_for_a_picture_replaced_since_does_nothing(make_image):
    from articles.tasks import make_image_renditions

    image = make_image(size=(900, 600))
    stale_key = image.rendition_key
    image.focal_x, image.focal_y = 0.2, 0.3
    image.save()
    image.refresh_from_db()
    assert image.renditions_ready
    LibraryImage.objects.filter(pk=image.pk).update(renditions_for="")
    make_image_renditions(image.pk, stale_key)
    image.refresh_from_db()
    assert not image.renditions_ready
