"""Times are stored in UTC and shown in the newsroom's time zone (TIME_ZONE)."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Correction, StatusChange
from newsletter.emails import render_issue
from newsroom.settings import envtimezone
from tests.support.admin_forms import article_form, change_url

# 09:04 in UTC, 13:04 in Yerevan; 22:30 in UTC is already the next day there.
MORNING = datetime(2026, 3, 5, 9, 4, tzinfo=UTC)
LATE_EVENING = datetime(2026, 3, 5, 22, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _yerevan(settings):
    settings.TIME_ZONE = "Asia/Yerevan"


def test_the_newsroom_zone_is_the_default_and_a_wrong_name_is_refused(monkeypatch):
    monkeypatch.delenv("TIME_ZONE", raising=False)
    assert envtimezone("TIME_ZONE", "Asia/Yerevan") == "Asia/Yerevan"
    monkeypatch.setenv("TIME_ZONE", "America/Los_Angeles")
    assert envtimezone("TIME_ZONE", "Asia/Yerevan") == "America/Los_Angeles"
    monkeypatch.setenv("TIME_ZONE", "Yerevan")
    with pytest.raises(ImproperlyConfigured, match="TIME_ZONE must be a time zone name"):
        envtimezone("TIME_ZONE", "Asia/Yerevan")


@pytest.mark.django_db
def test_the_admin_shows_and_reads_local_times(editor_client, make_article):
    article = make_article(publish_at=MORNING)
    StatusChange.objects.filter(article=article).update(changed_at=MORNING)
    article.history.update(history_date=MORNING)
    form = editor_client.get(change_url(article)).content.decode()
    assert 'name="publish_at_1" value="13:04:00"' in form
    assert "March 5, 2026, 1:04 p.m." in form  # the status history
    history = editor_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    history = history.content.decode()
    assert "March 5, 2026, 1:04 p.m." in history
    # What the editor types back is read in the same zone.
    editor_client.post(change_url(article), article_form(article, publish_at_1="13:30:00"))
    article.refresh_from_db()
    assert article.publish_at == datetime(2026, 3, 5, 9, 30, tzinfo=UTC)


@pytest.mark.django_db
def test_the_conflict_message_gives_the_other_save_in_local_time(
    desk_editor, make_member, make_article
):
    article = make_article("Shared Story")
    clients = []
    for user in (desk_editor, make_member("Editors")):
        client = Client()
        client.force_login(user)
        opened = client.get(change_url(article)).context["adminform"].form
        clients.append((client, opened["loaded_version"].value()))
    (first, first_version), (second, second_version) = clients
    first.post(change_url(article), article_form(article, loaded_version=first_version))
    saved = article.history.first().history_date
    response = second.post(
        change_url(article), article_form(article, loaded_version=second_version)
    )
    assert f"saved this story at {timezone.localtime(saved):%H:%M}" in response.content.decode()
    assert timezone.localtime(saved).strftime("%H:%M") != saved.strftime("%H:%M")


@pytest.mark.django_db
def test_a_late_evening_correction_is_dated_the_local_day(make_issue):
    issue = make_issue(stories=1)
    article = issue.items.get().article
    note = Correction.objects.create(article=article, text="The bridge is closed, not open.")
    Correction.objects.filter(pk=note.pk).update(created_at=LATE_EVENING)
    note.refresh_from_db()
    assert str(note) == "Correction of 06 March 2026"
    assert "Correction, 6 March 2026: The bridge is closed, not open." in render_issue(issue).text
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Correction, <time" in page and ">6 March 2026</time>" in page
