"""A copy of the site in subprocesses, for tests that need a real job worker.

`WorkerSite` gives the site a database of its own (an SQLite file, or a
fresh PostgreSQL database on the suite's server when ``DATABASE_URL`` is
PostgreSQL), a queue beside it, and runs `manage.py` commands and
`run_huey` workers against them, as production runs them: the test can
kill a worker mid-job and start another.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
# What the suite's own process would otherwise leak into the site's.
INHERITED = {"DATABASE_URL", "JOBS_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


class WorkerSite:
    """The site's commands and workers on a database and queue of their own."""

    def __init__(self, work: Path, **settings: str) -> None:
        self.work = work
        self.log = work / "worker.log"
        self._database = None
        suite_db = os.environ.get("DATABASE_URL", "")
        if suite_db.startswith("postgres"):
            self._database = f"jobs_worker_{uuid.uuid4().hex[:8]}"
            self._admin_url = suite_db
            database_url = _with_db_name(suite_db, self._database)
            self._psql(f'CREATE DATABASE "{self._database}"')
        else:
            database_url = f"sqlite:///{work / 'db.sqlite3'}"
        self.env = {key: value for key, value in os.environ.items() if key not in INHERITED}
        self.env.update(
            DATABASE_URL=database_url,
            MEDIA_ROOT=str(work / "media"),
            CACHE_URL="locmem://",
            PYTHONUNBUFFERED="1",
            **settings,
        )
        self.workers: list[subprocess.Popen] = []

    def _psql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(_with_db_name(self._admin_url, "postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def manage(self, *args: str) -> str:
        """Run a management command; return its output, failing loudly."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def python(self, code: str) -> object:
        """Run `code` in the site's shell; return what it printed as JSON."""
        out = self.manage("shell", "--no-imports", "-c", code)
        return json.loads(out.strip().splitlines()[-1])

    def start_worker(self) -> subprocess.Popen:
        with self.log.open("a") as output:
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "run_huey", "--flush-locks"],
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.workers.append(worker)
        return worker

    def kill(self, worker: subprocess.Popen) -> None:
        """Kill the worker at once, as a machine lost or the OOM killer would."""
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    def wait_until(self, code: str, *, timeout: float = 90) -> object:
        """Run `code` until it prints a true JSON value; return it."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.python(code)
            if value or time.monotonic() > deadline:
                return value
            time.sleep(0.5)

    def close(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                try:
                    worker.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, signal.SIGKILL)
        if self._database:
            self._psql(f'DROP DATABASE IF EXISTS "{self._database}" WITH (FORCE)')


def _with_db_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))
