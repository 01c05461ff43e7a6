"""Redirects in the admin: the list, the form, and a CSV import of extra ones."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .csv_import import import_redirects_csv
from .models import Redirect

# A CSV of redirects is text; a bigger one is not what this form is for.
MAX_CSV_BYTES = 5 * 1024 * 1024


class RedirectCSVForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="One redirect a row: old path, target, and optionally "
        '"permanent" or "temporary". A header row is allowed.',
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError("The file is over 5 MB.")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text.") from None


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ("old_address", "target", "permanent", "hit_count", "source")
    list_filter = ("permanent", "source")
    search_fields = ("old_path", "query", "target")
    readonly_fields = ("hit_count", "last_hit_at", "created_at")
    fields = (
        "old_path",
        "query",
        "target",
        "permanent",
        "source",
        "hit_count",
        "last_hit_at",
        "created_at",
    )
    change_list_template = "admin/redirects/redirect/change_list.html"

    @admin.display(description="old address", ordering="old_path")
    def old_address(self, redirect: Redirect) -> str:
        return redirect.old_address

    def get_urls(self) -> list:
        view = self.admin_site.admin_view(self.import_csv_view)
        return [path("import/", view, name="redirects_redirect_import"), *super().get_urls()]

    def import_csv_view(self, request: HttpRequest) -> HttpResponse:
        """Add redirects from an uploaded CSV file.

        Template: ``admin/redirects/redirect/import_csv.html``
        Context: ``form``, ``errors`` (refused rows, by line).
        """
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = RedirectCSVForm(request.POST or None, request.FILES or None)
        errors: list[str] = []
        if request.method == "POST" and form.is_valid():
            result = import_redirects_csv(form.cleaned_data["file"])
            errors = result.errors
            messages.success(request, f"{result.added} redirects added, {result.changed} changed.")
            if not errors:
                return HttpResponseRedirect(reverse("admin:redirects_redirect_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import redirects from CSV",
            "form": form,
            "errors": errors,
        }
        return TemplateResponse(request, "admin/redirects/redirect/import_csv.html", context)
