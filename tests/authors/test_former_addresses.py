"""An author whose slug changes keeps answering at the old address, feeds too."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse

from articles.models import FormerAddress
from tests.support.admin_forms import rendered_form

pytestmark = pytest.mark.django_db


def _moved_to(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 301, url
    return response["Location"]


def test_an_author_renamed_in_the_admin_redirects_from_the_old_page(
    editor_client, client, make_author
):
    author = make_author("Tatev Hakobyan")
    url = reverse("admin:authors_author_change", args=[author.pk])
    data = rendered_form(editor_client.get(url).content.decode(), "author_form")
    data.update(name="Տաթև Հակոբյան", slug="տաթեւ-հակոբյան")
    assert editor_client.post(url, data).status_code == 302
    new = f"/authors/{quote('տաթեւ-հակոբյան')}/"
    assert _moved_to(client, "/authors/tatev-hakobyan/") == new
    response = client.get(new)
    assert response.status_code == 200
    assert "Տաթև Հակոբյան" in response.content.decode()


def test_the_old_feeds_lead_to_the_new_feeds_with_the_query_string(client, make_author):
    author = make_author("Olga Smirnova")
    author.slug = "ольга-смирнова"
    author.save()
    new = quote("ольга-смирнова")
    assert _moved_to(client, "/authors/olga-smirnova/feed/") == f"/authors/{new}/feed/"
    assert _moved_to(client, "/authors/olga-smirnova/feed/atom/") == f"/authors/{new}/feed/atom/"
    assert _moved_to(client, "/authors/olga-smirnova/?page=2") == f"/authors/{new}/?page=2"


def test_every_address_an_author_had_leads_to_the_newest(client, make_author):
    author = make_author("Eleni Papadopoulou")
    for slug in ("eleni-p", "ελένη-παπαδοπούλου"):
        author.slug = slug
        author.save()
    assert _moved_to(client, "/authors/eleni-papadopoulou/") == author.get_absolute_url()
    assert _moved_to(client, "/authors/eleni-p/") == author.get_absolute_url()


def test_a_new_author_may_take_an_old_address(client, make_author):
    first = make_author("Cagri Ozturk")
    first.slug = "çağrı-öztürk"
    first.save()
    make_author("Cagri Ozturk Junior", slug="cagri-ozturk")
    response = client.get("/authors/cagri-ozturk/")
    assert response.status_code == 200
    assert "Cagri Ozturk Junior" in response.content.decode()


def test_saving_an_author_without_a_new_slug_leaves_no_former_address(make_author):
    author = make_author("Mark Dunn", role="Sub-editor")
    author.role = "Chief sub-editor"
    author.save()
    assert not FormerAddress.objects.exists()


def test_editors_see_an_authors_former_address_in_the_admin(editor_client, make_author):
    author = make_author("Ani Avagyan")
    author.slug = "ani-avagyan-yerevan"
    author.save()
    html = editor_client.get("/admin/articles/formeraddress/").content.decode()
    assert 'href="/authors/ani-avagyan/"' in html
