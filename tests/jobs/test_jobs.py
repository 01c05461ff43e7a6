"""The job engine's settings and the admin's record of failed jobs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from huey.contrib.djhuey import HUEY, db_task

from jobs.models import Job
from newsroom.settings import default_jobs_url, jobs_from_url

calls: list[str] = []


@db_task(retries=2, retry_delay=30, name="tests.flaky_job")
def flaky_job(label: str) -> None:
    calls.append(label)
    raise ConnectionError(f"mail server gone for {label}")


@db_task(name="tests.fine_job")
def fine_job() -> None:
    calls.append("fine")


def test_an_sqlite_jobs_url_keeps_the_queue_in_that_file():
    config = jobs_from_url("sqlite:////srv/newsroom/jobs.sqlite3", workers=3)
    assert config["huey_class"] == "huey.SqliteHuey"
    assert config["filename"] == "/srv/newsroom/jobs.sqlite3"
    assert config["consumer"]["workers"] == 3
    assert config["immediate"] is False


def test_redis_and_postgres_jobs_urls_name_their_servers():
    redis = jobs_from_url("redis://cache:6379/4?name=paper", workers=2)
    assert (redis["huey_class"], redis["url"], redis["name"]) == (
        "huey.RedisHuey",
        "redis://cache:6379/4",
        "paper",
    )
    postgres = jobs_from_url("postgres://news@db:5432/newsroom", workers=2)
    assert postgres["huey_class"] == "huey.PostgresHuey"
    assert postgres["dsn"] == "postgres://news@db:5432/newsroom"


def test_an_unknown_jobs_url_stops_the_start():
    with pytest.raises(ImproperlyConfigured, match="JOBS_URL"):
        jobs_from_url("amqp://broker/", workers=1)


def test_jobs_wait_beside_an_sqlite_database_or_in_postgresql_by_default():
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/site/db.sqlite3"}
    assert default_jobs_url(sqlite) == "sqlite:////srv/site/db-jobs.sqlite3"
    in_memory = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    assert default_jobs_url(in_memory) == "immediate://"
    postgres = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "newsroom",
        "USER": "news",
        "PASSWORD": "",
        "HOST": "db",
        "PORT": 5432,
    }
    assert default_jobs_url(postgres) == "postgres://news@db:5432/newsroom"


@pytest.mark.django_db
def test_a_failing_job_is_recorded_as_retrying_with_its_error():
    calls.clear()
    flaky_job("issue 7")
    job = Job.objects.get(name="tests.flaky_job")
    assert job.state == Job.State.RETRYING
    assert job.retries_left == 2
    assert job.arguments == "'issue 7'"
    assert job.summary == "ConnectionError: mail server gone for issue 7"


@pytest.mark.django_db
def test_a_job_out_of_retries_is_shown_failed_in_the_admin(admin_client):
    calls.clear()
    task = flaky_job.s("issue 8")
    task.retries = 0
    HUEY.execute(task)
    job = Job.objects.get(task_id=task.id)
    assert job.state == Job.State.FAILED
    response = admin_client.get(reverse("admin:jobs_job_changelist"))
    assert "Failed for good" in response.content.decode()
    assert "mail server gone for issue 8" in response.content.decode()
    detail = admin_client.get(reverse("admin:jobs_job_change", args=[job.pk]))
    assert "Traceback" in detail.content.decode()
    assert 'name="_save"' not in detail.content.decode()


@pytest.mark.django_db
def test_a_job_that_runs_at_the_first_try_leaves_no_record():
    fine_job()
    assert calls[-1] == "fine"
    assert not Job.objects.exists()
