"""A story's comments kept as a fragment: rebuilt pages read none, changes show at once.

The page cache is off here (`PAGE_CACHE_SECONDS = 0`), as for a page rebuilt
because something else on the site changed: only the fragments are kept.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_only(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600


def _page(client, story, query: str = "") -> str:
    response = client.get(story.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def _comment_reads(queries) -> list[str]:
    return [q["sql"] for q in queries if "comments_comment" in q["sql"]]


@pytest.fixture
def discussed(make_article, make_comment):
    story = make_article("Talked About")
    first = make_comment(story, "Ծանր ձմեռ է սպասվում", name="Անի")
    make_comment(story, "Согласна с вами", name="Ольга", parent=first)
    make_comment(story, "Καλή ανάλυση", name="Ελένη")
    return story


def test_a_rebuilt_page_shows_the_same_comments_without_reading_them(client, discussed):
    first = _page(client, discussed)
    with CaptureQueriesContext(connection) as queries:
        second = _page(client, discussed)
    assert _comment_reads(queries) == []
    assert second == first
    assert "Ծանր ձմեռ է սպասվում" in second and "Согласна с вами" in second


@pytest.mark.parametrize("change", ["approve", "edit", "delete", "spam"])
def test_each_change_to_the_comments_is_on_the_next_render(
    client, discussed, make_comment, clock, change
):
    held = make_comment(discussed, "Waiting in the queue", status=Comment.Status.PENDING)
    shown = Comment.objects.get(body="Καλή ανάλυση")
    before = _page(client, discussed)
    # Two changes in the same instant would name the same touch time.
    clock.shift(timedelta(seconds=1))
    if change == "approve":
        Comment.objects.filter(pk=held.pk).set_status(Comment.Status.APPROVED)
        expected, gone = "Waiting in the queue", None
    elif change == "edit":
        shown.body = "Καλή ανάλυση, ευχαριστώ"
        shown.save()
        expected, gone = "Καλή ανάλυση, ευχαριστώ", None
    elif change == "delete":
        shown.delete()
        expected, gone = None, "Καλή ανάλυση"
    else:
        Comment.objects.filter(pk=shown.pk).set_status(Comment.Status.SPAM)
        expected, gone = None, "Καλή ανάλυση"
    assert (expected is None or expected not in before) and (gone is None or gone in before)
    after = _page(client, discussed)
    assert expected is None or expected in after
    assert gone is None or gone not in after


def test_each_comments_page_is_kept_apart(client, make_article, make_comment, settings):
    settings.COMMENTS_PER_PAGE = 2
    story = make_article()
    for n in range(3):
        make_comment(story, f"Thread number {n}")
    first, second = _page(client, story), _page(client, story, "?comments=2")
    assert "Thread number 0" in first and "Thread number 2" not in first
    assert "Thread number 2" in second and "Thread number 0" not in second
    assert _page(client, story, "?comments=2") == second


def test_closing_comments_drops_the_reply_links_at_once(client, discussed):
    assert ">Reply<" in _page(client, discussed)
    discussed.comment_policy = Article.Comments.CLOSED
    discussed.save()
    page = _page(client, discussed)
    assert "Comments on this story are closed." in page and ">Reply<" not in page
    assert "Согласна с вами" in page


def test_a_story_page_with_many_comments_reads_them_in_two_queries_once(
    client, make_article, make_comment, django_assert_max_num_queries
):
    story = make_article()
    for n in range(30):
        make_comment(story, f"Comment {n}")
    with CaptureQueriesContext(connection) as cold:
        _page(client, story)
    assert len(_comment_reads(cold)) == 2
    with django_assert_max_num_queries(2):
        _page(client, story)
