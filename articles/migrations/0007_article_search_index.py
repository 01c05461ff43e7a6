"""Full-text search index for stories, per database.

PostgreSQL: a stored generated `search_vector` column (headline weight A,
dek B, body C; the parser skips HTML tags) with a GIN index.
SQLite: an FTS5 table over headline, dek and body, kept in step by triggers.
Django's model state does not change: `articles/models/search.py` queries both.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """
    ALTER TABLE articles_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(headline, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(dek, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(body, '')), 'C')
    ) STORED
    """,
    "CREATE INDEX article_search_vector ON articles_article USING GIN (search_vector)",
]
POSTGRES_BACKWARD = ["ALTER TABLE articles_article DROP COLUMN search_vector"]

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE articles_article_fts USING fts5(
        headline, dek, body, content='articles_article', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO articles_article_fts(rowid, headline, dek, body)
        VALUES (new.id, new.headline, new.dek, new.body);
    END
    """,
    """
    CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, dek, body)
        VALUES ('delete', old.id, old.headline, old.dek, old.body);
    END
    """,
    """
    CREATE TRIGGER articles_article_fts_update AFTER UPDATE OF headline, dek, body
    ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, dek, body)
        VALUES ('delete', old.id, old.headline, old.dek, old.body);
        INSERT INTO articles_article_fts(rowid, headline, dek, body)
        VALUES (new.id, new.headline, new.dek, new.body);
    END
    """,
    "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_article_fts_insert",
    "DROP TRIGGER IF EXISTS articles_article_fts_delete",
    "DROP TRIGGER IF EXISTS articles_article_fts_update",
    "DROP TABLE IF EXISTS articles_article_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0006_article_original_url"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
