"""The media library's admin: pictures and documents, where each is used.

Editors find a picture by its words (title, caption, credit, alt text),
see it as a thumbnail, and see which stories show it before they change or
delete it: a picture a story shows cannot be deleted. The list also serves
as the body editor's chooser (a popup, as Django's raw-id fields use).
"""

from __future__ import annotations

from django.contrib import admin
from django.core.files.storage import default_storage
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from ..media.renditions import planned_widths, rendition_name
from ..models import Article, Document, Image
from .widgets import StoredImageWidget

# How many of a picture's stories its page lists.
STORIES_SHOWN = 20
# The widest copy the focal point picker shows: enough to click with care,
# small enough to load at once.
PICKER_WIDTH = 800


class UsageFilter(admin.SimpleListFilter):
    """Pictures some story shows, and pictures none does (candidates to tidy)."""

    title = "use"
    parameter_name = "used"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", "In a story"), ("no", "In no story")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(story_count__gt=0)
        if self.value() == "no":
            return queryset.filter(story_count=0)
        return queryset


class AltTextFilter(admin.SimpleListFilter):
    """Pictures without alt text: what a reader with a screen reader misses."""

    title = "alt text"
    parameter_name = "alt"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("missing", "Missing")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "missing":
            return queryset.filter(alt_text="")
        return queryset


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "title", "caption", "credit", "size", "stories_count", "uploaded"]
    list_display_links = ["thumbnail", "title"]
    list_filter = [UsageFilter, AltTextFilter, ("uploaded_at", admin.DateFieldListFilter)]
    list_select_related = ["uploaded_by"]
    list_per_page = 40
    search_fields = ["title", "caption", "credit", "alt_text"]
    fields = [
        "file",
        "title",
        "caption",
        "credit",
        "alt_text",
        "focal_point",
        ("focal_x", "focal_y"),
        "dimensions",
        ("uploaded_by", "uploaded_at"),
        "used_in",
    ]
    readonly_fields = ["focal_point", "dimensions", "uploaded_by", "uploaded_at", "used_in"]
    formfield_overrides = {Image._meta.get_field("file").__class__: {"widget": StoredImageWidget}}

    class Media:
        css = {"all": ["css/newsroom-admin.css"]}
        # Clicking on the picture sets the focal point fields (focal_point()).
        js = ["js/admin/focal-point.js"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Image]:
        return super().get_queryset(request).annotate(story_count=Count("stories", distinct=True))

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview)
        return [
            path("<int:pk>/preview/", preview, name="articles_image_preview"),
            *super().get_urls(),
        ]

    def preview(self, request: HttpRequest, pk: int) -> HttpResponseRedirect:
        """Send the browser to a picture's thumbnail: how the body editor shows
        a picture it knows only by its library number."""
        return HttpResponseRedirect(get_object_or_404(Image, pk=pk).thumbnail_url)

    def save_model(self, request: HttpRequest, obj: Image, form, change: bool) -> None:
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_deleted_objects(self, objs, request: HttpRequest):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # A picture a story shows stays: deleting it would leave a hole in
        # the story. The stories are listed, so the editor can change them.
        showing = Article.objects.filter(library_images__in=list(objs)).distinct()
        protected = [*protected, *(f"Story: {story}" for story in showing[:STORIES_SHOWN])]
        return deleted, counts, perms_needed, protected

    @admin.display(description="")
    def thumbnail(self, image: Image) -> SafeString:
        return format_html(
            '<img class="article-thumb" src="{}" alt="" width="64" height="{}" loading="lazy">',
            image.thumbnail_url,
            round(64 * image.height / image.width) if image.width and image.height else 43,
        )

    @admin.display(description="Focal point")
    def focal_point(self, image: Image) -> SafeString:
        # The picture the script (static/js/admin/focal-point.js) turns into
        # a picker, hidden until it does: without the script the fields
        # below are the way, and the text says how to fill them.
        numbers = format_html(
            '<p class="help" data-focal-numbers>{}</p>',
            "Across and down, as fractions of the width and height from 0 to 1 "
            "(0.5 and 0.5 is the centre): story cards cut to 3:2 keep this point "
            "in the frame. Leave both empty for the centre.",
        )
        if not (image.pk and image.file and image.width and image.height):
            return numbers
        widths = planned_widths(image.width)
        width = max([w for w in widths if w <= PICKER_WIDTH] or widths[:1])
        return format_html(
            '{}<div class="focal-picker" data-focal-picker hidden>'
            '<div class="focal-picker__frame" tabindex="0" role="group" '
            'aria-label="Focal point of the picture" aria-describedby="focal-picker-help">'
            '<img class="focal-picker__image" src="{}" alt="" width="{}" height="{}">'
            '<span class="focal-picker__crop" aria-hidden="true" hidden></span>'
            '<span class="focal-picker__marker" aria-hidden="true" hidden></span></div>'
            '<p class="help" id="focal-picker-help">Click on the picture where story cards '
            "must keep it in the frame, or move the point with the arrow keys (with Shift, "
            "in bigger steps). The outline shows the 3:2 card crop; the fields below follow."
            '</p><p class="focal-picker__status" aria-live="polite"></p></div>',
            numbers,
            # Until the worker has written the copies, the upload itself.
            default_storage.url(rendition_name(image.file.name, width, "webp"))
            if image.renditions_ready
            else image.file.url,
            image.width,
            image.height,
        )

    @admin.display(description="Size")
    def size(self, image: Image) -> str:
        return f"{image.width} × {image.height}" if image.width else "—"

    @admin.display(description="Dimensions")
    def dimensions(self, image: Image) -> str:
        return self.size(image) + (" pixels" if image.width else "")

    @admin.display(description="Stories", ordering="story_count")
    def stories_count(self, image: Image) -> int:
        return image.story_count

    @admin.display(description="Uploaded", ordering="uploaded_at")
    def uploaded(self, image: Image) -> str:
        who = image.uploaded_by.get_username() if image.uploaded_by else "—"
        return f"{image.uploaded_at:%d %b %Y} by {who}"

    @admin.display(description="Used in")
    def used_in(self, image: Image) -> SafeString | str:
        if not image.pk:
            return "—"
        stories = Article.objects.filter(Q(library_images=image)).distinct()
        shown = list(stories.order_by("-updated_at").only("pk", "headline")[:STORIES_SHOWN])
        if not shown:
            return "No story shows this picture."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                (
                    (reverse("admin:articles_article_change", args=[story.pk]), story.headline)
                    for story in shown
                ),
            ),
        )


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """PDFs readers open in a story: a link to one in a body shows it there."""

    list_display = ["title", "file_link", "uploaded_at", "uploaded_by"]
    list_select_related = ["uploaded_by"]
    search_fields = ["title"]
    fields = ["file", "title", ("uploaded_by", "uploaded_at")]
    readonly_fields = ["uploaded_by", "uploaded_at"]

    def save_model(self, request: HttpRequest, obj: Document, form, change: bool) -> None:
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="Address to paste in a story")
    def file_link(self, document: Document) -> SafeString:
        return format_html('<a href="{0}">{0}</a>', document.file.url)
