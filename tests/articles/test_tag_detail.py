import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_tag_page_lists_live_stories_with_the_tag(client, make_article):
    make_article("Tagged Live", tags=["Gyumri"])
    make_article("Tagged Draft", tags=["Gyumri"], status=Article.Status.DRAFT)
    make_article("Other Topic", tags=["Music"])
    response = client.get("/tags/gyumri/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Gyumri</h1>" in html
    assert "Tagged Live" in html
    assert "Tagged Draft" not in html
    assert "Other Topic" not in html


def test_unknown_tag_is_404(client):
    assert client.get("/tags/nothing-here/").status_code == 404


def test_tag_page_query_count_is_flat(client, make_article, django_assert_max_num_queries):
    for _ in range(20):
        make_article(tags=["Armenia", "Extra"], quotes=1)
    # sections menu, tag, page count, page of stories
    with django_assert_max_num_queries(4):
        assert client.get("/tags/armenia/").status_code == 200
