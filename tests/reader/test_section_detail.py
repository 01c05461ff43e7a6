import pytest

from articles.models import Section

pytestmark = pytest.mark.django_db


def test_section_page_lists_its_live_stories(client, make_article, section):
    other = Section.objects.create(name="Arts", slug="arts")
    make_article("Border Story", section=section)
    make_article("Opera Review", section=other)
    response = client.get(section.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Border Story" in html
    assert "Opera Review" not in html


def test_sections_are_in_the_site_menu(client, section):
    html = client.get("/").content.decode()
    assert f'href="{section.get_absolute_url()}">Armenia</a>' in html


def test_unknown_section_is_404(client, db):
    assert client.get("/sections/sport/").status_code == 404


def test_section_page_query_count_is_flat(
    client, make_article, section, django_assert_max_num_queries
):
    for _ in range(20):
        make_article(section=section, tags=3)
    # sections menu, section, page count, page of stories
    with django_assert_max_num_queries(4):
        assert client.get(section.get_absolute_url()).status_code == 200
