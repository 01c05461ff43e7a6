"""Background jobs on Huey: the settings glue and the record of failed jobs.

Tasks live in each app's ``tasks.py`` (``newsletter/tasks.py``) and use
Huey's Django decorators (``huey.contrib.djhuey.db_task``); this app
records what went wrong with them (`Job`, filled by `jobs.signals`) and
offers `enqueue_on_commit()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction


def enqueue_on_commit(task: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue `task` once the current transaction commits.

    A worker must find the rows the job reads, so nothing is queued before
    they are committed. With jobs run at once (``immediate``: the tests,
    ``JOBS_URL=immediate://``) the job runs here and now, inside the
    transaction, as a direct call would.
    """
    from huey.contrib.djhuey import HUEY

    if HUEY.immediate:
        task(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task(*args, **kwargs))
