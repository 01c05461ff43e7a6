"""Extra redirects from a CSV file: `old,target[,permanent]` per row."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from .models import MAX_PATH, Redirect

_FALSE = {"0", "no", "false", "temporary", "302"}


@dataclass
class CSVResult:
    """How many rows were added or changed, and the rows refused, by line."""

    added: int = 0
    changed: int = 0
    errors: list[str] = field(default_factory=list)


def import_redirects_csv(text: str) -> CSVResult:
    """Add the redirects of a CSV text; a header row (`old,target`) is allowed.

    A row with an old address that is not a path, or a target that is
    neither a path nor an http(s) address, is refused with its line.
    """
    result = CSVResult()
    for line, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if line == 1 and cells[0].lower() in {"old", "old_path", "from", "source"}:
            continue
        if len(cells) < 2:
            result.errors.append(f"Line {line}: give the old address and the target.")
            continue
        old, target = cells[0], cells[1]
        permanent = len(cells) < 3 or cells[2].lower() not in _FALSE
        if not old.startswith("/") or len(old) > MAX_PATH:
            result.errors.append(f"Line {line}: the old address must be a path starting with /.")
            continue
        if not target.startswith(("/", "http://", "https://")):
            result.errors.append(f"Line {line}: the target must be a path or an http(s) address.")
            continue
        done = Redirect.objects.add(old, target, source="CSV", permanent=permanent)
        if done == "added":
            result.added += 1
        elif done == "changed":
            result.changed += 1
        elif not done:
            result.errors.append(f"Line {line}: the redirect would lead to itself.")
    return result
