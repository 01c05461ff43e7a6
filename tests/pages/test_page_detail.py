"""A site page at its path: shown to readers when published, cached, 404 otherwise."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from pages.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(db) -> Page:
    return Page.objects.create(
        title="About us",
        url="/about/",
        body="<p>A small newsroom in Gyumri.</p><h2>Our editors</h2>",
        purpose=Page.Purpose.ABOUT,
        is_published=True,
    )


def test_a_published_page_shows_in_the_site_layout(client, about):
    response = client.get("/about/")
    assert response.status_code == 200
    assert [t.name for t in response.templates][:2] == ["pages/page_detail.html", "base.html"]
    html = response.content.decode()
    assert "<title>About us | The Weekly Mirror</title>" in html
    assert '<meta name="description" content="A small newsroom in Gyumri. Our editors">' in html
    assert "<h1>About us</h1>" in html
    assert "<h2>Our editors</h2>" in html
    assert 'class="masthead__title"' in html


def test_an_unpublished_page_is_404_for_readers(client, about):
    about.is_published = False
    about.save()
    response = client.get("/about/")
    assert response.status_code == 404
    assert "About us" not in response.content.decode()


def test_staff_see_an_unpublished_page_marked_as_such(editor_client, about):
    about.is_published = False
    about.save()
    response = editor_client.get("/about/")
    assert response.status_code == 200
    assert "Not published: readers cannot see this page yet." in response.content.decode()
    about.is_published = True
    about.save()
    assert "Not published" not in editor_client.get("/about/").content.decode()


def test_an_address_with_no_page_is_404(client, about):
    assert client.get("/about/team/").status_code == 404
    assert client.get("/nothing-here/").status_code == 404


def test_a_page_with_an_armenian_path_is_served(client, settings):
    page = Page.objects.create(
        title="Մեր մասին", url="/մեր-մասին/", body="<p>Տալին Մարտիրոսյան</p>", is_published=True
    )
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Մեր մասին</h1>" in html
    assert "Տալին Մարտիրոսյան" in html
    # The canonical link names the address as it is linked: percent-encoded.
    assert f'href="{settings.SITE_URL}/{quote("մեր-մասին")}/"' in html


def test_a_nested_path_is_served(client):
    Page.objects.create(title="The team", url="/about/team/", is_published=True)
    assert client.get("/about/team/").status_code == 200


def test_a_missing_slash_is_added_for_pages_and_other_screens(client, about):
    response = client.get("/about")
    assert response.status_code == 301
    assert response["Location"] == "/about/"
    # The catch-all did not take over Django's APPEND_SLASH for the rest.
    assert client.get("/search")["Location"] == "/search/"


def test_a_script_in_the_body_never_reaches_the_page(client):
    Page.objects.create(
        title="Contact",
        url="/contact/",
        body='<p>Write to us.</p><script>window.__xss=1</script><img src=x onerror="y()">',
        is_published=True,
    )
    html = client.get("/contact/").content.decode()
    assert "<p>Write to us.</p>" in html
    assert "window.__xss" not in html
    assert "onerror" not in html


def test_a_page_is_cached_and_a_save_makes_it_stale(client, about):
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    about.title = "Who we are"
    about.save()
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "miss"
    assert "<h1>Who we are</h1>" in response.content.decode()


def test_an_unpublished_page_is_not_served_from_the_cache(client, about):
    assert client.get("/about/").status_code == 200
    about.is_published = False
    about.save()
    assert client.get("/about/").status_code == 404


def test_a_page_runs_two_queries(client, about, django_assert_max_num_queries):
    # the page, the menu with the site's pages (the content state is cached)
    with django_assert_max_num_queries(2):
        assert client.get("/about/").status_code == 200


def _moved_to(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 301, url
    return response["Location"]


def test_a_published_page_moved_to_a_new_path_redirects_from_the_old(client, about):
    about.url = "/մեր-մասին/"
    about.save()
    new = "/" + quote("մեր-մասին") + "/"
    assert _moved_to(client, "/about/") == new
    assert _moved_to(client, "/about/?from=footer") == f"{new}?from=footer"
    assert client.get(new).status_code == 200
    about.url = "/about/team/"
    about.save()
    assert _moved_to(client, "/about/") == "/about/team/"
    assert _moved_to(client, new) == "/about/team/"


def test_a_moved_page_redirects_in_one_hop_from_its_old_path_without_the_slash(client, about):
    about.url = "/about/team/"
    about.save()

    assert _moved_to(client, "/about") == "/about/team/"


def test_a_new_page_may_take_an_old_path(client, about):
    about.url = "/who-we-are/"
    about.save()
    Page.objects.create(title="About the paper", url="/about/", is_published=True)
    response = client.get("/about/")
    assert response.status_code == 200
    assert "About the paper" in response.content.decode()


def test_an_unpublished_page_moved_leaves_its_old_path_a_404(client, about):
    about.is_published = False
    about.save()
    about.url = "/about-us/"
    about.save()
    assert client.get("/about/").status_code == 404
    about.is_published = True
    about.save()
    # Moved while readers could not open it, so no link to /about/ is its.
    assert client.get("/about/").status_code == 404
