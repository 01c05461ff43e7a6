"""The page cache's background jobs: CDN purges, and scheduled changes on time.

A purge is a job so the save that causes it never waits for the CDN; it is
retried with back-off while the CDN refuses or times out. The minute job
reads the content state, which writes a new version (and purges the CDN)
once a scheduled story is due: behind a CDN no reader request may reach
this server to notice it.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from .cdn import configured_purger
from .state import current_state


@db_task(retries=5, retry_delay=10)
def purge_cdn(keys: list[str]) -> None:
    """Purge the pages carrying any of `keys` at the CDN in front, if any."""
    purger = configured_purger()
    if purger is not None:
        purger.purge(keys)


@db_periodic_task(crontab(minute="*"))
@lock_task("pagecache-schedule")
def apply_scheduled_changes() -> None:
    """Each minute, make pages stale for the scheduled stories now due (CDN or not)."""
    if configured_purger() is not None:
        current_state()
