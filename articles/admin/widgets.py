"""Form widgets for the story admin."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.admin.widgets import AdminFileWidget
from django.db.models.fields.files import FieldFile
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django_prose_editor.widgets import AdminProseEditorWidget

from ..media.renditions import smallest_rendition

# How wide the change form shows the stored photo.
PREVIEW_WIDTH = 240


@dataclass(frozen=True)
class _FullSizeLink:
    # Stands in for the file in Django's template, which prints the file's
    # name (a random hex string, see articles/media/images.py) as the link text.
    url: str

    def __str__(self) -> str:
        return "open full size"


class StoredImageWidget(AdminFileWidget):
    """An image input, with a thumbnail of the stored photo beside it.

    For any image field that stores its size (`width_field` and
    `height_field`), as the library's images do.

    The thumbnail is the photo's smallest rendition
    (`renditions.smallest_rendition`), or the original when its size is
    unknown. The stored file's link reads "open full size", not its name.
    """

    initial_text = "Photo on the story"
    input_text = "Replace with"
    clear_checkbox_label = "Remove the photo"

    def get_context(self, name: str, value, attrs) -> dict:
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = _FullSizeLink(value.url)
        return context

    def render(self, name: str, value, attrs=None, renderer=None) -> SafeString:
        field = super().render(name, value, attrs, renderer)
        if not (isinstance(value, FieldFile) and self.is_initial(value)):
            return field
        owner = value.instance
        stored_width = getattr(owner, value.field.width_field)
        stored_height = getattr(owner, value.field.height_field)
        ready = getattr(owner, "renditions_ready", True)
        copy = smallest_rendition(value.name, stored_width, stored_height) if ready else None
        src, width, height = (
            (copy.url, copy.width, copy.height)
            if copy
            else (value.url, stored_width or "", stored_height or "")
        )
        alt = getattr(owner, "alt_text", "")
        return format_html(
            '<div class="hero-preview"><img class="hero-preview__image" src="{}" alt="{}" '
            'width="{}" height="{}">{}</div>',
            src,
            alt or "The stored photo",
            width,
            height,
            field,
        )


class BodyEditorWidget(AdminProseEditorWidget):
    """The story body's rich-text editor, with the newsroom's own extensions.

    django-prose-editor finds extension modules through a setting of static
    paths; the module is named here instead, next to the extensions it
    provides (library pictures and galleries), and resolved through the
    static files storage so it gets the hashed name in production.
    """

    extension_modules = ["js/admin/library-figures.js"]

    def get_config(self) -> dict:
        config = super().get_config()
        modules = [static(path) for path in self.extension_modules]
        return config | {"js_modules": [*config.get("js_modules", []), *modules]}
