"""Redirects: answered before a 404, and before the cached home page for ?p=ID."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Section
from pages.models import Page
from redirects.csv_import import import_redirects_csv
from redirects.models import Redirect


def test_old_path_redirects_permanently_and_counts_hits(db, client, make_article):
    story = make_article(headline="Market", status="published")
    Redirect.objects.add("/2024/03/market/", story.get_absolute_url())

    response = client.get("/2024/03/market/")

    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200
    assert Redirect.objects.get().hit_count == 1


def test_trailing_slash_and_encoding_do_not_matter(db, client):
    Redirect.objects.add("/2023/11/%d5%b0%d5%b8%d6%82%d5%b7/", "/search/")

    assert client.get("/2023/11/հուշ").status_code == 301
    assert client.get("/2023/11/%D5%B0%D5%B8%D6%82%D5%B7/").status_code == 301


def test_long_armenian_paths_are_kept(db, client):
    long_path = "/" + "-".join(["հայաստանի"] * 60) + "/"
    assert len(long_path) > 500
    Redirect.objects.add(long_path, "/search/")

    assert client.get(long_path)["Location"] == "/search/"


def test_home_page_query_forms_redirect_even_when_the_home_page_is_cached(db, client):
    assert client.get("/").status_code == 200  # now in the page cache
    Redirect.objects.add("/?p=123", "/search/")
    Redirect.objects.add("/?page_id=7", "/corrections/")

    assert client.get("/?p=123")["Location"] == "/search/"
    assert client.get("/?page_id=7")["Location"] == "/corrections/"
    for query in ("cat=5", "tag_id=9", "author=2"):
        Redirect.objects.add(f"/?{query}", "/search/")
        assert client.get(f"/?{query}")["Location"] == "/search/", query
    assert client.get("/?utm_source=x").status_code == 200


def test_home_page_query_forms_redirect_with_other_parameters_too(db, client):
    Redirect.objects.add("/?p=123", "/search/")
    Redirect.objects.add("/?p=123&lang=en", "/corrections/")

    assert client.get("/?p=123&utm_source=x&fbclid=y")["Location"] == "/search/"
    assert client.get("/?utm_campaign=z&p=123")["Location"] == "/search/"
    # One made for the whole query string wins.
    assert client.get("/?lang=en&p=123")["Location"] == "/corrections/"
    assert client.get("/?p=999&utm_source=x").status_code == 200


def test_a_home_page_query_kept_as_the_front_page_redirects_once_it_is_added(db, client):
    assert client.get("/?p=123").status_code == 200
    assert client.get("/?p=123")["X-Page-Cache"] == "hit"
    Redirect.objects.add("/?p=123", "/search/")

    assert client.get("/?p=123")["Location"] == "/search/"


def test_a_live_page_wins_over_a_redirect(db, client):
    Redirect.objects.add("/search/", "/corrections/")

    assert client.get("/search/").status_code == 200


def test_an_old_address_without_its_slash_redirects_in_one_hop(db, client, make_article):
    story = make_article(headline="Market", status="published")
    Redirect.objects.add("/2024/03/market/", story.get_absolute_url())

    response = client.get("/2024/03/market")

    # Not to /2024/03/market/ first (the slash), then on: straight there.
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()


def test_a_live_page_wins_over_a_redirect_without_its_slash_too(db, client):
    Redirect.objects.add("/search/", "/corrections/")

    response = client.get("/search")

    assert response.status_code == 301
    assert response["Location"] == "/search/"
    assert Redirect.objects.get().hit_count == 0


def test_an_address_without_its_slash_and_no_redirect_gets_the_slash(
    db, client, django_assert_max_num_queries
):
    # The 404 page's content state and section menu, the one look for a
    # former address and the one for a redirect, as at the slashed address.
    with django_assert_max_num_queries(4):
        response = client.get("/nothing-here?x=1")

    assert response.status_code == 301
    assert response["Location"] == "/nothing-here/?x=1"


def test_redirects_to_a_page_follow_it_when_its_address_changes(db, client):
    section = Section.objects.create(name="Diaspora", slug="diaspora")
    Redirect.objects.add("/category/diaspora/", "/sections/diaspora/")
    Redirect.objects.add("/category/diaspora/feed/", "/sections/diaspora/feed/")
    Redirect.objects.add("/category/diasporas/", "/sections/diasporas/")
    Redirect.objects.add("/elsewhere/", "https://example.org/sections/diaspora/")

    section.slug = "community"
    section.save()

    assert client.get("/category/diaspora/")["Location"] == "/sections/community/"
    assert client.get("/category/diaspora/feed/")["Location"] == "/sections/community/feed/"
    assert client.get("/category/diasporas/")["Location"] == "/sections/diasporas/"
    assert client.get("/elsewhere/")["Location"] == "https://example.org/sections/diaspora/"


def test_redirects_to_a_site_page_follow_it_when_it_moves(db, client):
    page = Page.objects.create(title="About us", url="/about/", is_published=True)
    Redirect.objects.add("/?page_id=7", "/about/")

    page.url = "/about/team/"
    page.save()

    assert client.get("/?page_id=7")["Location"] == "/about/team/"


def test_temporary_redirect_is_a_302(db, client):
    Redirect.objects.add("/old/", "/search/", permanent=False)

    assert client.get("/old/").status_code == 302


def test_csv_import_adds_and_changes_and_names_bad_lines(db):
    Redirect.objects.add("/a/", "/search/")

    result = import_redirects_csv(
        "old,target\n/a/,/corrections/\n/b/,https://elsewhere.example/\nnot-a-path,/x/\n/c/\n"
    )

    assert (result.added, result.changed) == (1, 1)
    assert result.errors == [
        "Line 4: the old address must be a path starting with /.",
        "Line 5: give the old address and the target.",
    ]
    assert Redirect.objects.matching("/a").target == "/corrections/"


def test_admin_csv_import_page(editor_client):
    url = reverse("admin:redirects_redirect_import")
    assert editor_client.get(url).status_code == 200

    upload = SimpleUploadedFile("r.csv", b"/old-x/,/search/\n", content_type="text/csv")
    response = editor_client.post(url, {"file": upload})

    assert response.status_code == 302
    assert Redirect.objects.matching("/old-x/").target == "/search/"


def test_admin_lists_and_edits_redirects(editor_client):
    Redirect.objects.add("/a/", "/search/")
    redirect = Redirect.objects.get()

    assert editor_client.get(reverse("admin:redirects_redirect_changelist")).status_code == 200
    response = editor_client.post(
        reverse("admin:redirects_redirect_change", args=[redirect.pk]),
        {
            "old_path": "/a/",
            "query": "",
            "target": "/corrections/",
            "permanent": "on",
            "source": "",
        },
    )

    assert response.status_code == 302
    assert Redirect.objects.get().target == "/corrections/"
