from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        from . import signals

        signals.connect()
        post_migrate.connect(_create_queue_tables, sender=self)


def _create_queue_tables(**kwargs: object) -> None:
    """Create the queue's tables when jobs wait in PostgreSQL (on `migrate`)."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import PostgresStorage

    if isinstance(HUEY.storage, PostgresStorage):
        HUEY.storage.initialize_schema()
