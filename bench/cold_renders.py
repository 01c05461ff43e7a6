"""What a cold render of each reader page costs, and where the time goes.

A cold render is a page made from nothing: no page cache and no story
fragments (the "cold" line of `throughput.py`), as the archive's long tail
is served. Builds a throwaway site (SQLite in a temp folder, demo content
plus a 1,000-story archive, `--articles N` for another size, and a story
with 150 approved comments on its first page: 50 threads of three) and, in
process through the test client, renders each reader page after a few
unmeasured renders: the featured story, the commented story, the front
page and the pages of a tag, a section, an author and a source. The pages
take turns for `--rounds` rounds of `--renders` renders each. Prints per
page the best round's median CPU and wall-clock milliseconds and the
queries a render makes (the query budget the pages must keep). CPU time is
the figure to compare: a busy machine stretches the wall clock more.

`--site DIR` builds the site in DIR and reuses it on later runs (while
changing the code, to compare like with like).

`--profile` also runs each page's renders under cProfile and prints its
`--top` costliest functions (own time, then cumulative); `--pages story
front` limits the run to some pages.

Run: `python bench/cold_renders.py [--rounds 5] [--renders 10] [--articles 1000] [--profile]`.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

from serving import cold_site_env, manage

# Threads of three approved comments on the commented story: 150 comments,
# all on its first page (COMMENTS_PER_PAGE is 50 threads).
COMMENT_THREADS = 50
PAGES = ("story", "comments", "front", "tag", "section", "author", "source")


def _build(workdir: Path, articles: int) -> dict[str, str]:
    built = (workdir / "bench.sqlite3").exists()
    env = cold_site_env(f"sqlite:///{workdir / 'bench.sqlite3'}", workdir)
    manage(env, "migrate", "--noinput")
    if built:  # --site: kept from an earlier run, migrated to today's code
        return env
    manage(env, "load_demo", "--no-admin")
    if articles:
        manage(env, "generate_archive", "--articles", str(articles))
    manage(env, "collectstatic", "--noinput")
    return env


def _commented_story():
    # The newest non-featured live story, with comments in a reader's
    # script mix: Armenian and Cyrillic names and text, a link, two
    # paragraphs.
    from django.utils import timezone

    from articles.models import Article
    from comments.models import Comment, Commenter, address_hash

    who = Commenter.objects.filter(email_hash=address_hash("bench@example.com")).first()
    if who is not None:  # a site kept from an earlier run (--site)
        return who.comments.first().article
    story = Article.objects.live().filter(is_featured=False).first()
    who = Commenter.objects.create(
        email_hash=address_hash("bench@example.com"),
        name="Bench Reader",
        confirmed_at=timezone.now(),
    )
    body = "Ընթերցողի կարծիքը մի քանի նախադասությամբ. " * 3 + "\n\nСм. https://example.com/a."
    tops = Comment.objects.bulk_create(
        Comment(article=story, commenter=who, name=f"Читатель {n}", body=body, status="approved")
        for n in range(COMMENT_THREADS)
    )
    Comment.objects.bulk_create(
        Comment(
            article=story,
            commenter=who,
            parent=top,
            name="Պատասխան",
            body="A reply.",
            status="approved",
        )
        for top in tops
        for _ in range(2)
    )
    Comment.objects.recount([story.pk])
    return story


def _paths() -> dict[str, str]:
    from django.db.models import Count

    from articles.models import Article, Quote, Source
    from authors.models import Byline

    featured = Article.objects.live().get(is_featured=True)
    commented = _commented_story()
    live = Article.objects.live()
    tag = (
        live.values("tags__slug").annotate(n=Count("pk")).exclude(tags__slug=None).order_by("-n")
    )[0]["tags__slug"]
    section = featured.section or live.exclude(section=None).first().section
    author = (
        Byline.objects.filter(article__in=live)
        .values("author__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["author__slug"]
    )
    speaker = (
        Quote.objects.filter(article__in=live)
        .values("speaker")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["speaker"]
    )
    return {
        "story": featured.get_absolute_url(),
        "comments": commented.get_absolute_url(),
        "front": "/",
        "tag": f"/tags/{tag}/",
        "section": section.get_absolute_url(),
        "author": f"/authors/{author}/",
        "source": Source.objects.get(pk=speaker).get_absolute_url(),
    }


def _render(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)


def _queries(client, path: str) -> int:
    from django.db import connection

    # Counted by a wrapper: each request empties `connection.queries`.
    queries: list[str] = []
    with connection.execute_wrapper(lambda run, sql, *rest: queries.append(sql) or run(sql, *rest)):
        _render(client, path)
    return len(queries)


def _round(client, path: str, renders: int) -> tuple[float, float]:
    cpu, wall = [], []
    for _ in range(renders):
        started_cpu, started = time.process_time(), time.perf_counter()
        _render(client, path)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    return statistics.median(cpu) * 1000, statistics.median(wall) * 1000


def _measure(client, paths: dict[str, str], renders: int, rounds: int) -> dict[str, tuple]:
    # Pages take turns, round after round, so a change in the machine's load
    # falls on all of them; each page's figure is its best round's median,
    # since other work on a shared machine only ever adds time.
    for path in paths.values():
        for _ in range(3):
            _render(client, path)
    queries = {page: _queries(client, path) for page, path in paths.items()}
    runs: dict[str, list[tuple[float, float]]] = {page: [] for page in paths}
    for _ in range(rounds):
        for page, path in paths.items():
            gc.collect()
            runs[page].append(_round(client, path, renders))
    return {page: (*min(runs[page]), queries[page]) for page in paths}


def _profile(client, path: str, renders: int, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(renders):
        _render(client, path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES))
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--site", type=Path, help="build the site here, or reuse it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as tmp:
        workdir = args.site or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        print(f"Building the site (demo content plus {args.articles} stories) in {workdir}")
        env = _build(workdir, args.articles)
        os.environ.update(env)
        sys.path[:0] = env["PYTHONPATH"].split(os.pathsep)
        import django

        django.setup()
        from django.test import Client

        paths = _paths()
        client = Client(HTTP_HOST="127.0.0.1")
        wanted = {page: paths[page] for page in args.pages}
        results = _measure(client, wanted, args.renders, args.rounds)
        print(
            f"\ncold renders (page cache and fragments off): best of {args.rounds} rounds"
            f" of the median of {args.renders}\n"
        )
        print(f"{'page':<10}{'CPU ms':>9}{'wall ms':>9}{'queries':>9}  path")
        for page, (cpu, wall, queries) in results.items():
            print(f"{page:<10}{cpu:>9.2f}{wall:>9.2f}{queries:>9}  {paths[page]}")
        if args.profile:
            for page in args.pages:
                print(f"\n== cProfile: {page} ({paths[page]}), {args.renders} renders")
                print(_profile(client, paths[page], args.renders, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
