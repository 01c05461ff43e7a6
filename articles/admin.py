"""The editors' admin: stories with their quotes, sources and sections."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from django_prose_editor.fields import ProseEditorFormField

from .admin_pages import find_quotes_page, import_story_page
from .models import Article, Quote, Section, Source
from .pagination import EstimatedCountPaginator

# What the body editor offers; articles/sanitize.py keeps the same allow-list
# on the server, whatever a browser sends.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "History": True,
    "HTML": True,
}


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
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


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["speaker", "via"]
    fields = [("speaker", "via"), "text", ("position", "order", "is_pull_quote")]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "headline",
        "status",
        "publish_at",
        "section",
        "tag_list",
        "view_count",
        "is_featured",
    ]
    list_display_links = ["thumbnail", "headline"]
    list_filter = [
        "status",
        "section",
        "is_featured",
        # Every outlet (a few dozen rows), not "outlets used by some story",
        # which reads the whole story table on each page view.
        "credit",
        # Relative dates instead of date_hierarchy, whose year links need a
        # DISTINCT over every story's publish time.
        ("publish_at", admin.DateFieldListFilter),
        "tags",
    ]
    list_select_related = ["section"]
    list_per_page = 50
    # A count of the whole table on every page view gets slow on a big archive.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    search_fields = ["headline", "dek", "body", "byline"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["credit"]
    readonly_fields = ["preview_link", "view_count", "created_at", "updated_at"]
    save_on_top = True
    inlines = [QuoteInline]
    actions = ["publish_selected", "unpublish_selected", "find_quotes"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "slug",
                    "dek",
                    "byline",
                    ("dateline", "credit"),
                    ("original_url", "canonical_is_original"),
                ]
            },
        ),
        ("Story", {"fields": ["body"]}),
        (
            "Hero image",
            {"fields": ["hero_image", "hero_caption", "hero_credit", "hero_alt"]},
        ),
        (
            "Publishing",
            {
                "fields": [
                    ("status", "publish_at"),
                    ("section", "is_featured"),
                    "tags",
                    ("signup_placement", "signup_after_paragraph"),
                    "preview_link",
                    ("view_count", "created_at", "updated_at"),
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["css/newsroom-admin.css"]}

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs) -> forms.Field:
        if db_field.name == "body":
            return ProseEditorFormField(
                extensions=BODY_EDITOR_EXTENSIONS,
                widget=AdminTextareaWidget,
                required=False,
                help_text=db_field.help_text,
            )
        if db_field.name == "dek":
            kwargs["widget"] = AdminTextareaWidget(attrs={"rows": 3})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).prefetch_related("tags")

    def get_urls(self) -> list:
        import_page = self.admin_site.admin_view(self.import_story_view)
        return [
            path("import/", import_page, name="articles_article_import"),
            *super().get_urls(),
        ]

    def import_story_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        return import_story_page(self, request)

    @admin.display(description="")
    def thumbnail(self, article: Article) -> str:
        if not article.hero_image:
            return ""
        return format_html(
            '<img class="article-thumb" src="{}" alt="" width="64" height="43" loading="lazy">',
            article.hero_image.url,
        )

    @admin.display(description="Tags")
    def tag_list(self, article: Article) -> str:
        return format_html_join(", ", "{}", ((tag.name,) for tag in article.tags.all()))

    @admin.display(description="Preview")
    def preview_link(self, article: Article) -> str:
        if not article.pk:
            return "Save the story to preview it."
        label = "View on site" if article.is_live else "Preview as readers will see it"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', article.get_absolute_url(), label
        )

    @admin.action(description="Publish selected stories (scheduled ones keep their time)")
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = 0
        for article in queryset:
            article.publish()
            count += 1
        self.message_user(request, f"Published or scheduled {count} stories.", messages.SUCCESS)

    @admin.action(description="Unpublish selected stories (back to draft)")
    def unpublish_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = 0
        for article in queryset:
            article.unpublish()
            count += 1
        self.message_user(request, f"Unpublished {count} stories.", messages.SUCCESS)

    @admin.action(description="Find quotes in the selected stories (you choose which to add)")
    def find_quotes(self, request: HttpRequest, queryset: QuerySet[Article]) -> HttpResponse | None:
        return find_quotes_page(self, request, queryset)


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "via", "article", "is_pull_quote"]
    list_filter = ["is_pull_quote"]
    list_select_related = ["speaker", "via", "article"]
    search_fields = ["text", "speaker__name", "article__headline"]
    autocomplete_fields = ["article", "speaker", "via"]
