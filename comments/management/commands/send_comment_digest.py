"""E-mail moderators the comments awaiting moderation (at most hourly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from comments.digest import send_comment_digest


class Command(BaseCommand):
    help = "E-mail moderators the comments awaiting moderation, at most hourly."

    def handle(self, *args: Any, **options: Any) -> None:
        pending = send_comment_digest()
        if pending:
            self.stdout.write(f"Digest sent: {pending} comment(s) pending.")
        else:
            self.stdout.write("No digest due.")
