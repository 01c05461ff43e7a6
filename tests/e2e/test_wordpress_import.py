"""Issue 18 end to end: a technical editor moves the old WordPress site in.

In a real browser: the editor uploads the export with a copy of its
uploads folder, the import runs as a background job and shows its report;
the imported story opens with its photo and its readers' comments, and a
reader following the story's old WordPress links (its address, `?p=`, an
old slug, its category) lands on it, on the section, in one step each.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.wordpress.conftest import FIXTURES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _import_root(settings, tmp_path):
    settings.WORDPRESS_IMPORT_ROOT = tmp_path / "private"


@pytest.fixture
def uploads(tmp_path):
    """A copy of `wp-content/uploads` with the fixture export's two pictures."""
    from PIL import Image

    folder = tmp_path / "uploads" / "2024" / "03"
    folder.mkdir(parents=True)
    for name, colour in (("market.jpg", "teal"), ("stalls.jpg", "orange")):
        Image.new("RGB", (1200, 800), colour).save(folder / name)
    return folder.parents[1]


def test_editor_imports_the_old_site_and_old_links_reach_the_new_pages(
    live_server, logged_in: Page, uploads
):
    page = logged_in
    page.get_by_role("link", name="WordPress imports").click()
    page.get_by_role("link", name="Add WordPress import").click()
    page.get_by_label("Export file").set_input_files(str(FIXTURES / "newsroom-export.xml"))
    page.get_by_label("Uploads folder on the server").fill(str(uploads))
    page.get_by_role("button", name="Save", exact=True).click()

    # The job runs in the background; its page shows the report once done
    # (refreshing itself while the job runs).
    expect(page.get_by_text("has started")).to_be_visible()
    expect(page.get_by_text("newsroom-export.xml")).to_be_visible()
    expect(page.get_by_text("post: 7 created")).to_be_visible()
    expect(page.get_by_text("skipped comment 34 (Cheap pills)")).to_be_visible()

    page.goto(live_server.url + "/2024/03/rebuilding-the-old-market/")
    expect(page).to_have_url(live_server.url + "/articles/rebuilding-the-old-market/")
    expect(page.get_by_role("heading", name="Rebuilding the old market")).to_be_visible()
    hero = page.locator("article img").first
    expect(hero).to_have_attribute("alt", "Stalls under the iron roof")
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.get_by_text("My grandmother sold apricots there.")).to_be_visible()
    expect(page.get_by_text("lilit@readers.example")).to_have_count(0)

    for old in ("/?p=101", "/2024/03/market-reopens/"):
        response = page.goto(live_server.url + old)
        assert response is not None and response.status == 200
        assert response.request.redirected_from is not None
        assert response.request.redirected_from.redirected_from is None
        expect(page).to_have_url(live_server.url + "/articles/rebuilding-the-old-market/")

    page.goto(live_server.url + "/category/shirak/")
    expect(page.get_by_role("heading", name="Shirak region")).to_be_visible()
