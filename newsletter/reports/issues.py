"""What one sent issue brought: deliveries, feedback, opens and clicks.

`issue_report()` reads it all in a fixed number of queries, however many
stories, links and readers the issue has; `write_issue_report_csv()` writes
the same figures as CSV.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import TextIO
from urllib.parse import unquote

from django.conf import settings
from django.db.models import Count, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce

from ..models import Delivery, Issue, IssueLink, LinkClick
from ..subscriber_csv import spreadsheet_safe


@dataclass(frozen=True)
class LinkRow:
    """One link of the issue: its address, its story (if any) and its clicks."""

    url: str
    headline: str
    clicks: int
    clickers: int

    @property
    def readable_url(self) -> str:
        """The address as a person reads it: letters, not percent-escapes."""
        return unquote(self.url)


@dataclass(frozen=True)
class StoryRow:
    """One story of the issue and the clicks on all of its links."""

    article_id: int
    headline: str
    clicks: int
    clickers: int


@dataclass(frozen=True)
class IssueReport:
    """An issue's figures. Opens are an estimate and None when never tracked."""

    issue: Issue
    sent: int
    failed: int
    unknown: int
    bounced: int
    complaints: int
    unsubscribes: int
    clickers: int
    clicks: int
    opened: int | None
    stories: list[StoryRow]
    links: list[LinkRow]

    @property
    def delivered(self) -> int:
        """Messages the mail server took that did not bounce."""
        return max(0, self.sent - self.bounced)

    @property
    def click_rate(self) -> float | None:
        """Unique clickers per delivered message, or None before any."""
        return self.clickers / self.delivered if self.delivered else None

    @property
    def open_rate(self) -> float | None:
        """Estimated openers per delivered message (Apple Mail opens them all)."""
        if self.opened is None or not self.delivered:
            return None
        return self.opened / self.delivered

    @property
    def click_rate_percent(self) -> str:
        return _percent(self.click_rate)

    @property
    def open_rate_percent(self) -> str:
        return _percent(self.open_rate)


def _counted(**condition: object) -> Count:
    return Count("pk", filter=Q(**condition))


def issue_report(issue: Issue) -> IssueReport:
    """Return the issue's figures in five queries.

    Deliveries and their feedback (one aggregate), clickers and clicks
    (one), clicks per link (one), the issue's stories (one) and clicks per
    story (one).
    """
    counts = issue.deliveries.aggregate(
        sent=_counted(status=Delivery.Status.SENT),
        failed=_counted(status=Delivery.Status.FAILED),
        unknown=_counted(status=Delivery.Status.SENDING),
        bounced=_counted(bounced_at__isnull=False),
        complaints=_counted(complained_at__isnull=False),
        unsubscribes=_counted(unsubscribed_at__isnull=False),
        opened=_counted(first_opened_at__isnull=False),
    )
    clicked = LinkClick.objects.filter(delivery__issue=issue).aggregate(
        clickers=Count("delivery", distinct=True),
        clicks=Coalesce(Sum("count"), Value(0), output_field=IntegerField()),
    )
    links = [
        LinkRow(
            url=link.url,
            headline=link.article.headline if link.article else "",
            clicks=link.total_clicks,
            clickers=link.clickers,
        )
        for link in IssueLink.objects.filter(issue=issue)
        .select_related("article")
        .annotate(
            total_clicks=Coalesce(Sum("clicks__count"), Value(0), output_field=IntegerField()),
            clickers=Count("clicks"),
        )
        .order_by("-total_clicks", "pk")
    ]
    per_story = {
        row["link__article"]: row
        for row in LinkClick.objects.filter(delivery__issue=issue, link__article__isnull=False)
        .values("link__article")
        .annotate(clicks=Sum("count"), clickers=Count("delivery", distinct=True))
        .order_by()
    }
    stories = [
        StoryRow(
            article_id=item.article_id,
            headline=item.article.headline,
            clicks=per_story.get(item.article_id, {}).get("clicks") or 0,
            clickers=per_story.get(item.article_id, {}).get("clickers") or 0,
        )
        for item in issue.items.select_related("article").only(
            "order", "issue", "article", "article__headline"
        )
    ]
    opened = counts.pop("opened")
    tracked_opens = settings.NEWSLETTER_TRACK_OPENS or opened > 0
    return IssueReport(
        issue=issue,
        opened=opened if tracked_opens else None,
        stories=stories,
        links=links,
        **counts,
        **clicked,
    )


def _percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}%"


def write_issue_report_csv(report: IssueReport, out: TextIO) -> None:
    """Write the report as CSV: the totals, then one row per story and per link.

    Headlines and addresses a spreadsheet would run as formulas are
    written as text (`spreadsheet_safe`).
    """
    writer = csv.writer(out)
    writer.writerow(["section", "name", "value", "clicks", "unique clickers"])
    totals = [
        ("issue", report.issue.subject),
        ("sent", report.sent),
        ("delivered", report.delivered),
        ("failed", report.failed),
        ("unknown (worker stopped mid-send)", report.unknown),
        ("bounced", report.bounced),
        ("complaints", report.complaints),
        ("unsubscribes from this issue", report.unsubscribes),
        ("unique clickers", report.clickers),
        ("clicks", report.clicks),
        ("click rate", _percent(report.click_rate)),
    ]
    if report.opened is not None:
        totals += [
            ("opens (estimate)", report.opened),
            ("open rate (estimate)", _percent(report.open_rate)),
        ]
    for name, value in totals:
        writer.writerow(["total", name, spreadsheet_safe(str(value)), "", ""])
    for story in report.stories:
        writer.writerow(
            ["story", spreadsheet_safe(story.headline), "", story.clicks, story.clickers]
        )
    for link in report.links:
        writer.writerow(
            [
                "link",
                spreadsheet_safe(link.url),
                spreadsheet_safe(link.headline),
                link.clicks,
                link.clickers,
            ]
        )
