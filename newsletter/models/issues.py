"""Issues of a list, the stories in them, and one delivery row per recipient.

`Delivery` carries the guard against double sends: one row per issue and
subscriber, claimed before the message goes out (see `newsletter.sending`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article

from .subscribers import NewsletterList, Subscriber

# With no sent issue to count from, the first issue offers the last week.
FIRST_ISSUE_WINDOW = timedelta(days=7)


class IssueQuerySet(models.QuerySet):
    def sent(self) -> IssueQuerySet:
        return self.filter(status=Issue.Status.SENT)

    def last_sent_at(self, newsletter: NewsletterList) -> datetime | None:
        """Return when the list's last issue went out, or None."""
        return self.sent().filter(newsletter=newsletter).aggregate(at=Max("sent_at"))["at"]


class Issue(models.Model):
    """One edition of a list: subject, intro and an ordered set of stories."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY = "ready", "Ready to send"
        SENT = "sent", "Sent"

    # What editors may set by hand. "Sent" is set by sending alone
    # (`mark_sent()`, called by `newsletter.sending.send_issue`), so the
    # record never says an issue went out when it did not.
    EDITOR_STATUSES = (Status.DRAFT, Status.READY)

    newsletter = models.ForeignKey(NewsletterList, on_delete=models.PROTECT, related_name="issues")
    subject = models.CharField(max_length=150)
    preheader = models.CharField(
        max_length=150,
        blank=True,
        help_text="The line inboxes show after the subject.",
    )
    intro = models.TextField("intro text", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject

    @property
    def utm_campaign(self) -> str:
        """Return the campaign name links carry, e.g. ``weekly-issue-12``."""
        return slugify(f"{self.newsletter.slug} issue {self.pk}")

    def add_weeks_stories(self) -> int:
        """Append the live stories published since the list's last sent issue.

        Stories already in the issue are skipped; the new ones follow the
        existing items, newest first. Return how many were added.
        """
        since = (
            Issue.objects.exclude(pk=self.pk).last_sent_at(self.newsletter)
            or timezone.now() - FIRST_ISSUE_WINDOW
        )
        existing = self.items.values_list("article_id", flat=True)
        articles = Article.objects.live().filter(publish_at__gt=since).exclude(pk__in=existing)
        start = (self.items.aggregate(last=Max("order"))["last"] or 0) + 1
        items = [
            IssueItem(issue=self, article=article, order=start + n)
            for n, article in enumerate(articles.only("pk"))
        ]
        IssueItem.objects.bulk_create(items)
        return len(items)

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT

    def mark_sent(self) -> None:
        """Record that the issue went out; only `send_issue()` calls this."""
        self.status = self.Status.SENT
        self.sent_at = timezone.now()
        self.save(update_fields=["status", "sent_at", "updated_at"])


class IssueItem(models.Model):
    """A story in an issue, in order, with an optional line from the editor."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="items")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.PROTECT, related_name="issue_items"
    )
    blurb = models.TextField(
        blank=True, help_text="Optional: a line from the editor shown under the story's dek."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "article"], name="issueitem_unique_article")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.article}"


class Delivery(models.Model):
    """An issue sent (or being sent) to one subscriber.

    The row is claimed as "sending" before the message goes out and marked
    "sent" after. A row left "sending" means the run died between the two:
    the message may or may not have gone, and it is never sent again.
    """

    class Status(models.TextChoices):
        SENDING = "sending", "Sending (unknown if delivered)"
        SENT = "sent", "Sent"

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.PROTECT, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="delivery_once_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["issue", "status"], name="delivery_issue_status")]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber}"
