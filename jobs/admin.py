"""The admin's read-only list of jobs that failed or were retried."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """What went wrong in the background, for staff to read; the worker writes it."""

    list_display = ["name", "state", "summary", "attempts", "first_failed_at", "updated_at"]
    list_filter = ["state", "name"]
    search_fields = ["name", "arguments", "error"]
    fields = (
        "name",
        "arguments",
        "state",
        "attempts",
        "retries_left",
        "error",
        "first_failed_at",
        "updated_at",
        "task_id",
    )
    readonly_fields = fields
    show_full_result_count = False

    @admin.display(description="Error")
    def summary(self, job: Job) -> str:
        return job.summary

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Job | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Job | None = None) -> bool:
        return False
