"""Fixtures for the WordPress import: the suite's own exports, and the shared real ones."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
# Real exports WordPress tests against, beside the project when present.
SHARED = Path(__file__).resolve().parents[3] / "shared" / "wxr"
if not SHARED.exists():
    SHARED = Path("/work/shared/wxr")


def shared_export(name: str) -> Path:
    """Return the path of a shared export, skipping the test when it is absent."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{name} is not in {SHARED}")
    return path


@pytest.fixture
def export() -> Path:
    return FIXTURES / "newsroom-export.xml"


@pytest.fixture
def uploads(tmp_path) -> Path:
    """Return a copy of `wp-content/uploads` holding the fixture's two pictures."""
    from PIL import Image

    folder = tmp_path / "uploads"
    (folder / "2024" / "03").mkdir(parents=True)
    for name, colour in (("market.jpg", "teal"), ("stalls.jpg", "orange")):
        Image.new("RGB", (1200, 800), colour).save(folder / "2024" / "03" / name)
    return folder


@pytest.fixture
def imported(db, export, uploads):
    """Import the suite's export once; return the report."""
    from wordpress.importing import import_wordpress

    return import_wordpress(export, uploads=uploads)
