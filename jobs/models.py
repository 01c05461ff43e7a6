"""The record of background jobs that failed or had to be retried.

Jobs that run at the first try leave no row: the record is for the ones
someone may need to look at. Rows are written by `jobs.signals` from the
worker's signals, never by hand.
"""

from __future__ import annotations

from django.db import models


class JobQuerySet(models.QuerySet):
    def failed(self) -> JobQuerySet:
        return self.filter(state=Job.State.FAILED)


class Job(models.Model):
    """A run of a background job that did not go through at the first try."""

    class State(models.TextChoices):
        RETRYING = "retrying", "Failed, will be retried"
        FAILED = "failed", "Failed for good"
        INTERRUPTED = "interrupted", "Interrupted (worker stopped)"
        SUCCEEDED = "succeeded", "Succeeded after retries"

    task_id = models.CharField(max_length=64, unique=True)
    name = models.CharField("job", max_length=200)
    arguments = models.TextField(blank=True)
    state = models.CharField(max_length=12, choices=State.choices)
    attempts = models.PositiveIntegerField(default=1)
    retries_left = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    first_failed_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_state_display()})"

    @property
    def summary(self) -> str:
        """Return the last line of the error: what went wrong, in brief."""
        lines = [line for line in self.error.strip().splitlines() if line.strip()]
        return lines[-1] if lines else ""
