"""An editor in the admin, in a real browser: from a new source to a live story."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from articles.models import Article, Source
from pages.models import Page as SitePage
from tests.e2e.conftest import SCREENSHOTS
from tests.support.browser import paste, watch_csp_violations

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINE = "Library Opens in the Old Post Office"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The admin and the rich text editor must work under the real policy.
    return {**browser_context_args, "bypass_csp": False}


def _choose_in_autocomplete(page: Page, field_id: str, search: str, option: str) -> None:
    page.locator(f"[aria-labelledby='select2-{field_id}-container']").click()
    page.locator(".select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).click()


def test_editor_writes_previews_and_publishes_a_story(live_server, logged_in: Page, browser):
    page = logged_in
    violations = watch_csp_violations(page)

    # A new source.
    page.goto(live_server.url + "/admin/articles/source/add/")
    page.get_by_label("Name").fill("Lilit Avagyan")
    page.get_by_label("Role").fill("Head librarian")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Source.objects.filter(name="Lilit Avagyan", slug="lilit-avagyan").exists()

    # A story with a subhead, written in the rich text editor, and a quote.
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.get_by_label("Headline").fill(HEADLINE)
    page.get_by_label("Dateline").fill("VANADZOR")
    editor = page.locator(".field-body [contenteditable=true]")
    editor.click()
    page.keyboard.type("The town's new library opened on Monday in the old post office.")
    page.keyboard.press("Enter")
    # Markdown shortcut: "## " starts a level-2 subhead.
    page.keyboard.type("## What Readers Will Find")
    page.keyboard.press("Enter")
    page.keyboard.type("Twelve thousand books, half of them in Armenian.")
    expect(editor.locator("h2")).to_have_text("What Readers Will Find")

    page.get_by_role("button", name="Add another Quote").click()
    _choose_in_autocomplete(page, "id_quotes-0-speaker", "avag", "Lilit Avagyan")
    page.locator("#id_quotes-0-text").fill("We have room for everyone")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Article.Status.DRAFT
    assert "<h2>What Readers Will Find</h2>" in article.body
    assert article.quotes.get().speaker.name == "Lilit Avagyan"

    # Readers cannot see a draft.
    reader = browser.new_context().new_page()
    response = reader.goto(live_server.url + article.get_absolute_url())
    assert response.status == 404

    # The editor previews it as readers will see it.
    with page.expect_popup() as popup:
        page.get_by_role("link", name="Preview as readers will see it").click()
    preview = popup.value
    expect(preview.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(preview.locator(".preview-banner")).to_contain_text("Readers cannot see it yet")
    expect(preview.get_by_role("heading", name="What Readers Will Find")).to_be_visible()
    preview.close()

    # Publish, and the story is live on the front page.
    page.locator("#id_status").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    reader.goto(live_server.url + "/")
    reader.get_by_role("link", name=HEADLINE).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(reader.locator(".quoted")).to_contain_text("Lilit Avagyan")
    assert violations == []


def test_editor_imports_a_plain_text_story(live_server, logged_in: Page):
    from pathlib import Path

    story = (
        Path(__file__).resolve().parent.parent
        / "importer"
        / "fixtures"
        / "quote-styles-ferry-cuts.txt"
    )
    page = logged_in
    page.goto(live_server.url + "/admin/articles/article/")
    page.get_by_role("link", name="Import story").click()
    page.get_by_label("or upload a .txt file").set_input_files(str(story))
    page.get_by_role("button", name="Find quotes and sources").click()
    expect(page.get_by_role("heading", name="Quotes found (11)")).to_be_visible()
    page.get_by_label("Headline").fill("Island Mayors Fight Ferry Cuts")
    page.get_by_role("button", name="Create draft").click()
    expect(page.locator(".messagelist")).to_contain_text("as a draft with 11 quotes")
    article = Article.objects.get(headline="Island Mayors Fight Ferry Cuts")
    assert article.status == Article.Status.DRAFT
    expect(page.get_by_label("Headline")).to_have_value("Island Mayors Fight Ferry Cuts")


def test_the_story_list_fits_a_1366_pixel_screen(live_server, logged_in: Page, demo, make_article):
    make_article("Ceasefire Monitors Report a Quiet Night", tags=["Nagorno-Karabakh", "Diplomacy"])
    page = logged_in
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(live_server.url + "/admin/articles/article/")
    expect(page.get_by_role("link", name="Ceasefire Monitors Report a Quiet Night")).to_be_visible()
    widths = page.evaluate(
        """() => {
            const results = document.querySelector('#changelist .results');
            return {shown: results.clientWidth, needed: results.scrollWidth,
                    page: document.documentElement.scrollWidth};
        }"""
    )
    # No column hidden behind a horizontal scroll bar, in the list or the page.
    assert widths["needed"] <= widths["shown"], widths
    assert widths["page"] <= 1366, widths
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "admin-story-list-1366.png"))


YOUTUBE_EMBED_CODE = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" '
    'title="Ani Hakobyan at the winter school" frameborder="0" allowfullscreen></iframe>'
)


def test_pasted_embed_code_becomes_an_embed_and_the_editor_is_told(live_server, logged_in: Page):
    page = logged_in
    violations = watch_csp_violations(page)
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Winter School Concert")
    editor = page.locator(".field-body [contenteditable=true]")
    editor.click()
    page.keyboard.type("The pupils played on Sunday.")
    page.keyboard.press("Enter")

    # A paste as the browser gives it: the provider's code as text and HTML.
    paste(editor, text=YOUTUBE_EMBED_CODE)

    expect(page.locator(".embed-code-notes")).to_contain_text(
        "Removed an <iframe> from www.youtube.com; it became an embed from YouTube."
    )
    expect(editor.get_by_role("link", name="Ani Hakobyan at the winter school")).to_be_visible()
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get(headline="Winter School Concert")
    assert 'href="https://www.youtube.com/embed/dQw4w9WgXcQ"' in article.body
    assert violations == []


MAP_EMBED_CODE = (
    '<iframe src="https://www.google.com/maps/embed?pb=!1m14!1m12!1m3!1d760.2!2d43.84'
    '!3d40.79!2m3!1f0!2f0!3f0!3m2!1i1024!2i768!4f13.1!5e0!3m2!1shy!2sam!4v1764800000001" '
    'width="600" height="450" style="border:0;" allowfullscreen="" loading="lazy" '
    'referrerpolicy="no-referrer-when-downgrade"></iframe>'
)


def test_googles_map_code_pasted_into_a_site_page_becomes_a_map(
    live_server, logged_in: Page, browser
):
    page = logged_in
    violations = watch_csp_violations(page)
    page.goto(live_server.url + "/admin/pages/page/add/")
    page.get_by_label("Title").fill("Կապ")
    page.get_by_label("Path").fill("/կապ/")
    page.get_by_label("Published").check()
    editor = page.locator(".field-body [contenteditable=true]")
    editor.click()
    page.keyboard.type("The newsroom is on the second floor.")
    page.keyboard.press("Enter")
    paste(editor, text=MAP_EMBED_CODE)
    expect(page.locator(".embed-code-notes")).to_contain_text(
        "Removed an <iframe> from www.google.com; it became an embed from Google Maps."
    )
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    site_page = SitePage.objects.get(title="Կապ")
    assert 'href="https://www.google.com/maps/embed?pb=!1m14' in site_page.body

    reader = browser.new_context().new_page()
    reader_violations = watch_csp_violations(reader)
    reader.goto(live_server.url + site_page.get_absolute_url())
    expect(reader.locator(".embed__provider")).to_have_text("Google Maps")
    expect(reader.get_by_role("link", name="Open on Google Maps")).to_be_visible()
    assert violations == [] and reader_violations == []
