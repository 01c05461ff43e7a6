"""The editorial record of a story: status changes and published corrections."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .articles import Article


class StatusChange(models.Model):
    """Who moved a story from one status to another, and when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, blank=True, choices=Article.Status.choices)
    to_status = models.CharField(max_length=20, choices=Article.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="status_changes",
    )
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        get_latest_by = "changed_at"

    def __str__(self) -> str:
        before = self.get_from_status_display() or "new"
        return f"{before} → {self.get_to_status_display()}"


class CorrectionQuerySet(models.QuerySet):
    def live(self) -> CorrectionQuerySet:
        """Return corrections on stories readers can see, newest first."""
        return self.filter(article__in=Article.objects.live()).order_by("-created_at", "-pk")


class Correction(models.Model):
    """A dated correction or update note, shown with the story for good."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(help_text="What was wrong and what is right now, in plain words.")
    created_at = models.DateTimeField("date", default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {timezone.localtime(self.created_at):%d %B %Y}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # A correction changes the story: readers and feeds see a new updated time.
        Article.objects.filter(pk=self.article_id).update(updated_at=timezone.now())
