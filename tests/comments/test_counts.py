"""The approved-comment count on the story stays in step under concurrent approvals."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connections

from comments.models import Comment

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="SQLite runs one writer at a time, so it cannot show lost updates; "
    "run with DATABASE_URL=postgres://...",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_are_all_counted_once(make_article, make_comment):
    story = make_article()
    held = [make_comment(story, f"Held {n}", status=Comment.Status.PENDING) for n in range(20)]
    # Twenty moderators approve a comment each, and five more approve the
    # first one again at the same moment.
    targets = [comment.pk for comment in held] + [held[0].pk] * 5
    start = threading.Barrier(len(targets))
    failures = []

    def approve(pk: int) -> None:
        # Each thread has its own database connection, closed when it is done.
        try:
            start.wait(timeout=30)
            Comment.objects.filter(pk=pk).set_status(Comment.Status.APPROVED)
        except Exception as error:
            failures.append(repr(error))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=approve, args=(pk,)) for pk in targets]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert failures == []
    story.refresh_from_db()
    assert story.comment_count == 20 == Comment.objects.approved().count()


@pytest.mark.django_db
def test_the_count_follows_every_move(make_article, make_comment):
    story = make_article()
    comment = make_comment(story, status=Comment.Status.PENDING)
    moves = [
        (Comment.Status.APPROVED, 1),
        (Comment.Status.APPROVED, 1),
        (Comment.Status.SPAM, 0),
        (Comment.Status.APPROVED, 1),
        (Comment.Status.REMOVED, 0),
    ]
    for status, expected in moves:
        Comment.objects.filter(pk=comment.pk).set_status(status)
        story.refresh_from_db()
        assert story.comment_count == expected, status


@pytest.mark.django_db
def test_an_editors_save_of_the_story_never_writes_back_the_count(make_article, make_comment):
    story = make_article()
    stale = type(story).objects.get(pk=story.pk)
    make_comment(story)
    stale.headline = "Edited headline"
    stale.save()
    story.refresh_from_db()
    assert story.comment_count == 1
