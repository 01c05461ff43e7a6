"""Background jobs in tests: they run at once (tests/conftest.py); retries wait.

A job that fails is put back on Huey's schedule for its retry, which in a
test nobody runs until `run_retries()` says its time has come.
"""

from __future__ import annotations

from datetime import datetime

from huey.contrib.djhuey import HUEY

# Later than any retry's time, so every waiting retry is due.
_END_OF_TIME = datetime(9999, 1, 1)


def run_retries(rounds: int = 1) -> int:
    """Run the jobs waiting for a retry, `rounds` times over; return how many ran."""
    ran = 0
    for _ in range(rounds):
        tasks = HUEY.read_schedule(_END_OF_TIME)
        for task in tasks:
            HUEY.execute(task, timestamp=_END_OF_TIME)
        ran += len(tasks)
    return ran


def waiting_retries() -> list[str]:
    """Return the names of the jobs waiting for a retry."""
    return [task.name for task in HUEY.scheduled()]
