"""The inlines of the story form: quotes, corrections and the status history."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from ..models import Correction, Quote, StatusChange


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["speaker", "via"]
    fields = [("speaker", "via"), "text", ("position", "order", "is_pull_quote")]


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["kind", "created_at", "text", "created_by"]
    readonly_fields = ["created_by"]
    verbose_name_plural = "Corrections and updates (shown on the story, newest last)"

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("articles.publish_article")

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("articles.publish_article")

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # A published correction stays on the record.
        return False


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["changed_at", "from_status", "to_status", "changed_by"]
    readonly_fields = fields
    verbose_name_plural = "Status history"
    classes = ["collapse"]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
