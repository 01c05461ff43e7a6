"""Admin for lists, sign-up blocks, subscribers, blocked domains, issues and deliveries."""

from __future__ import annotations

import io

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext

from .export import IssueTooLarge, export_issue
from .forms import SubscriberImportForm
from .models import (
    BlockedDomain,
    Delivery,
    Issue,
    IssueItem,
    NewsletterList,
    SignupBlock,
    Subscriber,
)
from .subscriber_csv import import_subscribers_csv, write_subscribers_csv

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
        return newsletter.confirmed

    @admin.display(description="Pending", ordering="pending")
    def pending_count(self, newsletter: NewsletterList) -> int:
        return newsletter.pending

    @admin.display(description="Unsubscribed", ordering="unsubscribed")
    def unsubscribed_count(self, newsletter: NewsletterList) -> int:
        return newsletter.unsubscribed


@admin.register(SignupBlock)
class SignupBlockAdmin(admin.ModelAdmin):
    list_display = ["name", "heading", "newsletter", "is_active", "updated_at"]
    list_filter = ["is_active", "newsletter"]
    list_select_related = ["newsletter"]
    search_fields = ["name", "heading", "blurb"]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
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

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_csv),
                name="newsletter_subscriber_import",
            ),
            *super().get_urls(),
        ]

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


class IssueItemInline(admin.TabularInline):
    model = IssueItem
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["order", "article", "blurb"]


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["subject", "newsletter", "status", "story_count", "sent_at", "preview_link"]
    list_filter = ["status", "newsletter"]
    list_select_related = ["newsletter"]
    search_fields = ["subject", "preheader"]
    readonly_fields = ["preview_link", "sent_at", "created_at", "updated_at"]
    fields = [
        "newsletter",
        "subject",
        "preheader",
        "intro",
        "status",
        "preview_link",
        ("sent_at", "created_at", "updated_at"),
    ]
    inlines = [IssueItemInline]
    actions = ["add_weeks_stories", "download_export"]

    def get_readonly_fields(self, request: HttpRequest, obj: Issue | None = None) -> list[str]:
        # A sent issue stays sent: moving it back would let it go out again
        # to everyone who joined since, and make the record lie.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "status"] if obj is not None and obj.is_sent else fields

    def formfield_for_choice_field(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "status":
            # Not offered, and refused when posted anyway: only sending sets "Sent".
            kwargs["choices"] = [
                (value, label)
                for value, label in Issue.Status.choices
                if value in Issue.EDITOR_STATUSES
            ]
        field = super().formfield_for_choice_field(db_field, request, **kwargs)
        if db_field.name == "status":
            field.error_messages["invalid_choice"] = (
                "Only sending marks an issue “Sent”: choose “Ready to send”, then send it "
                "with the send_newsletter command."
            )
        return field

    def get_queryset(self, request: HttpRequest) -> QuerySet[Issue]:
        return super().get_queryset(request).annotate(story_total=Count("items"))

    @admin.display(description="Stories", ordering="story_total")
    def story_count(self, issue: Issue) -> int:
        return issue.story_total

    @admin.display(description="Preview")
    def preview_link(self, issue: Issue) -> str:
        if not issue.pk:
            return "Save the issue to preview it."
        url = reverse("newsletter:issue_preview", args=[issue.pk])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview the e-mail</a> · '
            '<a href="{}?part=text" target="_blank" rel="noopener">text part</a>',
            url,
            url,
        )

    @admin.action(description="Add this week's stories (published since the last sent issue)")
    def add_weeks_stories(self, request: HttpRequest, queryset: QuerySet[Issue]) -> None:
        for issue in queryset.select_related("newsletter"):
            if issue.status == Issue.Status.SENT:
                self.message_user(
                    request, f"“{issue}” was sent already; it was left as it is.", messages.WARNING
                )
                continue
            added = issue.add_weeks_stories()
            if added:
                message = ngettext(
                    "Added %(count)d story to “%(issue)s”.",
                    "Added %(count)d stories to “%(issue)s”.",
                    added,
                ) % {"count": added, "issue": issue}
                self.message_user(request, message, messages.SUCCESS)
            else:
                self.message_user(
                    request,
                    f"No stories to add to “{issue}”: it holds every story published since "
                    "the list's last sent issue.",
                    messages.WARNING,
                )

    @admin.action(description="Download export (zip: issue.html, issue.txt, issue.json)")
    def download_export(
        self, request: HttpRequest, queryset: QuerySet[Issue]
    ) -> HttpResponse | None:
        issues = list(queryset.select_related("newsletter")[:2])
        if len(issues) != 1:
            self.message_user(request, "Choose one issue to download.", messages.ERROR)
            return None
        issue = issues[0]
        try:
            exported = export_issue(issue)
        except IssueTooLarge as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        response = HttpResponse(exported.zip(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="issue-{issue.pk}.zip"'
        return response


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Read-only record of who got which issue; "Sending" rows need a look."""

    list_display = ["subscriber", "issue", "status", "claimed_at", "sent_at"]
    list_filter = ["status", "issue"]
    list_select_related = ["subscriber", "issue"]
    search_fields = ["subscriber__email"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Delivery | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Delivery | None = None) -> bool:
        return False
