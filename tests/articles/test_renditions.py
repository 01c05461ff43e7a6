"""Hero image renditions: WebP and JPEG at several widths, in srcset."""

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from articles.renditions import rendition_name
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


def test_upload_makes_webp_and_jpeg_renditions_no_wider_than_the_original(make_article):
    article = make_article(hero_image=image_upload(size=(1000, 500)))
    name = article.hero_image.name
    for width in (480, 800, 1000):
        for ext, fmt in (("webp", "WEBP"), ("jpg", "JPEG")):
            with default_storage.open(rendition_name(name, width, ext)) as f, Image.open(f) as im:
                assert im.format == fmt
                assert im.size == (width, width // 2)
    assert not default_storage.exists(rendition_name(name, 1200, "jpg"))


def test_article_page_uses_srcset_sizes_and_dimensions(client, make_article):
    article = make_article(hero_image=image_upload(size=(1000, 500)), hero_alt="A field")
    html = client.get(article.get_absolute_url()).content.decode()
    name = article.hero_image.name.rsplit(".", 1)[0]
    assert f"/media/renditions/{name}-480w.webp 480w" in html
    assert f"/media/renditions/{name}-1000w.jpg 1000w" in html
    assert 'type="image/webp"' in html and 'sizes="' in html
    assert 'alt="A field" width="1000" height="500" loading="eager"' in html


def test_cards_below_the_fold_load_lazily(client, make_article):
    make_article(hero_image=image_upload(size=(900, 600)), is_featured=True)
    make_article(hero_image=image_upload(size=(900, 600)))
    html = client.get("/").content.decode()
    assert html.count('loading="lazy"') == 1
    assert html.count('width="900" height="600"') == 2


def test_replacing_the_image_makes_new_renditions(make_article):
    article = make_article(hero_image=image_upload(size=(600, 400)))
    article.hero_image = image_upload("other.jpg", size=(500, 500))
    article.save()
    assert default_storage.exists(rendition_name(article.hero_image.name, 500, "webp"))
