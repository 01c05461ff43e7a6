"""Import a WordPress export (WXR): stories, pages, pictures, comments, old addresses."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wordpress.importing import import_wordpress
from wordpress.wxr import WXRError

BAR_WIDTH = 30


class ProgressBar:
    """A one-line progress bar, redrawn in place when the output is a terminal."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.shown = -1
        self.live = out.isatty()

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if percent == self.shown:
            return
        self.shown = percent
        filled = BAR_WIDTH * percent // 100
        bar = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {percent:3d}% ({done}/{total})"
        if self.live:
            self.out.write(f"\r{bar}")
            if done >= total:
                self.out.write("\n")
        elif percent % 10 == 0:
            self.out.write(f"{bar}\n")
        self.out.flush()


class Command(BaseCommand):
    help = (
        "Import a WordPress export file (WXR 1.0-1.2): posts as stories, pages as site pages, "
        "attachments into the media library, comments, and redirects from every old address. "
        "Run it again with a newer export to bring in what changed; nothing is saved from a "
        "malformed file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("export", type=Path, metavar="EXPORT.xml")
        parser.add_argument(
            "--uploads",
            type=Path,
            help="A copy of the old site's wp-content/uploads folder, for attachment files.",
        )
        parser.add_argument(
            "--media-base-url",
            default="",
            help="Fetch attachment files from here instead "
            "(e.g. https://old.example/wp-content/uploads/).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Do everything, then save nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        export: Path = options["export"]
        uploads: Path | None = options["uploads"]
        if not export.is_file():
            raise CommandError(f"{export} is not a file.")
        if uploads is not None and not uploads.is_dir():
            raise CommandError(f"{uploads} is not a folder.")
        bar = ProgressBar(sys.stderr if options["verbosity"] else io.StringIO())
        try:
            report = import_wordpress(
                export,
                uploads=uploads,
                media_base_url=options["media_base_url"],
                dry_run=options["dry_run"],
                progress=bar,
            )
        except WXRError as error:
            raise CommandError(f"{export}: {error}. Nothing was imported.") from error
        self.stdout.write("\n".join(report.lines()))
