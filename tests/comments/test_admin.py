"""The moderation queue and its actions, the lists, the Moderators group."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comments.models import BlockedAddress, Comment, Commenter, ModerationWord, address_hash

from .conftest import comment_form, post_url

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/"


@pytest.fixture
def moderator(make_member):
    return make_member("Moderators", "moderator")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def _act(client, action: str, comments) -> None:
    response = client.post(
        QUEUE,
        {"action": action, "_selected_action": [c.pk for c in comments]},
        follow=True,
    )
    assert response.status_code == 200


def test_the_queue_lists_pending_first_then_newest(moderator_client, make_article, make_comment):
    story = make_article()
    old_pending = make_comment(story, "old pending", status=Comment.Status.PENDING)
    make_comment(story, "approved newest")
    new_pending = make_comment(story, "new pending", status=Comment.Status.PENDING)
    page = moderator_client.get(QUEUE).content.decode()
    assert page.index("new pending") < page.index("old pending") < page.index("approved newest")
    assert new_pending.pk and old_pending.pk


def test_the_queue_shows_story_and_history_in_a_fixed_number_of_queries(
    moderator_client, make_article, make_comment, django_assert_max_num_queries
):
    story = make_article("Story in the queue")
    for n in range(30):
        make_comment(story, f"c{n}", email=f"r{n % 3}@example.com")
    with django_assert_max_num_queries(12):
        page = moderator_client.get(QUEUE).content.decode()
    assert "Story in the queue" in page and "10 approved, 0 spam, 10 in all" in page


def test_bulk_approve_counts_on_the_story(moderator_client, make_article, make_comment):
    story = make_article()
    held = [make_comment(story, status=Comment.Status.PENDING) for _ in range(3)]
    _act(moderator_client, "approve", held)
    story.refresh_from_db()
    assert story.comment_count == 3
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.APPROVED}


def test_an_unconfirmed_comment_is_not_approved(moderator_client, make_article, make_comment):
    story = make_article()
    unconfirmed = make_comment(story, status=Comment.Status.PENDING, confirmed=False)
    _act(moderator_client, "approve", [unconfirmed])
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "action, status", [("mark_spam", Comment.Status.SPAM), ("remove", Comment.Status.REMOVED)]
)
def test_spam_and_remove_take_comments_off_the_count(
    moderator_client, make_article, make_comment, action, status
):
    story = make_article()
    shown = [make_comment(story) for _ in range(2)]
    _act(moderator_client, action, shown[:1])
    story.refresh_from_db()
    assert story.comment_count == 1
    assert Comment.objects.get(pk=shown[0].pk).status == status


def test_changing_the_status_on_the_form_keeps_the_count(
    moderator_client, make_article, make_comment
):
    story = make_article()
    comment = make_comment(story, status=Comment.Status.PENDING)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    response = moderator_client.post(
        url, {"name": comment.name, "body": "Edited text", "status": Comment.Status.APPROVED}
    )
    assert response.status_code == 302
    story.refresh_from_db()
    comment.refresh_from_db()
    assert (story.comment_count, comment.body) == (1, "Edited text")


def test_ban_this_address_blocks_its_next_comments(client, moderator, make_article, make_comment):
    story = make_article()
    bad = make_comment(story, email="troll@example.com")
    client.force_login(moderator)
    _act(client, "ban_address", [bad])
    assert BlockedAddress.objects.filter(email_hash=address_hash("troll@example.com")).exists()
    bad.refresh_from_db()
    assert bad.status == Comment.Status.SPAM
    client.logout()
    client.post(post_url(story), comment_form(email="troll@example.com"))
    assert Comment.objects.latest("pk").status == Comment.Status.SPAM


def test_remove_everything_from_an_address_leaves_no_trace(
    moderator_client, make_article, make_comment
):
    one, two = make_article(), make_article()
    theirs = [
        make_comment(one, email="gone@example.com"),
        make_comment(two, email="gone@example.com"),
    ]
    reply = make_comment(one, "A reply by someone else", parent=theirs[0])
    _act(moderator_client, "remove_everything_from_address", theirs[:1])
    assert not Comment.objects.filter(
        commenter__email_hash=address_hash("gone@example.com")
    ).exists()
    assert not Commenter.objects.filter(email_hash=address_hash("gone@example.com")).exists()
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.comment_count, two.comment_count) == (1, 0)
    assert Comment.objects.filter(pk=reply.pk).exists()


def test_searching_a_whole_address_finds_its_comments(moderator_client, make_article, make_comment):
    story = make_article()
    make_comment(story, "Found me", email="Someone@Example.com")
    make_comment(story, "Not me")
    page = moderator_client.get(QUEUE, {"q": "someone@example.com"}).content.decode()
    assert "Found me" in page and "Not me" not in page


def test_the_menu_counts_pending_comments(moderator_client, make_article, make_comment):
    story = make_article()
    for _ in range(3):
        make_comment(story, status=Comment.Status.PENDING)
    assert "Comments (3 pending)" in moderator_client.get("/admin/").content.decode()


def test_moderators_keep_the_lists_but_not_stories(moderator_client):
    assert moderator_client.get("/admin/comments/moderationword/add/").status_code == 200
    assert moderator_client.get("/admin/comments/blockedaddress/add/").status_code == 200
    assert moderator_client.get("/admin/articles/article/add/").status_code == 403


def test_editors_may_moderate(desk_editor, client, make_article, make_comment):
    client.force_login(desk_editor)
    assert client.get(QUEUE).status_code == 200


def test_a_blocked_address_typed_in_the_admin_is_kept_hashed(moderator_client):
    moderator_client.post(
        "/admin/comments/blockedaddress/add/",
        {"address": "Spam@Example.org", "domain": "", "note": ""},
    )
    blocked = BlockedAddress.objects.get()
    assert blocked.email_hash == address_hash("spam@example.org")
    assert "spam@example.org" not in str(blocked.__dict__).lower()


def test_a_moderation_word_is_added_in_the_admin(moderator_client):
    moderator_client.post("/admin/comments/moderationword/add/", {"word": "bet", "action": "hold"})
    assert ModerationWord.objects.get().word == "bet"
