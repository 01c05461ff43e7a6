"""Send an issue to its list's confirmed subscribers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from newsletter.models import Issue
from newsletter.sending import SendInterrupted, SendRefused, SendReport, send_issue


class Command(BaseCommand):
    help = (
        "Send issue ISSUE_ID to the confirmed subscribers of its list, in batches, through "
        "the configured e-mail backend. Safe to run again after an interruption: nobody "
        "gets the issue twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("issue_id", type=int, metavar="ISSUE_ID")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the recipients; send nothing."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=None,
            help="Messages per batch (default NEWSLETTER_SEND_BATCH_SIZE).",
        )

    def handle(
        self, *args: Any, issue_id: int, dry_run: bool, batch_size: int | None, **options: Any
    ) -> None:
        if batch_size is not None and batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        issue = Issue.objects.select_related("newsletter").filter(pk=issue_id).first()
        if issue is None:
            raise CommandError(f"There is no issue {issue_id}.")
        try:
            report = send_issue(issue, batch_size=batch_size, dry_run=dry_run)
        except SendRefused as error:
            raise CommandError(str(error)) from error
        except SendInterrupted as interrupted:
            self._write(interrupted.report)
            raise CommandError(
                f"Sending stopped: {interrupted.error}. Run the command again to send to "
                "the rest; nobody gets the issue twice."
            ) from interrupted
        self._write(report)

    def _write(self, report: SendReport) -> None:
        issue = report.issue
        if report.dry_run:
            self.stdout.write(
                f'Dry run for issue {issue.pk} ("{issue.subject}"): would send to '
                + ngettext("%(count)d subscriber; ", "%(count)d subscribers; ", report.to_send)
                % {"count": report.to_send}
                + ngettext(
                    "%(count)d already has it.", "%(count)d already have it.", report.sent_before
                )
                % {"count": report.sent_before}
            )
        else:
            self.stdout.write(
                f'Issue {issue.pk} ("{issue.subject}"): sent '
                + ngettext("%(count)d message in ", "%(count)d messages in ", report.sent)
                % {"count": report.sent}
                + ngettext("%(count)d batch; ", "%(count)d batches; ", report.batches)
                % {"count": report.batches}
                + f"{report.sent_before} had it from earlier runs."
            )
        if report.unknown:
            self.stderr.write(
                ngettext(
                    "%(count)d delivery was claimed by a run that died before marking it "
                    "sent. It is not sent again;",
                    "%(count)d deliveries were claimed by a run that died before marking "
                    "them sent. They are not sent again;",
                    report.unknown,
                )
                % {"count": report.unknown}
                + ' check the mail service\'s log (admin: Deliveries, status "Sending").'
            )
        if report.finished:
            self.stdout.write(self.style.SUCCESS("The issue is marked sent."))
