"""Public pages: the front page, stories, pages per tag, source, author and section,
search, each story's ninjs document, the view-count beacon and robots.txt.

Every list here is built from `Article.objects.live()`, and each view runs a
fixed number of queries however many quotes, tags or sources a story has.
Pages readers see go through the full-page cache (`@public_page`, see
`pagecache`); the beacon is the one uncached write.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from taggit.models import Tag

from articles.media.embeds import frame_origins
from articles.models import (
    Article,
    ArticleQuerySet,
    Correction,
    Quote,
    Section,
    Source,
    story_names,
)
from articles.models.search import SEARCH_CANDIDATES, search_terms
from articles.previews import read_preview_link
from authors.models import Author, Byline, bylines_prefetch
from comments.models import page_names
from comments.threads import comments_page
from pagecache.dependencies import depends_on, names_every_row
from pagecache.middleware import public_page
from pagecache.state import fragment_keys

from . import furniture
from .highlight import highlight
from .layout import body_embeds
from .pagination import ListPage, list_page
from .structured_data import article_ninjs as ninjs_document

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


def _list_page(request: HttpRequest, queryset: QuerySet) -> ListPage:
    # Lists that grow with the archive (stories, quotes, corrections): no
    # COUNT(*), so page 1 of 100,000 rows costs what page 1 of 1,000 does.
    return list_page(queryset, request.GET.get("page"), settings.ARTICLES_PER_PAGE)


@public_page
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
    live = Article.objects.live().for_listing()
    page_number = request.GET.get("page")
    featured = None
    if page_number in (None, "", "1"):
        # `__in=[True]`, not `=True`: SQLite uses the article_featured index
        # for `is_featured IN (1)` but not for a bare `WHERE is_featured`
        # (1.0-1.3 ms against 2.3-3.4 ms at 1,000 stories, 14-23% of a cold
        # front page; `bench/shortcuts.py`).
        featured = live.filter(is_featured__in=[True]).prefetch_related(None).first()
    stories = live.exclude(pk=featured.pk) if featured else live
    page_obj = _list_page(request, stories.prefetch_related(None))
    # The featured story's bylines and the cards' in one query, not two.
    prefetch_related_objects([*filter(None, [featured]), *page_obj], bylines_prefetch())
    context = {"featured": featured, "page_obj": page_obj}
    # Each card names its story: another story's edit leaves the page cached.
    names_every_row(request)
    return render(request, "articles/front_page.html", context)


@public_page
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a story with its quotes, tags, sign-up blocks and side lists.

    Readers get a 404 for anything not live; staff see drafts and
    scheduled stories as readers will, marked as a preview. Views are
    counted by `article_viewed`, which the page's script calls, so a page
    served from the cache is counted too.

    Template: ``articles/article_detail.html``
    Context:
        article
            The story, with section and credit loaded; the template loads
            its quotes, tags and corrections (`with_page_parts()`) and
            related stories only for the fragments it does not have kept.
        is_preview
            True when a staff member is looking at a story readers cannot see.
        most_read
            This week's most read live stories other than this one (see
            `furniture.most_read_stories()`).
        fragments
            What the page's fragments are keyed on (`pagecache.state.fragment_keys()`).
        has_embeds
            True when the body has embeds: the page loads their script.
        comments
            The page of comment threads ``?comments=`` asks for
            (`comments.threads.comments_page()`); the cached page depends
            on the story's comments alone, so approving one makes only
            this story's pages stale.
    """
    visible = Article.objects.all() if request.user.is_staff else Article.objects.live()
    article = get_object_or_404(visible.for_page_row(), slug=slug)
    # The page names every story it shows (this one, its related and most
    # read lists' cards), so another story's edit leaves it cached.
    depends_on(request, [*page_names([article.pk]), *story_names([article.pk])])
    names_every_row(request)
    context = {
        "article": article,
        "is_preview": not article.is_live,
        "most_read": furniture.most_read_stories(besides=article),
        "fragments": fragment_keys(),
        "comments": comments_page(article, request.GET.get("comments")),
    }
    return _render_story(request, article, context)


def _render_story(request: HttpRequest, article: Article, context: dict) -> HttpResponse:
    # The story's own embeds decide its frame-src: each page may frame the
    # players it shows, and no page any other (django-csp's per-response
    # update, which the page cache keeps with the page).
    embeds = body_embeds(article)
    response = render(
        request, "articles/article_detail.html", {**context, "has_embeds": bool(embeds)}
    )
    if embeds:
        response._csp_update = {"frame-src": frame_origins(embeds)}  # type: ignore[attr-defined]
    return response


