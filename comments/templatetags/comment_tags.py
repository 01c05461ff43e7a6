"""Comments in templates: a story's count with its link, a comment's text."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles.models import Article
from pagecache.dependencies import depends_on

from ..markup import threads_html
from ..models import Comment, page_names
from ..text import comment_html

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_count(
    context: template.Context, story: Article, css_class: str = "meta__comments"
) -> SafeString:
    """Return "12 comments", linked to the story's comments.

    The page being built then depends on the story's comments, so the
    page cache serves it again only while the count is unchanged.
    """
    request = context.get("request")
    if request is not None:
        depends_on(request, page_names([story.pk]))
    count = story.comment_count
    return format_html(
        '<a class="{}" href="{}#comments">{} comment{}</a>',
        css_class,
        story.get_absolute_url(),
        f"{count:,}",
        "" if count == 1 else "s",
    )


@register.filter
def as_comment(text: str) -> SafeString:
    """Return a comment's plain text as escaped paragraphs with safe links."""
    return comment_html(text)


@register.simple_tag
def comment_threads(threads: list[Comment], replies_open: bool) -> SafeString:
    """Return a page of comment threads as list items (`comments.markup`)."""
    return threads_html(threads, replies_open=replies_open)


@register.simple_tag
def comment_max_length() -> int:
    """Return the longest comment the form takes, in characters."""
    return settings.COMMENTS_MAX_LENGTH
