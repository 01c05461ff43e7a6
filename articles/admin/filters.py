"""List filters for the story admin that stay small on a big archive."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from taggit.models import Tag


class TagFilter(admin.SimpleListFilter):
    """Filter the story list by one tag.

    Django's filter for a many-to-many field lists every tag: thousands of
    links on a newsroom's archive, rendered on every page of the list.
    Instead each tag in the list's Tags column links to this filter (as in
    WordPress), and the sidebar shows the chosen tag with "All" to clear it.
    """

    title = "tag"
    parameter_name = "tag"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        chosen = Tag.objects.filter(slug=self.value()).first() if self.value() else None
        return [(chosen.slug, chosen.name)] if chosen else []

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class AuthorFilter(admin.SimpleListFilter):
    """Filter the story list by one author on its bylines.

    As with tags, listing every author on every page of the list would
    grow with the newsroom: the author list's story counts link here, and
    the sidebar shows the chosen author with "All" to clear it.
    """

    title = "author"
    parameter_name = "author"

    def _author_id(self) -> int | None:
        try:
            return int(self.value() or "")
        except ValueError:
            return None

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        from authors.models import Author

        author_id = self._author_id()
        chosen = Author.objects.filter(pk=author_id).first() if author_id is not None else None
        return [(str(chosen.pk), chosen.name)] if chosen else []

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        from authors.models import Byline

        if self.value() is None:
            return queryset
        author_id = self._author_id()
        if author_id is None:
            # Not an author's id (a hand-edited address): no story is theirs.
            return queryset.none()
        bylined = Byline.objects.filter(author_id=author_id).values("article_id")
        return queryset.filter(pk__in=bylined)
