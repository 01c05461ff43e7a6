import io
import json
import zipfile
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article
from newsletter.export import MAX_HTML_BYTES, IssueTooLarge, export_issue, render_for_export
from newsletter.models import Issue, IssueItem

pytestmark = pytest.mark.django_db


def test_export_command_writes_html_text_and_json(make_issue, tmp_path):
    issue = make_issue(stories=2)
    for fmt in ["html", "text", "json"]:
        call_command(
            "export_newsletter",
            issue.pk,
            "--format",
            fmt,
            "--output",
            tmp_path / f"i.{fmt}",
            stderr=StringIO(),
        )
    html = (tmp_path / "i.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and "<table" in html
    text = (tmp_path / "i.text").read_text()
    assert "Read the story: http://127.0.0.1:8000/articles/" in text
    assert "*|UNSUB|*" in text and "*|UNSUB|*" in html
    data = json.loads((tmp_path / "i.json").read_text())
    assert data["subject"] == "The week in the Mirror"
    assert data["preheader"] == "Three stories worth your coffee"
    items = list(issue.items.select_related("article"))
    assert [a["headline"] for a in data["articles"]] == [i.article.headline for i in items]
    assert data["articles"][0]["dek"] == "The dek of story 0."
    assert data["articles"][0]["url"].endswith(f"utm_campaign=weekly-issue-{issue.pk}")
    assert data["articles"][0]["image_url"] is None


def test_export_command_refuses_an_unknown_issue():
    with pytest.raises(CommandError, match="There is no issue 999"):
        call_command("export_newsletter", 999)


def test_html_over_gmails_limit_is_refused(make_issue):
    issue = make_issue(stories=3)
    issue.items.update(blurb="A long editor's note. " * 2000)
    with pytest.raises(IssueTooLarge, match="Gmail clips e-mails over 102 KB"):
        export_issue(issue)
    with pytest.raises(CommandError, match="Gmail clips"):
        call_command("export_newsletter", issue.pk, "--format", "json")


def test_html_just_under_the_limit_is_accepted(make_issue):
    issue = make_issue(stories=1)
    base = len(export_issue(issue).html.encode())
    issue.items.update(blurb="x" * (MAX_HTML_BYTES - base - 1000))
    assert len(export_issue(issue).html.encode()) <= MAX_HTML_BYTES


def test_zip_holds_the_three_files(make_issue):
    exported = export_issue(make_issue())
    archive = zipfile.ZipFile(io.BytesIO(exported.zip()))
    assert sorted(archive.namelist()) == ["issue.html", "issue.json", "issue.txt"]
    assert archive.read("issue.html").decode() == exported.html


def test_staff_preview_is_the_email_html(editor_client, make_issue):
    issue = make_issue()
    response = editor_client.get(f"/newsletter/issues/{issue.pk}/preview/")
    assert response.status_code == 200
    assert response.content.decode() == render_for_export(issue).html
    text = editor_client.get(f"/newsletter/issues/{issue.pk}/preview/?part=text")
    assert text["Content-Type"].startswith("text/plain")
    assert text.content.decode() == render_for_export(issue).text


def test_readers_cannot_preview_issues(client, make_issue):
    response = client.get(f"/newsletter/issues/{make_issue().pk}/preview/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_weeks_stories_are_the_live_ones_since_the_last_sent_issue(
    newsletter, make_article, make_issue
):
    now = timezone.now()
    make_issue(status=Issue.Status.SENT, sent_at=now - timedelta(days=3), stories=0)
    Issue.objects.filter(status=Issue.Status.SENT).update(sent_at=now - timedelta(days=3))
    old = make_article("Before the last issue", publish_at=now - timedelta(days=4))
    new = make_article("After the last issue", publish_at=now - timedelta(days=1))
    newer = make_article("Yesterday evening", publish_at=now - timedelta(hours=2))
    make_article("Draft", status=Article.Status.DRAFT, publish_at=now - timedelta(hours=1))
    make_article("Tomorrow", status=Article.Status.SCHEDULED, publish_at=now + timedelta(days=1))
    issue = Issue.objects.create(newsletter=newsletter, subject="This week")
    assert issue.add_weeks_stories() == 2
    assert [i.article for i in issue.items.all()] == [newer, new]
    assert old not in [i.article for i in issue.items.all()]
    # Again: nothing new, nothing doubled.
    assert issue.add_weeks_stories() == 0
    assert IssueItem.objects.filter(issue=issue).count() == 2


def test_first_issue_offers_the_last_week(newsletter, make_article):
    make_article("Ten days ago", publish_at=timezone.now() - timedelta(days=10))
    recent = make_article("Two days ago", publish_at=timezone.now() - timedelta(days=2))
    issue = Issue.objects.create(newsletter=newsletter, subject="First")
    issue.add_weeks_stories()
    assert [i.article for i in issue.items.all()] == [recent]
