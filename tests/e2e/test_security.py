"""The public pages under the real Content-Security-Policy, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser import csp_violations, watch_csp_violations
from tests.e2e.conftest import public_pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The point of this module: pages as readers get them, policy enforced.
    return {**browser_context_args, "bypass_csp": False}


def test_public_pages_report_no_csp_violations(live_server, page: Page, demo):
    console = watch_csp_violations(page)
    problems = {}
    for name, path in public_pages(demo).items():
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
