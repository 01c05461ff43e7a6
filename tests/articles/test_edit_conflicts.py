"""Two editors on one story: the stale save is refused and nothing typed is lost."""

import pytest
from django.test import Client

from tests.support.admin_forms import article_form, change_url

pytestmark = pytest.mark.django_db


def _open(user, article) -> tuple[Client, dict]:
    """Open the change form as `user`; return the client and the form's values."""
    client = Client()
    client.force_login(user)
    form = client.get(change_url(article)).context["adminform"].form
    return client, {"loaded_version": form["loaded_version"].value()}


def _post(client, article, opened, **fields):
    return client.post(change_url(article), article_form(article, **opened, **fields))


def test_the_second_save_of_a_stale_form_is_refused_and_shows_the_text_back(
    desk_editor, make_member, make_article
):
    article = make_article("Shared Story", body="<p>Start.</p>")
    other = make_member("Editors", "other-editor")
    first, first_opened = _open(desk_editor, article)
    second, second_opened = _open(other, article)

    assert (
        _post(first, article, first_opened, body="<p>First editor's text.</p>").status_code == 302
    )
    response = _post(second, article, second_opened, body="<p>Second editor's careful text.</p>")

    assert response.status_code == 200
    html = response.content.decode()
    assert "desk saved this story" in html
    assert change_url(article) in html
    # What the second editor typed is still in the form.
    assert "Second editor&#x27;s careful text." in html or "Second editor's careful text." in html
    article.refresh_from_db()
    assert article.body == "<p>First editor's text.</p>"


def test_ticking_overwrite_saves_the_second_version_on_purpose(
    desk_editor, make_member, make_article
):
    article = make_article("Shared Story")
    first, first_opened = _open(desk_editor, article)
    second, second_opened = _open(make_member("Editors"), article)
    _post(first, article, first_opened, headline="First Version")
    response = _post(second, article, second_opened, headline="Second Version", overwrite="on")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Second Version"


def test_a_fresh_form_saves_normally(desk_editor, make_article):
    article = make_article("Solo Story")
    client, opened = _open(desk_editor, article)
    assert _post(client, article, opened, headline="Solo Story, Edited").status_code == 302
    client, opened = _open(desk_editor, article)
    assert _post(client, article, opened, headline="Edited Twice").status_code == 302


@pytest.mark.parametrize("slug", ["", "second-version"], ids=["cleared", "changed"])
def test_a_stale_save_with_a_new_slug_is_refused_and_links_the_stored_address(
    desk_editor, make_member, make_article, slug
):
    # A cleared slug asks for one made from the new headline (it was a 500
    # here); the form shown again links the story where it is until saved.
    article = make_article("Shared Story")
    first, first_opened = _open(desk_editor, article)
    second, second_opened = _open(make_member("Editors"), article)
    _post(first, article, first_opened, headline="First Version")
    response = _post(second, article, second_opened, headline="Second Version", slug=slug)
    assert response.status_code == 200
    html = response.content.decode()
    assert "desk saved this story" in html
    assert f'href="{article.get_absolute_url()}"' in html