def article_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Show an unpublished story to whoever holds its signed share link.

    Once the story is live the link redirects to it, however old the link:
    readers given it before publication land on the story. An expired or
    forged link to a story readers cannot see gets a page saying so (410
    Gone).

    Template: ``articles/article_detail.html`` (or ``articles/preview_expired.html``)
    Context: ``article``, ``is_preview`` (always True), ``fragments``.
    """
    link = read_preview_link(token)
    response: HttpResponse
    if link is not None and link.article.is_live:
        # Temporary: unpublished again, the story shows through the link again.
        response = redirect(link.article.get_absolute_url())
    elif link is None or link.expired:
        response = render(request, "articles/preview_expired.html", status=410)
    else:
        context = {"article": link.article, "is_preview": True, "fragments": fragment_keys()}
        response = _render_story(request, link.article, context)
    # The token is the key: keep it out of other sites' logs and search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@public_page
def corrections(request: HttpRequest) -> HttpResponse:
    """List corrections and updates on live stories, newest first.

    Template: ``articles/corrections.html``
    Context: ``page_obj``, a page of corrections with their articles.
    """
    notes = Correction.objects.live().select_related("article")
    return render(request, "articles/corrections.html", {"page_obj": _list_page(request, notes)})


@csrf_exempt
@require_POST
def article_viewed(request: HttpRequest, slug: str) -> HttpResponse:
    """Count one reader's view of a live story (the page's beacon); answer 204.

    CSRF-exempt on purpose: it changes nothing but a counter, and pages
    served from the cache send it without a form. Staff, obvious bots (by
    User-Agent) and stories readers cannot see are not counted.
    """
    if not request.user.is_staff and not _is_bot(request):
        # One UPDATE, atomic in the database: concurrent readers are all counted.
        Article.objects.live().filter(slug=slug).update(view_count=F("view_count") + 1)
    return HttpResponse(status=204)


@public_page
def article_ninjs(request: HttpRequest, slug: str) -> JsonResponse:
    """Return a live story as IPTC ninjs 2.0 JSON, for partners to syndicate."""
    article = get_object_or_404(Article.objects.live().for_page(), slug=slug)
    response = JsonResponse(ninjs_document(article), json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ninjs+json; charset=utf-8"
    return response


@public_page
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """List the live stories with a tag.

    Template: ``articles/tag_detail.html``
    Context: ``tag``, ``page_obj``.
    """
    tag = get_object_or_404(Tag, slug=slug)
    stories = Article.objects.live().for_listing().tagged(tag)
    context = {"tag": tag, "page_obj": _list_page(request, stories)}
    names_every_row(request)  # each card names its story
    return render(request, "articles/tag_detail.html", context)


@public_page
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
    credited: ArticleQuerySet | list[Article] = []
    if source.kind == Source.Kind.OUTLET:
        credited = Article.objects.live().for_listing().filter(credit=source)
        credited = credited[: settings.ARTICLES_PER_PAGE]
    context = {"source": source, "page_obj": _list_page(request, quotes), "credited": credited}
    return render(request, "articles/source_detail.html", context)


@public_page
def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show an author: photo, role, bio, links and their live stories, newest first.

    Their e-mail address is never on the page.

    Template: ``articles/author_detail.html``
    Context: ``author`` (with photo and links), ``page_obj``.
    """
    author = get_object_or_404(Author.objects.for_page(), slug=slug)
    bylined = Byline.objects.filter(author=author).values("article_id")
    stories = Article.objects.live().for_listing().filter(pk__in=bylined)
    context = {"author": author, "page_obj": _list_page(request, stories)}
    names_every_row(request)  # each card names its story
    return render(request, "articles/author_detail.html", context)


@public_page
def author_list(request: HttpRequest) -> HttpResponse:
    """List the newsroom's staff authors by name (guest contributors are not).

    Template: ``articles/author_list.html``
    Context: ``authors``, the staff authors with their photos.
    """
    authors = Author.objects.staff().select_related("photo")
    names_every_row(request)  # it shows no story at all
    return render(request, "articles/author_list.html", {"authors": authors})


@public_page
def section_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """List the live stories of a section.

    Template: ``articles/section_detail.html``
    Context: ``section``, ``page_obj``.
    """
    section = get_object_or_404(Section, slug=slug)
    stories = Article.objects.live().for_listing().filter(section=section)
    context = {"section": section, "page_obj": _list_page(request, stories)}
    names_every_row(request)  # each card names its story
    return render(request, "articles/section_detail.html", context)


@public_page
def search(request: HttpRequest) -> HttpResponse:
    """Search live stories: headline matches first, then by rank, paginated.

    Any query is safe: an empty one or one with no words shows the form
    and no results, never an error.

    Template: ``articles/search.html``
    Context:
        query
            The reader's query as typed (trimmed).
        page_obj
            A page of matching stories (None for an empty query), each with
            `headline_html` and `snippet` (escaped, terms in `<mark>`).
        capped
            True when more stories match than are ranked (the newest
            SEARCH_CANDIDATES are).
    """
    query = request.GET.get("q", "").strip()
    terms = search_terms(query)
    page_obj = None
    if terms:
        found = Article.objects.live().search(query).select_related("section", "credit")
        page_obj = _paginate(request, found)
        for story in page_obj:
            story.headline_html = highlight(story.headline, terms)
            story.snippet = highlight(story.dek + " " + story.body, terms, words=32)
    capped = page_obj is not None and page_obj.paginator.count >= SEARCH_CANDIDATES
    context = {"query": query, "page_obj": page_obj, "capped": capped}
    return render(request, "articles/search.html", context)


@public_page
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Tell crawlers what not to index and where the sitemaps are."""
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")
