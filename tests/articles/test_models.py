from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article, Quote, Source
from articles.models import Image as LibraryImage
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


def test_slug_is_made_from_the_headline(make_article):
    article = make_article("Ceasefire Reached on the Border")
    assert article.slug == "ceasefire-reached-on-the-border"
    assert article.get_absolute_url() == "/articles/ceasefire-reached-on-the-border/"


def test_clashing_slugs_get_a_number_instead_of_overwriting(make_article):
    first = make_article("Council Votes")
    second = make_article("Council votes!")
    assert (first.slug, second.slug) == ("council-votes", "council-votes-2")
    first.refresh_from_db()
    assert first.slug == "council-votes"


def test_changing_the_headline_keeps_the_slug(make_article):
    article = make_article("Draft Headline")
    article.headline = "A Much Better Headline"
    article.save()
    article.refresh_from_db()
    assert article.slug == "draft-headline"


def test_an_editor_set_slug_is_kept(make_article):
    article = make_article("Long Headline About Roads", slug="roads")
    assert article.slug == "roads"


def test_body_is_sanitised_on_save(make_article):
    article = make_article(
        body='<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:x()">x</a>'
        '<span style="color:red">red</span></p><h2>Subhead</h2>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    assert "style=" not in article.body
    assert "<h2>Subhead</h2>" in article.body


def test_body_is_sanitised_again_on_render(make_article):
    article = make_article()
    # A row written around the model (a raw update) is still safe to show.
    Article.objects.filter(pk=article.pk).update(body="<p>ok</p><img src=x onerror=alert(1)>")
    article.refresh_from_db()
    assert "onerror" not in article.body_html
    assert "<p>ok</p>" in article.body_html


def test_links_in_the_body_cannot_reach_back_into_the_page(make_article):
    article = make_article(body='<p><a href="https://example.com/">source</a></p>')
    assert 'rel="noopener noreferrer"' in article.body


def test_speakers_are_listed_once_in_order_of_first_quote(make_article, make_source):
    article = make_article()
    first, second = make_source("First Speaker"), make_source("Second Speaker")
    for order, speaker in enumerate([first, second, first]):
        Quote.objects.create(article=article, speaker=speaker, text="Words", order=order)
    assert article.speakers() == [first, second]


def test_publish_now_makes_the_story_live(make_article):
    article = make_article(status=Article.Status.DRAFT, publish_at=None)
    article.publish()
    assert article.status == Article.Status.PUBLISHED
    assert article.is_live
    assert Article.objects.live().filter(pk=article.pk).exists()


def test_saving_as_published_without_a_time_publishes_now(make_article):
    article = make_article(status=Article.Status.PUBLISHED, publish_at=None)
    assert article.publish_at is not None
    assert article.is_live


def test_publish_with_a_future_time_schedules(make_article):
    article = make_article(status=Article.Status.DRAFT, publish_at=None)
    article.publish(at=timezone.now() + timedelta(days=1))
    assert article.status == Article.Status.SCHEDULED
    assert not article.is_live


def test_unpublish_takes_the_story_off_the_site(make_article):
    article = make_article()
    article.unpublish()
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    assert not Article.objects.live().filter(pk=article.pk).exists()


def test_backdated_story_is_not_marked_updated(make_article):
    article = make_article(publish_at=timezone.now() - timedelta(days=3))
    assert not article.was_updated


def test_story_edited_well_after_going_live_is_marked_updated(make_article):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(
        created_at=timezone.now() - timedelta(hours=2),
        updated_at=timezone.now(),
    )
    article.refresh_from_db()
    assert article.was_updated


def test_source_str_and_slug(make_source):
    source = make_source("Armen Sargsyan", role="Security Council Secretary")
    assert str(source) == "Armen Sargsyan, Security Council Secretary"
    assert source.get_absolute_url() == "/sources/armen-sargsyan/"


def test_source_aliases_are_read_one_per_line(make_source):
    source = make_source(
        "Armenian Defense Ministry", aliases="Defense Ministry\n\n Ministry of Defense "
    )
    assert source.alias_list == ["Defense Ministry", "Ministry of Defense"]


def test_quote_counts_per_source(make_article, make_source):
    speaker = make_source("Busy Speaker")
    article = make_article()
    for _ in range(3):
        Quote.objects.create(article=article, speaker=speaker, text="Again")
    assert Source.objects.with_quote_counts().get(pk=speaker.pk).quote_count == 3


def test_a_real_image_passes_validation():
    image = LibraryImage(title="With photo")
    image.file = image_upload()
    image.full_clean()


def test_a_fake_image_is_refused_with_a_clear_message():
    image = LibraryImage(title="Fake photo")
    image.file = SimpleUploadedFile("hero.jpg", b"not an image at all", "image/jpeg")
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "not an image" in str(error.value)


def test_an_oversized_image_file_is_refused(settings):
    settings.MAX_IMAGE_BYTES = 500
    image = LibraryImage(title="Huge photo")
    image.file = image_upload(size=(400, 400))
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "the limit is" in str(error.value)


def test_an_image_with_too_many_pixels_is_refused(settings):
    settings.MAX_IMAGE_PIXELS = 100 * 100
    image = LibraryImage(title="Bomb")
    image.file = image_upload(size=(200, 200))
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "megapixels" in str(error.value)
