"""The media library in the admin: find a picture, see where it runs, keep it safe."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from articles.media.renditions import smallest_rendition
from articles.models import Image
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:articles_image_changelist")


def _rows(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [
        row.select_one(".field-title").get_text(strip=True)
        for row in page.select("#result_list tbody tr")
    ]


def test_the_list_shows_thumbnails_and_how_many_stories_use_each(
    editor_client, make_article, make_image
):
    used, unused = make_image("Lake Sevan at dawn"), make_image("Unused picture")
    make_article(body=f'<p>One.</p><figure data-image="{used.pk}"></figure>')
    make_article(body=f'<p>Two.</p><figure data-gallery="{used.pk}"></figure>')
    page = BeautifulSoup(editor_client.get(LIST_URL).content, "html.parser")
    row = next(r for r in page.select("#result_list tbody tr") if "Lake Sevan" in r.get_text())
    assert row.select_one(".field-stories_count").get_text() == "2"
    thumb = row.select_one("img.article-thumb")["src"]
    assert thumb == smallest_rendition(used.file.name, used.width, used.height).url
    assert unused.title in _rows(editor_client.get(LIST_URL, {"used": "no"}))
    assert _rows(editor_client.get(LIST_URL, {"used": "yes"})) == ["Lake Sevan at dawn"]


@pytest.mark.parametrize("term", ["Գյումրի", "Öztürk", "Σάμος", "Ереван"])
def test_pictures_are_found_by_their_words_in_any_script(editor_client, make_image, term):
    make_image("Other picture")
    make_image(f"Harbour, {term}", caption="Boats", credit="Staff")
    make_image("Elsewhere", caption=f"Market day in {term}")
    rows = _rows(editor_client.get(LIST_URL, {"q": term}))
    assert sorted(rows) == sorted([f"Harbour, {term}", "Elsewhere"])


def test_pictures_without_alt_text_can_be_listed(editor_client, make_image):
    make_image("Described")
    make_image("Undescribed", alt_text="")
    assert _rows(editor_client.get(LIST_URL, {"alt": "missing"})) == ["Undescribed"]


@pytest.mark.parametrize("count", [1, 20])
def test_the_list_costs_the_same_queries_for_1_or_20_pictures(
    editor_client, make_image, make_article, count, django_assert_max_num_queries
):
    for _ in range(count):
        image = make_image(size=(300, 200))
        make_article(body=f'<p>One.</p><figure data-image="{image.pk}"></figure>')
    with django_assert_max_num_queries(9):
        assert editor_client.get(LIST_URL).status_code == 200


def test_an_upload_is_recorded_with_who_uploaded_it(editor_client, editor):
    response = editor_client.post(
        reverse("admin:articles_image_add"),
        {
            "file": image_upload("field.jpg", size=(600, 400)),
            "title": "Wheat field near Talin",
            "caption": "",
            "credit": "",
            "alt_text": "Wheat under a grey sky",
            "focal_x": "",
            "focal_y": "",
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploaded_by == editor
    assert (image.width, image.height) == (600, 400)
    # Stored under a random name, as hero images are.
    assert "field" not in image.file.name


def test_a_fake_image_is_refused_with_a_clear_error(editor_client):
    fake = image_upload("fake.jpg")
    fake.file.seek(0)
    fake.file.write(b"this is no picture at all")
    fake.file.truncate()
    fake.file.seek(0)
    response = editor_client.post(
        reverse("admin:articles_image_add"), {"file": fake, "title": "Fake"}
    )
    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


def test_a_pictures_page_lists_the_stories_that_show_it(editor_client, make_article, make_image):
    image = make_image()
    story = make_article(
        "Վանաձորի շուկան", body=f'<p>A.</p><figure data-image="{image.pk}"></figure>'
    )
    page = editor_client.get(reverse("admin:articles_image_change", args=[image.pk]))
    used_in = BeautifulSoup(page.content, "html.parser").select_one(".field-used_in")
    link = used_in.find("a", string="Վանաձորի շուկան")
    assert link["href"] == reverse("admin:articles_article_change", args=[story.pk])


def test_a_picture_a_story_shows_cannot_be_deleted(editor_client, make_article, make_image):
    image = make_image()
    make_article("Harvest in Ararat", body=f'<p>A.</p><figure data-image="{image.pk}"></figure>')
    url = reverse("admin:articles_image_delete", args=[image.pk])
    page = editor_client.get(url)
    assert "Story: Harvest in Ararat" in page.content.decode()
    editor_client.post(url, {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()


def test_an_unused_picture_can_be_deleted(editor_client, make_image):
    image = make_image()
    editor_client.post(reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"})
    assert not Image.objects.filter(pk=image.pk).exists()


def test_the_preview_address_leads_to_the_smallest_copy(editor_client, make_image):
    image = make_image(size=(1000, 500))
    url = reverse("admin:articles_image_preview", args=[image.pk])
    response = editor_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == smallest_rendition(image.file.name, 1000, 500).url
    # Staff only, as the rest of the admin.
    assert "/admin/login/" in Client().get(url)["Location"]


def test_the_change_form_shows_the_picture_to_set_the_focal_point_on(editor_client, make_image):
    image = make_image(size=(1200, 800), focal_x=0.25, focal_y=0.4)
    html = editor_client.get(reverse("admin:articles_image_change", args=[image.pk])).content
    page = BeautifulSoup(html, "html.parser")
    picker = page.select_one("[data-focal-picker]")
    # Hidden until its script runs; the numbers work without it.
    assert picker.has_attr("hidden")
    img = picker.select_one(".focal-picker__frame img")
    assert img["src"].endswith("-800w.webp") and (img["width"], img["height"]) == ("1200", "800")
    assert picker.select_one(".focal-picker__frame")["tabindex"] == "0"
    assert page.select_one("[data-focal-numbers]").get_text().startswith("Across and down")
    assert page.find("script", src="/static/js/admin/focal-point.js")
    # No inline style: the marker is placed by the script, through CSSOM.
    assert not picker.select("[style]")
    assert page.select_one("#id_focal_x")["value"] == "0.25"


def test_before_the_worker_makes_the_copies_the_focal_picker_shows_the_original(
    editor_client, make_image
):
    # Just uploaded: the worker has not written the copies yet, so the
    # picker's picture must be the upload itself, never a copy that 404s.
    image = make_image(size=(1200, 800))
    Image.objects.filter(pk=image.pk).update(renditions_for="")
    html = editor_client.get(reverse("admin:articles_image_change", args=[image.pk])).content
    img = BeautifulSoup(html, "html.parser").select_one("[data-focal-picker] img")
    assert img["src"] == image.file.url
    assert (img["width"], img["height"]) == ("1200", "800")


def test_the_add_form_asks_for_the_focal_point_in_numbers(editor_client):
    page = BeautifulSoup(
        editor_client.get(reverse("admin:articles_image_add")).content, "html.parser"
    )
    assert not page.select("[data-focal-picker]")
    assert page.select_one("[data-focal-numbers]")
    assert page.select_one("#id_focal_x") and page.select_one("#id_focal_y")
