"""WordPress's theme unit test export: everything in it accounted for."""

from __future__ import annotations

import pytest

from articles.models import Article
from comments.models import Comment
from pages.models import Page
from wordpress.importing import import_wordpress
from wordpress.models import WordPressItem
from wordpress.wxr import WXRItem, WXRTerm, read_export

from .conftest import shared_export


@pytest.fixture
def theme_export():
    return shared_export("theme-unit-test-data.xml")


@pytest.fixture
def theme_report(db, theme_export):
    return import_wordpress(theme_export)


def test_every_post_page_author_term_and_approved_comment_is_accounted_for(
    theme_export, theme_report
):
    records = list(read_export(str(theme_export)))
    items = [r for r in records if isinstance(r, WXRItem)]
    posts = [i for i in items if i.post_type == "post"]
    pages = [i for i in items if i.post_type == "page"]
    approved = [c for i in posts for c in i.comments if c.approved == "1"]
    counts = theme_report.counts

    assert sum(counts["post"].values()) == len(posts) == 58
    assert Article.objects.count() == counts["post"].get("created", 0)
    assert sum(counts["page"].values()) == len(pages) == 21
    assert Page.objects.count() == counts["page"]["created"]
    assert sum(counts["author"].values()) == 2
    declared = {r.slug for r in records if isinstance(r, WXRTerm) and r.taxonomy == "category"}
    assert sum(counts["category"].values()) == len(declared)
    readers = [c for c in approved if c.comment_type not in {"pingback", "trackback"}]
    assert Comment.objects.approved().count() == len(readers)
    noted = {n.key for n in theme_report.notes if n.kind == "comment"}
    assert {str(c.comment_id) for c in approved if c not in readers} <= noted
    skipped = {n.key for n in theme_report.notes if n.action == "skipped"}
    for item in posts + pages:
        if str(item.post_id) in skipped:
            continue
        kind = "post" if item.post_type == "post" else "page"
        assert WordPressItem.objects.filter(kind=kind, wp_key=str(item.post_id)).exists()


def test_second_run_of_the_theme_export_changes_nothing(theme_export, theme_report):
    again = import_wordpress(theme_export)

    assert not again.changed_anything


def test_every_category_a_story_is_in_leads_to_a_page_listing_it(
    client, theme_export, theme_report
):
    items = [r for r in read_export(str(theme_export)) if isinstance(r, WXRItem)]
    posts = [i for i in items if i.post_type == "post" and i.status == "publish"]
    used = {t.slug for i in posts for t in i.terms if t.domain == "category"}

    for slug in sorted(used):
        response = client.get(f"/category/{slug}/")
        assert response.status_code == 301, slug
        page = client.get(response["Location"])
        assert page.status_code == 200, (slug, response["Location"])
