"""A reader clicks a story in the issue they received; the click shows in the issue's report."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape
from playwright.sync_api import Page, expect

from newsletter.models import Issue
from newsletter.sending import send_issue
from tests.support.browser import WCAG_AA, axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_click_in_a_received_issue_appears_in_its_report(
    live_server, logged_in: Page, demo, smtp_sink, settings
):
    settings.SITE_URL = live_server.url
    issue = Issue.objects.select_related("newsletter").first()
    issue.status = Issue.Status.READY
    issue.save(update_fields=["status"])
    readers = issue.newsletter.subscribers.confirmed().count()
    send_issue(issue)
    received = smtp_sink.wait_for(readers)
    html = received[0].part("text/html")
    story = issue.items.select_related("article").first().article
    # The headline's link in the message is the reader's own click link.
    click = rf"{re.escape(live_server.url)}/newsletter/c/[^\"]+"
    headline = re.escape(escape(story.headline))
    match = re.search(rf'<a href="({click})"[^>]*>{headline}</a>', html)
    assert match, "the story's headline is not a click link"

    page = logged_in
    page.goto(match.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text(story.headline)
    assert "utm_campaign=" in page.url

    page.goto(f"{live_server.url}/admin/newsletter/issue/{issue.pk}/change/")
    page.get_by_role("link", name="Report", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Report")
    row = page.locator("table.report-table").first.get_by_role("row", name=story.headline)
    expect(row.get_by_role("cell").nth(0)).to_have_text("1")
    expect(page.locator(".report-totals").nth(1)).to_contain_text("Unique clickers")
    assert axe_violations(page) == []

    # The story's own page says whom it signed up; its report has charts and tables.
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.get_by_role("link", name="The sign-up report for this story").click()
    expect(page.get_by_role("img", name="Sign-ups per week")).to_be_visible()
    expect(page.get_by_role("img", name="Readers on the list")).to_be_visible()
    # Django's own breadcrumbs are links told apart by colour alone, which
    # axe flags on some admin pages; the report's own links are underlined.
    own_rules = {**WCAG_AA, "rules": {"link-in-text-block": {"enabled": False}}}
    assert axe_violations(page, own_rules) == []
    expect(page.locator(".newsletter-report p a").first).to_have_css(
        "text-decoration-line", "underline"
    )
