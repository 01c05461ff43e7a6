"""Archive scale: page times with 1,000 stories against 100,000.

For SQLite (a temp file) and, when it answers, PostgreSQL (the database
named by BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/reader_dev,
dropped and made anew), this fills an archive with `generate_archive`,
serves it with gunicorn (2 workers, DEBUG off, page cache and story
fragments off so the pages really render) on loopback, and loads with
wrk: the front page, a story, a tag page, a search for a person's name,
a search for a common word, and the admin's article list as a logged-in
editor. Then it grows the archive to the large size and measures again.
Prints req/s and p50 at both sizes and the ratio of p50 times (target: at
most 1.5); exits non-zero above it.

Run: `python bench/archive.py [--small 1000] [--large 100000] [--seconds 2]
[--databases sqlite,postgresql]`. Generating 100,000 stories takes about a
minute on SQLite and a few on PostgreSQL on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

from serving import Server, cold_site_env, manage, require_wrk, wrk

PORT = 8805
TARGET = 1.5
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/reader_dev")
# The story, tag and name measured exist at both sizes (generate_archive is
# seeded); the tag and the name are common enough to fill a page at 1,000.
STORY = "/articles/archive-500/"
TAG = "/tags/archive-topic-20/"

SETUP = """
from collections import Counter
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from articles.models import Article
user, _ = User.objects.get_or_create(
    username="bench", defaults={"is_staff": True, "is_superuser": True}
)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
# The first 1,000 generated stories, by entry: the same at both sizes, so both
# search for the same name (by publish time, 100,000 would pick another).
deks = Article.objects.filter(slug__startswith="archive-").order_by("pk")
deks = deks.values_list("dek", flat=True)
names = Counter(dek.rsplit(" ", 1)[-1].strip(".") for dek in deks[:1000])
name = names.most_common(5)[-1][0]
print(session.session_key, name)
"""


def _recreate_postgres(url: str) -> bool:
    import psycopg

    name = url.rsplit("/", 1)[1]
    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"PostgreSQL skipped: {error}")
        return False
    return True


def _measure(env: dict[str, str], seconds: int) -> dict[str, tuple[float, float]]:
    session, name = manage(env, "shell", "--no-imports", "-c", SETUP).split()
    pages = {
        "front": ("/", None),
        "story": (STORY, None),
        "tag": (TAG, None),
        "search (name)": (f"/search/?q={name}", None),
        "search (common)": ("/search/?q=harvest", None),
        "admin list": ("/admin/articles/article/", {"Cookie": f"sessionid={session}"}),
    }
    results = {}
    with Server(PORT, env) as server:
        for path, headers in pages.values():
            wrk(server.url + path, seconds=1, connections=2, headers=headers)
        for label, (path, headers) in pages.items():
            result = wrk(server.url + path, seconds=seconds, connections=4, headers=headers)
            results[label] = (result.rps, result.p50_ms)
    return results


def _run(database: str, url: str, small: int, large: int, seconds: int, workdir: Path) -> bool:
    env = cold_site_env(url, workdir)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--no-admin")
    manage(env, "collectstatic", "--noinput")
    sizes = {}
    added = 0
    for size in (small, large):
        started = time.monotonic()
        manage(env, "generate_archive", "--articles", str(size - added))
        added = size
        print(f"  {database}: {size:,} stories generated in {time.monotonic() - started:.0f}s")
        if database == "postgresql":
            manage(env, "dbshell", "--", "-c", "VACUUM ANALYZE")
        sizes[size] = _measure(env, seconds)
    print(
        f"\n{database}: {'page':<18}{small:>8,} req/s{'p50 ms':>9}"
        f"{large:>10,} req/s{'p50 ms':>9}{'p50 ratio':>11}"
    )
    ok = True
    for label in sizes[small]:
        (rps_s, p50_s), (rps_l, p50_l) = sizes[small][label], sizes[large][label]
        ratio = p50_l / p50_s
        flag = "" if ratio <= TARGET else f" > {TARGET}"
        ok = ok and ratio <= TARGET
        print(
            f"{'':<12}{label:<18}{rps_s:>14.0f}{p50_s:>9.2f}{rps_l:>16.0f}{p50_l:>9.2f}"
            f"{ratio:>11.2f}{flag}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=int(os.environ.get("BENCH_LARGE", "100000")))
    parser.add_argument("--seconds", type=int, default=2)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    require_wrk()
    ok = True
    for database in args.databases.split(","):
        with tempfile.TemporaryDirectory(prefix="bench-archive-") as tmp:
            workdir = Path(tmp)
            if database == "sqlite":
                url = f"sqlite:///{workdir / 'archive.sqlite3'}"
            elif _recreate_postgres(PG_URL):
                url = PG_URL
            else:
                continue
            ok = _run(database, url, args.small, args.large, args.seconds, workdir) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
