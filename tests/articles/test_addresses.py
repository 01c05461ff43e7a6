"""Slug addresses are exactly what `reverse()` gives, only cheaper."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from articles.addresses import slug_url

NAMES = ["articles:article_detail", "articles:section_detail", "articles:source_detail"]
SLUGS = ["roads", "a-b_c-9", "X", "slug-placeholder", "0"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("slug", SLUGS)
def test_slug_url_is_what_reverse_gives(name, slug):
    assert slug_url(name, slug) == reverse(name, args=[slug])


def test_slug_url_follows_the_script_prefix():
    set_script_prefix("/news/")
    try:
        assert slug_url("articles:article_detail", "roads") == "/news/articles/roads/"
    finally:
        clear_script_prefix()
    assert slug_url("articles:article_detail", "roads") == "/articles/roads/"


@pytest.mark.parametrize("slug", ["", "two words", "a/b", "ünï"])
def test_a_slug_the_converter_refuses_fails_as_reverse_does(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("articles:article_detail", slug)
