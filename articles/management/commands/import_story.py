"""Import plain-text stories as draft articles."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from articles.importer import StoryFormatError, import_story
from articles.importer.drafts import DuplicateImport, ImportResult
from articles.importer.files import read_story_file


class Command(BaseCommand):
    help = (
        "Turn plain-text stories into draft articles with their quotes, sources and tags. "
        "Each file is imported on its own: a bad file is reported and the others go on."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="Save nothing.")
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print what was found as JSON (one object, or a list for several files).",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the stories instead of drafting them."
        )

    def handle(self, *args, paths: list[Path], dry_run: bool, json: bool, publish: bool, **opts):
        found, failed = [], 0
        for path in paths:
            try:
                result = import_story(read_story_file(path), dry_run=dry_run, publish=publish)
                if result.duplicate_of is not None:
                    # A dry run reports the earlier import; here it fails the
                    # file as the real run would.
                    raise DuplicateImport(result.duplicate_of)
            except (StoryFormatError, DuplicateImport) as error:
                failed += 1
                self.stderr.write(f"{path}: {error}")
                continue
            found.append(result.parsed.as_dict())
            if not json:
                self.stdout.write(self._summary(path, result, dry_run))
        if json:
            self.stdout.write(_dumps(found[0] if len(paths) == 1 and found else found))
        if failed:
            raise CommandError(
                "The file was not imported."
                if len(paths) == 1
                else ngettext(
                    "%(failed)d of %(total)d files was not imported.",
                    "%(failed)d of %(total)d files were not imported.",
                    failed,
                )
                % {"failed": failed, "total": len(paths)}
            )

    def _summary(self, path: Path, result: ImportResult, dry_run: bool) -> str:
        parsed = result.parsed
        new = ", ".join(match.name for match in result.new_sources) or "none"
        lines = [
            f"{path}: “{parsed.headline}”",
            "  "
            + ngettext("%(n)d paragraph, ", "%(n)d paragraphs, ", len(parsed.paragraphs))
            % {"n": len(parsed.paragraphs)}
            + ngettext("%(n)d subhead, ", "%(n)d subheads, ", len(parsed.subheads))
            % {"n": len(parsed.subheads)}
            + ngettext("%(n)d quote", "%(n)d quotes", len(parsed.quotes))
            % {"n": len(parsed.quotes)}
            + f"; new sources: {new}",
        ]
        if parsed.duplicate_paragraphs:
            lines.append(f"  dropped repeated paragraphs: {parsed.duplicate_paragraphs}")
        if parsed.reworded_repeats:
            lines.append(f"  check reworded repeats: {parsed.reworded_repeats}")
        if dry_run:
            lines.append("  dry run: nothing saved")
        else:
            article = result.article
            lines.append(f"  saved as story #{article.pk}, {article.status_phrase}")
        return "\n".join(lines)


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
