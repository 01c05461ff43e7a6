"""The newsroom's groups, as the migrations made them, for tests that need them.

The groups are rows a data migration writes, so the flush that ends a
transactional test (the browser tests, the migration tests) removes them
from the test database, and a later test would find none. Running the
migrations' own functions again makes them exactly as a fresh database has
them.
"""

from __future__ import annotations

from importlib import import_module

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

# The migrations that make the groups and give them permissions, in order.
MIGRATIONS = [
    ("articles.migrations.0005_newsroom_groups", "create_groups"),
    ("authors.migrations.0002_newsroom_permissions", "grant"),
    ("newsletter.migrations.0003_send_from_the_admin", "grant"),
    ("newsletter.migrations.0004_reports_clicks_and_opens", "grant"),
    ("comments.migrations.0002_moderators", "grant"),
    ("redirects.migrations.0002_editors_manage_redirects", "grant"),
    ("wordpress.migrations.0003_editors_run_imports", "grant"),
]


def ensure_newsroom_groups() -> None:
    """Make the newsroom's groups again when a flush has removed them."""
    if Group.objects.filter(name="Editors").exists():
        return
    # The models as the migrations know them: the functions adjust the app
    # registry they are given, which must not be the project's own.
    state = MigrationLoader(connection).project_state().apps
    for module, function in MIGRATIONS:
        getattr(import_module(module), function)(state, None)
