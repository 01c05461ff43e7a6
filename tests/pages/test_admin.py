"""Editors write site pages in the admin: the form, the list, history, View on site."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pages.models import Page
from tests.support.admin_forms import rendered_form

pytestmark = pytest.mark.django_db

ADD = reverse("admin:pages_page_add")
CHANGELIST = reverse("admin:pages_page_changelist")


def _form(**fields) -> dict:
    data = {
        "title": "Մեր մասին",
        "url": "մեր-մասին",
        "body": "<p>Written by Տալին Մարտիրոսյան.</p><script>alert(1)</script>",
        "purpose": Page.Purpose.ABOUT,
        "placement": Page.Placement.BOTH,
        "order": "1",
        "is_published": "on",
    }
    return {**data, **fields}


def test_an_editor_writes_a_page_that_readers_then_find(editor_client, client):
    response = editor_client.post(ADD, _form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = Page.objects.get()
    assert page.url == "/մեր-մասին/"
    assert page.body == "<p>Written by Տալին Մարտիրոսյան.</p>"
    client.logout()
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Written by Տալին Մարտիրոսյան." in html
    assert f'<a href="{page.get_absolute_url()}">Մեր մասին</a>' in client.get("/").content.decode()


def test_the_form_opens_with_the_story_body_editor_and_saves_back_unchanged(editor_client):
    editor_client.post(ADD, _form())
    page = Page.objects.get()
    url = reverse("admin:pages_page_change", args=[page.pk])
    html = editor_client.get(url).content.decode()
    assert "prose-editor" in html
    assert "View on site" in html
    data = rendered_form(html, "page_form")
    data["title"] = "About the Mirror"
    assert editor_client.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.title == "About the Mirror"
    assert page.url == "/մեր-մասին/"
    assert page.body == "<p>Written by Տալին Մարտիրոսյան.</p>"


def test_view_on_site_leads_to_the_page(editor_client):
    editor_client.post(ADD, _form(url="/about/"))
    page = Page.objects.get()
    html = editor_client.get(reverse("admin:pages_page_change", args=[page.pk])).content.decode()
    shortcut = html.split('class="viewsitelink"', 1)[0].rsplit('href="', 1)[1].split('"', 1)[0]
    response = editor_client.get(shortcut)
    assert response.status_code == 302
    assert response["Location"].endswith("/about/")


def test_a_path_the_site_uses_is_refused_with_a_message(editor_client):
    response = editor_client.post(ADD, _form(url="/corrections/"))
    assert response.status_code == 200
    assert "/corrections/ is already an address of the site" in response.content.decode()
    assert not Page.objects.exists()


def test_a_second_privacy_policy_is_refused(editor_client):
    privacy = {"purpose": Page.Purpose.PRIVACY_POLICY}
    assert editor_client.post(ADD, _form(url="/privacy/", **privacy)).status_code == 302
    response = editor_client.post(ADD, _form(url="/privacy-2/", **privacy))
    assert response.status_code == 200
    assert "Another page already has this purpose." in response.content.decode()
    assert Page.objects.count() == 1


def test_the_list_shows_and_filters_the_pages(editor_client):
    Page.objects.create(title="Contact", url="/contact/", purpose=Page.Purpose.CONTACT)
    Page.objects.create(title="Çağrı Öztürk", url="/çağrı/", is_published=True)
    html = editor_client.get(CHANGELIST).content.decode()
    assert "Contact" in html and "/contact/" in html and "Çağrı Öztürk" in html
    published = editor_client.get(CHANGELIST, {"is_published__exact": "1"}).content.decode()
    assert "Çağrı Öztürk" in published and "/contact/" not in published
    found = editor_client.get(CHANGELIST, {"q": "Öztürk"}).content.decode()
    assert "Çağrı Öztürk" in found and "/contact/" not in found


def test_every_save_is_kept_in_the_history(editor_client):
    editor_client.post(ADD, _form(title="Old title"))
    page = Page.objects.get()
    page.title = "New title"
    page.save()
    html = editor_client.get(reverse("admin:pages_page_history", args=[page.pk])).content.decode()
    assert page.history.count() == 2
    # Both versions are listed, the first to restore from.
    assert "Old title" in html and "New title" in html
    first = page.history.order_by("history_date").first()
    restore = reverse("admin:pages_page_simple_history", args=[page.pk, first.history_id])
    assert restore in html


@pytest.mark.parametrize(
    ("title", "path"),
    [
        ("Մեր մասին", "/մեր-մասին/"),
        ("Ödeme şartları", "/ödeme-şartları/"),
        ("Σχετικά με εμάς", "/σχετικά-με-εμάς/"),
        ("О газете", "/о-газете/"),
    ],
)
def test_a_page_left_without_a_path_gets_one_from_its_title(editor_client, title, path):
    response = editor_client.post(ADD, _form(title=title, url=""))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Page.objects.get().url == path


def test_a_path_made_from_the_title_is_refused_when_taken(editor_client):
    editor_client.post(ADD, _form(title="Contact", url="", purpose=Page.Purpose.CONTACT))
    response = editor_client.post(ADD, _form(title="Contact", url="", purpose=Page.Purpose.OTHER))
    assert response.status_code == 200
    assert "Page with this Path already exists." in response.content.decode()
    assert Page.objects.count() == 1


def test_a_title_with_no_letters_needs_a_path(editor_client):
    response = editor_client.post(ADD, _form(title="—", url=""))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Page.objects.exists()


MAP_IFRAME = (
    '<iframe src="https://www.google.com/maps/embed?pb=!1m14!1m12!1m3!1d760.2!2d43.84'
    '!3d40.79!2m3!1f0!2f0!3f0!3m2!1i1024!2i768!4f13.1!5e0!3m2!1shy!2sam!4v1764800000001" '
    'width="600" height="450" style="border:0;" allowfullscreen="" loading="lazy"></iframe>'
)


def test_a_pasted_map_becomes_an_embed_on_the_page_and_the_editor_is_told(editor_client, client):
    body = f"<p>Find us in Գյումրի:</p>{MAP_IFRAME}"
    response = editor_client.post(ADD, _form(url="/contact/", body=body), follow=True)
    assert "it became an embed from Google Maps" in response.content.decode()
    page = Page.objects.get()
    assert page.body.startswith(
        '<p>Find us in Գյումրի:</p><p><a href="https://www.google.com/maps/embed?pb=!1m14'
    )
    client.logout()
    reader = client.get(page.get_absolute_url())
    assert 'data-embed-src="https://www.google.com/maps/embed?pb=!1m14' in reader.content.decode()
    assert "https://www.google.com" in reader["Content-Security-Policy"]


def test_the_page_editor_checks_pasted_code_on_the_server(editor_client):
    html = editor_client.get(ADD).content.decode()
    url = reverse("admin:pages_page_pasted_code")
    assert f'src="/static/js/admin-embed-code.js" data-url="{url}"' in html
    answer = editor_client.post(url, {"code": MAP_IFRAME}).json()
    assert answer["html"].startswith('<p><a href="https://www.google.com/maps/embed?pb=')
    assert answer["changes"] == [
        "Removed an <iframe> from www.google.com; it became an embed from Google Maps."
    ]
