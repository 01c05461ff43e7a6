"""A reader on the public site, in a real browser."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from newsletter.models import Subscriber
from pagecache.dependencies import CLOCK_MARGIN
from tests.e2e.conftest import SCREENSHOTS, VIEWPORTS

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_follows_a_story_its_tag_and_a_source(live_server, page: Page, demo):
    featured = demo["featured"]
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=featured.headline).first.click()
    expect(page).to_have_url(re.compile(re.escape(featured.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(featured.headline)

    hero = page.locator(".story__hero img")
    expect(hero).to_have_attribute("alt", featured.hero_placed.alt_text)
    # The hero image really loaded (not a broken image).
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.locator(".story__hero figcaption")).to_contain_text(featured.hero_placed.caption)
    expect(page.locator(".dateline")).to_have_text(
        f"{featured.dateline} ({featured.credit.name}) —"
    )
    expect(page.locator(".pull-quote").first).to_be_visible()

    tag = featured.tags.order_by("name").first()
    page.get_by_role("navigation", name="Tags").get_by_role("link", name=tag.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tag.name)
    expect(page.get_by_role("link", name=featured.headline)).to_be_visible()

    page.go_back()
    speaker = featured.speakers()[0]
    page.locator(".quoted").get_by_role("link", name=speaker.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(speaker.name)
    expect(page.locator(".source-quote").first).to_contain_text(featured.quotes.first().text[:20])


@pytest.mark.parametrize("placement", ["inline", "end"])
def test_reader_signs_up_from_a_block_in_the_story(live_server, page: Page, demo, placement):
    page.goto(live_server.url + demo["featured"].get_absolute_url())
    block = page.locator(f".signup--{placement}")
    block.get_by_label("Email address").fill(f"{placement}@example.com")
    block.get_by_role("button").click()
    expect(page.locator("#confirmation")).to_contain_text(f"{placement}@example.com")
    subscriber = Subscriber.objects.get(email=f"{placement}@example.com")
    assert subscriber.signup_article == demo["featured"]


def test_bad_address_shows_the_error_next_to_the_field_and_keeps_it(live_server, page: Page, demo):
    page.goto(live_server.url + demo["featured"].get_absolute_url())
    block = page.locator(".signup--end")
    block.get_by_label("Email address").fill("reader@example")
    block.get_by_role("button").click()
    field = page.get_by_label("Email address")
    expect(field).to_have_value("reader@example")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".signup__error")).to_have_text(
        "Enter an email address like name@example.com."
    )
    assert not Subscriber.objects.filter(email__startswith="reader@").exists()


def test_signup_form_works_without_javascript(live_server, browser, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + demo["featured"].get_absolute_url())
    block = page.locator(".signup--inline")
    block.get_by_label("Email address").fill("nojs@example.com")
    block.get_by_role("button").click()
    expect(page.locator("#confirmation")).to_contain_text("nojs@example.com")
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_screenshots_of_the_front_and_article_pages(live_server, browser, demo, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in [("front", "/"), ("article", demo["featured"].get_absolute_url())]:
        page.goto(live_server.url + path)
        # Lazy images below the fold load once scrolled into view.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, 0)")
        target = SCREENSHOTS / f"{name}-{viewport}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    # Nothing sticks out sideways on a phone: the page is no wider than the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"]
    context.close()


DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0.0.0 Safari/537.36"
)


def test_headless_browsers_are_not_counted(live_server, page: Page, demo):
    featured = demo["featured"]
    with page.expect_response(lambda r: r.url.endswith("/viewed/")) as beacon:
        page.goto(live_server.url + featured.get_absolute_url())
    assert beacon.value.status == 204
    views = featured.view_count
    featured.refresh_from_db()
    assert featured.view_count == views


def test_views_of_cached_pages_are_counted_by_the_beacon(live_server, browser, demo):
    featured = demo["featured"]
    before = featured.view_count
    # The demo's comments were just written: a page built within the clock
    # margin of that is rebuilt once more rather than served from the cache.
    time.sleep(CLOCK_MARGIN)
    for _ in range(2):
        # A fresh browser each time: a new reader, served from the page cache.
        # Headless Chromium announces itself as HeadlessChrome, which the
        # counter rightly skips as a bot; this reader is a desktop Chrome.
        context = browser.new_context(user_agent=DESKTOP_CHROME)
        page = context.new_page()
        with page.expect_response(lambda r: r.url.endswith("/viewed/")) as beacon:
            response = page.goto(live_server.url + featured.get_absolute_url())
        assert beacon.value.status == 204
        context.close()
    assert response.headers["x-page-cache"] == "hit"
    featured.refresh_from_db()
    assert featured.view_count == before + 2


_RELATED_GEOMETRY = """() => {
  const box = el => el.getBoundingClientRect();
  const story = box(document.querySelector('.story'));
  const row = box(document.querySelector('.story-list--related'));
  const cards = [...document.querySelectorAll('.story-list--related .card')].map(box);
  return {story: [story.left, story.right], row: [row.left, row.right],
          cards: cards.map(c => [c.left, c.right, c.top])};
}"""


def test_related_stories_fill_the_story_column_whatever_their_number(
    live_server, page: Page, make_article
):
    story = make_article("Night Library Opens", tags=["Libraries"])
    page.set_viewport_size(VIEWPORTS["desktop"])
    for count in range(1, 5):
        make_article(f"Library story {count}", tags=["Libraries"])
        page.goto(live_server.url + story.get_absolute_url())
        shape = page.evaluate(_RELATED_GEOMETRY)
        assert len(shape["cards"]) == count
        (story_left, story_right), (left, right) = shape["story"], shape["row"]
        # Never wider than the story...
        assert story_left - 1 <= left and right <= story_right + 1, (count, shape)
        # ...and every row of cards runs from edge to edge: no empty slot.
        rows: dict[int, list] = {}
        for card_left, card_right, top in shape["cards"]:
            rows.setdefault(round(top), []).append((card_left, card_right))
        for cards in rows.values():
            assert abs(min(c[0] for c in cards) - left) <= 2, (count, shape)
            assert abs(max(c[1] for c in cards) - right) <= 2, (count, shape)
