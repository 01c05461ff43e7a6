"""A newsletter manager sends from the admin in a real browser, a real worker sends.

The site runs as production runs it, in subprocesses on a database and a
job queue of their own (tests/support/worker.py): the development server
and one `run_huey` worker, sending through the SMTP sink on loopback. The
manager never touches a shell: a test to themselves, read in the sink; a
send scheduled through the form, whose progress the issue page follows on
its own until "Sent", every confirmed reader's message in the sink once;
and a scheduled send cancelled, after which nothing goes out.

The worker starts due scheduled sends once a minute (Huey's periodic
job, counted from the worker's start), and the form takes whole minutes,
so the issue is scheduled for the next whole minute at least 15 s ahead
rather than two minutes ahead: a real wait of about 15 to 135 seconds.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.support.browser import csp_violations, watch_csp_violations
from tests.support.smtp_sink import SmtpSink
from tests.support.worker import ROOT, WorkerSite

READERS = 12
PASSWORD = "a-long-pass-phrase"

SEED = """
import json
from django.contrib.auth.models import Group, User
from django.utils import timezone
from articles.models import Article
from newsletter.models import Issue, IssueItem, NewsletterList, Subscriber
manager = User.objects.create_user("lists", "lists@example.com", %(password)r, is_staff=True)
manager.groups.add(Group.objects.get(name="Newsletter managers"))
newsletter = NewsletterList.objects.create(name="Weekly Mirror", slug="weekly")
Subscriber.objects.bulk_create(
    [Subscriber(newsletter=newsletter, email=f"reader{n}@example.com", status="confirmed")
     for n in range(%(readers)d)]
    + [Subscriber(newsletter=newsletter, email="pending@example.com", status="pending")]
)
story = Article.objects.create(
    headline="Գյումրի's night buses", body="<p>Buses run all night.</p>",
    status="published", publish_at=timezone.now(),
)
issues = []
for subject in ("Night buses", "Held back"):
    issue = Issue.objects.create(newsletter=newsletter, subject=subject, status="ready")
    IssueItem.objects.create(issue=issue, article=story, order=1)
    issues.append(issue.pk)
print(json.dumps(issues))
"""


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The admin's sending pages and their script under the real policy.
    return {**browser_context_args, "bypass_csp": False}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def sink():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory, sink):
    """The site and one worker in subprocesses; return (site, base url, issue ids)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    site = WorkerSite(
        tmp_path_factory.mktemp("sending-site"),
        **sink.environment(),
        SITE_URL=url,
        NEWSLETTER_SEND_BATCH_SIZE="5",
        # Two messages a second: the send lasts long enough to be watched.
        NEWSLETTER_SEND_RATE="2",
        JOBS_WORKERS="2",
    )
    server = None
    try:
        site.manage("migrate", "--noinput")
        issues = site.python(SEED % {"readers": READERS, "password": PASSWORD})
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=site.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_server(url)
        site.start_worker()
        yield site, url, issues
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        site.close()


def _wait_for_server(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=2).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"the server at {url} did not start")


@pytest.fixture
def manager_page(page: Page, site) -> Page:
    _, url, _ = site
    page.goto(url + "/admin/")
    page.get_by_label("Username").fill("lists")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Newsroom", exact=True)).to_be_visible()
    return page


def _watch_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _scheduler_runs(site: WorkerSite) -> int:
    """Count the worker's finished runs of the scheduler's minute job."""
    lines = site.log.read_text().splitlines()
    return sum("start_due_sends" in line and "executed in" in line for line in lines)


def _next_minute(lead: timedelta = timedelta(seconds=15)) -> datetime:
    """Return the next whole minute at least `lead` away, in the newsroom's zone."""
    now = datetime.now(ZoneInfo(settings.TIME_ZONE))
    return (now + lead + timedelta(minutes=1)).replace(second=0, microsecond=0)


def test_a_manager_tests_schedules_and_watches_the_issue_go_out(manager_page: Page, site, sink):
    page = manager_page
    _, url, (issue_id, _) = site
    console = watch_csp_violations(page)
    errors = _watch_errors(page)
    page.goto(f"{url}/admin/newsletter/issue/{issue_id}/change/")

    page.get_by_role("link", name="Send a test").click()
    expect(page.get_by_label("Send the test to")).to_have_value("lists@example.com")
    page.get_by_role("button", name="Send the test").click()
    expect(page.get_by_text("is on its way to lists@example.com")).to_be_visible()
    deadline = time.monotonic() + 60
    while not sink.to("lists@example.com") and time.monotonic() < deadline:
        time.sleep(0.2)
    (test,) = sink.to("lists@example.com")
    assert test.message["Subject"] == "[TEST] Night buses"
    assert "night buses" in test.part("text/html").lower()

    at = _next_minute()
    page.get_by_role("link", name="Schedule", exact=True).click()
    page.get_by_label("Send on").fill(at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("will be sent on")).to_be_visible()
    state = page.locator(".send-progress__state")
    expect(state).to_have_text(f"Scheduled for {at:%-d %b %Y, %H:%M}")
    # No reload from here on: the page follows the send by itself. Twelve
    # readers may all be sent between two looks, so "Sending" may never show.
    expect(state).to_have_text(re.compile(r"^(Sending|Sent )"), timeout=150_000)
    expect(state).to_contain_text(f"Sent {at:%-d %b %Y}", timeout=60_000)
    expect(page.locator(".send-progress__counts")).to_have_text("Sent 12, failed 0, left 0")
    expect(page.get_by_role("link", name="Send now")).to_have_count(0)

    issues = Counter(r.rcpt_tos[0] for r in sink.received if r.message["Subject"] == "Night buses")
    assert issues == Counter({f"reader{n}@example.com": 1 for n in range(READERS)})
    assert csp_violations(page, console) == []
    assert errors == []


def test_a_cancelled_scheduled_send_sends_nothing(manager_page: Page, site, sink):
    page = manager_page
    worker_site, url, (_, issue_id) = site
    console = watch_csp_violations(page)
    errors = _watch_errors(page)
    page.goto(f"{url}/admin/newsletter/issue/{issue_id}/change/")
    at = _next_minute(timedelta(seconds=5))
    page.get_by_role("link", name="Schedule", exact=True).click()
    page.get_by_label("Send on").fill(at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("will be sent on")).to_be_visible()
    page.get_by_role("button", name="Cancel the scheduled send").click()
    expect(page.get_by_text("The scheduled send was cancelled.")).to_be_visible()
    expect(page.get_by_role("link", name="Schedule", exact=True)).to_be_visible()

    # Past its time and the scheduler's next run after it, nothing went out.
    while datetime.now(ZoneInfo(settings.TIME_ZONE)) < at + timedelta(seconds=1):
        time.sleep(1)
    runs = _scheduler_runs(worker_site)
    deadline = time.monotonic() + 90
    while _scheduler_runs(worker_site) == runs and time.monotonic() < deadline:
        time.sleep(1)
    assert _scheduler_runs(worker_site) > runs, worker_site.log.read_text()[-2000:]
    state = worker_site.python(
        "import json; from newsletter.models import Issue; "
        f"i = Issue.objects.get(pk={issue_id}); "
        "print(json.dumps([i.status, i.send_state, i.deliveries.count()]))"
    )
    assert state == ["ready", "", 0]
    assert not [r for r in sink.received if r.message["Subject"] == "Held back"]
    assert csp_violations(page, console) == []
    assert errors == []
