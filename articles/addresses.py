"""Addresses of public pages, without walking the URL resolver each time.

A page of story cards links each story and its section, and the masthead
and footer link the same fixed pages everywhere: `reverse()` walked the
URL resolver for every link, about 50 a page. The address of a page that
takes no argument is reversed once, and so is the address around a slug
(the same for every slug), with the slug put in between. Both are kept per
URL resolver and script prefix; keyed on the resolver, they are dropped
with Django's own URL caches (a changed ROOT_URLCONF gets a new resolver).
A slug the `<slug:>` converter would refuse still goes through `reverse()`
and fails as it always did.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.urls import URLResolver, get_resolver, get_script_prefix, get_urlconf, reverse

# What Django's `<slug:>` path converter matches; such text is never quoted.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "slug-placeholder"


@lru_cache(maxsize=64)
def _around_slug(viewname: str, resolver: URLResolver, prefix: str) -> tuple[str, str]:
    # Both are part of the key only: reverse() finds the same ones itself.
    url = reverse(viewname, urlconf=resolver.urlconf_name, args=[_PLACEHOLDER])
    head, _, tail = url.partition(_PLACEHOLDER)
    return head, tail


@lru_cache(maxsize=64)
def _fixed(viewname: str, resolver: URLResolver, prefix: str) -> str:
    return reverse(viewname, urlconf=resolver.urlconf_name)


def fixed_url(viewname: str) -> str:
    """Return `reverse(viewname)` for a URL taking no arguments."""
    return _fixed(viewname, get_resolver(get_urlconf()), get_script_prefix())


def slug_url(viewname: str, slug: str) -> str:
    """Return `reverse(viewname, args=[slug])` for a URL taking one slug."""
    if not SLUG.fullmatch(slug):
        return reverse(viewname, args=[slug])
    head, tail = _around_slug(viewname, get_resolver(get_urlconf()), get_script_prefix())
    return head + slug + tail
