"""The admin list does not count a whole large table on each page view."""

import pytest

from articles.admin import paginator as pagination
from articles.admin.paginator import EstimatedCountPaginator, estimated_rows
from articles.models import Article

pytestmark = pytest.mark.django_db


def test_estimate_is_used_for_the_whole_table_and_exact_counts_for_filters(
    make_article, monkeypatch, django_assert_num_queries
):
    for _ in range(3):
        make_article()
    monkeypatch.setattr(pagination, "EXACT_BELOW", 0)
    monkeypatch.setattr(pagination, "estimated_rows", lambda model, using: 123_456)
    assert EstimatedCountPaginator(Article.objects.all(), 50).count == 123_456
    filtered = Article.objects.filter(status=Article.Status.PUBLISHED)
    assert EstimatedCountPaginator(filtered, 50).count == 3


def test_small_tables_are_counted_exactly(make_article):
    make_article()
    assert EstimatedCountPaginator(Article.objects.all(), 50).count == 1


def test_database_estimate_is_a_number(make_article, django_db_setup):
    make_article()
    estimate = estimated_rows(Article)
    assert estimate is None or estimate >= 0


def test_admin_list_does_not_count_the_whole_table(editor_client, make_article, monkeypatch):
    make_article()
    monkeypatch.setattr(pagination, "EXACT_BELOW", 0)
    monkeypatch.setattr(pagination, "estimated_rows", lambda model, using: 20_000)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get("/admin/articles/article/")
    assert response.status_code == 200
    counts = [
        q["sql"] for q in queries if "COUNT(*)" in q["sql"] and "articles_article" in q["sql"]
    ]
    assert not [sql for sql in counts if "WHERE" not in sql.split("FROM", 1)[1]]
