"""The import's report: counts per kind, and every item skipped or changed, with why."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Note:
    """One item the report names: what happened to it and why."""

    kind: str
    key: str
    title: str
    action: str  # "skipped", "updated", "changed", "missing"
    why: str

    def __str__(self) -> str:
        name = f"{self.kind} {self.key}" + (f" ({self.title})" if self.title else "")
        return f"{self.action}: {name}: {self.why}"


@dataclass
class ImportReport:
    """What an import did, kind by kind."""

    dry_run: bool = False
    counts: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    notes: list[Note] = field(default_factory=list)

    def count(self, kind: str, action: str, n: int = 1) -> None:
        """Add `n` to the count of `kind` items that had `action`."""
        self.counts[kind][action] = self.counts[kind].get(action, 0) + n

    def note(self, kind: str, key: object, title: str, action: str, why: str) -> None:
        """Name one item in the report, and count it under `action`."""
        self.notes.append(Note(kind, str(key), title[:80], action, why))
        if action in {"skipped", "updated", "created"}:
            self.count(kind, action)

    def total(self, action: str) -> int:
        """Return how many items of every kind had `action`."""
        return sum(actions.get(action, 0) for actions in self.counts.values())

    @property
    def changed_anything(self) -> bool:
        return bool(self.total("created") or self.total("updated"))

    def lines(self) -> list[str]:
        """Return the report as lines of text, counts first."""
        out = ["Dry run: nothing was saved." if self.dry_run else "Import finished."]
        for kind in sorted(self.counts):
            parts = ", ".join(f"{n} {action}" for action, n in sorted(self.counts[kind].items()))
            out.append(f"  {kind}: {parts}")
        if self.notes:
            out.append(f"{len(self.notes)} items skipped or changed:")
            out.extend(f"  {note}" for note in self.notes)
        return out

    def as_dict(self) -> dict:
        """Return the report as JSON data (kept with a background import)."""
        return {
            "dry_run": self.dry_run,
            "counts": {kind: dict(actions) for kind, actions in self.counts.items()},
            "notes": [note.__dict__ for note in self.notes],
        }
