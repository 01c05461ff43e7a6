"""Every internal link of the demo site leads somewhere, for readers and editors.

A reader starts at the front page, robots.txt and every address of every
sitemap; an editor starts at the admin's index. Each follows every link
on the site (tests/support/crawler.py): no page may answer a 5xx, no link may lead
to a 404, and every redirect must land on a 200.
"""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from articles.models import Article, FormerAddress
from articles.models.slugs import slug_for
from newsletter.models import Issue
from pages.models import Page
from redirects.models import Redirect
from tests.support.crawler import Crawler, sitemap_addresses
from tests.support.demo_site import FORMER_SLUG, NON_ASCII_SOURCE, NON_ASCII_TAGS

pytestmark = [
    pytest.mark.django_db,
    # A list or sitemap paginated without an order can repeat or skip rows
    # between its pages; every page walked here is one a reader may page.
    pytest.mark.filterwarnings("error::django.core.paginator.UnorderedObjectListWarning"),
]

# The demo site has under 100 public addresses (4 live stories with their
# ninjs and photos in 8 sizes, 16 sources, 13 tags, 3 sections, 5 site
# pages, feeds, sitemaps) and under 600 admin ones (18 models: each list
# with its filters and sort orders, and each object's change, history and
# delete pages).
# The bounds leave room for a demo three times as big, and a crawl that
# reaches one fails: it never passes having walked half the site.
MAX_READER_PAGES = 300
MAX_EDITOR_PAGES = 1500


def _reader_skips(url: str) -> bool:
    # Staff pages are not the reader's (and robots.txt keeps crawlers out).
    return url.startswith("/admin/")


def test_a_reader_finds_no_broken_link(client, demo_site):
    start = ["/", "/robots.txt", *sitemap_addresses(client)]
    report = Crawler(client, skip=_reader_skips, max_pages=MAX_READER_PAGES).crawl(start)
    assert not report.unvisited, f"the crawl stopped with {report.unvisited} pages unvisited"
    assert not report.broken, str(report)
    fetched = {unquote(url) for url in report.fetched}
    # The walk reached the pages that once broke: non-ASCII tags and sources.
    for tag in NON_ASCII_TAGS:
        assert f"/tags/{slug_for(tag)}/" in fetched
    assert f"/sources/{slug_for(NON_ASCII_SOURCE)}/" in fetched
    # Every published site page, linked from the menu, the footer or a
    # sign-up block, and from its sitemap.
    for page in Page.objects.published():
        assert page.url in fetched


def _editor_skips(url: str) -> bool:
    # Logging out would end the walk; a GET of it is refused anyway.
    return url.startswith("/admin/logout/")


def _editor_expands(url: str) -> bool:
    # The editor walks the admin's own pages; links out of it (stories on
    # the site, previews) are checked but not walked: the reader does that.
    # A list's filtered and sorted variants are checked without following
    # theirs, which are more of the same combinations.
    return url.startswith("/admin/") and "?" not in url


def test_an_editor_finds_no_broken_link_in_the_admin(editor_client, demo_site):
    crawler = Crawler(
        editor_client, skip=_editor_skips, expand=_editor_expands, max_pages=MAX_EDITOR_PAGES
    )
    report = crawler.crawl(["/admin/"])
    assert not report.unvisited, f"the crawl stopped with {report.unvisited} pages unvisited"
    assert not report.broken, str(report)
    fetched = {unquote(url) for url in report.fetched}
    story = Article.objects.live().first()
    assert f"/admin/articles/article/{story.pk}/change/" in fetched
    # The old address in the former addresses' list redirects to the story.
    assert FormerAddress.objects.filter(slug=FORMER_SLUG).exists()
    assert f"/articles/{FORMER_SLUG}/" in fetched
    about = Page.objects.get(purpose=Page.Purpose.ABOUT)
    assert f"/admin/pages/page/{about.pk}/change/" in fetched
    # The newsletter's reports, linked from the issue and subscriber lists.
    sent = Issue.objects.sent().get()
    assert f"/admin/newsletter/issue/{sent.pk}/report/" in fetched
    assert f"/admin/newsletter/issue/{sent.pk}/report.csv" in fetched
    assert "/admin/newsletter/subscriber/signups/" in fetched
    # The move from WordPress: its import page and records, and the redirects
    # with their CSV import.
    assert "/admin/wordpress/wordpressimport/add/" in fetched
    assert "/admin/redirects/redirect/import/" in fetched
    redirect = Redirect.objects.order_by("pk").first()
    assert f"/admin/redirects/redirect/{redirect.pk}/change/" in fetched
