"""The site under the real Content-Security-Policy, and XSS payloads, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import public_pages
from tests.support.browser import csp_violations, watch_csp_violations
from tests.support.xss import PAYLOADS, plant
from tests.support.xss import public_pages as xss_public_pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The point of this module: pages as readers get them, policy enforced.
    return {**browser_context_args, "bypass_csp": False}


def test_public_pages_report_no_csp_violations(live_server, page: Page, demo):
    console = watch_csp_violations(page)
    problems = {}
    pages = {
        **public_pages(demo),
        "confirm link": "/newsletter/confirm/forged-token/",
        "unsubscribe link": "/newsletter/unsubscribe/forged-token/",
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        if violations := csp_violations(page, console):
            problems[name] = violations
            console.clear()
    assert problems == {}


def test_policy_blocks_an_inline_script_that_gets_into_the_page(live_server, page: Page, demo):
    console = watch_csp_violations(page)
    page.goto(live_server.url + demo["featured"].get_absolute_url())
    page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.__inline = 1';
            document.body.append(script);
        }"""
    )
    page.wait_for_timeout(100)
    assert page.evaluate("window.__inline") is None
    assert any("script-src" in v for v in csp_violations(page, console))


def test_xss_payloads_never_run_in_public_or_admin_pages(live_server, browser, django_user_model):
    # CSP is bypassed: the escaping and the allow-list are under test here,
    # not the policy that would block most of these anyway.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    # The check itself works: a payload that gets into the page is caught.
    page.set_content(PAYLOADS["img-onerror"])
    page.wait_for_function("window.__xss === 1")

    stories = [plant(payload, key=str(n)) for n, payload in enumerate(PAYLOADS.values())]
    django_user_model.objects.create_superuser("desk", "desk@example.com", "a-long-pass-phrase")
    paths = {path for story in stories for path in xss_public_pages(story).values()}
    ran = []
    for path in sorted(paths):
        # goto() waits for the load event, which waits for every image to
        # load or fail, so an onerror or onload handler has had its turn.
        page.goto(live_server.url + path)
        if page.evaluate("window.__xss"):
            ran.append(path)

    # A reader's own input: the sign-up form echoes a bad address back.
    page.goto(live_server.url + "/newsletter/signup/")
    for payload in PAYLOADS.values():
        page.get_by_label("Email address").fill(payload)
        page.get_by_role("button").click()
        page.wait_for_load_state()
        if page.evaluate("window.__xss"):
            ran.append(f"sign-up with {payload}")

    # The editors' side: the story list, each story in the rich text editor and
    # each newsletter issue's e-mail.
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Log in").click()
    admin_paths = ["/admin/articles/article/", "/admin/articles/source/"]
    for story in stories:
        admin_paths += [
            f"/admin/articles/article/{story.article.pk}/change/",
            f"/newsletter/issues/{story.issue.pk}/preview/",
        ]
    for path in admin_paths:
        # goto() waits for the load event, which waits for every image to
        # load or fail, so an onerror or onload handler has had its turn.
        page.goto(live_server.url + path)
        if page.evaluate("window.__xss"):
            ran.append(path)
    context.close()
    assert ran == []
