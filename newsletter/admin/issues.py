"""Admin for issues (with their sending and report screens) and the deliveries record."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, Field, QuerySet
from django.forms import TypedChoiceField
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

from ..export import IssueTooLarge, export_issue
from ..models import Delivery, Issue, IssueItem
from .reports import IssueReportMixin, may_view_reports
from .sending import IssueSendingMixin, may_send, progress_summary, send_state_label

# Failed deliveries the issue page lists; the rest are under Deliveries.
FAILED_SHOWN = 50


class IssueItemInline(admin.TabularInline):
    model = IssueItem
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["order", "article", "blurb"]


@admin.register(Issue)
class IssueAdmin(IssueReportMixin, IssueSendingMixin, admin.ModelAdmin):
    list_display = [
        "subject",
        "newsletter",
        "status",
        "send_state_column",
        "story_count",
        "sent_at",
        "preview_link",
    ]
    list_filter = ["status", "send_state", "newsletter"]
    list_select_related = ["newsletter"]
    search_fields = ["subject", "preheader"]
    readonly_fields = ["preview_link", "send_panel", "sent_at", "created_at", "updated_at"]
    fields = [
        "newsletter",
        "subject",
        "preheader",
        "intro",
        "status",
        "preview_link",
        "send_panel",
        ("sent_at", "created_at", "updated_at"),
    ]
    inlines = [IssueItemInline]
    actions = ["add_weeks_stories", "download_export"]
    change_form_template = "admin/newsletter/issue/change_form.html"

    class Media:
        css = {"all": ["css/newsroom-admin.css"]}
        js = ["js/admin/send-progress.js"]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "may_send": may_send(request),
            "may_view_reports": may_view_reports(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="Sending")
    def send_state_column(self, issue: Issue) -> str:
        return send_state_label(issue)

    @admin.display(description="Sending")
    def send_panel(self, issue: Issue) -> str:
        if not issue.pk:
            return "Save the issue, then send a test or send it from here."
        failed = list(
            issue.deliveries.filter(status=Delivery.Status.FAILED)
            .select_related("subscriber")
            .order_by("pk")[: FAILED_SHOWN + 1]
        )
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td></tr>",
            ((d.subscriber.email, d.error) for d in failed[:FAILED_SHOWN]),
        )
        deliveries = reverse("admin:newsletter_delivery_changelist")
        failed_table = (
            format_html(
                '<table class="send-failures"><caption>Failed for good</caption>'
                '<thead><tr><th scope="col">Address</th><th scope="col">The mail server said'
                "</th></tr></thead><tbody>{}</tbody></table>"
                '<p><a href="{}?issue__id__exact={}&amp;status__exact=failed">'
                "Every failed delivery</a></p>",
                rows,
                deliveries,
                issue.pk,
            )
            if failed
            else ""
        )
        return format_html(
            '<div class="send-progress" data-progress-url="{}" data-sending="{}"'
            ' data-scheduled="{}">'
            '<p><strong class="send-progress__state" aria-live="polite">{}</strong></p>'
            '<p class="send-progress__counts" aria-live="polite">{}</p>'
            '<p class="send-progress__error errornote"{}>{}</p>{}</div>',
            reverse("admin:newsletter_issue_progress", args=[issue.pk]),
            "true" if issue.send_state == Issue.SendState.SENDING else "false",
            # A scheduled send is watched too: the page follows it when it starts.
            "true" if issue.send_state == Issue.SendState.SCHEDULED else "false",
            send_state_label(issue),
            progress_summary(issue),
            "" if issue.send_error else " hidden",
            issue.send_error,
            failed_table,
        )

    def get_readonly_fields(
        self, request: HttpRequest, obj: Issue | None = None
    ) -> list[str] | tuple[str, ...]:
        # A sent issue stays sent: moving it back would let it go out again
        # to everyone who joined since, and make the record lie.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "status"] if obj is not None and obj.is_sent else fields

    def formfield_for_choice_field(
        self, db_field: Field, request: HttpRequest, **kwargs: Any
    ) -> TypedChoiceField | None:
        if db_field.name == "status":
            # Not offered, and refused when posted anyway: only sending sets "Sent".
            kwargs["choices"] = [
                (value, label)
                for value, label in Issue.Status.choices
                if value in Issue.EDITOR_STATUSES
            ]
        field = super().formfield_for_choice_field(db_field, request, **kwargs)
        if field is not None and db_field.name == "status":
            field.error_messages["invalid_choice"] = (
                "Only sending marks an issue “Sent”: choose “Ready to send”, then press "
                "“Send now” or “Schedule” on the issue's page."
            )
        return field

    def get_queryset(self, request: HttpRequest) -> QuerySet[Issue]:
        return super().get_queryset(request).annotate(story_total=Count("items"))

    @admin.display(description="Stories", ordering="story_total")
    def story_count(self, issue: Issue) -> int:
        return issue.story_total  # type: ignore[attr-defined]  # annotated in get_queryset()

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
