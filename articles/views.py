"""Public pages: the front page, stories, and pages per tag, source and section.

Every list here is built from `Article.objects.live()`, and each view runs a
fixed number of queries however many quotes, tags or sources a story has.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from .models import Article, Correction, Quote, Section, Source
from .previews import article_from_token

# User agents that say they are crawlers, link previewers, scripts or headless
# browsers (Playwright's Chromium calls itself HeadlessChrome): not readers.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|headless|lighthouse|facebookexternalhit|"
    r"embedly|curl|wget|python-|go-http-client|java/|okhttp|httpclient|monitor",
    re.IGNORECASE,
)


def _is_bot(request: HttpRequest) -> bool:
    # A missing User-Agent is not proof of a bot; only an announced one counts.
    return bool(BOT_USER_AGENT.search(request.headers.get("User-Agent", "")))


def _paginate(request: HttpRequest, queryset: QuerySet) -> Page:
    # get_page() turns a bad or out-of-range ?page= into a valid page, not a 404.
    return Paginator(queryset, settings.ARTICLES_PER_PAGE).get_page(request.GET.get("page"))


def front_page(request: HttpRequest) -> HttpResponse:
    """Show the featured story, then the latest live stories, paginated.

    Template: ``articles/front_page.html``
    Context:
        featured
            The newest live featured story (None when there is none, or on
            pages after the first).
        page_obj
            A page of the other live stories, newest first.
    """
    live = Article.objects.live().for_listing().prefetch_related("tags")
    page_number = request.GET.get("page")
    featured = None
    if page_number in (None, "", "1"):
        featured = live.filter(is_featured=True).first()
    stories = live.exclude(pk=featured.pk) if featured else live
    context = {"featured": featured, "page_obj": _paginate(request, stories)}
    return render(request, "articles/front_page.html", context)


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a story with its quotes, tags and sign-up blocks.

    Readers get a 404 for anything not live; staff see drafts and
    scheduled stories as readers will, marked as a preview. A reader's visit
    is counted; staff and obvious bots (by User-Agent) are not.

    Template: ``articles/article_detail.html``
    Context:
        article
            The story, with quotes (speaker and via), tags, section and
            credit loaded.
        is_preview
            True when a staff member is looking at a story readers cannot see.
    """
    visible = Article.objects.all() if request.user.is_staff else Article.objects.live()
    article = get_object_or_404(visible.for_page(), slug=slug)
    is_preview = not article.is_live
    if not is_preview and not request.user.is_staff and not _is_bot(request):
        # One UPDATE, atomic in the database: concurrent readers are all counted.
        Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)
    context = {"article": article, "is_preview": is_preview}
    return render(request, "articles/article_detail.html", context)


def article_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Show an unpublished story to whoever holds its signed share link.

    An expired or forged link, or one to a story that is live by now, gets a
    page saying so (410 Gone), with a link to the story once it is live.

    Template: ``articles/article_detail.html`` (or ``articles/preview_expired.html``)
    Context: ``article``, ``is_preview`` (always True).
    """
    article = article_from_token(token)
    if article is None or article.is_live:
        context = {"article": article if article and article.is_live else None}
        response = render(request, "articles/preview_expired.html", context, status=410)
    else:
        response = render(
            request, "articles/article_detail.html", {"article": article, "is_preview": True}
        )
    # The token is the key: keep it out of other sites' logs and search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def corrections(request: HttpRequest) -> HttpResponse:
    """List corrections and updates on live stories, newest first.

    Template: ``articles/corrections.html``
    Context: ``page_obj``, a page of corrections with their articles.
    """
    notes = Correction.objects.live().select_related("article")
    return render(request, "articles/corrections.html", {"page_obj": _paginate(request, notes)})


def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """List the live stories with a tag.

    Template: ``articles/tag_detail.html``
    Context: ``tag``, ``page_obj``.
    """
    tag = get_object_or_404(Tag, slug=slug)
    stories = Article.objects.live().for_listing().filter(tagged_items__tag=tag)
    context = {"tag": tag, "page_obj": _paginate(request, stories)}
    return render(request, "articles/tag_detail.html", context)


def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a source and everything they said across live stories.

    Template: ``articles/source_detail.html``
    Context:
        source
            The person, organisation or outlet, with its affiliation.
        page_obj
            A page of their quotes in live stories, newest story first, each
            with its article and via.
        credited
            For an outlet, the latest live stories it is credited on.
    """
    source = get_object_or_404(Source.objects.select_related("affiliation"), slug=slug)
    quotes = (
        Quote.objects.filter(speaker=source, article__in=Article.objects.live())
        .select_related("article", "via")
        .order_by("-article__publish_at", "article_id", "order")
    )
    credited = []
    if source.kind == Source.Kind.OUTLET:
        credited = Article.objects.live().for_listing().filter(credit=source)
        credited = credited[: settings.ARTICLES_PER_PAGE]
    context = {"source": source, "page_obj": _paginate(request, quotes), "credited": credited}
    return render(request, "articles/source_detail.html", context)


def section_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """List the live stories of a section.

    Template: ``articles/section_detail.html``
    Context: ``section``, ``page_obj``.
    """
    section = get_object_or_404(Section, slug=slug)
    stories = Article.objects.live().for_listing().filter(section=section)
    context = {"section": section, "page_obj": _paginate(request, stories)}
    return render(request, "articles/section_detail.html", context)
