"""A newsroom's day: a reader mix over the archive while editors save stories.

Builds a throwaway site (SQLite in a temp folder unless BENCH_DATABASE_URL
is set; demo content plus `generate_archive --articles N`, 10,000 unless
told), serves it with gunicorn (2 workers, DEBUG off, the Redis page cache
in database 8 under a fresh key prefix when Redis answers, else locmem) on
port 8819, and beside it a bare Django view with no middleware at all
(`support/bare_settings.py`, `support/bare_urls.py`) on port 8820, served
the same way.

The reader mix (`support/reader_mix.py`): 80% story pages on a Zipf curve
over recency (the newest read most; `--exponent`), 10% the front page, 5%
tag pages (a Zipf curve over their number of stories), 3% section pages,
2% searches made of words in recent headlines. The addresses are the
built site's own (`support/site_paths.py`). wrk cycles through a drawn
list of them with a Lua script that also counts the X-Page-Cache answers.

Three phases, each after a warm-up and each right after a burst on the
bare view, so every ratio compares the same machine conditions: no edits;
an editor saving a random recent live story every 5 s; every second
(`--save-every`). The editor is a separate process with the served site's
settings (`support/newsroom_editor.py`): it changes a story's dek and calls
`article.save()`, as the admin does, so the project's signals fire.
`--comments-every S` adds a comment posted and approved every S seconds in
the edit phases.

Prints per phase requests/s, p50, p99, the ratio to the bare view, the
edit phases' ratio to the no-edit mix and the page cache's hit rate. Exits
non-zero only with `--check`, against issue 19's targets: the mix with no
edits >= 0.30 of the bare view, with a save every 5 s >= 0.8 of the no-edit
mix, p99 under 100 ms in every phase.

Run: `python bench/reader_day.py [--articles 10000] [--seconds 10] [--check]`
(every option: `--help`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

from reader_mix import SitePaths, cache_counts, kind_of, sample, write_mix
from serving import (
    ROOT,
    SUPPORT,
    Result,
    Server,
    manage,
    production_env,
    redis_url,
    require_wrk,
    wrk,
)

SITE_PORT, BARE_PORT = 8819, 8820
REDIS_DB = 8
# Issue 19's targets.
MIX_OF_BARE = 0.30
FIVE_SECOND_OF_QUIET = 0.8
P99_MS = 100.0
# Seconds wrk waits for an answer: a slow answer is measured, not dropped
# from the latencies as a timeout (wrk's own limit is 2 s).
WRK_TIMEOUT = 10


@dataclass
class Phase:
    """One measured phase: its name, the editor's save interval (None: no edits)."""

    name: str
    save_every: float | None


@dataclass
class Figures:
    """What one phase measured, with the bare view's burst just before it."""

    mix: Result
    bare: Result
    hits: int = 0
    misses: int = 0
    editor: str = ""
    socket_errors: str = ""


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--articles", type=int, default=10_000, help="stories generated (default 10,000)")
    add("--exponent", type=float, default=1.0, help="Zipf exponent over recency (default 1)")
    add("--warmup", type=int, default=5, help="seconds of load before each phase (default 5)")
    add(
        "--settle",
        type=int,
        default=20,
        help="seconds of mix load before the first phase (default 20)",
    )
    add("--seconds", type=int, default=10, help="seconds each phase is measured (default 10)")
    add(
        "--bare-seconds",
        type=int,
        default=5,
        help="seconds on the bare view before each phase (default 5)",
    )
    add("--threads", type=int, default=2, help="wrk threads (default 2)")
    add("--connections", type=int, default=16, help="wrk connections (default 16)")
    add(
        "--save-every",
        type=float,
        nargs="*",
        default=[5.0, 1.0],
        help="seconds between an editor's saves, one edit phase each (default 5 1)",
    )
    add("--edit-pool", type=int, default=100, help="saves pick among the newest N live (0: all)")
    add("--comments-every", type=float, default=0, help="a comment posted and approved every S s")
    add(
        "--requests",
        type=int,
        default=50_000,
        help="length of the drawn request list (default 50,000)",
    )
    add("--rounds", type=int, default=1, help="rounds of all phases; figures are medians")
    add("--seed", type=int, default=None, help="seed of the drawn request list")
    add("--check", action="store_true", help="exit non-zero when a target is missed")
    return parser.parse_args()


def _build(workdir: Path, database_url: str, cache_url: str, articles: int) -> dict[str, str]:
    env = production_env(
        database_url,
        cache_url,
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        SERVE_MEDIA="true",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--no-admin")
    started = time.monotonic()
    if articles:
        manage(env, "generate_archive", "--articles", str(articles))
    print(f"  generate_archive --articles {articles}: {time.monotonic() - started:.0f} s")
    manage(env, "collectstatic", "--noinput")
    return env


def _site_paths(env: dict[str, str]) -> SitePaths:
    code = "import site_paths; site_paths.main()"
    found = json.loads(manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])
    return SitePaths(**found)


def _editor(env: dict[str, str], every: float, args: argparse.Namespace) -> subprocess.Popen:
    command = [sys.executable, str(SUPPORT / "newsroom_editor.py"), "--every", str(every)]
    command += ["--pool", str(args.edit_pool), "--comments-every", str(args.comments_every)]
    editor = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    # Django set up and the stories picked before the load starts.
    if editor.stdout is None or editor.stdout.readline().strip() != "editor ready":
        raise SystemExit("the editor process did not start")
    return editor


def _stop(editor: subprocess.Popen) -> str:
    editor.send_signal(signal.SIGTERM)
    out, _ = editor.communicate(timeout=30)
    return out.strip().removeprefix("editor ")


def _load(args: argparse.Namespace) -> dict[str, int]:
    return {"threads": args.threads, "connections": args.connections, "timeout": WRK_TIMEOUT}


