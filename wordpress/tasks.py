"""The admin's WordPress import, run by the background worker.

The job runs the same import as `manage.py import_wordpress` and keeps
its report on the `WordPressImport` row. The import is one transaction,
so its progress goes to the cache (which every process shares), not to
the row, where nobody could read it before the end.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.utils import timezone
from huey.contrib.djhuey import db_task

from .importing import import_wordpress
from .models import WordPressImport
from .wxr import WXRError

logger = logging.getLogger(__name__)
# Long enough for a very large export; the row has the result after.
PROGRESS_SECONDS = 24 * 60 * 60


@db_task()
def run_wordpress_import(import_id: int) -> None:
    """Run a queued admin import; keep its report or its error on the row."""
    job = WordPressImport.objects.filter(pk=import_id, state=WordPressImport.State.QUEUED).first()
    if job is None:
        return
    WordPressImport.objects.filter(pk=job.pk).update(state=WordPressImport.State.RUNNING)
    shown = -1

    def progress(done: int, total: int) -> None:
        nonlocal shown
        percent = done * 100 // total if total else 100
        if percent != shown:
            shown = percent
            cache.set(job.progress_key, [done, total], PROGRESS_SECONDS)

    try:
        report = import_wordpress(
            job.export.path,
            uploads=job.uploads_folder or None,
            media_base_url=job.media_base_url,
            dry_run=job.dry_run,
            progress=progress,
        )
    except WXRError as error:
        _finish(job, WordPressImport.State.FAILED, error=str(error))
        return
    except Exception as error:
        logger.exception("WordPress import %s failed", job.pk)
        _finish(job, WordPressImport.State.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    _finish(job, WordPressImport.State.DONE, report=report.as_dict())


def _finish(
    job: WordPressImport, state: str, *, error: str = "", report: dict | None = None
) -> None:
    WordPressImport.objects.filter(pk=job.pk).update(
        state=state, error=error, report=report or {}, finished_at=timezone.now()
    )
