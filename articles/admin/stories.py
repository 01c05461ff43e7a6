"""The story admin: the list, the form with its quotes, corrections and status history,
the workflow actions and the Import story and Find quotes pages."""

from __future__ import annotations

from functools import partialmethod

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext
from django_prose_editor.fields import ProseEditorFormField
from js_asset import Media, Script
from simple_history.admin import SimpleHistoryAdmin

from authors.admin import BylineInline

from ..addresses import slug_url
from ..models import Article, Correction
from ..previews import preview_url
from .filters import AuthorFilter, TagFilter
from .forms import ArticleAdminForm
from .inlines import CorrectionInline, QuoteInline, StatusChangeInline
from .paginator import EstimatedCountPaginator
from .pasted_code import pasted_code_view
from .views import find_quotes_page, import_story_page
from .widgets import BodyEditorWidget

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
    # Library pictures (static/js/admin/library-figures.js), chosen in the
    # library's admin list and shown by thumbnail.
    "LibraryImage": {
        "chooserUrl": reverse_lazy("admin:articles_image_changelist"),
        "previewUrl": reverse_lazy("admin:articles_image_preview", args=[0]),
    },
    "LibraryGallery": {
        "chooserUrl": reverse_lazy("admin:articles_image_changelist"),
        "previewUrl": reverse_lazy("admin:articles_image_preview", args=[0]),
    },
}
# Who sees how many readers a story signed up (newsletter/admin/reports.py).
SIGNUP_REPORTS_PERMISSION = "newsletter.view_newsletter_reports"
# Text inputs wide enough to read a headline or a caption whole.
WIDE_INPUTS = {"headline", "hero_caption", "hero_alt", "tags"}


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    # Seven columns that fit beside the sidebars on a 1366-pixel screen:
    # status, time and "featured" share one, and the rest keep short headers.
    list_display = ["thumbnail", "headline", "publishing", "section", "tag_list", "views"]
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
        TagFilter,
        AuthorFilter,
    ]
    list_select_related = ["section", "hero"]
    list_per_page = 50
    # A count of the whole table on every page view gets slow on a big archive.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    search_fields = ["headline", "dek", "body", "byline"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["credit"]
    raw_id_fields = ["hero"]
    readonly_fields = [
        "hero_preview",
        "preview_link",
        "share_link",
        "author",
        "view_count",
        "comment_count",
        "created_at",
        "updated_at",
    ]
    save_on_top = True
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    form = ArticleAdminForm
    inlines = [BylineInline, QuoteInline, CorrectionInline, StatusChangeInline]
    actions = ["submit_for_review", "publish_selected", "unpublish_selected", "find_quotes"]
    history_list_display = ["status"]
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
            {
                "fields": [
                    "hero_preview",
                    ("hero", "hero_upload"),
                    "hero_caption",
                    "hero_credit",
                    "hero_alt",
                ],
                "description": "Choose a picture from the library (the magnifier opens it; "
                "its Add button uploads one), or upload a new photo here. Caption, credit "
                "and alt text are the library's unless this story gives its own.",
            },
        ),
        (
            "Publishing",
            {
                "fields": [
                    ("status", "publish_at"),
                    ("section", "is_featured"),
                    "tags",
                    ("signup_placement", "signup_after_paragraph"),
                    ("comment_policy", "comment_count"),
                    ("preview_link", "share_link"),
                    ("author", "view_count", "created_at", "updated_at"),
                    ("loaded_version", "overwrite"),
                ]
            },
        ),
        (
            "Search engines",
            {
                "fields": ["seo_title", "search_description"],
                "classes": ["collapse"],
                "description": "Only where search results should read differently from the "
                "headline and dek.",
            },
        ),
    ]

    class Media:
        css = {"all": ["css/newsroom-admin.css"]}
        # Pasted embed code is checked on the server before the editor drops
        # it. Not deferred: it must listen before the editor says it is ready.
        js = [
            Script(
                "js/admin-embed-code.js",
                **{"data-url": reverse_lazy("admin:articles_article_pasted_code")},
            )
        ]

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs) -> forms.Field:
        if db_field.name == "body":
            return ProseEditorFormField(
                extensions=BODY_EDITOR_EXTENSIONS,
                widget=BodyEditorWidget,
                required=False,
                help_text=db_field.help_text,
            )
        if db_field.name == "dek":
            kwargs["widget"] = AdminTextareaWidget(attrs={"rows": 3})
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in WIDE_INPUTS:
            # The admin's class for long text: a headline fits on one line.
            field.widget.attrs["class"] = "vLargeTextField"
        return field

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        stories = super().get_queryset(request).prefetch_related("tags")
        if request.user.has_perm("articles.add_article") and not self.has_publish_permission(
            request
        ):
            # Contributors work on their own stories only; readers-only staff
            # (newsletter managers choosing stories for an issue) see them all.
            stories = stories.filter(author=request.user)
        return stories

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # The admin makes the form itself (`ModelForm(request.POST, ...)`), so
        # the user is bound into __init__ for each form this request makes,
        # never set on a class as state.
        init = partialmethod(form.__init__, user=request.user)
        return type(form.__name__, (form,), {"__init__": init})

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("articles.publish_article")

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.has_publish_permission(request):
            return True
        return obj.author_id == request.user.pk and obj.status in Article.WRITING_STATUSES

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or self.has_publish_permission(request):
            return True
        return obj.author_id == request.user.pk and obj.status == Article.Status.DRAFT

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        if not change and obj.author_id is None:
            obj.author = request.user
        if upload := form.cleaned_data.get("hero_upload"):
            obj.hero_from_upload(upload, by=request.user)
        obj.save(changed_by=request.user)
        # Pasted embed code never vanishes unseen: say what became of it.
        for code_change in getattr(form, "embed_code_changes", []):
            self.message_user(request, f"In the body: {code_change}", messages.WARNING)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is Correction:
            for correction in formset.save(commit=False):
                correction.created_by = correction.created_by or request.user
                correction.save()
            return
        super().save_formset(request, form, formset, change)

    def get_urls(self) -> list:
        import_page = self.admin_site.admin_view(self.import_story_view)
        pasted_code = self.admin_site.admin_view(self.pasted_code_view)
        return [
            path("import/", import_page, name="articles_article_import"),
            path("pasted-code/", pasted_code, name="articles_article_pasted_code"),
            *super().get_urls(),
        ]

    def import_story_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        return import_story_page(self, request)

    def pasted_code_view(self, request: HttpRequest) -> HttpResponse:
        return pasted_code_view(self, request)

    def get_fieldsets(self, request: HttpRequest, obj: Article | None = None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not request.user.has_perm(SIGNUP_REPORTS_PERMISSION):
            return fieldsets
        # The sign-ups a story brought, for those who may read the reports.
        return [*fieldsets, ("Newsletter", {"fields": ["newsletter_signups"]})]

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None):
        return [*super().get_readonly_fields(request, obj), "newsletter_signups"]

    @admin.display(description="Sign-ups")
    def newsletter_signups(self, article: Article) -> str:
        signed_up = article.signups.filter(confirmed_at__isnull=False).count()
        url = reverse("admin:newsletter_subscriber_signups")
        return format_html(
            '<p class="article-signups">{} '
            '<a href="{}?article={}">The sign-up report for this story</a></p>',
            ngettext("Signed up %(n)d reader.", "Signed up %(n)d readers.", signed_up)
            % {"n": signed_up},
            url,
            article.pk,
        )

    def render_change_form(self, request: HttpRequest, context: dict, *args, **kwargs):
        # The body editor's import map is an inline script: the nonce lets it
        # run under the admin's Content-Security-Policy (newsroom/middleware.py).
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.display(description="Current picture")
    def hero_preview(self, article: Article) -> str:
        if not article.hero_id:
            return "None yet."
        photo = article.hero
        return format_html(
            '<a href="{}"><img class="hero-preview__image" src="{}" alt="{}"></a>',
            reverse("admin:articles_image_change", args=[photo.pk]),
            photo.thumbnail_url,
            article.hero_placed.alt_text or photo.title,
        )

    @admin.display(description="")
    def thumbnail(self, article: Article) -> str:
        if not article.hero_id:
            return ""
        # The smallest copy, not the original of up to 10 MB, for 64 pixels.
        return format_html(
            '<img class="article-thumb" src="{}" alt="" width="64" height="43" loading="lazy">',
            article.hero.thumbnail_url,
        )

    @admin.display(description="Status, time", ordering="publish_at")
    def publishing(self, article: Article) -> str:
        # In the newsroom's time zone, short enough for one line.
        when = (
            date_format(timezone.localtime(article.publish_at), "j M Y, H:i")
            if article.publish_at
            else "no publish time"
        )
        return format_html(
            '{}<br><span class="article-when">{}</span>{}',
            article.get_status_display(),
            when,
            format_html('<br><span class="article-featured">{}</span>', "Featured")
            if article.is_featured
            else "",
        )

    @admin.display(description="Views", ordering="view_count")
    def views(self, article: Article) -> str:
        return intcomma(article.view_count)

    @admin.display(description="Tags")
    def tag_list(self, article: Article) -> str:
        # Each tag filters the list by itself (TagFilter).
        return format_html_join(
            ", ",
            '<a href="?{}={}">{}</a>',
            ((TagFilter.parameter_name, tag.slug, tag.name) for tag in article.tags.all()),
        )

    @admin.display(description="Preview")
    def preview_link(self, article: Article) -> str:
        if not article.pk:
            return "Save the story to preview it."
        label = "View on site" if article.is_live else "Preview as readers will see it"
        # The address as stored: a form shown again with errors holds the
        # slug as typed, cleared or new, which leads nowhere until saved.
        slug = article.loaded_value("slug") or article.slug
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            slug_url("articles:article_detail", slug),
            label,
        )

    @admin.display(description="Share a preview")
    def share_link(self, article: Article) -> str:
        if not article.pk or article.is_live:
            return "Only for stories readers cannot see yet."
        days = settings.PREVIEW_LINK_MAX_AGE // 86400
        return format_html(
            '<input type="text" readonly value="{}" class="vLargeTextField" '
            'aria-label="Preview link"><div class="help">{}</div>',
            preview_url(article),
            ngettext(
                "Anyone with this link can read the draft for %(days)d day, or until it is "
                "published; then it leads to the story.",
                "Anyone with this link can read the draft for %(days)d days, or until it is "
                "published; then it leads to the story.",
                days,
            )
            % {"days": days},
        )

    @admin.action(description="Submit selected stories for review", permissions=["change"])
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        moved = left = 0
        for article in queryset:
            if article.can_move_to(Article.Status.IN_REVIEW, request.user):
                article.submit_for_review(by=request.user)
                moved += 1
            else:
                left += 1
        if moved:
            self.message_user(
                request,
                ngettext(
                    "Submitted %(count)d story for review.",
                    "Submitted %(count)d stories for review.",
                    moved,
                )
                % {"count": moved},
                messages.SUCCESS,
            )
        if left:
            self.message_user(
                request,
                ngettext(
                    "%(count)d story was left as it was: only a draft or an unpublished "
                    "story can go to review.",
                    "%(count)d stories were left as they were: only a draft or an "
                    "unpublished story can go to review.",
                    left,
                )
                % {"count": left},
                messages.WARNING,
            )

    @admin.action(
        description="Publish selected stories (scheduled ones keep their time)",
        permissions=["publish"],
    )
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        published = scheduled = 0
        for article in queryset:
            article.publish(by=request.user)
            if article.status == Article.Status.SCHEDULED:
                scheduled += 1
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext("Published %(count)d story.", "Published %(count)d stories.", published)
                % {"count": published},
                messages.SUCCESS,
            )
        if scheduled:
            self.message_user(
                request,
                ngettext(
                    "Scheduled %(count)d story: it goes live at its publish time.",
                    "Scheduled %(count)d stories: each goes live at its publish time.",
                    scheduled,
                )
                % {"count": scheduled},
                messages.SUCCESS,
            )

    @admin.action(description="Unpublish selected stories", permissions=["publish"])
    def unpublish_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = 0
        for article in queryset:
            article.unpublish(by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("Unpublished %(count)d story.", "Unpublished %(count)d stories.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description="Find quotes in the selected stories (you choose which to add)")
    def find_quotes(self, request: HttpRequest, queryset: QuerySet[Article]) -> HttpResponse | None:
        return find_quotes_page(self, request, queryset)
