"""Sends run by real `run_huey` workers: a worker killed mid-send, a scheduled send.

The site runs in subprocesses on a database and queue of its own
(tests/support/worker.py; PostgreSQL when the suite runs on it), and sends
through the SMTP sink on loopback, so what the readers got is what the
server received.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from tests.support.worker import WorkerSite

READERS = 60

SEED = """
import json
from django.utils import timezone
from articles.models import Article
from newsletter.models import Issue, IssueItem, NewsletterList, Subscriber
newsletter = NewsletterList.objects.create(name="Weekly Mirror", slug="weekly")
Subscriber.objects.bulk_create(
    Subscriber(newsletter=newsletter, email=f"reader{n}@example.com", status="confirmed")
    for n in range(%(readers)d)
)
story = Article.objects.create(
    headline="Երևան's night buses", body="<p>Buses run all night.</p>",
    status="published", publish_at=timezone.now(),
)
issue = Issue.objects.create(newsletter=newsletter, subject="Night buses", status="ready")
IssueItem.objects.create(issue=issue, article=story, order=1)
print(json.dumps(issue.pk))
"""

PROGRESS = """
import json
from newsletter.models import Issue
issue = Issue.objects.get(pk=%(pk)d)
p = issue.send_progress()
print(json.dumps({"state": issue.send_state, "status": issue.status, "sent": p.sent,
                  "unknown": p.unknown, "left": p.left, "failed": p.failed}))
"""


@pytest.fixture
def site(tmp_path, smtp_sink):
    site = WorkerSite(
        tmp_path,
        **smtp_sink.environment(),
        NEWSLETTER_SEND_BATCH_SIZE="10",
        # Slow enough to kill the worker mid-send, and a short lease so the
        # next worker takes over soon after.
        NEWSLETTER_SEND_RATE="25",
        NEWSLETTER_SEND_LEASE_SECONDS="2",
        JOBS_WORKERS="2",
    )
    site.manage("migrate", "--noinput")
    yield site
    site.close()


def _progress(site: WorkerSite, pk: int) -> dict:
    return site.python(PROGRESS % {"pk": pk})


def test_a_worker_killed_mid_send_is_taken_over_and_nobody_gets_it_twice(site, smtp_sink):
    pk = site.python(SEED % {"readers": READERS})
    site.python(
        "import json; from newsletter.models import Issue; from newsletter.tasks import "
        f"send_issue_batch; i = Issue.objects.get(pk={pk}); i.start_sending(); "
        f"send_issue_batch({pk}); print(json.dumps(1))"
    )
    first = site.start_worker()
    smtp_sink.wait_for(15, timeout=60)
    site.kill(first)
    at_kill = len(smtp_sink.received)
    assert 0 < at_kill < READERS, site.log.read_text()[-4000:]
    stalled = _progress(site, pk)
    assert stalled["state"] == "sending"
    assert stalled["status"] == "ready"
    time.sleep(2.5)  # the dead worker's lease runs out
    site.start_worker()
    done = site.wait_until(
        f"import json; from newsletter.models import Issue; "
        f"print(json.dumps(Issue.objects.get(pk={pk}).status == 'sent'))"
    )
    assert done, site.log.read_text()[-3000:]
    final = _progress(site, pk)
    addresses = Counter(r.rcpt_tos[0] for r in smtp_sink.received)
    assert max(addresses.values()) == 1, "someone got the issue twice"
    # The batch the kill cut short stays "unknown" (claimed; some of it went
    # out, which the record cannot tell) and is never sent again; every
    # other reader got it once.
    assert final["unknown"] <= 10
    assert final["sent"] <= len(addresses) <= final["sent"] + final["unknown"]
    assert final["sent"] + final["unknown"] == READERS
    assert final["left"] == 0


def test_a_scheduled_send_goes_out_on_its_own_and_a_cancelled_one_does_not(site, smtp_sink):
    pk = site.python(SEED % {"readers": 3})
    cancelled = site.python(
        "import json; from datetime import timedelta; from django.utils import timezone; "
        "from newsletter.models import Issue, IssueItem; "
        f"i = Issue.objects.get(pk={pk}); "
        "other = Issue.objects.create(newsletter=i.newsletter, subject='Cancelled', "
        "status='ready'); IssueItem.objects.create(issue=other, article=i.items.get().article); "
        "soon = timezone.now() + timedelta(seconds=3); "
        "i.schedule(soon); other.schedule(soon); other.cancel_schedule(); "
        "print(json.dumps(other.pk))"
    )
    site.start_worker()
    # The scheduler's minute job starts it: within a minute of its time.
    sent = site.wait_until(
        f"import json; from newsletter.models import Issue; "
        f"print(json.dumps(Issue.objects.get(pk={pk}).status == 'sent'))",
        timeout=100,
    )
    assert sent, site.log.read_text()[-3000:]
    assert len(smtp_sink.wait_for(3)) == 3
    assert {r.message["Subject"] for r in smtp_sink.received} == {"Night buses"}
    other = _progress(site, cancelled)
    assert (other["status"], other["state"], other["sent"]) == ("ready", "", 0)
