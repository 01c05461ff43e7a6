"""What each speed shortcut of the public pages saves of a cold render.

Where the pages do something faster than Django's own way (a tag instead
of ``{% url %}``, a filter instead of ``|date``, inputs written out instead
of drawn by widgets, an index hint in a query), this tells whether the
shortcut pays for being a second way.

Builds a throwaway site (SQLite in a temp folder, demo content plus a
1,000-story archive, `--articles N` for another size) and, in process with
the page cache and story fragments off (the "cold" line of
`throughput.py`): times a render of the front page and of the featured
story (CPU time, best of `--rounds` batches); counts how often each
shortcut runs on each page; times one use of the shortcut and of its idiom
(`timeit`, best of 15). Prints what the shortcut saves on each page: uses
times the difference, as a share of the cold render. Figures are CPU
time, best of several runs, because a busy machine only ever adds time;
whole-page A/B renders could not tell 3% apart on a shared 2-core machine.

Run: `python bench/shortcuts.py [--rounds 20] [--renders 10] [--articles 1000]`.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import os
import re
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

from serving import cold_site_env, manage

# The sign-up block's inputs drawn by their widgets instead of written out.
SIGNUP_INPUTS = [
    (r'<input type="(?:hidden|email|text)" name="(\w+)"[^>]*>', r"{{ form.\1 }}"),
]


@dataclass
class Variant:
    """One idiom put back: template text rewrites (regular expressions), a patch."""

    name: str
    rewrites: list[tuple[str, str]] = field(default_factory=list)
    patch: Callable[[], contextlib.AbstractContextManager] | None = None


def _build(workdir: Path, articles: int) -> dict[str, str]:
    env = cold_site_env(f"sqlite:///{workdir / 'bench.sqlite3'}", workdir)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--no-admin")
    if articles:
        manage(env, "generate_archive", "--articles", str(articles))
    manage(env, "collectstatic", "--noinput")
    return env


@contextlib.contextmanager
def _rewritten_templates(variant: Variant) -> Iterator[None]:
    from django.template import engines
    from django.template.loaders.filesystem import Loader

    original = Loader.get_contents

    def get_contents(self, origin):
        text = original(self, origin)
        for old, new in variant.rewrites:
            text = re.sub(old, new, text)
        return text

    engine = engines["django"].engine
    Loader.get_contents = get_contents
    engine.template_loaders[0].reset()
    try:
        with variant.patch() if variant.patch else contextlib.nullcontext():
            yield
    finally:
        Loader.get_contents = original
        engine.template_loaders[0].reset()


def _time(client, path: str, renders: int) -> float:
    for _ in range(5):
        assert client.get(path).status_code == 200
    gc.collect()
    # CPU time of this process: the renders are in process (SQLite too),
    # and other programs on the machine do not stretch it as they do the
    # wall clock.
    start = time.process_time()
    for _ in range(renders):
        client.get(path)
    return (time.process_time() - start) / renders * 1000


def _best_us(call: Callable[[], object], number: int = 300, repeat: int = 15) -> float:
    # timeit's way: other work on the machine only ever adds time.
    call()
    runs = timeit.repeat(call, number=number, repeat=repeat, timer=time.process_time)
    return min(runs) / number * 1e6


@dataclass
class Piece:
    """One shortcut timed alone: the call counted on a page, both ways of it."""

    name: str
    counted: tuple[str, str]  # (module, function) called once per use on a page
    shortcut: Callable[[], object]
    idiom: Callable[[], object]


def _pieces(story) -> list[Piece]:
    from django.template import Context, Template, engines
    from django.urls import reverse
    from django.utils import timezone

    from articles.addresses import slug_url
    from articles.models import Article
    from newsletter.models import SignupBlock

    def template(source: str, **context) -> Callable[[], str]:
        compiled = Template("{% load article_tags newsletter_tags %}" + source)
        return lambda: compiled.render(Context(context))

    moment = timezone.now()
    live = Article.objects.live().for_listing()
    signup = SignupBlock.objects.current()

    def signup_with(rewrites):
        engine = engines["django"].engine
        with _rewritten_templates(Variant("", rewrites=rewrites)):
            node = engine.get_template("includes/signup_block.html")
        tag = "{% signup_block signup 'inline' story %}"
        render = template(tag, signup=signup, story=story)
        loader = engine.template_loaders[0]

        def call():
            # The inclusion tag looks its template up each time: serve this one.
            saved = loader.get_template
            loader.get_template = lambda name, skip=None: node
            try:
                return render()
            finally:
                loader.get_template = saved

        return call

    return [
        Piece(
            "{% page_url %} (fixed) / {% url %}",
            ("articles.addresses", "fixed_url"),
            template("{% page_url 'articles:search' %}"),
            template("{% url 'articles:search' %}"),
        ),
        Piece(
            "slug_url() / reverse()",
            ("articles.addresses", "slug_url"),
            lambda: slug_url("articles:article_detail", story.slug),
            lambda: reverse("articles:article_detail", args=[story.slug]),
        ),
        Piece(
            '|long_date / |date:"j F Y"',
            ("reader.templatetags.article_tags", "long_date"),
            template("{{ moment|long_date }}", moment=moment),
            template('{{ moment|date:"j F Y" }}', moment=moment),
        ),
        Piece(
            '|iso_datetime / |date:"c"',
            ("reader.templatetags.article_tags", "iso_datetime"),
            template("{{ moment|iso_datetime }}", moment=moment),
            template('{{ moment|date:"c" }}', moment=moment),
        ),
        Piece(
            "sign-up inputs: written out / widgets",
            ("newsletter.templatetags.newsletter_tags", "SignupForm"),
            signup_with([]),
            signup_with(SIGNUP_INPUTS),
        ),
        Piece(
            "featured: is_featured__in=[True] / =True",
            ("reader.views", "_list_page"),
            lambda: live.filter(is_featured__in=[True]).first(),
            lambda: live.filter(is_featured=True).first(),
        ),
    ]


@contextlib.contextmanager
def _counting(module_name: str, function: str) -> Iterator[list[int]]:
    import importlib

    from django.template import engines

    from reader.templatetags.article_tags import register

    original = getattr(importlib.import_module(module_name), function)
    calls = [0]

    @functools.wraps(original)  # a filter's signature and flags
    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    # Every module holding the function by name, and the filter library;
    # templates compiled before hold the function itself, so load them again.
    holders = [m for m in list(sys.modules.values()) if getattr(m, function, None) is original]
    for module in holders:
        setattr(module, function, counted)
    filtered = register.filters.get(function) is original
    if filtered:
        register.filters[function] = counted
    engines["django"].engine.template_loaders[0].reset()
    try:
        yield calls
    finally:
        for module in holders:
            setattr(module, function, original)
        if filtered:
            register.filters[function] = original
        engines["django"].engine.template_loaders[0].reset()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--renders", type=int, default=10)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-shortcuts-") as tmp:
        print(f"Building the site (demo content plus {args.articles} stories)")
        env = _build(Path(tmp), args.articles)
        os.environ.update(env)
        sys.path[:0] = env["PYTHONPATH"].split(os.pathsep)
        import django

        django.setup()
        from django.db import connection
        from django.test import Client

        from articles.models import Article

        featured = Article.objects.live().get(is_featured=True)
        pages = {"front": "/", "story": featured.get_absolute_url()}
        client = Client(HTTP_HOST="127.0.0.1")
        render_ms = {}
        for page, path in pages.items():
            render_ms[page] = min(_time(client, path, args.renders) for _ in range(args.rounds))
        pieces = _pieces(featured)
        uses = {}
        for piece in pieces:
            for page, path in pages.items():
                with _counting(*piece.counted) as calls:
                    client.get(path)
                uses[piece.name, page] = calls[0]
        # The featured lookup runs once, on the front page only.
        uses[pieces[-1].name, "story"] = 0
        live = Article.objects.live().for_listing()
        for query in (live.filter(is_featured__in=[True]), live.filter(is_featured=True)):
            with connection.cursor() as cursor:
                sql, params = query[:1].query.sql_with_params()
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                plan = "; ".join(row[-1] for row in cursor.fetchall())
            print(f"plan: {plan}")
        print(
            f"\ncold render, best of {args.rounds} rounds: front {render_ms['front']:.2f} ms,"
            f" story {render_ms['story']:.2f} ms (CPU)\n"
        )
        print(f"{'shortcut / idiom':<42}{'µs':>7}{'µs':>7}  {'front':>15}  {'story':>15}")
        for piece in pieces:
            fast, slow = _best_us(piece.shortcut), _best_us(piece.idiom)
            row = f"{piece.name:<42}{fast:>7.1f}{slow:>7.1f}"
            for page in pages:
                n = uses[piece.name, page]
                saved = n * (slow - fast) / 1000 / render_ms[page] * 100
                row += f"  {n:>4} × {saved:>+6.1f}%"
            print(row)
    print("\n% = uses a page × (idiom - shortcut) ÷ the cold render: what the shortcut saves.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
