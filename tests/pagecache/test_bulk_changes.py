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


def test_stories_edited_inside_bulk_changes_are_touched_once_at_the_end(make_article, clock):
    from datetime import timedelta

    from pagecache.dependencies import last_touched

    stories = [make_article(f"Imported {n}") for n in range(3)]
    clock.shift(timedelta(seconds=5))
    before = current_state()["version"]
    with bulk_changes():
        for story in stories:
            story.dek = "Updated by the import."
            story.save()
        assert last_touched([f"story:{story.pk}" for story in stories]) is None
    assert last_touched([f"story:{story.pk}" for story in stories]) is not None
    # Edits in place: no story moved between lists, so no new version.
    assert current_state()["version"] == before
