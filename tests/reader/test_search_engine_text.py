"""A story's title and description for search engines, where editors wrote them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from articles.models import Article


def _head(client, story: Article) -> dict[str, str]:
    html = client.get(story.get_absolute_url()).content.decode()
    found = {"title": re.search(r"<title>(.*?)</title>", html, re.S)[1].strip()}
    for name, value in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', html):
        found[name] = value
    return found


def test_without_them_the_headline_and_dek_are_used(client, make_article):
    story = make_article("Ջրի գինը բարձրանում է", dek="<p>The council votes on Tuesday.</p>")

    head = _head(client, story)

    assert head["title"].startswith("Ջրի գինը բարձրանում է | ")
    assert head["description"] == "The council votes on Tuesday."
    assert head["og:title"] == "Ջրի գինը բարձրանում է"


def test_the_title_and_description_written_for_search_engines_win(client, make_article):
    story = make_article(
        "Council votes to raise the price of water for the first time in nine years",
        dek="<p>The council votes on Tuesday.</p>",
        seo_title="Gyumri water price rise: what it costs you",
        search_description="Households pay 12% more from March; pensioners are exempt.",
    )

    head = _head(client, story)

    assert head["title"].startswith("Gyumri water price rise: what it costs you | ")
    assert head["description"] == head["og:description"] == head["twitter:description"]
    assert head["description"] == "Households pay 12% more from March; pensioners are exempt."
    assert head["og:title"] == head["twitter:title"] == "Gyumri water price rise: what it costs you"


@pytest.mark.parametrize("field", ["seo_title", "search_description"])
def test_editors_find_them_on_the_story_form(editor_client, make_article, field):
    story = make_article("Water")

    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk]))

    assert f'name="{field}"' in page.content.decode()
