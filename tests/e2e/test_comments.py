"""Issue 17's "done when", in a real browser: a reader comments, confirms, is
moderated, comments again; a link spammer lands in spam; the cached pages follow."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from comments.models import Comment
from tests.support.browser import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

READER = "Նարե Ավետիսյան"


def _comment(page: Page, name: str, email: str, text: str) -> None:
    form = page.locator("#comment-form")
    form.get_by_label("Name", exact=True).fill(name)
    form.get_by_label("Email address").fill(email)
    form.get_by_role("textbox", name=re.compile("^Comment")).fill(text)
    form.get_by_label("I agree").check()
    form.get_by_role("button", name="Post comment").click()


def test_a_reader_comments_confirms_is_approved_and_comments_again(
    live_server, browser: Browser, logged_in: Page, demo, settings
):
    settings.SITE_URL = live_server.url
    story = demo["featured"]
    story_url = live_server.url + story.get_absolute_url()
    reader = browser.new_context(bypass_csp=True).new_page()

    # A first comment waits, and the reader is told why.
    reader.goto(story_url)
    expect(reader.locator("#comments-heading")).to_have_text("3 comments")
    _comment(reader, READER, "Nare@Example.com", "Առաջին մեկնաբանություն.\nՇնորհակալություն։")
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        "Your comment is awaiting moderation"
    )
    expect(reader.locator(".comment-status")).to_contain_text("confirm the address")
    assert axe_violations(reader) == []

    # The address is confirmed from the e-mail; the comment still waits.
    link = re.search(r"https?://\S+/comments/confirm/\S+/", mail.outbox[-1].body).group(0)
    reader.goto(link)
    assert axe_violations(reader) == []
    reader.get_by_role("button", name="Confirm my address").click()
    expect(reader.locator(".comment-status")).to_contain_text("Awaiting moderation")
    reader.goto(story_url)
    expect(reader.locator("#comments")).not_to_contain_text("Առաջին մեկնաբանություն")

    # A moderator approves it in the queue, where it comes first.
    moderator = logged_in
    moderator.goto(live_server.url + "/admin/comments/comment/")
    expect(
        moderator.get_by_role("link", name=re.compile("Comments \\(2 pending\\)")).first
    ).to_be_visible()
    first_row = moderator.locator("#result_list tbody tr").first
    expect(first_row).to_contain_text(READER)
    first_row.locator("input.action-select").check()
    moderator.locator("select[name=action]").select_option("approve")
    moderator.get_by_role("button", name="Go").click()
    expect(moderator.locator(".messagelist")).to_contain_text("1 comment approved")

    # The cached story page and its count follow at once.
    reader.goto(story_url)
    expect(reader.locator("#comments-heading")).to_have_text("4 comments")
    expect(reader.locator("#comments")).to_contain_text("Առաջին մեկնաբանություն")
    expect(reader.locator(".story__comments")).to_have_text("4 comments")

    # A second comment from that reader is published at once.
    _comment(reader, READER, "nare@example.com", "Second thoughts, published at once.")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Your comment is published")
    reader.get_by_role("link", name=re.compile("Back to")).click()
    expect(reader.locator("#comments")).to_contain_text("Second thoughts, published at once.")
    expect(reader.locator("#comments-heading")).to_have_text("5 comments")
    reader.goto(live_server.url + "/")
    expect(reader.locator(".card--lead .meta__comments")).to_have_text("5 comments")
    assert axe_violations(reader) == []

    # A spam bot, with no JavaScript, posts six links: spam, never shown.
    bot = browser.new_context(java_script_enabled=False, bypass_csp=True).new_page()
    bot.goto(story_url)
    links = " ".join(f"https://cheap-pills-{n}.example/buy" for n in range(6))
    _comment(bot, "Best Deals", "deals@bulk.example", f"Great post! {links}")
    expect(bot.get_by_role("heading", level=1)).to_have_text("Your comment is awaiting moderation")
    assert Comment.objects.get(name="Best Deals").status == Comment.Status.SPAM
    reader.goto(story_url)
    expect(reader.locator("#comments")).not_to_contain_text("cheap-pills")
    expect(reader.locator("#comments-heading")).to_have_text("5 comments")


def test_a_reply_link_works_without_javascript(live_server, browser: Browser, demo):
    story = demo["featured"]
    page = browser.new_context(java_script_enabled=False, bypass_csp=True).new_page()
    page.goto(live_server.url + story.get_absolute_url())
    page.locator(".comment__actions a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reply to")
    _comment(page, "Ольга Иванова", "olga.demo@example.com", "A reply without script.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("awaiting moderation")
    reply = Comment.objects.get(body="A reply without script.")
    assert reply.parent is not None and reply.parent.article_id == story.pk


def test_the_reply_and_error_pages_have_no_axe_violations(live_server, page: Page, demo):
    reply_to = Comment.objects.approved().filter(article=demo["featured"]).first()
    page.goto(f"{live_server.url}/comments/reply/{reply_to.pk}/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment-form__field--error").first).to_be_visible()
    assert axe_violations(page) == []
