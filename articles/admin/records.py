"""The admin of what stories refer to: sections, sources, quotes, former addresses."""

from __future__ import annotations

from urllib.parse import unquote

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from ..addresses import slug_url
from ..models import FormerAddress, Quote, Section, Source


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "comments_open"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "role", "affiliation", "quote_count"]
    list_filter = ["kind"]
    list_select_related = ["affiliation"]
    search_fields = ["name", "role", "aliases", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["affiliation"]
    ordering = ["name"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["kind", "name", "slug", "role", "affiliation", "url", "aliases", "description"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return super().get_queryset(request).with_quote_counts()

    @admin.display(description="Quotes", ordering="quote_count")
    def quote_count(self, source: Source) -> int:
        return source.quote_count


@admin.register(Quote)
class QuoteAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "speaker", "via", "article", "is_pull_quote"]
    list_filter = ["is_pull_quote"]
    list_select_related = ["speaker", "via", "article"]
    search_fields = ["text", "speaker__name", "article__headline"]
    autocomplete_fields = ["article", "speaker", "via"]


@admin.register(FormerAddress)
class FormerAddressAdmin(admin.ModelAdmin):
    """The old addresses that redirect, kept by the models as slugs change.

    Read-only: a row appears when an editor changes the slug of a public
    page. Deleting one makes its old address a 404 again.
    """

    list_display = ["slug", "kind", "old_address", "created_at"]
    list_filter = ["kind"]
    search_fields = ["slug"]
    fields = ["kind", "slug", "object_id", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description="Address")
    def old_address(self, former: FormerAddress) -> str:
        # The old address itself: following it shows where it leads now,
        # at no cost to the list.
        if former.kind == FormerAddress.Kind.PAGE:
            url = reverse("pages:page_detail", kwargs={"url": former.slug.lstrip("/")})
        else:
            url = slug_url(f"articles:{former.kind}_detail", former.slug)
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, unquote(url))
