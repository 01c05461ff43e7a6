"""Addresses of the pages named by a slug: stories, sections, sources, tags.

A page of story cards links each story and its section, and `reverse()`
walks the URL resolver for every link (about 50 a page). The address
around the slug is the same for every slug, so it is reversed once per
URL name, URL resolver and script prefix, and each slug is put in
between. Keyed on the resolver, it is dropped with Django's own URL caches
(a changed ROOT_URLCONF gets a new resolver).
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


def slug_url(viewname: str, slug: str) -> str:
    """Return `reverse(viewname, args=[slug])` for a URL taking one slug."""
    if not SLUG.fullmatch(slug):
        return reverse(viewname, args=[slug])
    head, tail = _around_slug(viewname, get_resolver(get_urlconf()), get_script_prefix())
    return head + slug + tail
