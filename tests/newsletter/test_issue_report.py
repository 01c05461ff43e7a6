"""An issue's report in the admin: deliveries, feedback, clicks per story and link, CSV."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Delivery, Issue, IssueLink, LinkClick
from newsletter.reports import issue_report
from newsletter.sending import send_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, make_member):
    client.force_login(make_member("Newsletter managers"))
    return client


def _build(make_issue, make_subscriber, stories: int = 3) -> Issue:
    """A sent issue: five messages sent, one failed; a bounce, a complaint, a leaver;
    three readers who clicked six times."""
    issue = make_issue(stories=stories)
    issue.mark_sent()
    now = timezone.now()
    readers = [make_subscriber(f"r{n}@example.com") for n in range(1, 7)]
    d = [
        Delivery.objects.create(
            issue=issue, subscriber=reader, status=Delivery.Status.SENT, sent_at=now
        )
        for reader in readers[:5]
    ]
    Delivery.objects.create(
        issue=issue, subscriber=readers[5], status=Delivery.Status.FAILED, error="550 No such user"
    )
    Delivery.objects.filter(pk=d[2].pk).update(unsubscribed_at=now)
    Delivery.objects.filter(pk=d[3].pk).update(bounced_at=now)
    Delivery.objects.filter(pk=d[4].pk).update(complained_at=now)
    items = list(issue.items.select_related("article"))
    first, second = items[0].article, items[1].article
    links = {
        "first": IssueLink.objects.create(issue=issue, url="https://x.test/first", article=first),
        "second": IssueLink.objects.create(
            issue=issue, url="https://x.test/second", article=second
        ),
        "home": IssueLink.objects.create(issue=issue, url="https://x.test/"),
        "first-comments": IssueLink.objects.create(
            issue=issue, url="https://x.test/first#comments", article=first
        ),
    }
    for delivery, link, count in [
        (d[0], "first", 2),
        (d[0], "second", 1),
        (d[1], "first", 1),
        (d[1], "first-comments", 1),
        (d[2], "home", 1),
    ]:
        LinkClick.objects.create(delivery=delivery, link=links[link], count=count)
    return issue


def test_the_report_adds_up_the_issue(make_issue, make_subscriber):
    issue = _build(make_issue, make_subscriber)
    report = issue_report(issue)
    assert (report.sent, report.failed, report.bounced, report.delivered) == (5, 1, 1, 4)
    assert (report.complaints, report.unsubscribes) == (1, 1)
    assert (report.clickers, report.clicks) == (3, 6)
    assert report.click_rate_percent == "75.0%"
    # Opens are off: not a zero, no figure at all.
    assert report.opened is None
    headlines = [item.article.headline for item in issue.items.select_related("article")]
    assert [(s.headline, s.clicks, s.clickers) for s in report.stories] == [
        (headlines[0], 4, 2),
        (headlines[1], 1, 1),
        (headlines[2], 0, 0),
    ]
    assert [(link.url, link.clicks, link.clickers) for link in report.links] == [
        ("https://x.test/first", 3, 2),
        ("https://x.test/second", 1, 1),
        ("https://x.test/", 1, 1),
        ("https://x.test/first#comments", 1, 1),
    ]


def test_the_report_page_shows_it(manager_client, make_issue, make_subscriber):
    issue = _build(make_issue, make_subscriber)
    page = manager_client.get(reverse("admin:newsletter_issue_report", args=[issue.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for figure in ("Delivered 4", "Failed 1", "Bounced 1", "Complaints (reported as spam) 1"):
        assert figure in text
    assert "Unsubscribed from this issue 1" in text
    assert "Unique clickers 3" in text and "75.0% (3 of 4 delivered)" in text
    assert "Opens are not counted" in text
    assert reverse("admin:newsletter_issue_report_csv", args=[issue.pk]) in html


def test_opens_when_tracked_are_called_an_estimate(
    manager_client, make_issue, make_subscriber, settings
):
    settings.NEWSLETTER_TRACK_OPENS = True
    issue = _build(make_issue, make_subscriber)
    Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT)[:1].get().record_open()
    html = manager_client.get(reverse("admin:newsletter_issue_report", args=[issue.pk]))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.content.decode()))
    assert "Opens (estimate) 1 (25.0%)" in text
    assert "Apple Mail" in text


def test_the_csv_has_the_same_figures(manager_client, make_issue, make_subscriber):
    issue = _build(make_issue, make_subscriber)
    response = manager_client.get(reverse("admin:newsletter_issue_report_csv", args=[issue.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="issue-{issue.pk}-report.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "name", "value", "clicks", "unique clickers"]
    totals = {row[1]: row[2] for row in rows if row[0] == "total"}
    assert totals["delivered"] == "4" and totals["failed"] == "1"
    assert totals["bounced"] == "1" and totals["complaints"] == "1"
    assert totals["unsubscribes from this issue"] == "1"
    assert totals["unique clickers"] == "3" and totals["click rate"] == "75.0%"
    assert "opens (estimate)" not in totals
    stories = [row for row in rows if row[0] == "story"]
    assert [row[3:] for row in stories] == [["4", "2"], ["1", "1"], ["0", "0"]]
    links = {row[1]: row[3:] for row in rows if row[0] == "link"}
    assert links["https://x.test/first"] == ["3", "2"]


def test_a_headline_a_spreadsheet_would_run_is_written_as_text(
    manager_client, make_issue, make_subscriber
):
    issue = _build(make_issue, make_subscriber)
    article = issue.items.first().article
    article.headline = "=HYPERLINK(1)"
    article.save(update_fields=["headline"])
    response = manager_client.get(reverse("admin:newsletter_issue_report_csv", args=[issue.pk]))
    assert "'=HYPERLINK(1)" in response.content.decode()


@pytest.mark.parametrize("stories", [2, 8])
def test_the_report_reads_the_same_queries_for_any_number_of_stories(
    manager_client, make_issue, make_subscriber, stories, django_assert_max_num_queries
):
    issue = _build(make_issue, make_subscriber, stories=stories)
    for n in range(stories):
        IssueLink.objects.create(issue=issue, url=f"https://x.test/more/{n}")
    url = reverse("admin:newsletter_issue_report", args=[issue.pk])
    # Session, user, the user's groups' permissions, the issue; the report's
    # five (deliveries, clicks, links, stories, clicks per story).
    with django_assert_max_num_queries(10):
        assert manager_client.get(url).status_code == 200
    with django_assert_max_num_queries(10):
        assert manager_client.get(f"{url[:-1]}.csv").status_code == 200


def test_a_click_in_a_received_message_shows_in_the_report(
    client, manager_client, make_issue, make_subscriber, mailoutbox
):
    issue = make_issue(stories=2)
    make_subscriber()
    send_issue(issue)
    story = issue.items.select_related("article").first().article
    link = IssueLink.objects.get(issue=issue, article=story)
    html = mailoutbox[0].alternatives[0][0]
    paths = re.findall(r'href="http://127\.0\.0\.1:8000(/newsletter/c/[^"]+)"', html)
    followed = [client.get(path)["Location"] for path in dict.fromkeys(paths)]
    assert link.url in followed
    report = issue_report(Issue.objects.get(pk=issue.pk))
    assert report.clickers == 1
    assert {s.headline: s.clicks for s in report.stories}[story.headline] == 1


# Who may read the reports ---------------------------------------------------


def test_editors_and_newsletter_managers_may_read_reports(make_member):
    for group in ("Editors", "Newsletter managers"):
        assert make_member(group).has_perm("newsletter.view_newsletter_reports"), group


def test_without_the_permission_a_report_is_403_and_never_linked(
    client, django_user_model, make_issue, make_subscriber
):
    from django.contrib.auth.models import Permission

    issue = _build(make_issue, make_subscriber)
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="view_issue", content_type__app_label="newsletter"),
        Permission.objects.get(codename="view_subscriber", content_type__app_label="newsletter"),
    )
    client.force_login(user)
    report = reverse("admin:newsletter_issue_report", args=[issue.pk])
    assert client.get(report).status_code == 403
    assert client.get(f"{report[:-1]}.csv").status_code == 403
    assert client.get(reverse("admin:newsletter_subscriber_signups")).status_code == 403
    for page in (
        reverse("admin:newsletter_issue_change", args=[issue.pk]),
        reverse("admin:newsletter_issue_changelist"),
        reverse("admin:newsletter_subscriber_changelist"),
    ):
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert "/report/" not in html and "/signups/" not in html, page


def test_the_issue_page_and_list_link_a_sent_issues_report(
    manager_client, make_issue, make_subscriber
):
    issue = _build(make_issue, make_subscriber)
    draft = make_issue(subject="Not yet")
    report = reverse("admin:newsletter_issue_report", args=[issue.pk])
    assert (
        report
        in manager_client.get(
            reverse("admin:newsletter_issue_change", args=[issue.pk])
        ).content.decode()
    )
    listing = manager_client.get(reverse("admin:newsletter_issue_changelist")).content.decode()
    assert report in listing
    assert reverse("admin:newsletter_issue_report", args=[draft.pk]) not in listing
