"""Roles and the status workflow, enforced on the server: each forbidden move is tried."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, StatusChange
from tests.support.admin_forms import ADD, CHANGELIST, article_form, change_url

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _edit(client, article, **overrides):
    """Post the change form as the browser would, with the story's current values."""
    return client.post(change_url(article), article_form(article, **overrides))


def test_the_three_groups_exist_with_their_permissions(db):
    contributors = Group.objects.get(name="Contributors")
    editors = Group.objects.get(name="Editors")
    managers = Group.objects.get(name="Newsletter managers")
    codes = {
        g.name: set(g.permissions.values_list("codename", flat=True))
        for g in [contributors, editors, managers]
    }
    assert "publish_article" not in codes["Contributors"]
    assert {"add_article", "change_article"} <= codes["Contributors"]
    assert "publish_article" in codes["Editors"]
    assert {"change_issue", "change_subscriber", "view_article"} <= codes["Newsletter managers"]
    assert "change_article" not in codes["Newsletter managers"]


def test_contributor_writes_a_draft_that_is_theirs(contributor):
    response = _client(contributor).post(ADD, article_form())
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.author == contributor
    assert article.status == Article.Status.DRAFT
    change = article.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == ("", "draft", contributor)


def test_contributor_is_offered_only_draft_and_review(contributor):
    response = _client(contributor).get(ADD)
    choices = [value for value, _ in response.context["adminform"].form.fields["status"].choices]
    assert choices == ["draft", "review"]


def test_contributor_cannot_publish_by_posting_the_status(contributor):
    response = _client(contributor).post(ADD, article_form(status="published"))
    assert response.status_code == 200
    assert "Ask an editor to publish it" in response.content.decode()
    assert not Article.objects.exists()


def test_contributor_cannot_publish_with_the_bulk_action(contributor, make_article):
    article = make_article(status=Article.Status.DRAFT, author=contributor)
    client = _client(contributor)
    assert 'value="publish_selected"' not in client.get(CHANGELIST).content.decode()
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_contributor_submits_for_review(contributor, make_article):
    article = make_article(status=Article.Status.DRAFT, author=contributor)
    response = _edit(_client(contributor), article, status="review")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert article.status_changes.first().changed_by == contributor


def test_contributor_cannot_see_or_edit_someone_elses_story(contributor, make_member, make_article):
    other = make_article(
        "Someone Else's Draft", status=Article.Status.DRAFT, author=make_member("Contributors")
    )
    client = _client(contributor)
    assert "Someone Else" not in client.get(CHANGELIST).content.decode()
    response = _edit(client, other, headline="Hijacked")
    assert response.status_code in (302, 403, 404)
    other.refresh_from_db()
    assert other.headline == "Someone Else's Draft"


def test_contributor_cannot_edit_their_story_once_published(contributor, make_article):
    article = make_article("Published Piece", author=contributor)
    response = _edit(_client(contributor), article, headline="Changed After Publishing")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Published Piece"


def test_editor_publishes_and_the_move_is_recorded(desk_editor, make_article):
    article = make_article(status=Article.Status.IN_REVIEW, publish_at=None)
    response = _edit(_client(desk_editor), article, status="published")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_live
    change = article.status_changes.first()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "review",
        "published",
        desk_editor,
    )


def test_a_published_story_is_unpublished_before_it_goes_back_to_draft(desk_editor, make_article):
    article = make_article()
    response = _edit(_client(desk_editor), article, status="draft")
    assert response.status_code == 200
    assert "You cannot move this story" in response.content.decode()
    response = _edit(_client(desk_editor), article, status="unpublished")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    assert not article.is_live


def test_editor_schedules_and_the_story_goes_live_on_time(desk_editor, make_article):
    article = make_article(status=Article.Status.DRAFT, publish_at=None)
    # Typed as the editor reads the clock: in the newsroom's time zone.
    later = timezone.localtime() + timedelta(hours=2)
    _edit(
        _client(desk_editor),
        article,
        status="published",
        publish_at_0=later.strftime("%Y-%m-%d"),
        publish_at_1=later.strftime("%H:%M:%S"),
    )
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    assert not Article.objects.live().filter(pk=article.pk).exists()
    after = later + timedelta(minutes=1)
    assert Article.objects.filter(Article.objects.live_q(after), pk=article.pk).exists()


def test_newsletter_manager_cannot_change_stories(make_member, make_article):
    article = make_article("Kept As Is")
    response = _edit(_client(make_member("Newsletter managers")), article, headline="Changed")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Kept As Is"


def test_status_changes_are_listed_on_the_story(desk_editor, make_article):
    article = make_article(status=Article.Status.DRAFT, publish_at=None)
    article.publish(by=desk_editor)
    html = _client(desk_editor).get(change_url(article)).content.decode()
    assert "Status history" in html
    assert StatusChange.objects.filter(article=article, changed_by=desk_editor).exists()


def test_newsletter_manager_finds_stories_for_an_issue(make_member, make_article):
    make_article("Gyumri Mill Reopens")
    response = _client(make_member("Newsletter managers")).get(
        reverse("admin:autocomplete"),
        {
            "term": "gyumri",
            "app_label": "newsletter",
            "model_name": "issueitem",
            "field_name": "article",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Gyumri Mill Reopens"]
