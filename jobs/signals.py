"""Record failed and retried jobs from Huey's signals (see `jobs.models.Job`).

Huey emits ``error`` when a run raises (``task.retries`` then says how many
tries remain: none means it failed for good), ``complete`` when a run
succeeds and ``interrupted`` when the worker is stopped mid-job.
"""

from __future__ import annotations

import logging
import traceback

from django.db import DatabaseError
from huey import signals as S
from huey.api import Task

from .models import Job

logger = logging.getLogger(__name__)


def connect() -> None:
    """Connect the recorders to the project's Huey instance."""
    from huey.contrib.djhuey import HUEY

    HUEY.signal(S.SIGNAL_ERROR)(_record_error)
    HUEY.signal(S.SIGNAL_COMPLETE)(_record_success)
    HUEY.signal(S.SIGNAL_INTERRUPTED)(_record_interrupted)


def _arguments(task: Task) -> str:
    args, kwargs = task.data if task.data else ((), {})
    parts = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
    return ", ".join(parts)[:1000]


def _record_error(signal: str, task: Task, exc: BaseException | None = None) -> None:
    error = "".join(traceback.format_exception(exc)) if exc is not None else ""
    state = Job.State.RETRYING if task.retries else Job.State.FAILED
    try:
        job, created = Job.objects.get_or_create(
            task_id=task.id,
            defaults={
                "name": task.name,
                "arguments": _arguments(task),
                "state": state,
                "retries_left": task.retries,
                "error": error,
            },
        )
        if not created:
            job.state = state
            job.attempts += 1
            job.retries_left = task.retries
            job.error = error
            job.save(update_fields=["state", "attempts", "retries_left", "error", "updated_at"])
    except DatabaseError:
        # The record must never take the worker down with it.
        logger.exception("Could not record the failure of job %s", task.id)


def _record_success(signal: str, task: Task) -> None:
    # Only runs that failed before have a row; the rest cost one query.
    try:
        Job.objects.filter(task_id=task.id).exclude(state=Job.State.SUCCEEDED).update(
            state=Job.State.SUCCEEDED, retries_left=0
        )
    except DatabaseError:
        logger.exception("Could not record the success of job %s", task.id)


def _record_interrupted(signal: str, task: Task) -> None:
    try:
        Job.objects.update_or_create(
            task_id=task.id,
            defaults={
                "name": task.name,
                "arguments": _arguments(task),
                "state": Job.State.INTERRUPTED,
                "retries_left": task.retries,
            },
        )
    except DatabaseError:
        logger.exception("Could not record the interruption of job %s", task.id)
