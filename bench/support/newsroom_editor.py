"""An editor saving stories (and readers commenting) while the site is loaded.

Run by `bench/reader_day.py` in a process of its own with the served site's
settings and database, so the project's signals fire as they do for a save
in the admin and the servers hear of it the way they would (the shared
cache, publish/subscribe). Every `--every` seconds it picks a random live
story among the newest `--pool` and saves it through the ORM after
changing its dek, as the admin's change form does (`article.save()`);
with `--comments-every` it also posts a comment on one and approves it
(`Comment.objects.create()` then `set_status("approved")`, as moderation
does). Prints `editor ready` once set up, runs until SIGTERM, then prints
one line: `editor saves=N save_ms=M comments=C`.

Run: `python bench/support/newsroom_editor.py --every 5 [--pool 100] [--comments-every 0]`
(with DJANGO_SETTINGS_MODULE and PYTHONPATH of the served site).
"""

from __future__ import annotations

import argparse
import random
import re
import signal
import statistics
import sys
import time

_stopping = False


def _stop(signum: int, frame: object) -> None:
    global _stopping
    _stopping = True


def _sleep_until(moment: float) -> None:
    # In short steps, so SIGTERM ends the loop within a tenth of a second.
    while not _stopping and time.monotonic() < moment:
        time.sleep(min(0.1, max(0.0, moment - time.monotonic())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, required=True, help="seconds between saves")
    parser.add_argument("--pool", type=int, default=100, help="newest live stories (0: all)")
    parser.add_argument("--comments-every", type=float, default=0, help="0: no comments")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _stop)

    import django

    django.setup()
    from django.utils import timezone

    from articles.models import Article

    live = Article.objects.live().values_list("pk", flat=True)
    pool = list(live[: args.pool] if args.pool else live)
    print("editor ready", flush=True)
    rng = random.Random()
    save_times: list[float] = []
    comments = 0
    commenter = None
    now = time.monotonic()
    next_save = now + rng.uniform(0, args.every)
    next_comment = now + args.comments_every if args.comments_every else float("inf")
    while True:
        _sleep_until(min(next_save, next_comment))
        if _stopping:
            break
        if time.monotonic() >= next_save:
            started = time.perf_counter()
            article = Article.objects.get(pk=rng.choice(pool))
            stamp = timezone.now().strftime("%H:%M:%S")
            article.dek = _updated(article.dek, stamp)
            article.save()
            save_times.append(time.perf_counter() - started)
            next_save += args.every
        if time.monotonic() >= next_comment:
            commenter = _comment(rng.choice(pool), commenter, comments)
            comments += 1
            next_comment += args.comments_every
    median = statistics.median(save_times) * 1000 if save_times else 0.0
    print(f"editor saves={len(save_times)} save_ms={median:.1f} comments={comments}", flush=True)
    return 0


def _updated(dek: str, stamp: str) -> str:
    """Return `dek` ending " Updated <stamp>.", in place of an earlier such ending."""
    return re.sub(r"( Updated [\d:]+\.)?\Z", f" Updated {stamp}.", dek, count=1)


def _comment(article_id: int, commenter: object, n: int) -> object:
    # A known commenter's comment, approved at once by a moderator.
    from django.utils import timezone

    from comments.models import Comment, Commenter, address_hash

    if commenter is None:
        commenter, _ = Commenter.objects.get_or_create(
            email_hash=address_hash("bench-reader@example.com"),
            defaults={"name": "Bench Reader", "confirmed_at": timezone.now()},
        )
    comment = Comment.objects.create(
        article_id=article_id,
        commenter=commenter,
        name="Bench Reader",
        body=f"A reader's thought on the story, number {n}. " * 3,
    )
    Comment.objects.filter(pk=comment.pk).set_status(Comment.Status.APPROVED)
    return commenter


if __name__ == "__main__":
    sys.exit(main())
