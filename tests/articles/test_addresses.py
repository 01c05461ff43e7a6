"""Page addresses are exactly what `reverse()` gives, only cheaper."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from articles.addresses import fixed_url, id_url, slug_url, tag_url

NAMES = ["articles:article_detail", "articles:section_detail", "articles:source_detail"]
SLUGS = [
    "roads",
    "a-b_c-9",
    "X",
    "slug-placeholder",
    "0",
    "ünï",
    "երեւան",
    "kemal-aydoğan",
    "αθήνα",
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("slug", SLUGS)
def test_slug_url_is_what_reverse_gives(name, slug):
    assert slug_url(name, slug) == reverse(name, args=[slug])


@pytest.mark.parametrize("slug", SLUGS)
def test_tag_url_is_the_tag_page_reverse_gives(slug):
    assert tag_url(slug) == reverse("articles:tag_detail", args=[slug])


@pytest.mark.parametrize("name", ["articles:front_page", "articles:feed", "newsletter:signup"])
def test_fixed_url_is_what_reverse_gives(name):
    assert fixed_url(name) == reverse(name)


@pytest.mark.parametrize("pk", [1, 9, 10, 918273645, 2**40])
@pytest.mark.parametrize("name", ["comments:reply", "comments:post"])
def test_id_url_is_what_reverse_gives(name, pk):
    assert id_url(name, pk) == reverse(name, args=[pk])


def test_addresses_follow_the_script_prefix():
    set_script_prefix("/news/")
    try:
        assert slug_url("articles:article_detail", "roads") == "/news/articles/roads/"
        assert fixed_url("articles:search") == "/news/search/"
        assert id_url("comments:reply", 7) == "/news/comments/reply/7/"
    finally:
        clear_script_prefix()
    assert slug_url("articles:article_detail", "roads") == "/articles/roads/"
    assert fixed_url("articles:search") == "/search/"


def test_page_url_tag_prints_what_the_url_tag_does():
    source = "{% load article_tags %}{% TAG 'articles:feed' %} {% TAG 'articles:tag_detail' 'x' %}"
    rendered = [
        Template(source.replace("TAG", tag)).render(Context()) for tag in ("url", "page_url")
    ]
    assert rendered[0] == rendered[1] == "/feed/ /tags/x/"


@pytest.mark.parametrize("slug", ["", "two words", "a/b", "🎉", "a.b"])
def test_a_slug_the_converter_refuses_fails_as_reverse_does(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("articles:article_detail", slug)