def _measure(
    phase: Phase, site: Server, bare: Server, mix: Path, bare_mix: Path, args, env
) -> Figures:
    load = _load(args)
    bare_url = bare.url + "/bench/bare/"
    wrk(bare_url, seconds=min(args.warmup, 2) or 1, script=bare_mix, **load)
    bare_result = wrk(bare_url, seconds=args.bare_seconds, script=bare_mix, **load)
    editor = _editor(env, phase.save_every, args) if phase.save_every else None
    try:
        if args.warmup:
            wrk(site.url + "/", seconds=args.warmup, script=mix, **load)
        result = wrk(site.url + "/", seconds=args.seconds, script=mix, **load)
    finally:
        done = _stop(editor) if editor else ""
    hits, misses, failed = cache_counts(result.output) or (0, 0, 0)
    if failed:
        raise SystemExit(f"{failed} requests of the mix failed in phase {phase.name!r}")
    errors = re.search(r"Socket errors: (.*)", result.output)
    return Figures(result, bare_result, hits, misses, done, errors[1] if errors else "")


def _median(runs: list[Figures], figure) -> float:
    return statistics.median(figure(run) for run in runs)


def _report(phases: list[Phase], results: dict[str, list[Figures]], check: bool) -> int:
    quiet = statistics.median(r.mix.rps for r in results[phases[0].name])
    print(
        f"\n{'phase':<22}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'bare r/s':>10}"
        f"{'÷ bare':>8}{'÷ no edits':>12}{'hits':>7}  editor"
    )
    missed = []
    for phase in phases:
        runs = results[phase.name]
        rps = _median(runs, lambda r: r.mix.rps)
        p99 = _median(runs, lambda r: r.mix.p99_ms)
        ratio = _median(runs, lambda r: r.mix.rps / r.bare.rps)
        counted = sum(r.hits + r.misses for r in runs)
        hits = f"{sum(r.hits for r in runs) / counted:.0%}" if counted else "-"
        of_quiet = "" if phase.save_every is None else f"{rps / quiet:.3f}"
        print(
            f"{phase.name:<22}{rps:>8.0f}{_median(runs, lambda r: r.mix.p50_ms):>8.2f}"
            f"{p99:>8.2f}{_median(runs, lambda r: r.bare.rps):>10.0f}{ratio:>8.3f}"
            f"{of_quiet:>12}{hits:>7}  {'; '.join(r.editor for r in runs if r.editor)}"
        )
        if phase.save_every is None and ratio < MIX_OF_BARE:
            missed.append(f"{phase.name}: {ratio:.3f} of the bare view (target {MIX_OF_BARE})")
        if phase.save_every == 5 and rps / quiet < FIVE_SECOND_OF_QUIET:
            missed.append(
                f"{phase.name}: {rps / quiet:.3f} of the no-edit mix "
                f"(target {FIVE_SECOND_OF_QUIET})"
            )
        if p99 >= P99_MS:
            missed.append(f"{phase.name}: p99 {p99:.0f} ms (target under {P99_MS:.0f})")
    for phase in phases:
        for run in results[phase.name]:
            if run.socket_errors:
                print(f"{phase.name}: wrk socket errors: {run.socket_errors}")
    for line in missed:
        print(f"missed: {line}")
    if not missed:
        print("every target met")
    return 1 if check and missed else 0


def main() -> int:
    args = _options()
    require_wrk()
    phases = [Phase("no edits", None)]
    phases += [Phase(f"a save every {s:g} s", s) for s in args.save_every]
    with tempfile.TemporaryDirectory(prefix="bench-reader-day-") as tmp:
        workdir = Path(tmp)
        database_url = os.environ.get(
            "BENCH_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}"
        )
        redis = redis_url(REDIS_DB)
        cache_url = f"{redis}?prefix=bench-{uuid.uuid4().hex[:8]}" if redis else "locmem://"
        print(f"Building the site ({database_url.split(':')[0]}, cache {cache_url})")
        if not redis:
            # Each worker's locmem cache is its own: the editor's process
            # cannot reach it, so the edit phases would measure stale pages.
            print("  no Redis: the edit phases' figures mean little without a shared cache")
        env = _build(workdir, database_url, cache_url, args.articles)
        site_paths = _site_paths(env)
        paths = sample(site_paths, args.requests, exponent=args.exponent, seed=args.seed)
        kinds = Counter(kind_of(path) for path in paths)
        print(
            f"  {len(site_paths.stories):,} live stories, {len(site_paths.tags)} tags, "
            f"{len(site_paths.sections)} sections; {len(set(paths)):,} distinct paths in "
            f"{len(paths):,} drawn: " + ", ".join(f"{k} {n:,}" for k, n in kinds.most_common())
        )
        mix = write_mix(workdir, "mix", paths)
        bare_mix = write_mix(workdir, "bare", ["/bench/bare/"])
        bare_env = {**env, "DJANGO_SETTINGS_MODULE": "bare_settings"}
        results: dict[str, list[Figures]] = {phase.name: [] for phase in phases}
        with Server(SITE_PORT, env) as site, Server(BARE_PORT, bare_env) as bare:
            if args.settle:
                # The day's popular pages cached, as on a site that has been up.
                print(f"  settling ({args.settle} s of the mix)…", flush=True)
                wrk(site.url + "/", seconds=args.settle, script=mix, **_load(args))
            for _ in range(args.rounds):
                for phase in phases:
                    print(f"  {phase.name}…", flush=True)
                    results[phase.name].append(
                        _measure(phase, site, bare, mix, bare_mix, args, env)
                    )
    return _report(phases, results, args.check)


if __name__ == "__main__":
    sys.exit(main())
