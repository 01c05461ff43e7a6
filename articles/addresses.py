"""Addresses of public pages, without walking the URL resolver each time.

A page of story cards links each story and its section, and the masthead
and footer link the same fixed pages everywhere: `reverse()` walked the
URL resolver for every link, about 40 on the front page and 45 on a story.
`slug_url()` takes 15 µs a link against 30-48 µs for `reverse()`: 6-14% of
a cold front page and 3-9% of a cold story page (`bench/shortcuts.py`,
1,000 stories, CPU time). The address of a page that takes no argument is
reversed once, and so is the address around a slug (the same for every
slug), with the slug put in between. Both are kept per
URL resolver and script prefix; keyed on the resolver, they are dropped
with Django's own URL caches (a changed ROOT_URLCONF gets a new resolver).
A slug the `<uslug:>` converter would refuse still goes through `reverse()`
and fails as it always did.

Slugs keep the letters of every script (`articles/models/slugs.py`):
`UnicodeSlugConverter` matches them in paths, and a link carries them
percent-encoded as UTF-8, exactly as `reverse()` writes them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from django.urls import URLResolver, get_resolver, get_script_prefix, get_urlconf, reverse

# What the slug rule makes (`models/slugs.py`): letters and digits of any
# script, hyphens and underscores. Django's `<slug:>` takes ASCII only.
SLUG_PATTERN = r"[-\w]+"
SLUG = re.compile(SLUG_PATTERN)
_PLACEHOLDER = "slug-placeholder"
# A number that stands for a row's id in an address, as the slug above does.
_ID_PLACEHOLDER = 918273645


class UnicodeSlugConverter:
    """Match a slug of any script in a path: `<uslug:slug>`.

    The path arrives decoded. It is NFKC-normalised, as slugs are when
    they are made, so an address typed with `և` or sent in decomposed form
    (as some systems copy text) finds the slug stored as `եւ`.
    """

    regex = SLUG_PATTERN

    def to_python(self, value: str) -> str:
        return unicodedata.normalize("NFKC", value)

    def to_url(self, value: str) -> str:
        return value


@lru_cache(maxsize=64)
def _around_slug(viewname: str, resolver: URLResolver, prefix: str) -> tuple[str, str]:
    # Both are part of the key only: reverse() finds the same ones itself.
    url = reverse(viewname, urlconf=resolver.urlconf_name, args=[_PLACEHOLDER])
    head, _, tail = url.partition(_PLACEHOLDER)
    return head, tail


@lru_cache(maxsize=64)
def _fixed(viewname: str, resolver: URLResolver, prefix: str) -> str:
    return reverse(viewname, urlconf=resolver.urlconf_name)


@lru_cache(maxsize=64)
def _around_id(viewname: str, resolver: URLResolver, prefix: str) -> tuple[str, str]:
    url = reverse(viewname, urlconf=resolver.urlconf_name, args=[_ID_PLACEHOLDER])
    head, _, tail = url.partition(str(_ID_PLACEHOLDER))
    return head, tail


def fixed_url(viewname: str) -> str:
    """Return `reverse(viewname)` for a URL taking no arguments."""
    return _fixed(viewname, get_resolver(get_urlconf()), get_script_prefix())


def slug_url(viewname: str, slug: str) -> str:
    """Return `reverse(viewname, args=[slug])` for a URL taking one slug."""
    if not SLUG.fullmatch(slug):
        return reverse(viewname, args=[slug])
    head, tail = _around_slug(viewname, get_resolver(get_urlconf()), get_script_prefix())
    # What reverse() does to such a slug: letters outside ASCII as UTF-8
    # percent escapes, the rest as it is.
    return head + (slug if slug.isascii() else quote(slug)) + tail


def id_url(viewname: str, pk: int) -> str:
    """Return `reverse(viewname, args=[pk])` for a URL taking one ``<int:>`` id.

    Each comment's reply link is one: about 55 µs a link through
    ``{% url %}``, 8 ms of a cold story page with 150 comments
    (`bench/cold_renders.py --profile`).
    """
    head, tail = _around_id(viewname, get_resolver(get_urlconf()), get_script_prefix())
    return f"{head}{int(pk)}{tail}"


def tag_url(slug: str) -> str:
    """Return the address of the tag page for the tag `slug`.

    taggit's `Tag` has no `get_absolute_url()`: code linking a tag page
    builds the address here, as a story's or a source's comes from its model.
    """
    return slug_url("articles:tag_detail", slug)
