"""Library pictures, galleries and embeds in a site page's body, as stories show them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from pages.models import Page

pytestmark = pytest.mark.django_db


def _about(body: str) -> Page:
    return Page.objects.create(
        title="Մեր մասին", url="/about/", body=body, purpose=Page.Purpose.ABOUT, is_published=True
    )


def _page(client, page: Page) -> BeautifulSoup:
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_an_inline_image_on_a_page_is_a_responsive_figure(client, make_image):
    image = make_image(size=(1000, 600), caption="The newsroom in Gyumri", credit="Ani Avagyan")
    page = _about(
        f'<p>Who we are.</p><figure data-image="{image.pk}" data-layout="inset" '
        'data-caption="Our desk, Երևան"></figure><p>Since 2019.</p>'
    )
    figure = _page(client, page).select_one(".story__body figure.inline-image--inset")
    assert figure is not None
    img = figure.find("img")
    assert (img["width"], img["height"]) == ("1000", "600")
    assert img["alt"] == image.alt_text
    assert "480w" in figure.find("source", type="image/webp")["srcset"]
    assert figure.figcaption.get_text(" ", strip=True) == "Our desk, Երևան Photo: Ani Avagyan"


def test_a_gallery_on_a_page_shows_its_pictures_in_order(client, make_image):
    first, second = make_image(caption="Ольга at the press"), make_image(caption="Çay break")
    page = _about(f'<p>Our team.</p><figure data-gallery="{second.pk},{first.pk}"></figure>')
    html = _page(client, page)
    slides = html.select(".gallery .gallery__slide")
    assert len(slides) == 2
    captions = [s.figcaption.get_text(" ", strip=True) for s in slides]
    assert captions[0].startswith("1 of 2. Çay break")
    assert captions[1].startswith("2 of 2. Ольга at the press")
    assert all(s.find("img") and s.find("source", type="image/webp") for s in slides)
    assert html.find("script", src="/static/js/gallery.js")


def test_a_picture_gone_from_the_library_leaves_no_empty_figure(client, make_image):
    gone = make_image()
    page = _about(f'<p>Hello.</p><figure data-image="{gone.pk}"></figure>')
    gone.delete()
    html = _page(client, page)
    assert not html.select(".story__body figure")
    assert "Hello." in html.select_one(".story__body").get_text()


def test_a_link_to_a_video_on_a_page_waits_behind_a_load_button(client):
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    page = _about(f'<p>Watch our film.</p><p><a href="{url}">{url}</a></p>')
    response = client.get(page.get_absolute_url())
    html = BeautifulSoup(response.content, "html.parser")
    button = html.select_one(".embed .embed__load")
    assert button["data-embed-src"].startswith("https://www.youtube-nocookie.com/embed/")
    assert html.find("script", src="/static/js/embeds.js")
    assert "https://www.youtube-nocookie.com" in response["Content-Security-Policy"]


def test_a_page_without_embeds_frames_nothing(client):
    page = _about("<p>Plain words.</p>")
    response = client.get(page.get_absolute_url())
    assert "youtube" not in response["Content-Security-Policy"]
    assert b"js/embeds.js" not in response.content


@pytest.mark.parametrize("pictures", [1, 10])
def test_a_page_reads_all_its_pictures_in_one_query(
    client, make_image, pictures, django_assert_max_num_queries
):
    images = [make_image(size=(500, 300)) for _ in range(pictures)]
    body = "<p>One.</p>" + "".join(f'<figure data-image="{i.pk}"></figure>' for i in images)
    body += f'<figure data-gallery="{",".join(str(i.pk) for i in images)}"></figure>'
    page = _about(body)
    # The page, its pictures, and the menu's sections and pages (one query).
    with django_assert_max_num_queries(3):
        response = client.get(page.get_absolute_url())
    html = response.content.decode()
    assert html.count('class="gallery__slide"') == pictures
    assert html.count("inline-image--full") == pictures


def test_editing_a_picture_in_the_library_updates_the_cached_page(client, make_image):
    image = make_image(caption="Before the rain")
    page = _about(f'<p>One.</p><figure data-image="{image.pk}"></figure>')
    assert "Before the rain" in client.get(page.get_absolute_url()).content.decode()
    image.caption = "Անձրևից հետո"
    image.save()
    assert "Անձրևից հետո" in client.get(page.get_absolute_url()).content.decode()
