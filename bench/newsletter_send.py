"""How fast an issue goes out, beside how fast the mail server takes mail.

Builds a throwaway site (SQLite in a temp folder unless `BENCH_DATABASE_URL`
is set; the job queue beside it), adds `--readers` invented confirmed
readers (20,000; `bulk_create`) and an issue of three stories, and starts
the SMTP sink of the tests (`tests/support/smtp_sink.py`, aiosmtpd on
loopback) in a process of its own. Then, each against a fresh sink:

* **the sink alone**: one `smtplib` connection sends the same number of
  messages, each the issue's own bytes as one reader gets them, in a loop.
  This is the mail server's speed (with Python's SMTP client), the ceiling.
* **our path**: the issue is started as the admin's "Send now" starts it
  (`Issue.start_sending()` and the first `send_issue_batch` job), and one
  real worker (`manage.py run_huey`, as `make run` and production run it)
  sends the chain of batch jobs until the issue is "Sent". Timed from the
  first job queued to the issue marked sent, polling every 50 ms.

It prints both in messages a second and their ratio, and checks that the
sink received every message once. It exits non-zero when our path runs
below half the sink's speed (the target: the mail server bounds the send,
not our code). `--in-process` sends with `send_issue()` in this process
instead of through a worker; `--profile` does that under cProfile and
prints where the time goes.

Run: `python bench/newsletter_send.py [--readers 20000] [--batch-size 200]`.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))
sys.path.insert(0, str(ROOT))

from serving import manage, production_env  # noqa: E402

# Our path must reach this share of the sink's own speed.
TARGET = 0.5


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sink:
    """The tests' SMTP sink in a process of its own (so it has its own core)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.smtp_sink", "--port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        # It prints its address once it listens.
        self.process.stdout.readline()

    def stop(self) -> int:
        """Stop the sink; return how many messages it received."""
        self.process.send_signal(signal.SIGTERM)
        out, _ = self.process.communicate(timeout=30)
        return int(out.split()[-1])

    def email_env(self) -> dict[str, str]:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_USE_SSL": "false",
            "EMAIL_TIMEOUT": "30",
        }


SEED = """
from django.utils import timezone
from articles.models import Article
from newsletter.models import Issue, IssueItem, NewsletterList, Subscriber
newsletter = NewsletterList.objects.create(
    name="Bench Weekly", slug="bench-weekly", from_email="news@example.com"
)
Subscriber.objects.bulk_create(
    (
        Subscriber(newsletter=newsletter, email=f"reader{n}@example.com", status="confirmed",
                   confirmed_at=timezone.now())
        for n in range(%(readers)d)
    ),
    batch_size=2000,
)
issue = Issue.objects.create(newsletter=newsletter, subject="Night buses and the lake",
                             status="ready")
for order, headline in enumerate(["Night buses run again", "The lake in winter",
                                  "Ծաղկաձոր's new lift"], start=1):
    story = Article.objects.create(
        headline=headline, dek="What changes for readers this week.",
        body="<p>" + "A paragraph of the story. " * 40 + "</p>",
        status="published", publish_at=timezone.now(),
    )
    IssueItem.objects.create(issue=issue, article=story, order=order,
                             blurb="Why it matters, in two lines.")
print(issue.pk)
"""


def _setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def _sink_alone(env: dict[str, str], issue_id: int, readers: int) -> tuple[float, int]:
    """Send `readers` copies of one reader's issue with smtplib; return seconds and count."""
    from newsletter.emails import issue_message, render_issue
    from newsletter.models import Issue

    issue = Issue.objects.select_related("newsletter").get(pk=issue_id)
    subscriber = issue.newsletter.subscribers.first()
    message = issue_message(render_issue(issue), subscriber, newsletter=issue.newsletter)
    # As Django's SMTP backend puts it on the wire.
    raw = message.message().as_bytes(linesep="\r\n")
    sink = Sink(env)
    try:
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", sink.port, timeout=30) as client:
            for n in range(readers):
                client.sendmail("news@example.com", [f"reader{n}@example.com"], raw)
        elapsed = time.perf_counter() - started
    finally:
        count = sink.stop()
    return elapsed, count


