"""Comments under a story and counts on cards, as readers see them, cached or not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from comments.models import Comment
from tests.support.xss import PAYLOADS, executable_markup

from .conftest import comment_form, post_url

pytestmark = pytest.mark.django_db


def _page(client, article, query: str = "") -> str:
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def test_approved_comments_show_oldest_first_with_their_replies(client, make_article, make_comment):
    story = make_article()
    first = make_comment(story, "First word", name="Արամ")
    make_comment(story, "Second word", name="Ольга")
    make_comment(story, "A reply", name="Ελένη", parent=first)
    make_comment(story, "Held back", status=Comment.Status.PENDING)
    make_comment(story, "Spammy", status=Comment.Status.SPAM)
    page = _page(client, story)
    assert page.index("First word") < page.index("A reply") < page.index("Second word")
    assert "Held back" not in page and "Spammy" not in page
    assert f'href="{story.get_absolute_url()}#comments" class' not in page
    assert ">3 comments</a>" in page
    assert 'class="comment comment--reply"' in page


def test_a_removed_comment_with_replies_leaves_a_placeholder(client, make_article, make_comment):
    story = make_article()
    top = make_comment(story, "Gone now")
    make_comment(story, "Still here", parent=top)
    Comment.objects.filter(pk=top.pk).set_status(Comment.Status.REMOVED)
    page = _page(client, story)
    assert "Gone now" not in page and "This comment was removed." in page and "Still here" in page


def test_links_are_nofollow_ugc_and_line_breaks_are_kept(client, make_article, make_comment):
    story = make_article()
    make_comment(story, "See https://example.org/report.\n\nSecond paragraph\nsame one")
    page = _page(client, story)
    assert (
        '<a href="https://example.org/report" rel="nofollow ugc">https://example.org/report</a>.'
        in page
    )
    assert "<p>Second paragraph<br>same one</p>" in page


def test_the_email_address_is_never_in_the_page(client, make_article, make_comment):
    story = make_article()
    make_comment(story, email="secret.reader@example.com", name="Secret Reader")
    page = _page(client, story)
    assert "Secret Reader" in page and "secret.reader" not in page


def test_the_count_shows_by_the_byline_and_on_cards_with_a_link(client, make_article, make_comment):
    story = make_article("Counted story", byline="A. Writer")
    for _ in range(12):
        make_comment(story)
    assert f'href="{story.get_absolute_url()}#comments">12 comments</a>' in _page(client, story)
    assert f'href="{story.get_absolute_url()}#comments">12 comments</a>' in _page_of(client, "/")


def _page_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_one_comment_is_counted_in_the_singular(client, make_article, make_comment):
    story = make_article()
    make_comment(story)
    assert ">1 comment</a>" in _page(client, story)


def test_a_story_page_runs_as_many_queries_with_500_comments_as_with_1(
    client, make_article, make_comment, signup_block, django_assert_max_num_queries, settings
):
    settings.FRAGMENT_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    one, many = make_article(), make_article()
    make_comment(one)
    top = [make_comment(many, f"Comment {n}") for n in range(250)]
    for n, parent in enumerate(top):
        make_comment(many, f"Reply {n}", parent=parent)
    counts = []
    for story in (one, many):
        _page(client, story)  # the furniture, loaded once per content version
        with CaptureQueriesContext(connection) as queries:
            _page(client, story)
        counts.append(len(queries))
    # as the story page without comments, plus the page of threads and their replies
    # The story's row, bylines, quotes, tags, corrections, related stories and
    # their bylines; then the page of threads and their replies.
    assert counts[0] == counts[1] <= 9, counts


def test_comments_paginate_past_the_page_size(client, make_article, make_comment, settings):
    settings.COMMENTS_PER_PAGE = 3
    story = make_article()
    for n in range(7):
        make_comment(story, f"Number {n}.")
    first, second, third = (_page(client, story, f"?comments={n}") for n in (1, 2, 3))
    assert "Number 2." in first and "Number 3." not in first and "Later comments" in first
    assert "Number 3." in second and "Earlier comments" in second
    assert "Number 6." in third and "Later comments" not in third
    assert "No more comments." in _page(client, story, "?comments=9")
    assert "Number 0." in _page(client, story, "?comments=nonsense")


def test_card_counts_cost_no_query_per_card(
    client, make_article, make_comment, django_assert_max_num_queries
):
    for _ in range(12):
        make_comment(make_article())
    # sections menu, featured story, page of stories, their bylines
    with django_assert_max_num_queries(4):
        _page_of(client, "/")


def test_approving_updates_the_cached_story_and_its_count_at_once(
    client, make_article, make_comment, clock
):
    story = make_article("Cached story")
    other = make_article("Unrelated story")
    held = make_comment(story, "Now you see me", status=Comment.Status.PENDING)
    # Pages built later than the clocks' margin after the last change are trusted.
    clock.shift(timedelta(seconds=5))
    _page(client, story), _page_of(client, "/"), _page(client, other)
    clock.shift(timedelta(seconds=5))
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    Comment.objects.filter(pk=held.pk).set_status(Comment.Status.APPROVED)
    response = client.get(story.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert (
        "Now you see me" in response.content.decode() and "1 comment" in response.content.decode()
    )
    front = client.get("/")
    assert front["X-Page-Cache"] == "miss" and ">1 comment</a>" in front.content.decode()
    # A story whose comments did not change stays cached.
    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"


def test_editing_or_deleting_a_comment_updates_the_cached_story(
    client, make_article, make_comment, clock
):
    story = make_article()
    comment = make_comment(story, "Typo here")
    _page(client, story)
    clock.shift(timedelta(seconds=5))
    comment.body = "Typo fixed"
    comment.save()
    assert "Typo fixed" in _page(client, story)
    clock.shift(timedelta(seconds=5))
    comment.delete()
    page = _page(client, story)
    assert "Typo fixed" not in page and "0 comments" in page


def test_a_posted_comment_from_a_known_reader_shows_on_the_cached_page(
    client, make_article, make_comment, clock
):
    story = make_article()
    make_comment(story, email="known@example.com")
    _page(client, story)
    clock.shift(timedelta(seconds=5))
    client.post(post_url(story), comment_form(email="known@example.com", body="Straight in"))
    assert "Straight in" in _page(client, story)


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS)
def test_xss_payloads_in_every_comment_field_never_run(client, make_article, make_comment, payload):
    story = make_article()
    make_comment(story, email="known@example.com")
    response = client.post(
        post_url(story),
        comment_form(name=payload[:80], email="known@example.com", body=f"{payload} body"),
    )
    assert executable_markup(response.content.decode()) == []
    page = _page(client, story)
    assert executable_markup(page) == []
    # Shown, as text: the comment was published, and nothing in it ran.
    assert Comment.objects.latest("pk").is_approved and " body</p>" in page
    # The form page shown again with errors escapes what was typed, too.
    refused = client.post(post_url(story), comment_form(email=payload, body=payload, consent=""))
    assert executable_markup(refused.content.decode()) == []


def test_each_comment_shows_its_name_time_and_reply_link_in_its_thread(
    client, make_article, make_comment, settings
):
    # The threads are one template loop (no include per comment): what each
    # comment shows, checked as a reader's browser gets it.
    settings.TIME_ZONE = "Asia/Yerevan"
    story = make_article()
    top = make_comment(story, "Շնորհակալություն, շատ լավ է։", name="Արամ")
    reply = make_comment(story, "Согласна с вами.", name="Ольга", parent=top)
    # 21:05 UTC on 2 March is 01:05 on 3 March in Yerevan (UTC+4).
    moment = datetime(2026, 3, 2, 21, 5, 7, tzinfo=UTC)
    Comment.objects.filter(pk__in=[top.pk, reply.pk]).update(created_at=moment)
    page = _page(client, story)
    thread = page[page.index(f'<li class="comment" id="comment-{top.pk}">') :]
    replies = thread[thread.index('<ol class="comment__replies">') :]
    for comment, name, text in [(top, "Արամ", "Շնորհակալություն"), (reply, "Ольга", "Согласна")]:
        assert (
            f'<span class="comment__name" id="comment-{comment.pk}-by">{name}</span>'
            f' <a class="comment__time" href="#comment-{comment.pk}">'
            '<time datetime="2026-03-03T01:05:07+04:00">3 March 2026, 01:05</time></a>'
        ) in page
        assert (
            f'<a href="/comments/reply/{comment.pk}/" data-reply-to="{comment.pk}">'
            f'Reply<span class="visually-hidden"> to {name}</span></a>'
        ) in page
        assert text in page
    # The reply sits inside its thread's list of replies, after the top comment.
    assert f'id="comment-{reply.pk}"' in replies
    assert f'id="comment-{reply.pk}"' not in thread[: thread.index('<ol class="comment__replies">')]


def test_closed_comments_show_no_reply_links(client, make_article, make_comment):
    story = make_article()
    top = make_comment(story, "Before the close")
    make_comment(story, "A reply", parent=top)
    Article.objects.filter(pk=story.pk).update(comment_policy=Article.Comments.CLOSED)
    page = _page(client, story)
    assert "Before the close" in page and "A reply" in page
    assert "/comments/reply/" not in page and "data-reply-to" not in page


def test_a_removed_comment_keeps_its_place_and_its_replies_list(client, make_article, make_comment):
    story = make_article()
    top = make_comment(story, "Gone now")
    reply = make_comment(story, "Still here", parent=top)
    Comment.objects.filter(pk=top.pk).set_status(Comment.Status.REMOVED)
    page = _page(client, story)
    thread = page[page.index(f'<li class="comment" id="comment-{top.pk}">') :]
    assert thread.index('<p class="comment__removed">This comment was removed.</p>') < thread.index(
        f'<li class="comment comment--reply" id="comment-{reply.pk}">'
    )
    assert f'id="comment-{top.pk}-by"' not in page and f"/comments/reply/{top.pk}/" not in page


def test_names_and_text_are_escaped_in_the_thread(client, make_article, make_comment):
    story = make_article()
    make_comment(story, 'Fish & chips <b>"now"</b>', name="<Ann & Bob>")
    page = _page(client, story)
    assert "&lt;Ann &amp; Bob&gt;</span>" in page
    assert " to &lt;Ann &amp; Bob&gt;</span>" in page
    assert "Fish &amp; chips &lt;b&gt;&quot;now&quot;&lt;/b&gt;" in page
