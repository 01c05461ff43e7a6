"""`page_detail`: a site page at its path, as `flatpages.views.flatpage` serves one."""

from __future__ import annotations

import unicodedata

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pagecache.middleware import public_page

from .models import Page


@public_page
def page_detail(request: HttpRequest, url: str) -> HttpResponse:
    """Show the published page at `url`, or a 404.

    Staff who may view pages also see unpublished ones, so "View on site"
    works before a page is published; their pages are never cached
    (`pagecache`).

    Template: ``pages/page_detail.html``
    Context: ``page``, the `Page`.
    """
    # The path arrives decoded; stored paths are NFKC (`normalise_path`).
    path = unicodedata.normalize("NFKC", f"/{url}")
    pages = Page.objects.all()
    if not request.user.has_perm("pages.view_page"):
        pages = pages.published()
    page = pages.filter(url=path).first()
    if page is None:
        raise Http404("No page at this address")
    return render(request, "pages/page_detail.html", {"page": page})
