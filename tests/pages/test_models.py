"""The rules of a site page: its path, its purpose, its body."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from pages.models import Page, normalise_path

pytestmark = pytest.mark.django_db


def _page(**fields) -> Page:
    fields.setdefault("title", "About us")
    fields.setdefault("url", "/about/")
    return Page(**fields)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("about", "/about/"),
        ("/about", "/about/"),
        ("about/", "/about/"),
        (" /about/team ", "/about/team/"),
        ("//about//team//", "/about/team/"),
        # Pasted from the browser's address bar.
        ("/%D5%B4%D5%A5%D6%80-%D5%B4%D5%A1%D5%BD%D5%AB%D5%B6/", "/մեր-մասին/"),
        # A ligature and its letters are one path, as in slugs.
        ("/և/", "/եւ/"),
    ],
)
def test_a_path_is_stored_in_one_form(typed, stored):
    assert normalise_path(typed) == stored
    page = _page(url=typed)
    page.full_clean()
    assert page.url == stored
    page.url = typed
    page.save()
    assert Page.objects.get().url == stored


@pytest.mark.parametrize("path", ["/մեր-մասին/", "/о-нас/", "/σχετικά/", "/hakkımızda/"])
def test_paths_in_other_scripts_are_allowed(path):
    _page(url=path).full_clean()


@pytest.mark.parametrize(
    "path",
    [
        "/search/",
        "/corrections/",
        "/tags/gyumri/",
        "/articles/some-story/",
        "/sections/arts/",
        "/newsletter/signup/",
        "/admin/",
        "/admin/anything/",
        "/media/photo/",
        "/feed/",
    ],
)
def test_a_path_the_site_already_answers_is_refused(path):
    with pytest.raises(ValidationError) as refused:
        _page(url=path).full_clean()
    assert "already an address of the site" in str(refused.value.message_dict["url"])


def test_a_path_among_the_static_files_is_refused():
    with pytest.raises(ValidationError, match="static files"):
        _page(url="/static/about/").full_clean()


@pytest.mark.parametrize("path", ["/", "", "/about us/", "/about.html/", "/about?x=1/"])
def test_a_path_without_a_proper_segment_is_refused(path):
    with pytest.raises(ValidationError) as refused:
        _page(url=path).full_clean()
    assert "url" in refused.value.message_dict


def test_two_pages_cannot_share_a_path():
    _page().save()
    with pytest.raises(ValidationError) as refused:
        _page(title="Another", url="about").full_clean()
    assert "url" in refused.value.message_dict


def test_each_purpose_but_other_has_one_page_at_most():
    _page(purpose=Page.Purpose.PRIVACY_POLICY).save()
    with pytest.raises(ValidationError, match="Another page already has this purpose"):
        _page(url="/privacy/", purpose=Page.Purpose.PRIVACY_POLICY).full_clean()
    _page(url="/jobs/").save()
    _page(url="/history/").save()
    _page(url="/team/").full_clean()
    assert Page.objects.filter(purpose=Page.Purpose.OTHER).count() == 2


def test_the_body_is_sanitised_on_save_and_on_the_way_out():
    page = _page(body='<p onclick="x()">Hello</p><script>alert(1)</script><iframe></iframe>')
    page.save()
    page.refresh_from_db()
    assert page.body == "<p>Hello</p>"
    # A row written some other way is cleaned when shown.
    Page.objects.filter(pk=page.pk).update(body="<p>Hi</p><script>alert(1)</script>")
    page.refresh_from_db()
    assert page.body_html == "<p>Hi</p>"


def test_the_address_of_a_page_is_percent_encoded():
    assert _page(url="/մեր-մասին/").get_absolute_url() == (
        "/%D5%B4%D5%A5%D6%80-%D5%B4%D5%A1%D5%BD%D5%AB%D5%B6/"
    )


def test_the_summary_is_the_bodys_first_words_as_text():
    page = _page(body="<p>Small &amp; independent <strong>since 1998</strong>.</p>")
    page.save()
    assert page.summary == "Small & independent since 1998."
    assert _page(body="").summary == "About us"


def test_querysets_tell_published_menu_footer_and_the_privacy_policy():
    about = Page.objects.create(
        title="About", url="/about/", placement=Page.Placement.BOTH, is_published=True
    )
    contact = Page.objects.create(
        title="Contact", url="/contact/", placement=Page.Placement.FOOTER, is_published=True
    )
    team = Page.objects.create(
        title="Team", url="/team/", placement=Page.Placement.MENU, is_published=True
    )
    Page.objects.create(title="Draft", url="/draft/", placement=Page.Placement.BOTH)
    hidden = Page.objects.create(
        title="Privacy",
        url="/privacy/",
        purpose=Page.Purpose.PRIVACY_POLICY,
        placement=Page.Placement.NEITHER,
    )
    assert set(Page.objects.published()) == {about, contact, team}
    assert list(Page.objects.in_menu()) == [about, team]
    assert list(Page.objects.in_footer()) == [about, contact]
    assert Page.objects.privacy_policy() is None
    hidden.is_published = True
    hidden.save()
    assert Page.objects.privacy_policy() == hidden
