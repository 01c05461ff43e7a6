"""axe-core finds no WCAG 2.2 AA problems; the keyboard reaches everything."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import VIEWPORTS, public_pages
from tests.support.browser import ROOT, axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_public_pages_have_no_axe_violations(live_server, browser, demo, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True)
    page = context.new_page()
    problems = {}
    for name, path in public_pages(demo).items():
        page.goto(live_server.url + path)
        if violations := axe_violations(page):
            problems[name] = violations
    context.close()
    assert problems == {}, problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_article_page_has_enough_contrast_in_both_colour_schemes(
    live_server, browser, demo, scheme
):
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + demo["featured"].get_absolute_url())
    contrast = {"runOnly": {"type": "rule", "values": ["color-contrast"]}}
    assert axe_violations(page, contrast) == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_import_review_marks_new_sources_legibly(live_server, browser, django_user_model, scheme):
    django_user_model.objects.create_superuser("desk", "desk@example.com", "a-long-pass-phrase")
    story = ROOT / "tests" / "importer" / "fixtures" / "quote-styles-ferry-cuts.txt"
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + "/admin/articles/article/import/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Paste the story").fill(story.read_text())
    page.get_by_role("button", name="Find quotes and sources").click()
    expect(page.locator(".import-new").first).to_have_text("new source")
    contrast = {"runOnly": {"type": "rule", "values": ["color-contrast"]}}
    assert axe_violations(page, contrast) == []
    context.close()


def test_signup_confirmation_and_error_pages_have_no_axe_violations(live_server, page: Page, demo):
    page.goto(live_server.url + demo["featured"].get_absolute_url())
    page.locator(".signup--end").get_by_label("Email address").fill("not-an-address")
    page.locator(".signup--end").get_by_role("button").click()
    expect(page.locator(".signup__error")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Email address").fill("reader@example.com")
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator("#confirmation")).to_be_visible()
    assert axe_violations(page) == []


def _focusables(page: Page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll(
              'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]')]
            .filter(el => el.tabIndex >= 0 && el.offsetParent !== null)
            .map(el => el.outerHTML.slice(0, 80))"""
    )


def test_keyboard_reaches_every_control_in_order_with_a_visible_focus_ring(
    live_server, page: Page, demo
):
    page.goto(live_server.url + demo["featured"].get_absolute_url())
    expected = _focusables(page)
    reached = []
    for _ in range(len(expected) + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {html: el.outerHTML.slice(0, 80),
                        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
            }"""
        )
        if focused["html"].startswith("<body"):
            break
        assert focused["ring"], f"no visible focus ring on {focused['html']}"
        reached.append(focused["html"])
    # The skip link comes first, then every link, field and button in page order.
    assert reached[0].startswith('<a class="skip-link"')
    assert reached == expected
