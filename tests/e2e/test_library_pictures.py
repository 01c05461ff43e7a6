"""Library pictures in a real browser: placed in the body editor, seen by a reader."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from articles.models import Article
from pages.models import Page as SitePage
from tests.conftest import image_upload
from tests.support.browser import watch_csp_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The editor and the story page must work under the real policy.
    return {**browser_context_args, "bypass_csp": False}


def test_an_editor_places_pictures_and_a_reader_sees_them(
    live_server, logged_in: Page, make_article, make_image, browser
):
    page = logged_in
    violations = watch_csp_violations(page)
    kept = make_image("Dilijan forest", caption="Beeches above Dilijan", credit="Ani Sargsyan")
    first, second = make_image("Market, one"), make_image("Market, two")
    story = make_article(
        "Autumn in the Forests of Tavush",
        body=f'<p>The first paragraph.</p><figure data-image="{kept.pk}"></figure>'
        "<p>The second paragraph.</p>",
    )
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    editor = page.locator(".field-body .ProseMirror")
    # The stored picture shows as its thumbnail, not as lost markup.
    expect(editor.locator("figure.library-figure img")).to_have_count(1)
    expect(editor.locator("figure.library-figure")).to_contain_text(f"Picture {kept.pk}")

    # A second picture, inset, with the story's own caption: chosen in the
    # library's list, opened as a popup.
    editor.locator("p", has_text="The second paragraph.").click()
    page.get_by_role("button", name="Insert or edit a library picture").click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as chooser:
        dialog.get_by_role("button", name="Choose or upload…").click()
    chooser.value.get_by_role("link", name="Market, one").click()
    expect(dialog.get_by_label("Library picture")).to_have_value(str(first.pk))
    dialog.get_by_label("Inset beside the text (otherwise full width)").check()
    dialog.get_by_label("Caption").fill("Քաղաքի շուկան առավոտյան")
    dialog.get_by_role("button", name="Insert").click()

    # A gallery of two, typed by number.
    page.get_by_role("button", name="Insert or edit a gallery").click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_label("Library pictures, in order").fill(f"{second.pk}, {first.pk}")
    dialog.get_by_role("button", name="Insert").click()
    expect(editor.locator("figure.library-figure")).to_have_count(3)

    page.locator("#id_status").select_option(label="Published")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    story.refresh_from_db()
    assert f'data-image="{kept.pk}"' in story.body
    assert f'data-image="{first.pk}" data-layout="inset"' in story.body
    assert "Քաղաքի շուկան առավոտյան" in story.body
    assert f'data-gallery="{second.pk},{first.pk}"' in story.body
    assert set(story.library_images.all()) == {kept, first, second}

    # The reader sees the figures, captions and credits, and moves the gallery.
    reader = browser.new_context().new_page()
    reader_violations = watch_csp_violations(reader)
    reader.goto(live_server.url + story.get_absolute_url())
    body = reader.locator(".story__body")
    expect(body.locator(".inline-image--full figcaption")).to_have_text(
        "Beeches above Dilijan Photo: Ani Sargsyan"
    )
    expect(body.locator(".inline-image--inset figcaption")).to_contain_text(
        "Քաղաքի շուկան առավոտյան"
    )
    gallery = body.locator(".gallery")
    expect(gallery.locator(".gallery__slide")).to_have_count(2)
    next_button = gallery.get_by_role("button", name="Next picture")
    previous_button = gallery.get_by_role("button", name="Previous picture")
    expect(previous_button).to_have_attribute("aria-disabled", "true")
    next_button.focus()
    reader.keyboard.press("Enter")
    expect(next_button).to_have_attribute("aria-disabled", "true")
    # At the last picture the keyboard focus stays on the button pressed.
    expect(next_button).to_be_focused()
    # Pressed again at the end, it goes nowhere.
    reader.keyboard.press("Enter")
    expect(gallery.locator(".gallery__count").nth(1)).to_be_in_viewport()
    # The arrow keys move the focused track too.
    gallery.locator(".gallery__track").focus()
    reader.keyboard.press("ArrowLeft")
    expect(previous_button).to_have_attribute("aria-disabled", "true")
    assert violations == [] and reader_violations == []


def test_a_story_with_a_photo_and_pictures_saves_unchanged_in_the_browser(
    live_server, logged_in: Page, make_article, make_image
):
    image = make_image()
    story = make_article(
        "Harvest Festival in Areni",
        photo=image_upload(size=(300, 200)),
        hero_alt="Grapes",
        body=f'<p>One.</p><figure data-gallery="{image.pk}"></figure><p>Two.</p>',
    )
    before = Article.objects.get(pk=story.pk).body
    logged_in.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    expect(logged_in.locator(".field-body figure.library-figure")).to_have_count(1)
    logged_in.get_by_role("button", name="Save and continue editing").first.click()
    expect(logged_in.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Article.objects.get(pk=story.pk).body == before


def test_a_site_page_with_pictures_saves_unchanged_in_the_browser(
    live_server, logged_in: Page, make_image
):
    # The page's body editor knows library figures as the story's does: a
    # plainer one dropped them unseen when the page was opened and saved.
    first, second = make_image("Desk"), make_image("Hall")
    about = SitePage.objects.create(
        title="Մեր մասին",
        url="/about/",
        body=f'<p>One.</p><figure data-image="{first.pk}" data-layout="inset"></figure>'
        f'<figure data-gallery="{second.pk},{first.pk}"></figure><p>Two.</p>',
        is_published=True,
    )
    before = SitePage.objects.get(pk=about.pk).body
    logged_in.goto(f"{live_server.url}/admin/pages/page/{about.pk}/change/")
    expect(logged_in.locator(".field-body figure.library-figure")).to_have_count(2)
    logged_in.get_by_role("button", name="Save and continue editing").first.click()
    expect(logged_in.locator(".messagelist")).to_contain_text("was changed successfully")
    assert SitePage.objects.get(pk=about.pk).body == before
