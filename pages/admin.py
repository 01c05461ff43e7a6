"""`PageAdmin`: site pages, their body in the story form's editor, with history.

As on the story form, embed code pasted into the body (a provider's
iframe) becomes the embed paragraph before the sanitiser could drop it,
and the editor is told (`articles.media.embed_code`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse_lazy
from django_prose_editor.fields import ProseEditorFormField
from js_asset import Media, Script
from simple_history.admin import SimpleHistoryAdmin

from articles.admin.pasted_code import pasted_code_view
from articles.admin.stories import BODY_EDITOR_EXTENSIONS
from articles.admin.widgets import BodyEditorWidget

from .forms import PageForm
from .models import Page


@admin.register(Page)
class PageAdmin(SimpleHistoryAdmin):
    form = PageForm
    list_display = ["title", "url", "purpose", "placement", "order", "is_published"]
    list_editable = ["order"]
    list_filter = ["is_published", "purpose", "placement"]
    search_fields = ["title", "url", "body"]
    readonly_fields = ["created_at", "updated_at"]
    history_list_display = ["is_published"]
    fieldsets = [
        (None, {"fields": ["title", "url", "body"]}),
        (
            "Publishing",
            {
                "fields": [
                    ("purpose", "is_published"),
                    ("placement", "order"),
                    ("created_at", "updated_at"),
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["css/newsroom-admin.css"]}
        # Pasted embed code is checked on the server before the editor drops
        # it, as on the story form. Not deferred: it must listen before the
        # editor says it is ready.
        js = [
            Script(
                "js/admin-embed-code.js",
                **{"data-url": reverse_lazy("admin:pages_page_pasted_code")},
            )
        ]

    def get_urls(self) -> list:
        pasted_code = self.admin_site.admin_view(self.pasted_code_view)
        return [
            path("pasted-code/", pasted_code, name="pages_page_pasted_code"),
            *super().get_urls(),
        ]

    def pasted_code_view(self, request: HttpRequest) -> HttpResponse:
        return pasted_code_view(self, request)

    def save_model(self, request: HttpRequest, obj: Page, form: PageForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Pasted embed code never vanishes unseen: say what became of it.
        for code_change in getattr(form, "embed_code_changes", []):
            self.message_user(request, f"In the body: {code_change}", messages.WARNING)

    def formfield_for_dbfield(
        self, db_field: models.Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "body":
            # The stories' editor, with its library pictures and galleries
            # (a plainer widget drops them unseen when the page is opened);
            # the model sanitises whatever arrives.
            return ProseEditorFormField(
                extensions=BODY_EDITOR_EXTENSIONS,
                widget=BodyEditorWidget,
                required=False,
                help_text=db_field.help_text,
            )
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name == "title":
            field.widget.attrs["class"] = "vLargeTextField"
        return field

    def render_change_form(
        self, request: HttpRequest, context: dict, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        # The body editor's import map is an inline script: the nonce lets it
        # run under the admin's Content-Security-Policy (newsroom/middleware.py),
        # which sets `csp_nonce` on every request.
        nonce = request.csp_nonce  # type: ignore[attr-defined]
        context["media"] = Media.from_media(context["media"], nonce=nonce)
        return super().render_change_form(request, context, *args, **kwargs)
