"""Embeds in a real browser: nothing from the provider before the reader asks."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route, expect

from tests.support.browser import csp_violations, watch_csp_violations

pytestmark = pytest.mark.django_db(transaction=True)

PROVIDER_HOSTS = ("youtube.com", "youtube-nocookie.com", "ytimg.com", "googlevideo.com")
STUB_PLAYER = "<!doctype html><title>Stub player</title><p>Stub player</p>"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The page as readers get it: the policy enforced, not bypassed.
    return {**browser_context_args, "bypass_csp": False}


def _stub_the_internet(page: Page, live_server_url: str) -> list[str]:
    """Answer the player with a local stub, refuse every other outside address.

    Return the list the provider's requests are recorded in.
    """
    to_provider: list[str] = []
    page.on(
        "request",
        lambda request: (
            to_provider.append(request.url)
            if any(host in request.url for host in PROVIDER_HOSTS)
            else None
        ),
    )

    def answer(route: Route) -> None:
        url = route.request.url
        if url.startswith(live_server_url):
            route.continue_()
        elif url.startswith("https://www.youtube-nocookie.com/embed/"):
            route.fulfill(status=200, content_type="text/html", body=STUB_PLAYER)
        else:
            route.abort()

    page.route("**/*", answer)
    return to_provider


def test_the_player_loads_only_when_the_reader_asks(live_server, page: Page, demo):
    console = watch_csp_violations(page)
    to_provider = _stub_the_internet(page, live_server.url)

    page.goto(live_server.url + demo["featured"].get_absolute_url())
    page.wait_for_load_state("networkidle")
    # Found by its link, which stays when the placeholder goes.
    embed = page.locator(".embed").filter(has=page.get_by_role("link", name="Open on YouTube"))
    expect(embed).to_contain_text("Inside the restored weaving hall")
    expect(embed).to_contain_text("shares data with YouTube")
    assert to_provider == []
    assert page.locator("iframe").count() == 0

    embed.get_by_role("button", name="Load").click()
    player = embed.locator("iframe")
    expect(player).to_have_attribute("src", "https://www.youtube-nocookie.com/embed/Gyumri-Mill")
    expect(player).to_have_attribute("title", "Inside the restored weaving hall")
    expect(player).to_have_attribute("referrerpolicy", "strict-origin")
    expect(player).to_have_attribute("loading", "lazy")
    expect(page.frame_locator(".embed iframe").get_by_text("Stub player")).to_be_visible()
    assert to_provider and all("youtube-nocookie.com/embed/" in url for url in to_provider)
    assert csp_violations(page, console) == []


def test_a_library_pdf_loads_from_the_site_under_its_policy(live_server, page: Page, demo):
    console = watch_csp_violations(page)
    _stub_the_internet(page, live_server.url)

    page.goto(live_server.url + demo["featured"].get_absolute_url())
    # Found by its download link, which stays when the placeholder goes.
    embed = page.locator(".embed").filter(has=page.get_by_role("link", name="Download the PDF"))
    expect(embed).to_contain_text("PDF document")
    embed.get_by_role("button", name="Load").click()

    expect(embed.locator("iframe")).to_have_count(1)
    src = embed.locator("iframe").get_attribute("src")
    assert src.startswith("/media/documents/") and src.endswith(".pdf")
    page.wait_for_load_state("networkidle")
    assert csp_violations(page, console) == []
