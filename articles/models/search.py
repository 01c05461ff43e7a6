"""Full-text search over live stories, on PostgreSQL and on SQLite.

PostgreSQL ranks with `ts_rank_cd` over the generated, GIN-indexed
`search_vector` column; SQLite uses the FTS5 table with `bm25()` (both made
by migration 0007). Either way headline matches come first, then rank,
then the newest. Reader input never reaches the database as syntax:
PostgreSQL parses it with `websearch_to_tsquery`, and SQLite gets only
the words, each quoted.

`search_terms()`, the words of a query, is shared by both and by
`reader.highlight`, which marks them in results.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import BooleanField, F, IntegerField
from django.db.models.expressions import RawSQL

if TYPE_CHECKING:
    from .querysets import ArticleQuerySet

# Ranking reads every match, so a common word would cost more the bigger the
# archive: only the newest matches (by id, which follows entry order) are
# ranked. Newsroom searches want recent stories; older ones are a page of
# the tag or source away.
SEARCH_CANDIDATES = 300
# On PostgreSQL, a query the planner expects this many matches of or more
# counts as common.
COMMON_MATCHES = 3000
# On PostgreSQL, a rarer query is first looked for among the newest ids,
# in a window this many times as wide as the estimate says it needs, when
# that is at most this share of the ids: a wider range of the primary key
# costs more to read than the rows it spares.
WINDOW_SPARE = 1.5
WINDOW_MAX_SHARE = 0.25
# Reader input reaches PostgreSQL only as this function's parameter.
TSQUERY = "websearch_to_tsquery('english', %(query)s)"
# A reader's query is words: anything longer is pasted text, not a search.
MAX_QUERY_CHARS = 200
MAX_TERMS = 12


def search_terms(query: str) -> list[str]:
    """Return the words of a reader's query, lower-cased, at most MAX_TERMS.

    A word is a run of letters, digits and underscores, with the combining
    marks that follow them (`cafe\u0301s` is one word).
    """
    return [w.lower() for w in _words(query[:MAX_QUERY_CHARS])][:MAX_TERMS]


def _words(text: str) -> list[str]:
    # `\w` leaves combining marks out, so "cafe\u0301s" (decomposed, as some
    # systems copy text) and "i\u0307stanbul" (a lower-cased "İ") fell apart
    # into "cafe" and "s", words SQLite's tokenizer never made: it keeps a
    # mark in its word, and where it does split one (Devanagari vowel
    # signs), a phrase given whole is split as the stories were.
    words, word = [], ""
    for char in text:
        # What `\w` matches, and a mark once a word has begun.
        if char.isalnum() or char == "_" or (word and unicodedata.category(char)[0] == "M"):
            word += char
        elif word:
            words.append(word)
            word = ""
    return [*words, word] if word else words


def _postgres(queryset: ArticleQuerySet, query: str) -> ArticleQuerySet:
    table = queryset.model._meta.db_table
    ranked = _postgres_ranked(table, query)
    # One parameter, not an IN list of up to SEARCH_CANDIDATES: Django and
    # psycopg handle each list item as a parameter of its own, which cost
    # more than the search itself. And an array literal as text, not a
    # Python list: psycopg dumps a list of 300 ints in 1.6 ms, and the page
    # and its count each send it.
    candidates = RawSQL(f"{table}.id = ANY(%s::bigint[])", [ranked], BooleanField())
    place = RawSQL(f"array_position(%s::bigint[], {table}.id)", [ranked], IntegerField())
    return queryset.filter(candidates).annotate(search_place=place).order_by("search_place")


def _postgres_ranked(table: str, query: str) -> str:
    # The ids of the newest SEARCH_CANDIDATES matches, best first, as an
    # array literal ('{3,1,2}'): found and ranked once, in one statement,
    # so the page and its count do not each search again. The planner's
    # estimate of the matches picks the way: counting them, even up to a
    # cap, read thousands of rows for a word in every story.
    params: dict[str, str | float] = {"query": query}
    matches = _estimated_matches(table, params)
    window = WINDOW_SPARE * SEARCH_CANDIDATES / max(matches, 1)
    if matches >= COMMON_MATCHES:
        # Walking the primary key backwards checks a few rows per hit.
        newest = _newest(table, "id DESC")
    elif window <= WINDOW_MAX_SHARE:
        params["keep"] = 1 - window
        newest = _newest_in_window(table)
    else:
        # A rare word: read all its matches from the GIN index and sort
        # (`id + 0` keeps the planner off the walk, which would read most
        # of the table).
        newest = _newest(table, "id + 0 DESC")
    # ARRAY[] holds the vector detoasted, so the two tests read it once:
    # each detoast of 300 vectors costs 0.7 ms. The headline test asks for
    # every word of the query weighted A ('strike':A), which answers as
    # `ts_filter(search_vector, '{a}') @@ query` does without copying the
    # vector (no difference over 70 queries x 100,000 stories).
    headline = f"regexp_replace({TSQUERY}::text, '''(?:[^'']|'''')*''', '\\&:A', 'g')::tsquery"
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH {newest} SELECT coalesce(array_agg(c.id ORDER BY "
            f"d.vector[1] @@ {headline} DESC, ts_rank_cd(d.vector[1], {TSQUERY}) DESC, "
            "c.publish_at DESC, c.id DESC)::text, '{}') FROM candidates c "
            "CROSS JOIN LATERAL (SELECT ARRAY[c.search_vector] AS vector OFFSET 0) d",
            params,
        )
        return cursor.fetchone()[0]


def _newest(table: str, order: str) -> str:
    return (
        f"candidates AS (SELECT id, search_vector, publish_at FROM {table} "
        f"WHERE search_vector @@ {TSQUERY} ORDER BY {order} LIMIT {SEARCH_CANDIDATES})"
    )


def _newest_in_window(table: str) -> str:
    # The GIN index's matches ANDed with a range of the primary key: only
    # the matches among the newest ids are read from the table, not all of
    # them. The window is WINDOW_SPARE times as wide as the planner's
    # estimate says SEARCH_CANDIDATES matches need. When it holds fewer
    # (an estimate too high, or a name in the news long ago), all the
    # matches are read, in the same statement: its second part runs only
    # then.
    return (
        f"recent AS MATERIALIZED (SELECT id, search_vector, publish_at FROM {table} "
        f"WHERE search_vector @@ {TSQUERY} "
        f"AND id > ((SELECT max(id) FROM {table}) * %(keep)s)::bigint "
        f"ORDER BY id + 0 DESC LIMIT {SEARCH_CANDIDATES}), "
        f"candidates AS (SELECT * FROM recent "
        f"WHERE (SELECT count(*) FROM recent) = {SEARCH_CANDIDATES} "
        f"UNION ALL (SELECT id, search_vector, publish_at FROM {table} "
        f"WHERE search_vector @@ {TSQUERY} "
        f"AND (SELECT count(*) FROM recent) < {SEARCH_CANDIDATES} "
        f"ORDER BY id + 0 DESC LIMIT {SEARCH_CANDIDATES}))"
    )


def _estimated_matches(table: str, params: Mapping[str, str | float]) -> float:
    # From the column's statistics (ANALYZE keeps the most common words):
    # no row is read.
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {table} WHERE search_vector @@ {TSQUERY}",
            params,
        )
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"]


def _sqlite(queryset: ArticleQuerySet, terms: list[str]) -> ArticleQuerySet:
    table = queryset.model._meta.db_table
    fts = f"{table}_fts"
    # Words only, each a quoted FTS5 string: no operator can be injected.
    match = " ".join(f'"{term}"' for term in terms)
    # The oldest of the newest SEARCH_CANDIDATES matches (FTS5 reads a
    # term's rowids backwards cheaply). With `rowid >=` it, each FTS5
    # lookup below reads only the candidates, not every match in the
    # archive, so ranking and the headline test cost the same at any size.
    oldest = (
        f"(SELECT min(rowid) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH %s "
        f"ORDER BY rowid DESC LIMIT {SEARCH_CANDIDATES}))"
    )
    # A join on the FTS table, so FTS5 ranks each candidate once, in C (its
    # `rank` is bm25() with headline words weighing most; lower is better).
    # bm25() still reads each term's whole list of matches once per search
    # to count them (its IDF): a C loop, 5-8 ms for a word in every story of
    # 100,000, and the one cost here that grows with the archive.
    joined = queryset.extra(
        tables=[fts],
        where=[
            f"{fts}.rowid = {table}.id",
            f"{fts} MATCH %s",
            f"{fts}.rank MATCH %s",
            f"{fts}.rowid >= {oldest}",
        ],
        params=[match, "bm25(10.0, 4.0, 1.0)", match],
        select={"rank": f"-{fts}.rank"},
    )
    in_headline = (
        f"{table}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s AND rowid >= {oldest})"
    )
    return joined.annotate(
        headline_hit=RawSQL(
            in_headline, [f"headline : ({match})", match], output_field=BooleanField()
        )
    ).order_by(F("headline_hit").desc(), F("rank").desc(), F("publish_at").desc(), F("pk").desc())


def search(queryset: ArticleQuerySet, query: str) -> ArticleQuerySet:
    """Filter `queryset` to stories matching `query`, best first.

    Only the newest SEARCH_CANDIDATES matches are ranked and returned. An
    empty query, or one with no words, matches nothing.
    """
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _postgres(queryset, query[:MAX_QUERY_CHARS])
    return _sqlite(queryset, terms)


def ensure_sqlite_index(using: str = "default", **kwargs: object) -> None:
    """Recreate the SQLite FTS5 triggers if a migration dropped them.

    SQLite has no ALTER TABLE for most changes, so Django rebuilds the
    story table for them, and the rebuilt table has no triggers. Run after
    every `migrate` (post_migrate): when a trigger is missing it is made
    again and the index is rebuilt from the stories, so search stays right.
    """
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') "
            "AND name LIKE 'articles_article_fts%%'"
        )
        present = {row[0] for row in cursor.fetchall()}
        if "articles_article_fts" not in present or present >= SQLITE_TRIGGERS.keys():
            return
        for name, statement in SQLITE_TRIGGERS.items():
            if name not in present:
                cursor.execute(statement)
        cursor.execute("INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')")


# The triggers migration 0007 makes, kept here to remake them (see above).
SQLITE_TRIGGERS = {
    "articles_article_fts_insert": """
        CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
            INSERT INTO articles_article_fts(rowid, headline, dek, body)
            VALUES (new.id, new.headline, new.dek, new.body);
        END""",
    "articles_article_fts_delete": """
        CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
            INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, dek, body)
            VALUES ('delete', old.id, old.headline, old.dek, old.body);
        END""",
    "articles_article_fts_update": """
        CREATE TRIGGER articles_article_fts_update AFTER UPDATE OF headline, dek, body
        ON articles_article BEGIN
            INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, dek, body)
            VALUES ('delete', old.id, old.headline, old.dek, old.body);
            INSERT INTO articles_article_fts(rowid, headline, dek, body)
            VALUES (new.id, new.headline, new.dek, new.body);
        END""",
}
