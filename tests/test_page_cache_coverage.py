"""Every model a public page reads is one the page cache watches.

The page cache makes pages stale when a watched model changes
(`pagecache.registry`). A model that a page shows but nobody registered
would leave readers a stale page after every edit of it, with no test of
one rule catching it. This walks the demo site as a reader with the cache
off, records every table the pages read, and fails on any table of a model
that is neither watched nor named below with the reason it cannot change
what a cached page shows.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import connection

from pagecache.registry import is_watched
from tests.support.crawler import Crawler, sitemap_addresses
from tests.support.demo_site import FORMER_SLUG
from tests.test_crawl import MAX_READER_PAGES

pytestmark = pytest.mark.django_db

# Models public pages read that do not make a cached page stale, each with
# why. Anything else a page reads must be watched.
NOT_SHOWN = {
    # Read on a 404, to redirect an old address; a redirect is never kept.
    "articles.FormerAddress": "answers old addresses with a redirect, which is never cached",
}
_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)


def _tables_read(client, start: list[str]) -> set[str]:
    tables: set[str] = set()

    def record(execute, sql, params, many, context):
        tables.update(_TABLE.findall(sql))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        report = Crawler(
            client, skip=lambda url: url.startswith("/admin/"), max_pages=MAX_READER_PAGES
        ).crawl(start)
    assert not report.broken, str(report)
    return tables


def test_every_model_a_public_page_reads_is_watched(client, demo_site, settings):
    # Pages and fragments rendered afresh, so every page reads what it shows.
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    tables = _tables_read(
        client,
        [
            "/",
            "/robots.txt",
            "/search/?q=Gyumri",
            f"/articles/{FORMER_SLUG}/",
            *sitemap_addresses(client),
        ],
    )
    models = {model._meta.db_table: model for model in apps.get_models()}
    read = {models[table] for table in tables if table in models}
    unwatched = sorted(
        model._meta.label
        for model in read
        if not is_watched(model) and model._meta.label not in NOT_SHOWN
    )
    assert unwatched == [], (
        f"public pages read {unwatched}, which the page cache does not watch: "
        "register them with pagecache.registry.watch() in their app's ready()"
    )
    # The walk read what it had to: stories, quotes, tags, an old address.
    labels = {model._meta.label for model in read}
    assert {"articles.Article", "articles.Quote", "taggit.Tag", "articles.FormerAddress"} <= labels
