"""The comments' background jobs: the moderators' digest on the engine's schedule."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .digest import send_comment_digest


@db_periodic_task(crontab(minute="*/15"))
@lock_task("comments-digest")
def send_digest_when_due() -> None:
    """Every quarter hour, send the moderators' digest if one is due.

    `send_comment_digest()` keeps the COMMENTS_DIGEST_INTERVAL rule itself,
    so a quarter-hourly check sends at most hourly and at most a quarter
    hour late; the lock keeps two workers from checking at once.
    """
    send_comment_digest()
