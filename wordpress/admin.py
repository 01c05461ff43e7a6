"""The admin's WordPress import: upload an export, watch it run, read the report."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .models import WordPressImport
from .tasks import run_wordpress_import


class WordPressImportForm(forms.ModelForm):
    class Meta:
        model = WordPressImport
        fields = ["export", "media_base_url", "uploads_folder", "dry_run"]

    def clean_uploads_folder(self) -> str:
        folder = self.cleaned_data["uploads_folder"].strip()
        if folder and not Path(folder).is_dir():
            raise forms.ValidationError("There is no such folder on the server.")
        return folder


@admin.register(WordPressImport)
class WordPressImportAdmin(admin.ModelAdmin):
    """Start an import with a file; each import's page shows its progress, then its report."""

    form = WordPressImportForm
    list_display = ["__str__", "state", "dry_run", "started_by", "finished_at"]
    list_filter = ["state"]
    readonly_fields = [
        "export_name",
        "state",
        "progress",
        "error",
        "report_html",
        "started_by",
        "finished_at",
    ]
    change_form_template = "admin/wordpress/wordpressimport/change_form.html"

    def get_fields(self, request: HttpRequest, obj: WordPressImport | None = None) -> list:
        if obj is None:
            return ["export", "media_base_url", "uploads_folder", "dry_run"]
        return ["dry_run", *self.readonly_fields]

    def has_change_permission(
        self, request: HttpRequest, obj: WordPressImport | None = None
    ) -> bool:
        # An import is a record of what was done: read, never edited.
        return False

    def save_model(
        self, request: HttpRequest, obj: WordPressImport, form: forms.Form, change: bool
    ) -> None:
        obj.started_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
        # The worker must find the row and its file: queued once saved.
        transaction.on_commit(lambda: run_wordpress_import(obj.pk))

    def response_add(
        self, request: HttpRequest, obj: WordPressImport, post_url_continue: str | None = None
    ) -> HttpResponse:
        # Straight to the import's own page, which follows the job's progress
        # and then shows its report, rather than the list of imports.
        self.message_user(request, f"{obj} has started.", messages.SUCCESS)
        return HttpResponseRedirect(
            reverse("admin:wordpress_wordpressimport_change", args=[obj.pk])
        )

    @admin.display(description="Export file")
    def export_name(self, obj: WordPressImport) -> str:
        # The name only: the file is private (no address serves it).
        return Path(obj.export.name).name

    @admin.display(description="Progress")
    def progress(self, obj: WordPressImport) -> str:
        if obj.state == WordPressImport.State.QUEUED:
            return "Waiting for the background worker to start."
        if obj.state != WordPressImport.State.RUNNING:
            return "Done." if obj.state == WordPressImport.State.DONE else "Stopped."
        done, total = cache.get(obj.progress_key) or (0, 0)
        percent = done * 100 // total if total else 0
        return format_html(
            '<progress max="100" value="{}">{}%</progress> {}% ({} of {} steps)',
            percent,
            percent,
            percent,
            done,
            total,
        )

    @admin.display(description="Report")
    def report_html(self, obj: WordPressImport) -> str:
        report = obj.report or {}
        if not report:
            return "—"
        counts = format_html_join(
            "",
            "<li>{}: {}</li>",
            (
                (kind, ", ".join(f"{n} {action}" for action, n in sorted(actions.items())))
                for kind, actions in sorted(report.get("counts", {}).items())
            ),
        )
        notes = format_html_join(
            "",
            "<li>{} {} {} {}: {}</li>",
            (
                (
                    n["action"],
                    n["kind"],
                    n["key"],
                    f"({n['title']})" if n["title"] else "",
                    n["why"],
                )
                for n in report.get("notes", [])
            ),
        )
        heading = "Dry run: nothing was saved." if report.get("dry_run") else "Imported."
        return format_html(
            "<p>{}</p><ul>{}</ul><p>{} items skipped or changed:</p><ul>{}</ul>",
            heading,
            counts,
            len(report.get("notes", [])),
            notes,
        )
