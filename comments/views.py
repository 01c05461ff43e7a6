"""Comment pages: posting (from the form on cached story pages), replying, confirming.

The form sits on story pages served from the page cache, the same bytes
for every reader, so it carries no CSRF token: a post another site's page
sent is refused by its browser headers instead (`same_origin_only`), as
the newsletter sign-up is. The confirmation link lands on a page with a
button that POSTs, so mail scanners following links confirm nobody.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from articles.models import Article
from newsroom.client_address import client_ip
from newsroom.origin import same_origin_only

from .forms import CommentForm
from .models import Comment
from .posting import confirm_address, post_comment, reply_target
from .tokens import BadToken, ExpiredToken, read_confirm_token


def _live_story(article_id: int) -> Article:
    article = Article.objects.live().select_related("section").filter(pk=article_id).first()
    if article is None:
        raise Http404("No such story")
    return article


@same_origin_only
@require_http_methods(["GET", "POST"])
def post(request: HttpRequest, article_id: int) -> HttpResponse:
    """Post a comment on a live story, and say what became of it.

    A GET leads to the story's comments. A closed story answers 403, a
    story readers cannot see 404, a form with errors 400 with the form
    again and the text kept; nothing is saved in any of these.

    Template: ``comments/posted.html`` (``posted``: a `Posted`, ``article``),
    ``comments/form_page.html`` (``form``, ``article``, ``parent``) or
    ``comments/closed.html`` (``article``).
    """
    article = _live_story(article_id)
    if request.method == "GET":
        return redirect(f"{article.get_absolute_url()}#comments")
    if not article.comments_open:
        return render(request, "comments/closed.html", {"article": article}, status=403)
    form = CommentForm(request.POST, auto_id="comment-page-%s")
    parent = None
    if form.is_valid():
        try:
            parent = reply_target(article, form.cleaned_data["parent"])
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        context = {"form": form, "article": article, "parent": None}
        return render(request, "comments/form_page.html", context, status=400)
    data = form.cleaned_data
    posted = post_comment(
        article,
        name=data["name"],
        email=data["email"],
        body=data["body"],
        parent=parent,
        client=client_ip(request),
        user_agent=request.headers.get("User-Agent", ""),
        referrer=request.headers.get("Referer", ""),
        honeypot=form.is_bot,
    )
    return render(request, "comments/posted.html", {"posted": posted, "article": article})


@require_GET
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an approved comment with the form to reply to it (works without JavaScript).

    Template: ``comments/form_page.html``
    Context: ``parent`` (the comment), ``article``, ``form`` (None when
    the story is closed).
    """
    parent = get_object_or_404(Comment.objects.approved().select_related("article"), pk=pk)
    article = _live_story(parent.article_id)
    form = None
    if article.comments_open:
        form = CommentForm(initial={"parent": parent.pk}, auto_id="comment-page-%s")
    return render(
        request, "comments/form_page.html", {"form": form, "article": article, "parent": parent}
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm a first-time commenter's address from the link in the e-mail.

    GET shows a button; its POST confirms. A second visit, an expired or a
    forged link shows a page saying so and changes nothing.

    Template: ``comments/confirm.html``
    Context: ``outcome`` ("ask", "confirmed", "already", "expired" or
    "invalid"), ``comment`` when the link is valid.
    """
    try:
        comment = read_confirm_token(token)
    except ExpiredToken:
        return render(request, "comments/confirm.html", {"outcome": "expired"}, status=400)
    except BadToken:
        comment = None
    if comment is None:
        return render(request, "comments/confirm.html", {"outcome": "invalid"}, status=400)
    if comment.commenter.is_confirmed:
        outcome = "already"
    elif request.method == "GET":
        outcome = "ask"
    else:
        outcome = "confirmed" if confirm_address(comment) else "already"
    return render(request, "comments/confirm.html", {"outcome": outcome, "comment": comment})
