"""Every old WordPress address redirects to a page that answers 200."""

from __future__ import annotations

import pytest

from articles.models import Article, Image
from redirects.models import Redirect
from wordpress.importing import import_wordpress
from wordpress.models import WordPressItem

from .conftest import shared_export


def _follow_all(client) -> dict[str, int]:
    # Each old address, with its trailing slash and without, answers one
    # redirect straight to its page: {address: what that page answers}.
    answers = {}
    for redirect in Redirect.objects.all():
        olds = [redirect.old_address]
        if not redirect.query and redirect.old_path != "/":
            olds.append(f"{redirect.old_path}/")
        for old in olds:
            response = client.get(old)
            assert response.status_code == 301, old
            answers[old] = client.get(response["Location"]).status_code
    return answers


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/2024/03/rebuilding-the-old-market/", "/articles/rebuilding-the-old-market/"),
        ("/2024/03/market-reopens/", "/articles/rebuilding-the-old-market/"),
        ("/?p=101", "/articles/rebuilding-the-old-market/"),
        ("/category/news/shirak/", "/sections/shirak/"),
        ("/category/news/shirak/feed/", "/sections/shirak/feed/"),
        ("/tag/earthquake/", "/tags/earthquake/"),
        ("/tag/earthquake/feed/", "/tags/earthquake/feed/"),
        ("/author/anahit/", "/authors/anahit-petrosyan/"),
        ("/?page_id=150", "/about/"),
        ("/?cat=6", "/sections/shirak/"),
        ("/?cat=5", "/sections/news/"),
        ("/category/culture/", "/tags/culture/"),
        ("/category/culture/feed/", "/tags/culture/feed/"),
        ("/?cat=7", "/tags/culture/"),
        ("/?tag_id=10", "/tags/earthquake/"),
        ("/?author=2", "/authors/anahit-petrosyan/"),
        ("/?author=3", "/authors/garo-hovsepian/"),
        ("/2024/03/rebuilding-the-old-market", "/articles/rebuilding-the-old-market/"),
        ("/2024/03/market-reopens", "/articles/rebuilding-the-old-market/"),
        ("/category/news/shirak", "/sections/shirak/"),
        ("/tag/earthquake", "/tags/earthquake/"),
        ("/author/anahit", "/authors/anahit-petrosyan/"),
        ("/comments/feed/", "/feed/"),
    ],
)
def test_old_addresses_redirect(imported, client, old, new):
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new


def test_armenian_old_link_redirects(imported, client):
    story = Article.objects.get(slug="հիշողության-օր")

    response = client.get(
        "/2023/11/%d5%b0%d5%ab%d5%b7%d5%b8%d5%b2%d5%b8%d6%82%d5%a9%d5%b5%d5%a1%d5%b6-%d6%85%d6%80/"
    )

    assert response["Location"] == story.get_absolute_url()


def test_a_picture_file_address_redirects_to_the_library_file(imported, client):
    # The market picture's link is its attachment page, not its file.
    market = WordPressItem.objects.get(kind="attachment", wp_key="201")
    image = Image.objects.get(pk=market.object_id)

    for old in ("/wp-content/uploads/2024/03/market.jpg", "/wp-content/uploads/2024/03/stalls.jpg"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].startswith("/media/"), old
    assert client.get("/wp-content/uploads/2024/03/market.jpg")["Location"] == image.file.url


def test_a_shared_link_with_campaign_parameters_redirects_too(imported, client):
    response = client.get("/?p=101&utm_source=newsletter&utm_medium=email")

    assert response.status_code == 301
    assert response["Location"] == "/articles/rebuilding-the-old-market/"


def test_a_story_renamed_here_keeps_its_old_addresses_one_hop_away(imported, client):
    story = Article.objects.get(slug="rebuilding-the-old-market")
    story.slug = "market-hall-reopens"
    story.save()

    for old in ("/2024/03/rebuilding-the-old-market/", "/?p=101", "/2024/03/market-reopens"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == "/articles/market-hall-reopens/", old


def test_drafts_and_scheduled_stories_get_no_redirect(imported, client):
    assert client.get("/?p=104").status_code == 200  # the front page, not a redirect
    assert not Redirect.objects.filter(query="p=105").exists()


def test_every_redirect_target_answers_200(imported, client):
    answers = _follow_all(client)

    assert answers
    assert {old: code for old, code in answers.items() if code != 200} == {}


def test_second_import_adds_no_redirects(imported, export, uploads):
    count = Redirect.objects.count()

    import_wordpress(export, uploads=uploads)

    assert Redirect.objects.count() == count


def test_theme_unit_test_redirect_targets_answer_200(db, client):
    import_wordpress(shared_export("theme-unit-test-data.xml"))

    answers = _follow_all(client)

    assert len(answers) > 100
    assert any(old.startswith("/?cat=") for old in answers)
    assert any(old.startswith("/?tag_id=") for old in answers)
    assert {old: code for old, code in answers.items() if code != 200} == {}
