"""The issue's sending screens: Send a test, Send now, Schedule, Cancel, progress.

Mixed into `IssueAdmin`. Only users with ``newsletter.send_issue``
(newsletter managers and editors) see the buttons, and every screen
refuses anyone else, a forged POST included. The work itself is done by
background jobs (`newsletter.tasks`); these screens start, schedule or
cancel it, and report how far it got.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from jobs import enqueue_on_commit

from ..forms import ScheduleForm, TestSendForm
from ..models import Issue, Subscriber
from ..sending import SendRefused, check_sendable
from ..tasks import send_issue_batch, send_test_issue

SEND_PERMISSION = "newsletter.send_issue"


def may_send(request: HttpRequest) -> bool:
    """Tell whether the user may send, test and schedule issues."""
    return request.user.has_perm(SEND_PERMISSION)


def send_state_label(issue: Issue) -> str:
    """Describe where the issue's send stands, in the newsroom's time zone."""
    if issue.is_sent:
        when = date_format(timezone.localtime(issue.sent_at), "j M Y, H:i") if issue.sent_at else ""
        return f"Sent {when}".strip()
    if issue.send_state == Issue.SendState.SCHEDULED and issue.scheduled_at:
        return f"Scheduled for {date_format(timezone.localtime(issue.scheduled_at), 'j M Y, H:i')}"
    if issue.send_state == Issue.SendState.SENDING:
        return "Sending"
    if issue.send_state == Issue.SendState.STOPPED:
        return "Stopped"
    return issue.get_status_display()


if TYPE_CHECKING:
    _AdminBase = admin.ModelAdmin[Issue]
else:
    _AdminBase = object


class IssueSendingMixin(_AdminBase):
    """The sending screens' URLs and views, for `IssueAdmin`."""

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/send/test/", view(self.send_test_view), name="newsletter_issue_test"),
            path("<int:pk>/send/", view(self.send_now_view), name="newsletter_issue_send"),
            path(
                "<int:pk>/send/schedule/",
                view(self.schedule_view),
                name="newsletter_issue_schedule",
            ),
            path(
                "<int:pk>/send/cancel/",
                view(require_POST(self.cancel_view)),
                name="newsletter_issue_cancel",
            ),
            path(
                "<int:pk>/send/progress/",
                view(self.progress_view),
                name="newsletter_issue_progress",
            ),
            *super().get_urls(),
        ]

    def _issue_for_sending(self, request: HttpRequest, pk: int) -> Issue:
        if not may_send(request):
            raise PermissionDenied
        return get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)

    def _change_url(self, issue: Issue) -> str:
        return reverse("admin:newsletter_issue_change", args=[issue.pk])

    def _context(self, request: HttpRequest, issue: Issue, title: str, **extra: Any) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": issue,
            "issue": issue,
            "title": title,
            "change_url": self._change_url(issue),
            **extra,
        }

    def send_test_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Send the issue, marked [TEST], to the editor or a few addresses.

        Template: ``admin/newsletter/issue/send_test.html``. A test is
        never counted as a delivery, and drafts may be tested.
        """
        issue = self._issue_for_sending(request, pk)
        form = TestSendForm(
            request.POST or None, initial={"addresses": getattr(request.user, "email", "")}
        )
        if request.method == "POST" and form.is_valid():
            addresses = form.cleaned_data["addresses"]
            enqueue_on_commit(send_test_issue, issue.pk, addresses)
            self.message_user(
                request,
                f"A test of “{issue.subject}” is on its way to {', '.join(addresses)}.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._change_url(issue))
        return TemplateResponse(
            request,
            "admin/newsletter/issue/send_test.html",
            self._context(request, issue, f"Send a test of “{issue.subject}”", form=form),
        )

    def send_now_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Confirm, then start the send: list, confirmed readers and subject first.

        Template: ``admin/newsletter/issue/send_confirm.html``; a POST
        starts the batch jobs and returns to the issue, which shows progress.
        """
        issue = self._issue_for_sending(request, pk)
        refusal = _refusal(issue)
        if request.method == "POST" and not refusal:
            if issue.start_sending():
                enqueue_on_commit(send_issue_batch, issue.pk)
                self.message_user(request, f"Sending “{issue.subject}”.", messages.SUCCESS)
            else:
                self.message_user(
                    request, "The issue is being sent or was sent already.", messages.WARNING
                )
            return HttpResponseRedirect(self._change_url(issue))
        readers = Subscriber.objects.filter(newsletter_id=issue.newsletter_id).confirmed().count()
        return TemplateResponse(
            request,
            "admin/newsletter/issue/send_confirm.html",
            self._context(
                request,
                issue,
                f"Send “{issue.subject}”",
                refusal=refusal,
                readers=readers,
                progress=issue.send_progress(),
            ),
        )

    def schedule_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Schedule the send for a date and time in the newsroom's time zone.

        Template: ``admin/newsletter/issue/send_schedule.html``.
        """
        issue = self._issue_for_sending(request, pk)
        refusal = _refusal(issue)
        form = ScheduleForm(
            request.POST or None,
            initial={"send_at": timezone.localtime(issue.scheduled_at)}
            if issue.scheduled_at
            else None,
        )
        if request.method == "POST" and not refusal and form.is_valid():
            at = form.cleaned_data["send_at"]
            if issue.schedule(at):
                when = date_format(timezone.localtime(at), "l j F Y, H:i")
                self.message_user(
                    request, f"“{issue.subject}” will be sent on {when}.", messages.SUCCESS
                )
            else:
                self.message_user(
                    request, "The issue is being sent or was sent already.", messages.WARNING
                )
            return HttpResponseRedirect(self._change_url(issue))
        readers = Subscriber.objects.filter(newsletter_id=issue.newsletter_id).confirmed().count()
        return TemplateResponse(
            request,
            "admin/newsletter/issue/send_schedule.html",
            self._context(
                request,
                issue,
                f"Schedule “{issue.subject}”",
                form=form,
                refusal=refusal,
                readers=readers,
            ),
        )

    def cancel_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Cancel a scheduled send that has not started (POST only)."""
        issue = self._issue_for_sending(request, pk)
        if issue.cancel_schedule():
            self.message_user(request, "The scheduled send was cancelled.", messages.SUCCESS)
        else:
            self.message_user(
                request,
                "There was no scheduled send to cancel: it may have started.",
                messages.WARNING,
            )
        return HttpResponseRedirect(self._change_url(issue))

    def progress_view(self, request: HttpRequest, pk: int) -> JsonResponse:
        """Return the send's state and counts as JSON, for the issue page to refresh."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        issue = Issue.objects.filter(pk=pk).first()
        if issue is None:
            raise Http404
        progress = issue.send_progress()
        return JsonResponse(
            {
                "state": send_state_label(issue),
                "sending": issue.send_state == Issue.SendState.SENDING,
                "scheduled": issue.send_state == Issue.SendState.SCHEDULED,
                "sent": progress.sent,
                "failed": progress.failed,
                "unknown": progress.unknown,
                "left": progress.left,
                "error": issue.send_error,
            }
        )


def _refusal(issue: Issue) -> str:
    """Say why the issue cannot be sent or scheduled now, or ""."""
    if issue.send_state == Issue.SendState.SENDING:
        return "The issue is being sent."
    try:
        check_sendable(issue)
    except SendRefused as refused:
        return str(refused).replace(" in the admin first", " on the issue's page first")
    return ""


def progress_summary(issue: Issue) -> str:
    """Return "Sent 120, failed 2, left 880" for the issue page and list."""
    progress = issue.send_progress()
    parts = [f"sent {progress.sent}", f"failed {progress.failed}", f"left {progress.left}"]
    if progress.unknown:
        parts.append(
            ngettext("%(n)d unknown", "%(n)d unknown", progress.unknown) % {"n": progress.unknown}
        )
    return ", ".join(parts).capitalize()
