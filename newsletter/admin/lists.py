"""Admin for lists, sign-up blocks, subscribers and blocked domains."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import ngettext

from ..forms import SubscriberImportForm
from ..models import BlockedDomain, NewsletterList, SignupBlock, Subscriber
from ..subscriber_csv import import_subscribers_csv, write_subscribers_csv
from .reports import SignupReportMixin, may_view_reports

_STATUS = Subscriber.Status


@admin.register(NewsletterList)
class NewsletterListAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "confirmed_count", "pending_count", "unsubscribed_count"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    fields = ["name", "slug", "description", "from_name", "from_email", "reply_to"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[NewsletterList]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed=Count("subscribers", filter=Q(subscribers__status=_STATUS.CONFIRMED)),
                pending=Count("subscribers", filter=Q(subscribers__status=_STATUS.PENDING)),
                unsubscribed=Count(
                    "subscribers", filter=Q(subscribers__status=_STATUS.UNSUBSCRIBED)
                ),
            )
        )

    @admin.display(description="Confirmed", ordering="confirmed")
    def confirmed_count(self, newsletter: NewsletterList) -> int:
        return newsletter.confirmed  # type: ignore[attr-defined]  # annotated in get_queryset()

    @admin.display(description="Pending", ordering="pending")
    def pending_count(self, newsletter: NewsletterList) -> int:
        return newsletter.pending  # type: ignore[attr-defined]

    @admin.display(description="Unsubscribed", ordering="unsubscribed")
    def unsubscribed_count(self, newsletter: NewsletterList) -> int:
        return newsletter.unsubscribed  # type: ignore[attr-defined]


@admin.register(SignupBlock)
class SignupBlockAdmin(admin.ModelAdmin):
    list_display = ["name", "heading", "newsletter", "is_active", "updated_at"]
    list_filter = ["is_active", "newsletter"]
    list_select_related = ["newsletter"]
    search_fields = ["name", "heading", "blurb"]


@admin.register(Subscriber)
class SubscriberAdmin(SignupReportMixin, admin.ModelAdmin):
    list_display = ["email", "newsletter", "status", "signup_article", "created_at"]
    list_filter = ["newsletter", "status"]
    list_select_related = ["newsletter", "signup_article"]
    search_fields = ["email"]
    autocomplete_fields = ["signup_article"]
    readonly_fields = [
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "bounced_at",
        "consent_at",
        "consent_text",
        "consent_source",
    ]
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ["export_csv"]
    change_list_template = "admin/newsletter/subscriber/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_csv),
                name="newsletter_subscriber_import",
            ),
            *super().get_urls(),
        ]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = {**(extra_context or {}), "may_view_reports": may_view_reports(request)}
        return super().changelist_view(request, extra_context)

    def has_delete_permission(self, request: HttpRequest, obj: Subscriber | None = None) -> bool:
        # Leaving readers are recorded, never deleted: the row is the proof.
        return False

    @admin.action(description="Export selected subscribers as CSV (Mailchimp columns)")
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Subscriber]) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.csv"'
        write_subscribers_csv(queryset, response)
        return response

    def import_csv(self, request: HttpRequest) -> TemplateResponse:
        """Show the import form; after an upload, the row-by-row report."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = SubscriberImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                form.add_error("file", "The file is not UTF-8 text; save it as “CSV UTF-8”.")
            else:
                report = import_subscribers_csv(
                    io.StringIO(text, newline=""),
                    form.cleaned_data["newsletter"],
                    source=f"CSV import of {upload.name} by {request.user.get_username()}",
                )
                if report.error:
                    form.add_error("file", report.error)
                    report = None
                else:
                    rejected = len(report.rejected)
                    self.message_user(
                        request,
                        ngettext(
                            "Imported %(count)d subscriber; ",
                            "Imported %(count)d subscribers; ",
                            report.created,
                        )
                        % {"count": report.created}
                        + ngettext("rejected %(count)d row.", "rejected %(count)d rows.", rejected)
                        % {"count": rejected},
                        messages.SUCCESS if not report.rejected else messages.WARNING,
                    )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import subscribers from CSV",
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "admin/newsletter/subscriber/import_csv.html", context)


@admin.register(BlockedDomain)
class BlockedDomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "note", "created_at"]
    search_fields = ["domain", "note"]
