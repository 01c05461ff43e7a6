"""Library pictures in a story's body: inline images and galleries."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.media.references import parse_reference
from articles.models import Article
from articles.sanitize import clean_html
from reader.layout import body_segments

pytestmark = pytest.mark.django_db


def _page(client, article) -> BeautifulSoup:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_sanitiser_keeps_a_reference_and_nothing_more():
    html = clean_html(
        '<figure data-image="42" data-layout="inset" data-caption="Dawn &lt;b&gt;" '
        'data-credit="Ani" class="x" style="color:red" onclick="alert(1)" data-src="evil">'
        "<img src=x onerror=alert(1)></figure>"
    )
    assert html == (
        '<figure data-image="42" data-layout="inset" data-caption="Dawn &lt;b&gt;" '
        'data-credit="Ani"></figure>'
    )


@pytest.mark.parametrize(
    "attribute",
    [
        'data-image="42 onload=alert(1)"',
        'data-image="-1"',
        'data-gallery="1,2,javascript:x"',
        'data-layout="left"',
        'data-image="1e9"',
    ],
)
def test_the_sanitiser_drops_a_reference_value_of_the_wrong_shape(attribute):
    name = attribute.split("=")[0]
    assert name not in clean_html(f"<figure {attribute}></figure>")


def test_reference_attributes_only_on_figures():
    assert clean_html('<p data-image="3">Text</p>') == "<p>Text</p>"


def test_parse_reference_reads_images_galleries_and_overrides():
    single = parse_reference(
        '<figure data-image="7" data-layout="inset" data-caption="Խոսք" data-credit="Ani"></figure>'
    )
    assert single.image_ids == (7,)
    assert (single.layout, single.caption, single.credit) == ("inset", "Խոսք", "Ani")
    gallery = parse_reference('<figure data-gallery="3,1,3,2"></figure>')
    assert gallery.is_gallery and gallery.image_ids == (3, 1, 2)
    assert parse_reference("<figure><figcaption>A quote</figcaption></figure>") is None


def test_an_inline_image_renders_as_a_responsive_figure(client, make_article, make_image):
    image = make_image(size=(1000, 600), caption="Library caption", credit="Library credit")
    article = make_article(body=f'<p>One.</p><figure data-image="{image.pk}"></figure><p>Two.</p>')
    figure = _page(client, article).select_one(".story__body figure.inline-image--full")
    img = figure.find("img")
    assert (img["width"], img["height"]) == ("1000", "600")
    assert img["loading"] == "lazy"
    assert img["alt"] == image.alt_text
    assert "480w" in figure.find("source", type="image/webp")["srcset"]
    assert figure.figcaption.get_text(" ", strip=True) == "Library caption Photo: Library credit"


def test_the_story_overrides_caption_and_credit_where_it_gives_them(
    client, make_article, make_image
):
    image = make_image(caption="Library caption", credit="Library credit")
    article = make_article(
        body=f'<p>One.</p><figure data-image="{image.pk}" data-layout="inset" '
        f'data-caption="Çağrı Öztürk at the border post" data-credit=""></figure>'
    )
    figure = _page(client, article).select_one("figure.inline-image--inset")
    assert figure.figcaption.get_text(" ", strip=True) == (
        "Çağrı Öztürk at the border post Photo: Library credit"
    )


def test_a_gallery_shows_its_pictures_in_order_with_their_captions(
    client, make_article, make_image
):
    first, second, third = (make_image(caption=f"Κείμενο {n}") for n in (1, 2, 3))
    article = make_article(
        body=f'<p>One.</p><figure data-gallery="{third.pk},{first.pk},{second.pk}"></figure>'
    )
    page = _page(client, article)
    gallery = page.select_one(".gallery")
    track = gallery.select_one(".gallery__track")
    assert track["tabindex"] == "0" and "3 pictures" in track["aria-label"]
    captions = [c.get_text(" ", strip=True) for c in gallery.select("figcaption")]
    assert captions[0].startswith("1 of 3. Κείμενο 3")
    assert captions[1].startswith("2 of 3. Κείμενο 1")
    assert page.find("script", src="/static/js/gallery.js")


def test_a_picture_gone_from_the_library_shows_nothing(client, make_article, make_image):
    kept, gone = make_image(), make_image()
    article = make_article(
        body=f'<p>One.</p><figure data-image="{gone.pk}"></figure>'
        f'<figure data-gallery="{gone.pk},{kept.pk}"></figure><p>Two.</p>'
    )
    gone.delete()
    page = _page(client, article)
    assert not page.select(".inline-image")
    assert len(page.select(".gallery__slide")) == 1


def test_pictures_do_not_count_as_paragraphs(make_article, make_image):
    image = make_image()
    body = "".join(f'<p>{n}</p><figure data-image="{image.pk}"></figure>' for n in range(1, 8))
    segments = body_segments(make_article(body=body))
    signup = next(i for i, s in enumerate(segments) if s.signup)
    assert segments[signup - 1].html == "<p>3</p>"
    assert sum(bool(s.images) for s in segments[:signup]) == 2


@pytest.mark.parametrize("pictures", [1, 20])
def test_the_page_reads_all_its_pictures_in_one_query(client, make_article, make_image, pictures):
    images = [make_image(size=(500, 300)) for _ in range(pictures)]
    body = "<p>One.</p>" + "".join(f'<figure data-image="{i.pk}"></figure>' for i in images)
    body += f'<figure data-gallery="{",".join(str(i.pk) for i in images)}"></figure>'
    pictured = make_article(body=body)
    plain = make_article(body="<p>One.</p>")
    # The site's furniture (menu, sign-up blocks) is read once, by the first page.
    client.get(make_article().get_absolute_url())
    with CaptureQueriesContext(connection) as plain_page:
        client.get(plain.get_absolute_url())
    with CaptureQueriesContext(connection) as pictured_page:
        page = client.get(pictured.get_absolute_url())
    assert page.content.decode().count('class="gallery__slide"') == pictures
    assert len(pictured_page) == len(plain_page) + 1


def test_saving_a_story_records_which_library_images_it_shows(make_article, make_image):
    first, second = make_image(), make_image()
    article = make_article(body=f'<p>One.</p><figure data-image="{first.pk}"></figure>')
    assert list(first.stories.all()) == [article]
    article.body = f'<p>One.</p><figure data-gallery="{second.pk}"></figure>'
    article.save()
    assert not first.stories.exists()
    assert list(Article.objects.filter(library_images=second)) == [article]


def test_editing_a_picture_in_the_library_updates_the_cached_story(
    client, make_article, make_image
):
    image = make_image(caption="Before the rain")
    article = make_article(body=f'<p>One.</p><figure data-image="{image.pk}"></figure>')
    assert "Before the rain" in client.get(article.get_absolute_url()).content.decode()
    image.caption = "After the rain"
    image.save()
    assert "After the rain" in client.get(article.get_absolute_url()).content.decode()


def test_a_caption_cannot_carry_markup_into_the_page(client, make_article, make_image):
    image = make_image(alt_text='"><script>alert(1)</script>')
    article = make_article(
        body=f'<p>One.</p><figure data-image="{image.pk}" '
        'data-caption="&lt;script&gt;alert(2)&lt;/script&gt;"></figure>'
    )
    page = _page(client, article)
    assert not page.select(".story__body script")
    assert page.select_one(".inline-image figcaption").get_text().startswith("<script>alert(2)")
