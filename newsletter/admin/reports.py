"""The reports' admin screens: an issue's report (and its CSV), sign-ups by story and block.

Only users with ``newsletter.view_newsletter_reports`` (newsletter managers
and editors) see the links or open the screens; anyone else gets a 403.
The figures come from `newsletter.reports`.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles.models import Article

from ..models import Issue, NewsletterList
from ..reports import issue_report, signup_report, write_issue_report_csv
from ..reports.signups import default_period

REPORTS_PERMISSION = "newsletter.view_newsletter_reports"

if TYPE_CHECKING:
    # What the mixins are mixed into; nothing at run time.
    _ModelAdmin = admin.ModelAdmin
else:
    _ModelAdmin = object


def may_view_reports(request: HttpRequest) -> bool:
    """Tell whether the user may read the newsletter's reports."""
    return request.user.has_perm(REPORTS_PERMISSION)


def _require_reports(request: HttpRequest) -> None:
    if not may_view_reports(request):
        raise PermissionDenied


def issue_report_url(issue: Issue) -> str:
    return reverse("admin:newsletter_issue_report", args=[issue.pk])


def signup_report_url(article: Article | None = None) -> str:
    url = reverse("admin:newsletter_subscriber_signups")
    return f"{url}?article={article.pk}" if article is not None else url


class IssueReportMixin(_ModelAdmin):
    """The issue report's URLs and views, for `IssueAdmin`."""

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/report/", view(self.report_view), name="newsletter_issue_report"),
            path(
                "<int:pk>/report.csv",
                view(self.report_csv_view),
                name="newsletter_issue_report_csv",
            ),
            *super().get_urls(),
        ]

    def report_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Show what the issue brought: deliveries, feedback, clicks, opens.

        Template: ``admin/newsletter/issue/report.html``; context
        ``report`` (an `IssueReport`) and ``csv_url``.
        """
        _require_reports(request)
        issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": issue,
            "issue": issue,
            "title": f"Report: “{issue.subject}”",
            "change_url": reverse("admin:newsletter_issue_change", args=[issue.pk]),
            "csv_url": reverse("admin:newsletter_issue_report_csv", args=[issue.pk]),
            "report": issue_report(issue),
        }
        return TemplateResponse(request, "admin/newsletter/issue/report.html", context)

    def report_csv_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Download the issue's report as CSV."""
        _require_reports(request)
        issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)
        out = io.StringIO()
        write_issue_report_csv(issue_report(issue), out)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="issue-{issue.pk}-report.csv"'
        return response

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        columns = list(super().get_list_display(request))
        return [*columns, "report_link"] if may_view_reports(request) else columns

    @admin.display(description="Report")
    def report_link(self, issue: Issue) -> str:
        if not issue.is_sent and issue.send_state != Issue.SendState.SENDING:
            return "—"
        return format_html('<a href="{}">Report</a>', issue_report_url(issue))


class SignupReportForm(forms.Form):
    """The sign-up report's filters: a period, a list, a story."""

    # The browser's own date picker: no script, nothing for the CSP to allow.
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    newsletter = forms.ModelChoiceField(
        NewsletterList.objects.all(), required=False, empty_label="Every list"
    )
    article = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError("The period ends before it starts.")
        return data


class SignupReportMixin(_ModelAdmin):
    """The sign-up report's URL and view, for `SubscriberAdmin`."""

    def get_urls(self) -> list[Any]:
        return [
            path(
                "signups/",
                self.admin_site.admin_view(self.signup_report_view),
                name="newsletter_subscriber_signups",
            ),
            *super().get_urls(),
        ]

    def signup_report_view(self, request: HttpRequest) -> HttpResponse:
        """Show confirmed sign-ups by story and block over a period, with charts.

        Template: ``admin/newsletter/subscriber/signup_report.html``;
        context ``form``, ``report`` (a `SignupReport`, None when the
        filters are wrong) and ``article`` (the story filtered to).
        """
        _require_reports(request)
        start, end = default_period()
        form = SignupReportForm(request.GET or None, initial={"start": start, "end": end})
        report = None
        article = None
        if not form.is_bound or form.is_valid():
            data = form.cleaned_data if form.is_bound else {}
            start, end = data.get("start") or start, data.get("end") or end
            if start > end:
                start = end
            if data.get("article"):
                article = (
                    Article.objects.filter(pk=data["article"])
                    .only("headline", "publish_at", "created_at")
                    .first()
                )
            if article is not None and not data.get("start"):
                # A story's report starts when the story could sign anyone
                # up, so its total is the "Signed up N readers" of its page.
                began = timezone.localdate(article.publish_at or article.created_at)
                start = min(start, began)
            report = signup_report(start, end, newsletter=data.get("newsletter"), article=article)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Sign-ups by story and by block",
            "form": form,
            "report": report,
            "article": article,
            "unfiltered_url": signup_report_url(),
        }
        return TemplateResponse(request, "admin/newsletter/subscriber/signup_report.html", context)
