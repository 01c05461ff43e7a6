"""`bulk_changes()`: an import's thousands of saves make cached pages stale once."""

from __future__ import annotations

from articles.models import Section
from pagecache.signals import bulk_changes
from pagecache.state import current_state


def test_saves_inside_bulk_changes_make_pages_stale_once_at_the_end(db):
    before = current_state()["version"]
    with bulk_changes():
        for n in range(3):
            Section.objects.create(name=f"Desk {n}", slug=f"desk-{n}")
        assert current_state()["version"] == before

    assert current_state()["version"] != before


def test_nothing_saved_inside_changes_nothing(db):
    before = current_state()["version"]
    with bulk_changes():
        pass

    assert current_state()["version"] == before
