"""The authors' admin and the bylines on the story form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from authors.models import Author
from tests.support.admin_forms import article_form, change_url, rendered_form

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:authors_author_changelist")


def test_the_author_list_searches_name_role_and_email(editor_client, make_author):
    make_author("Տաթև Հակոբյան", role="Yerevan correspondent")
    make_author("Mark Dunn", email="mark@desk.example")
    make_author("Çağrı Öztürk")
    for query, found in [
        ("Հակոբյան", "Տաթև Հակոբյան"),
        ("correspondent", "Տաթև Հակոբյան"),
        ("desk.example", "Mark Dunn"),
        ("Öztürk", "Çağrı Öztürk"),
    ]:
        shown = editor_client.get(CHANGELIST, {"q": query}).context["cl"].result_list
        assert [author.name for author in shown] == [found]


def test_the_author_list_counts_stories_in_one_query(
    editor_client, make_author, make_article, add_bylines, django_assert_max_num_queries
):
    for n in range(10):
        author = make_author(f"Writer {n}")
        for _ in range(n % 3):
            add_bylines(make_article(), author)
    # session + user, the page of authors with counts and accounts (no
    # query per row), its count, the filter's choices
    with django_assert_max_num_queries(6):
        response = editor_client.get(CHANGELIST)
    rows = {author.name: author.story_count for author in response.context["cl"].result_list}
    assert rows["Writer 2"] == 2 and rows["Writer 3"] == 0
    html = response.content.decode()
    writer = Author.objects.get(name="Writer 2")
    assert f'href="/admin/articles/article/?author={writer.pk}">2</a>' in html


def test_the_author_list_filters_staff_and_contributors(editor_client, make_author):
    make_author("Staff Writer")
    make_author("Guest Writer", kind=Author.Kind.CONTRIBUTOR)
    shown = editor_client.get(CHANGELIST, {"kind__exact": "contributor"}).context["cl"].result_list
    assert [author.name for author in shown] == ["Guest Writer"]


def test_the_story_list_filters_by_author(editor_client, make_article, make_author, add_bylines):
    author = make_author("Ani Avagyan")
    mine = make_article("Hers")
    make_article("Not hers")
    add_bylines(mine, author)
    response = editor_client.get(
        reverse("admin:articles_article_changelist"), {"author": author.pk}
    )
    assert [story.headline for story in response.context["cl"].result_list] == ["Hers"]
    assert "Ani Avagyan" in response.content.decode()
    everything = editor_client.get(reverse("admin:articles_article_changelist"), {"author": "x"})
    assert everything.status_code == 200


def test_bylines_saved_through_the_story_form_keep_their_order(
    editor_client, make_article, make_author
):
    story = make_article("Joint reporting")
    first, second = make_author("Ani Avagyan"), make_author("Mark Dunn")
    data = article_form(story)
    data.update(
        {
            "bylines-TOTAL_FORMS": "2",
            "bylines-0-author": str(second.pk),
            "bylines-0-role": "Photos by",
            "bylines-0-position": "2",
            "bylines-1-author": str(first.pk),
            "bylines-1-role": "",
            "bylines-1-position": "1",
        }
    )
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert [(b.author.name, b.role) for b in story.bylines.all()] == [
        ("Ani Avagyan", ""),
        ("Mark Dunn", "Photos by"),
    ]
    # The form shows them in that order, and saves them back unchanged.
    html = editor_client.get(change_url(story)).content.decode()
    assert html.index("Ani Avagyan") < html.index("Mark Dunn")
    assert (
        editor_client.post(change_url(story), rendered_form(html, "article_form")).status_code
        == 302
    )
    assert [b.author.name for b in story.bylines.all()] == ["Ani Avagyan", "Mark Dunn"]
    html = editor_client.get(story.get_absolute_url()).content.decode()
    assert html.index("Ani Avagyan") < html.index("Mark Dunn")


def test_an_author_with_stories_cannot_be_deleted_from_under_them(
    make_article, make_author, add_bylines
):
    from django.db.models import ProtectedError

    author = make_author("Ani Avagyan")
    add_bylines(make_article(), author)
    with pytest.raises(ProtectedError):
        author.delete()


def test_a_contributor_keeps_their_own_author_record_and_no_one_elses(
    client, contributor, make_author
):
    own = make_author("Contributor Self", user=contributor, kind=Author.Kind.CONTRIBUTOR)
    other = make_author("Someone Else")
    client.force_login(contributor)
    listed = client.get(CHANGELIST).context["cl"].result_list
    assert [author.name for author in listed] == ["Contributor Self"]
    url = reverse("admin:authors_author_change", args=[own.pk])
    data = rendered_form(client.get(url).content.decode(), "author_form")
    data["bio"] = "Writes from Gyumri."
    assert client.post(url, data).status_code == 302
    own.refresh_from_db()
    assert own.bio == "Writes from Gyumri."
    assert own.user == contributor and own.kind == Author.Kind.CONTRIBUTOR
    elsewhere = reverse("admin:authors_author_change", args=[other.pk])
    assert client.get(elsewhere).status_code in (302, 403)
    assert client.post(elsewhere, {"name": "Hijacked"}).status_code in (302, 403)
    other.refresh_from_db()
    assert other.name == "Someone Else"
    assert client.get(reverse("admin:authors_author_add")).status_code == 403


def test_a_contributor_may_put_any_author_on_a_byline(client, contributor, make_author):
    make_author("Someone Else")
    client.force_login(contributor)
    found = client.get(
        "/admin/autocomplete/",
        {"term": "Someone", "app_label": "authors", "model_name": "byline", "field_name": "author"},
    ).json()
    assert [row["text"] for row in found["results"]] == ["Someone Else"]
