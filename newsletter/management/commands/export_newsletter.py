"""Write an issue as HTML, plain text or JSON, for a mail service to send."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsletter.export import IssueTooLarge, export_issue
from newsletter.models import Issue


class Command(BaseCommand):
    help = (
        "Export issue ISSUE_ID as html (inlined CSS, under Gmail's 102 KB limit), text or "
        "json, to --output or standard output."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("issue_id", type=int, metavar="ISSUE_ID")
        parser.add_argument("--format", choices=["html", "text", "json"], default="html")
        parser.add_argument(
            "--output", metavar="PATH", help="File to write; standard output if left out."
        )

    def handle(
        self, *args: Any, issue_id: int, format: str, output: str | None, **options: Any
    ) -> None:
        issue = Issue.objects.select_related("newsletter").filter(pk=issue_id).first()
        if issue is None:
            raise CommandError(f"There is no issue {issue_id}.")
        try:
            exported = export_issue(issue)
        except IssueTooLarge as error:
            raise CommandError(str(error)) from error
        content = {"html": exported.html, "text": exported.text, "json": exported.json}[format]
        if output is None:
            self.stdout.write(content, ending="")
            return
        Path(output).write_text(content, encoding="utf-8")
        size = len(content.encode("utf-8"))
        self.stderr.write(f"Wrote {output} ({size / 1024:.1f} KB).")
