"""The authors' admin, and the bylines inline of the story form.

Editors keep every author; a contributor sees and edits only the author
record linked to their own account, but may put any author on a byline
(the byline's author search lists them all).
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from .models import Author, AuthorLink, Byline


def _keeps_every_author(request: HttpRequest) -> bool:
    # Editors may add authors; contributors only keep their own record.
    return request.user.has_perm("authors.add_author")


def _is_autocomplete(request: HttpRequest) -> bool:
    # The byline inline's author search: it lists every author to anyone
    # who may edit a story, whoever's record is theirs.
    match = request.resolver_match
    return match is not None and match.url_name == "autocomplete"


class AuthorLinkInline(admin.TabularInline):
    model = AuthorLink
    extra = 0
    fields = ["label", "url", "order"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class BylineInline(admin.TabularInline):
    """The story's bylines, in order, on the story form."""

    model = Byline
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["author", "role", "position"]
    verbose_name_plural = "Bylines (printed in position order; the byline text above comes last)"


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "kind", "stories", "user"]
    list_filter = ["kind"]
    search_fields = ["name", "role", "email"]
    inlines = [AuthorLinkInline]
    fields = ["name", "slug", "kind", "role", "bio", "photo", "email", "user"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Author]:
        authors = super().get_queryset(request)
        if _is_autocomplete(request):
            return authors
        if not _keeps_every_author(request):
            authors = authors.filter(user=request.user)
        return authors.with_story_counts().select_related("user")

    def get_readonly_fields(self, request: HttpRequest, obj: Author | None = None) -> list[str]:
        # Who is staff, and whose account a record is, are the editors' call.
        return [] if _keeps_every_author(request) else ["kind", "user"]

    def has_view_permission(self, request: HttpRequest, obj: Author | None = None) -> bool:
        return super().has_view_permission(request, obj) and self._may_touch(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Author | None = None) -> bool:
        return super().has_change_permission(request, obj) and self._may_touch(request, obj)

    def _may_touch(self, request: HttpRequest, obj: Author | None) -> bool:
        if obj is None or _keeps_every_author(request):
            return True
        return obj.user_id == request.user.pk

    @admin.display(description="stories", ordering="story_count")
    def stories(self, author: Author) -> str:
        # Links to the story list filtered by this author (AuthorFilter).
        url = reverse("admin:articles_article_changelist") + f"?author={author.pk}"
        return format_html('<a href="{}">{}</a>', url, author.story_count)
