"""Fill the database with a large invented archive, fast, for scale tests.

Stories get realistic sizes (a 300–650-word body in paragraphs with a
subhead, a dek, a byline, sometimes a dateline and a wire credit), 2–6
quotes from a pool of people through a pool of outlets, 2–6 tags from a
pool of topics, a section, and publish times spread over the past years
(with some in the last 48 hours and a few scheduled). People and topics
follow a Zipf curve: a few in many stories, most in a handful. Rows go in with
`bulk_create` in batches, inside one transaction per batch; signals do
not fire, so the page cache is invalidated once at the end, after the
database's statistics are refreshed (ANALYZE). Runs again add
more stories: `--articles 1000` then `--articles 99000` make 100,000.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta
from itertools import accumulate, islice

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import ngettext
from taggit.models import Tag

from articles.models import Article, Quote, Section, Source, TaggedArticle
from pagecache.signals import pages_changed

BATCH = 2000
SECTIONS = ["News", "Diaspora", "Business", "Culture", "Opinion", "Sport"]
PEOPLE = 4000
OUTLETS = 60
TOPICS = 1500
YEARS = 12
# A small vocabulary: common words, so a search for one finds thousands.
WORDS = (  # noqa: SIM905 - a word list reads better as text
    "minister council village harvest border talks water budget school church "
    "election court river bridge museum festival diaspora community mayor "
    "report factory market road winter summer treaty vote parliament teacher "
    "doctor hospital farmers exports prices energy mountain valley railway "
    "airport students library archive choir theatre football league coach match "
    "season"
).split()


SYLLABLES = [
    "ka",
    "ra",
    "mo",
    "te",
    "vi",
    "lu",
    "sa",
    "ne",
    "ha",
    "ri",
    "go",
    "da",
    "pe",
    "zo",
    "an",
    "ar",
    "ik",
    "ot",
    "us",
    "el",
]


def _name(rng: random.Random) -> str:
    # Invented surnames: a search for one finds a handful of stories, as a
    # search for a person does in a real archive.
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() + "yan"


def _pick(rng: random.Random, names: list[str], cum_weights: list[float]) -> str:
    return rng.choices(names, cum_weights=cum_weights)[0]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


class Command(BaseCommand):
    help = "Add N invented stories (with quotes, sources and tags) for scale tests."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--articles", type=int, default=1000, help="How many stories to add.")
        parser.add_argument(
            "--seed", type=int, default=7, help="Random seed (same seed, same text)."
        )

    def handle(self, *args, articles: int, seed: int, **options) -> None:
        started = time.monotonic()
        rng = random.Random(seed + Article.objects.count())
        sections, people, outlets, tags = self._pools(rng)
        paragraphs = [
            "<p>" + " ".join(_sentence(rng, rng.randint(12, 24)) for _ in range(3)) + "</p>"
            for _ in range(400)
        ]
        names = [_name(rng) for _ in range(5000)]
        # Popularity falls off as 1/rank (Zipf), as for real people and topics:
        # a few in the news all the time, most in a handful of stories.
        name_weights = list(accumulate(1 / rank for rank in range(1, len(names) + 1)))
        tag_weights = list(accumulate(1 / rank for rank in range(1, len(tags) + 1)))
        now = timezone.now()
        made = 0
        first_serial = Article.objects.count()
        while made < articles:
            size = min(BATCH, articles - made)
            with transaction.atomic():
                batch = [
                    self._article(
                        rng,
                        first_serial + made + n,
                        now,
                        sections,
                        outlets,
                        paragraphs,
                        (names, name_weights),
                    )
                    for n in range(size)
                ]
                batch = Article.objects.bulk_create(batch)
                quotes, links = [], []
                for article in batch:
                    for order in range(rng.randint(2, 6)):
                        quotes.append(
                            Quote(
                                article=article,
                                speaker=rng.choice(people),
                                via=rng.choice(outlets) if rng.random() < 0.3 else None,
                                text=_sentence(rng, rng.randint(10, 30)),
                                position=order + 1,
                                is_pull_quote=order == 0,
                                order=order,
                            )
                        )
                    picked = rng.choices(tags, cum_weights=tag_weights, k=rng.randint(2, 6))
                    for tag in {tag.pk: tag for tag in picked}.values():
                        links.append(
                            TaggedArticle(
                                content_object=article, tag=tag, publish_at=article.publish_at
                            )
                        )
                Quote.objects.bulk_create(quotes)
                TaggedArticle.objects.bulk_create(links)
            made += size
            self.stdout.write(f"  {made}/{articles} stories", ending="\r")
        # Fresh statistics, as a production database keeps (autovacuum on
        # PostgreSQL); without them SQLite's planner sorts whole tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        pages_changed(Article, Quote, Source, Tag, TaggedArticle)
        elapsed = time.monotonic() - started
        self.stdout.write(
            ngettext(
                "Added %(made)d story in %(seconds).1fs; %(total)d in all.",
                "Added %(made)d stories in %(seconds).1fs; %(total)d in all.",
                made,
            )
            % {"made": made, "seconds": elapsed, "total": Article.objects.count()}
        )

    def _pools(self, rng: random.Random):
        sections = [
            Section.objects.get_or_create(slug=name.lower(), defaults={"name": name, "order": n})[0]
            for n, name in enumerate(SECTIONS)
        ]
        if not Source.objects.filter(slug="archive-person-1").exists():
            Source.objects.bulk_create(
                [
                    Source(
                        name=f"Archive Person {n}",
                        slug=f"archive-person-{n}",
                        role=rng.choice(["Minister", "Mayor", "Teacher", "Spokesperson", ""]),
                    )
                    for n in range(1, PEOPLE + 1)
                ]
                + [
                    Source(
                        name=f"Archive Wire {n}", slug=f"archive-wire-{n}", kind=Source.Kind.OUTLET
                    )
                    for n in range(1, OUTLETS + 1)
                ],
                batch_size=BATCH,
            )
            Tag.objects.bulk_create(
                [Tag(name=f"Topic {n}", slug=f"archive-topic-{n}") for n in range(1, TOPICS + 1)],
                batch_size=BATCH,
                ignore_conflicts=True,
            )
        people = list(Source.objects.filter(slug__startswith="archive-person-").only("pk"))
        outlets = list(Source.objects.filter(slug__startswith="archive-wire-").only("pk"))
        tags = list(Tag.objects.filter(slug__startswith="archive-topic-").order_by("pk").only("pk"))
        return sections, people, outlets, tags

    def _article(self, rng, serial, now, sections, outlets, paragraphs, people) -> Article:
        # Mostly the past years; 1% in the last 48 hours; 0.2% scheduled.
        roll = rng.random()
        if roll < 0.002:
            publish_at = now + timedelta(hours=rng.uniform(1, 72))
            status = Article.Status.SCHEDULED
        elif roll < 0.012:
            publish_at = now - timedelta(hours=rng.uniform(0.1, 47))
            status = Article.Status.PUBLISHED
        else:
            publish_at = now - timedelta(days=rng.uniform(2, 365 * YEARS))
            status = Article.Status.PUBLISHED if rng.random() < 0.97 else Article.Status.DRAFT
        body = list(islice((rng.choice(paragraphs) for _ in range(12)), rng.randint(6, 12)))
        body.insert(len(body) // 2, f"<h2>{_sentence(rng, 4)[:-1]}</h2>")
        headline = _sentence(rng, rng.randint(6, 11))[:-1]
        return Article(
            headline=headline,
            slug=f"archive-{serial}",
            dek=f"{_sentence(rng, rng.randint(15, 30))[:-1]}, says {_pick(rng, *people)}.",
            byline=f"Reporter {rng.randint(1, 80)}",
            dateline=rng.choice(["YEREVAN", "GYUMRI", "BOSTON", "BEIRUT", "", ""]),
            credit=rng.choice(outlets) if rng.random() < 0.3 else None,
            body="".join(body),
            section=rng.choice(sections),
            status=status,
            publish_at=publish_at,
            view_count=rng.randint(0, 5000),
        )
