"""Browser tests: Debian's Chromium driven by Playwright against the live server."""

from __future__ import annotations

import os
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from articles.addresses import tag_url
from articles.models import Article
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, missing_tool_reason, require

# Playwright's sync API keeps an asyncio loop running in the main thread;
# without this Django refuses ORM calls from the tests (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = ROOT / "test-results" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(scope="session", autouse=True)
def _browser_tools():
    require(missing_tool_reason())


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium: `playwright install` cannot download browsers here.
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Lets axe be injected although the site's Content-Security-Policy forbids
    # inline script; test_security.py and test_editor.py turn this off.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture(autouse=True)
def _serve_media(settings):
    settings.SERVE_MEDIA = True


@pytest.fixture
def demo(transactional_db) -> dict[str, Article]:
    """Load the demo content; return its live stories by section slug."""
    call_command("load_demo", "--no-admin", stdout=StringIO())
    featured = Article.objects.live().get(is_featured=True)
    return {"featured": featured}


@pytest.fixture
def logged_in(live_server, page: Page, django_user_model) -> Page:
    """Return the browser page, logged into the admin as a superuser."""
    django_user_model.objects.create_superuser("desk", "desk@example.com", "a-long-pass-phrase")
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Newsroom", exact=True)).to_be_visible()
    return page


def public_pages(demo: dict[str, Article]) -> dict[str, str]:
    """Return every kind of public page, by name, for the demo content."""
    featured = demo["featured"]
    return {
        "front": "/",
        "article": featured.get_absolute_url(),
        "tag": tag_url(featured.tags.order_by("name").first().slug),
        "source": featured.speakers()[0].get_absolute_url(),
        "outlet": featured.credit.get_absolute_url(),
        "section": featured.section.get_absolute_url(),
        "newsletter": "/newsletter/signup/",
        "corrections": "/corrections/",
        "preview expired": "/preview/forged-token/",
        "search": "/search/?q=armenia",
        "search, nothing found": "/search/?q=zzzzqqq",
        "not found": "/articles/no-such-story/",
        # The demo's About page shows a library picture in its body.
        "site page": "/about/",
    }


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS.exists() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"Browser test screenshots: {SCREENSHOTS}")
