"""Issues of a list, the stories in them, and one delivery row per recipient.

`Delivery` carries the guard against double sends: one row per issue and
subscriber, claimed before the message goes out (see `newsletter.sending`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models
from django.db.models import Count, F, Max, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article

from .subscribers import NewsletterList, Subscriber

# With no sent issue to count from, the first issue offers the last week.
FIRST_ISSUE_WINDOW = timedelta(days=7)


class IssueQuerySet(models.QuerySet):
    def sent(self) -> IssueQuerySet:
        return self.filter(status=Issue.Status.SENT)

    def due(self) -> IssueQuerySet:
        """Return issues scheduled for a time that has come."""
        return self.filter(send_state=Issue.SendState.SCHEDULED, scheduled_at__lte=timezone.now())

    def stalled(self, idle_seconds: int) -> IssueQuerySet:
        """Return issues being sent that no batch job seems to be working on.

        Either a worker died mid-batch (its lease ran out), or nobody has
        taken the send for `idle_seconds` (a worker died between two
        batches). A batch job started for one takes the send over.
        """
        now = timezone.now()
        return self.filter(send_state=Issue.SendState.SENDING).filter(
            Q(send_lease_until__lt=now)
            | Q(
                send_lease_until__isnull=True,
                updated_at__lt=now - timedelta(seconds=idle_seconds),
            )
        )

    def last_sent_at(self, newsletter: NewsletterList) -> datetime | None:
        """Return when the list's last issue went out, or None."""
        return self.sent().filter(newsletter=newsletter).aggregate(at=Max("sent_at"))["at"]


class Issue(models.Model):
    """One edition of a list: subject, intro and an ordered set of stories."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY = "ready", "Ready to send"
        SENT = "sent", "Sent"

    class SendState(models.TextChoices):
        IDLE = "", "Not sending"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        STOPPED = "stopped", "Stopped"

    # Where a send may start from: never from one under way.
    STARTABLE = (SendState.IDLE, SendState.SCHEDULED, SendState.STOPPED)

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
    # Sending from the admin (newsletter/tasks.py). Set by the methods
    # below, never through the form.
    send_state = models.CharField(
        max_length=10, choices=SendState.choices, default=SendState.IDLE, blank=True, editable=False
    )
    scheduled_at = models.DateTimeField("scheduled for", null=True, blank=True, editable=False)
    send_error = models.TextField(blank=True, editable=False)
    # A batch job holds the send until then; a worker that dies mid-batch
    # lets it run out, and another takes over (IssueQuerySet.stalled()).
    send_lease_until = models.DateTimeField(null=True, blank=True, editable=False)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("send_issue", "Can send issues, test sends and schedule them")]

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
        self.send_state = self.SendState.IDLE
        self.scheduled_at = None
        self.send_lease_until = None
        self.save(
            update_fields=[
                "status",
                "sent_at",
                "send_state",
                "scheduled_at",
                "send_lease_until",
                "updated_at",
            ]
        )

    def _move(self, allowed: tuple[str, ...], **changes: object) -> bool:
        """Change the send state if it is one of `allowed`, in one UPDATE.

        The condition is checked by the database, so of two requests (two
        editors, an editor and the scheduler) only one wins. Return
        whether this one did; the instance is refreshed either way.
        """
        moved = (
            Issue.objects.filter(pk=self.pk, send_state__in=allowed)
            .exclude(status=self.Status.SENT)
            .update(**changes, updated_at=timezone.now())
        )
        self.refresh_from_db()
        return bool(moved)

    def schedule(self, at: datetime) -> bool:
        """Schedule the send for `at`; False if it is under way or sent."""
        if self.status != self.Status.READY:
            return False
        return self._move(
            self.STARTABLE, send_state=self.SendState.SCHEDULED, scheduled_at=at, send_error=""
        )

    def cancel_schedule(self) -> bool:
        """Cancel a scheduled send that has not started; False if there is none."""
        return self._move(
            (self.SendState.SCHEDULED,), send_state=self.SendState.IDLE, scheduled_at=None
        )

    def start_sending(self, *, scheduled: bool = False) -> bool:
        """Mark the send under way; False if it is already, or the issue is sent.

        With `scheduled`, only a scheduled send starts (the scheduler's
        move, which loses to a cancel made a moment before).
        """
        if self.status != self.Status.READY:
            return False
        allowed = (self.SendState.SCHEDULED,) if scheduled else self.STARTABLE
        return self._move(
            allowed, send_state=self.SendState.SENDING, send_error="", send_lease_until=None
        )

    def take_lease(self, seconds: int) -> bool:
        """Hold the send for `seconds` (one batch), unless another job holds it."""
        now = timezone.now()
        free = Q(send_lease_until__isnull=True) | Q(send_lease_until__lt=now)
        return bool(
            Issue.objects.filter(free, pk=self.pk, send_state=self.SendState.SENDING).update(
                send_lease_until=now + timedelta(seconds=seconds), updated_at=now
            )
        )

    def release_lease(self) -> None:
        """Let the next batch job take the send."""
        Issue.objects.filter(pk=self.pk).update(send_lease_until=None, updated_at=timezone.now())

    def stop_sending(self, error: str) -> None:
        """Stop a send that failed for good, keeping why; it can be resumed."""
        Issue.objects.filter(pk=self.pk, send_state=self.SendState.SENDING).update(
            send_state=self.SendState.STOPPED,
            send_error=error[:2000],
            send_lease_until=None,
            updated_at=timezone.now(),
        )
        self.refresh_from_db()

    def send_progress(self) -> SendProgress:
        """Count the deliveries by outcome, and the confirmed readers still to send to."""
        counts = self.deliveries.aggregate(
            sent=Count("pk", filter=Q(status=Delivery.Status.SENT)),
            failed=Count("pk", filter=Q(status=Delivery.Status.FAILED)),
            unknown=Count("pk", filter=Q(status=Delivery.Status.SENDING)),
        )
        left = 0
        if not self.is_sent:
            left = (
                Subscriber.objects.filter(newsletter_id=self.newsletter_id)
                .confirmed()
                .exclude(deliveries__issue=self)
                .count()
            )
        return SendProgress(left=left, **counts)


@dataclass(frozen=True)
class SendProgress:
    """How far a send has got: messages sent, failed for good, unknown, left."""

    sent: int
    failed: int
    # Claimed by a batch whose worker died before it could say: never sent again.
    unknown: int
    left: int

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.unknown + self.left


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
        FAILED = "failed", "Failed"

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.PROTECT, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Why the mail server refused this message for good (an unknown
    # mailbox, a rejected address); it is not sent again.
    error = models.CharField(max_length=500, blank=True)
    # What the reader did with it, for the issue's report. Opens are only
    # counted when NEWSLETTER_TRACK_OPENS is on, and are an estimate.
    first_opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    open_count = models.PositiveIntegerField(default=0, editable=False)
    unsubscribed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="The reader left from this issue."
    )
    bounced_at = models.DateTimeField(null=True, blank=True, editable=False)
    complained_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Reported as spam."
    )

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

    def record_open(self) -> None:
        """Count one load of the tracking pixel, in one UPDATE."""
        now = timezone.now()
        Delivery.objects.filter(pk=self.pk).update(
            open_count=F("open_count") + 1,
            first_opened_at=Coalesce("first_opened_at", Value(now)),
        )

    def record_feedback(self, field: str) -> None:
        """Stamp `field` (unsubscribed_at, bounced_at, complained_at) once."""
        Delivery.objects.filter(pk=self.pk, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