def _our_path(
    env: dict[str, str], issue_id: int, batch_size: int, in_process: bool, profile: bool
) -> tuple[float, int]:
    """Send the issue as the admin starts it; return seconds and what the sink got."""
    sink = Sink(env)
    try:
        elapsed = _send_through(sink, env, issue_id, batch_size, in_process, profile)
    finally:
        count = sink.stop()
    return elapsed, count


def _send_through(
    sink: Sink,
    env: dict[str, str],
    issue_id: int,
    batch_size: int,
    in_process: bool,
    profile: bool,
) -> float:
    from django.conf import settings

    from newsletter.models import Issue

    issue = Issue.objects.select_related("newsletter").get(pk=issue_id)
    if in_process or profile:
        from newsletter.sending import send_issue

        # What the batch jobs run, without the queue between batches.
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_PORT = sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        send_issue(issue, batch_size=batch_size, throttle=lambda: None)
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - started
        if profiler:
            out = ROOT / "bench" / "out"
            out.mkdir(exist_ok=True)
            profiler.dump_stats(out / "profile-newsletter-send.prof")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        return elapsed

    worker_env = {
        **env,
        **sink.email_env(),
        "NEWSLETTER_SEND_BATCH_SIZE": str(batch_size),
        "JOBS_WORKERS": "1",
    }
    with tempfile.TemporaryFile(mode="w+") as log:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", "--flush-locks"],
            cwd=ROOT,
            env=worker_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            # The worker is ready once its start-up job (resume stalled sends) ran.
            time.sleep(3)
            from newsletter.tasks import send_issue_batch

            started = time.perf_counter()
            issue.start_sending()
            send_issue_batch(issue.pk)
            while Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENT).count() == 0:
                if worker.poll() is not None or time.perf_counter() - started > 600:
                    log.seek(0)
                    raise SystemExit(f"the worker stopped or stalled:\n{log.read()[-3000:]}")
                time.sleep(0.05)
            elapsed = time.perf_counter() - started
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=30)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument(
        "--in-process", action="store_true", help="send_issue() here instead of a worker"
    )
    parser.add_argument("--profile", action="store_true", help="in process, under cProfile")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-send-") as work:
        database = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{work}/bench.sqlite3"
        env = production_env(
            database,
            "locmem://",
            MEDIA_ROOT=f"{work}/media",
            NEWSLETTER_SEND_RATE="0",
            # Django's default; the bench_settings module needs the support path.
            SITE_URL="http://127.0.0.1:8000",
        )
        env.pop("JOBS_URL", None)
        started = time.perf_counter()
        manage(env, "migrate", "--noinput")
        issue_id = int(manage(env, "shell", "--no-imports", "-c", SEED % vars(args)).split()[-1])
        print(
            f"site with {args.readers:,} confirmed readers in {time.perf_counter() - started:.1f} s"
        )
        _setup_django(env)

        # The sink's speed is measured before and after our send and
        # averaged: on a shared machine it moves with the other load.
        before, sink_count = _sink_alone(env, issue_id, args.readers)
        how = "in process" if args.in_process or args.profile else "one run_huey worker"
        our_seconds, our_count = _our_path(
            env, issue_id, args.batch_size, args.in_process, args.profile
        )
        after, _ = _sink_alone(env, issue_id, args.readers)
        sink_seconds = (before + after) / 2
        print(f"sink alone: {before:.1f} s before our send, {after:.1f} s after")

    sink_rate = sink_count / sink_seconds
    our_rate = our_count / our_seconds
    ratio = our_rate / sink_rate
    print(f"{'':<38} {'messages':>9} {'seconds':>8} {'msg/s':>8}")
    print(
        f"{'sink alone (smtplib loop)':<38} {sink_count:>9,} {sink_seconds:>8.1f} {sink_rate:>8.0f}"
    )
    print(
        f"{'our send (' + how + ', batch ' + str(args.batch_size) + ')':<38} "
        f"{our_count:>9,} {our_seconds:>8.1f} {our_rate:>8.0f}"
    )
    print(f"ours ÷ sink: {ratio:.2f} (target ≥ {TARGET})")
    status = 0
    if our_count != args.readers or sink_count != args.readers:
        print(f"FAILED: {args.readers} messages expected, the sink got {our_count}")
        status = 1
    if ratio < TARGET:
        print("FAILED: our send is well below the mail server's speed")
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
