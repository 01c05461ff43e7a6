"""The admin's page form: the path made from the title, embed code made embeds.

An empty path gets one from the title; pasted embed code becomes embeds
before the sanitiser sees it, and the changes are kept to tell the editor.
"""

from __future__ import annotations

from typing import Any

from django import forms

from articles.media.embed_code import EmbedCodeChange, replace_embed_code
from articles.models.slugs import slug_for

from .models import Page, normalise_path


class PageForm(forms.ModelForm):
    """Edit a page; an empty path becomes ``/<the title's slug>/``.

    The path is made here rather than by the admin's prepopulating script,
    which drops letters outside the Latin script ("Մեր մասին" would leave
    nothing). The made path is then checked like a typed one: a clash with
    another page or a screen of the site is an error on the path field.
    """

    embed_code_changes: list[EmbedCodeChange]

    class Meta:
        model = Page
        fields = ["title", "url", "body", "purpose", "is_published", "placement", "order"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        path = self.fields["url"]
        path.required = False
        path.help_text = (
            f"{path.help_text} Leave it empty for one made from the title "
            "(“About us” is /about-us/)."
        )

    def clean_body(self) -> str:
        # Before the model's sanitiser, which would drop the code unseen.
        body, self.embed_code_changes = replace_embed_code(self.cleaned_data.get("body", ""))
        return body

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("url") and "url" not in self.errors:
            slug = slug_for(cleaned.get("title", ""))
            if slug:
                cleaned["url"] = normalise_path(slug)
            else:
                self.add_error(
                    "url",
                    forms.ValidationError(
                        self.fields["url"].error_messages["required"], code="required"
                    ),
                )
        return cleaned
