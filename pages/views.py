"""`page_detail`: a site page at its path, as `flatpages.views.flatpage` serves one."""

from __future__ import annotations

import unicodedata

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from articles.media.embeds import frame_origins
from pagecache.middleware import public_page
from reader.layout import html_embeds, page_segments

from .models import Page


@public_page
def page_detail(request: HttpRequest, url: str) -> HttpResponse:
    """Show the published page at `url`, or a 404.

    Staff who may view pages also see unpublished ones, so "View on site"
    works before a page is published; their pages are never cached
    (`pagecache`). The body is laid out as a story's is: library pictures
    and galleries in place, links to known providers as embeds.

    Template: ``pages/page_detail.html``
    Context:
        page
            The `Page`.
        segments
            Its body's segments (`reader.layout.page_segments()`).
        has_embeds
            True when the body has embeds: the page loads their script.
    """
    # The path arrives decoded; stored paths are NFKC (`normalise_path`).
    path = unicodedata.normalize("NFKC", f"/{url}")
    pages = Page.objects.all()
    if not request.user.has_perm("pages.view_page"):
        pages = pages.published()
    page = pages.filter(url=path).first()
    if page is None:
        raise Http404("No page at this address")
    embeds = html_embeds(page.body)
    context = {"page": page, "segments": page_segments(page.body), "has_embeds": bool(embeds)}
    response = render(request, "pages/page_detail.html", context)
    if embeds:
        # As on a story: the page may frame the players it shows, no other.
        response._csp_update = {"frame-src": frame_origins(embeds)}  # type: ignore[attr-defined]
    return response
