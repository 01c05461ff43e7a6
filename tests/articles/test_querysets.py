from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db

PAST = timezone.now() - timedelta(hours=1)
FUTURE = timezone.now() + timedelta(days=1)


@pytest.mark.parametrize(
    ("status", "publish_at", "is_live"),
    [
        (Article.Status.PUBLISHED, PAST, True),
        (Article.Status.SCHEDULED, PAST, True),
        (Article.Status.PUBLISHED, FUTURE, False),
        (Article.Status.SCHEDULED, FUTURE, False),
        (Article.Status.DRAFT, None, False),
        (Article.Status.DRAFT, PAST, False),
        (Article.Status.IN_REVIEW, PAST, False),
    ],
)
def test_live_means_published_and_past_its_publish_time(make_article, status, publish_at, is_live):
    article = make_article(status=status, publish_at=publish_at)
    assert Article.objects.live().filter(pk=article.pk).exists() is is_live
    assert article.is_live is is_live


def test_live_is_newest_first(make_article):
    older = make_article(publish_at=timezone.now() - timedelta(days=2))
    newer = make_article(publish_at=timezone.now() - timedelta(hours=2))
    assert list(Article.objects.live()) == [newer, older]


def test_scheduled_story_goes_live_when_its_time_comes(make_article):
    article = make_article(status=Article.Status.SCHEDULED, publish_at=FUTURE)
    later = FUTURE + timedelta(minutes=1)
    assert not Article.objects.filter(Article.objects.live_q()).filter(pk=article.pk).exists()
    assert Article.objects.filter(Article.objects.live_q(later)).filter(pk=article.pk).exists()


def test_listing_does_not_load_bodies(make_article):
    make_article()
    story = Article.objects.live().for_listing().get()
    assert "body" in story.get_deferred_fields()
