"""Site pages linked from every page: the menu, the footer, the sign-up blocks."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import Page
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


def _page(title: str, url: str, placement: str, **fields) -> Page:
    fields.setdefault("is_published", True)
    return Page.objects.create(title=title, url=url, placement=placement, **fields)


@pytest.fixture
def pages(db) -> dict[str, Page]:
    return {
        "about": _page("About us", "/about/", Page.Placement.BOTH, order=1),
        "team": _page("Մեր թիմը", "/մեր-թիմը/", Page.Placement.MENU, order=2),
        "contact": _page("Contact", "/contact/", Page.Placement.FOOTER, order=3),
        "jobs": _page("Jobs", "/jobs/", Page.Placement.NEITHER),
        "draft": _page("Advertise", "/advertise/", Page.Placement.BOTH, is_published=False),
    }


def _menu(html: str) -> list[str]:
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', nav)


def _footer(html: str) -> list[str]:
    footer = html.split('<footer class="site-footer">', 1)[1].split("</footer>", 1)[0]
    pages = footer.split('<ul class="site-footer__pages">', 1)
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', pages[1]) if len(pages) > 1 else []


def test_the_front_page_links_menu_and_footer_pages_in_order(client, pages, section):
    html = client.get("/").content.decode()
    assert _menu(html) == ["Front page", "Armenia", "About us", "Մեր թիմը", "Newsletter", "Search"]
    assert _footer(html) == ["About us", "Contact"]
    assert f'href="{pages["team"].get_absolute_url()}"' in html


def test_a_story_page_links_them_too(client, pages, make_article):
    html = client.get(make_article().get_absolute_url()).content.decode()
    assert "About us" in _menu(html)
    assert _footer(html) == ["About us", "Contact"]
    assert "Jobs" not in html
    assert "Advertise" not in html


def test_with_no_pages_the_footer_has_no_empty_list(client, db):
    html = client.get("/").content.decode()
    assert "site-footer__pages" not in html


def test_a_new_page_shows_on_a_cached_front_page(client, pages):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    _page("Donate", "/donate/", Page.Placement.FOOTER, order=9)
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert _footer(response.content.decode()) == ["About us", "Contact", "Donate"]


def test_an_unpublished_page_leaves_the_menu_at_once(client, pages):
    client.get("/")
    pages["about"].is_published = False
    pages["about"].save()
    html = client.get("/").content.decode()
    assert "About us" not in html


def test_the_front_page_query_count_is_unchanged_by_pages(
    client, pages, make_article, section, django_assert_max_num_queries
):
    make_article(is_featured=True, section=section, photo=image_upload())
    for _ in range(5):
        make_article(section=section)
    # the menu (sections and pages in one query), featured story, page of
    # stories, and the bylines of all of them
    with django_assert_max_num_queries(4):
        response = client.get("/")
    assert "About us" in _menu(response.content.decode())


def test_a_second_page_reads_no_menu(client, pages, make_article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(make_article().get_absolute_url()).content.decode()
    # A save (the story) is a new content version: the menu is read once more...
    assert any("pages_page" in q["sql"] for q in queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    # ...and not again while nothing changes.
    assert not any("pages_page" in q["sql"] for q in queries.captured_queries)
    assert _footer(html) == ["About us", "Contact"]
