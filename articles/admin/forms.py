"""Forms for the editors: the article form, and the import and quote-finding pages."""

from __future__ import annotations

from django import forms
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from reader.layout import SIGNUP_PARAGRAPHS_AFTER

from ..importer import ParsedStory, StoryFormatError, parse_story
from ..importer.files import MAX_STORY_BYTES, check_story_size, decode_story
from ..media.embed_code import EmbedCodeChange, replace_embed_code
from ..media.images import validate_image_size
from ..models import Article, Source
from ..models.tags import existing_tag_names

KIND_CHOICES = [
    (Source.Kind.PERSON, "Person"),
    (Source.Kind.ORGANIZATION, "Organisation"),
]


def _text(*, large: bool = False) -> forms.TextInput:
    # The admin's own widths for short and long text fields.
    return forms.TextInput(attrs={"class": "vLargeTextField" if large else "vTextField"})


class ImportStoryForm(forms.Form):
    """Plain text pasted in, or a .txt file uploaded: one of the two."""

    text = forms.CharField(
        label="Paste the story",
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "vLargeTextField"}),
        help_text="Caption (optional), headline, then the body: one paragraph per line.",
    )
    file = forms.FileField(
        label="or upload a .txt file",
        required=False,
        error_messages={
            "empty": "The file is empty. Choose the file with the story in it, or paste the text."
        },
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.has_error("file"):
            # The file's own error says what to do; "paste a story or choose
            # a file" beside it would contradict it.
            return cleaned
        upload = cleaned.get("file")
        if upload:
            try:
                check_story_size(upload.size, name=upload.name)
                # One byte past the limit, so decode_story() still refuses a
                # file whose reported size was short of its contents.
                data = upload.read(MAX_STORY_BYTES + 1)
                cleaned["text"] = decode_story(data, name=upload.name)
            except StoryFormatError as error:
                raise forms.ValidationError({"file": str(error)}) from None
        if not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Paste a story or choose a file.")
        try:
            cleaned["parsed"] = parse_story(cleaned["text"])
        except StoryFormatError as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned


class ReviewStoryForm(forms.Form):
    """The editor's corrections to what the importer found.

    The story's text comes back in a hidden field and is parsed again in
    `clean()`, once: `cleaned_data["parsed"]` holds it, as found, even when
    a correction is refused, so the review can be shown again.
    """

    text = forms.CharField(widget=forms.HiddenInput)
    headline = forms.CharField(max_length=255, widget=_text(large=True))
    dateline = forms.CharField(max_length=100, required=False, widget=_text())
    credit = forms.CharField(
        max_length=200,
        required=False,
        widget=_text(),
        help_text="The wire or partner, e.g. RFE/RL.",
    )
    caption = forms.CharField(max_length=300, required=False, widget=_text(large=True))
    tags = forms.CharField(required=False, widget=_text(large=True), help_text="Comma-separated.")

    def clean(self) -> dict:
        cleaned = super().clean()
        if "text" in cleaned:
            try:
                cleaned["parsed"] = parse_story(cleaned["text"])
            except StoryFormatError as error:
                # Only a post whose hidden text was changed gets here: the
                # text parsed when the review was first shown.
                raise forms.ValidationError(str(error)) from None
        return cleaned

    @classmethod
    def from_parsed(cls, text: str, parsed: ParsedStory, tags: list[str]) -> ReviewStoryForm:
        return cls(
            initial={
                "text": text,
                "headline": parsed.headline,
                "dateline": parsed.dateline or "",
                "credit": parsed.credit or "",
                "caption": parsed.caption or "",
                "tags": ", ".join(tags),
            }
        )

    def apply(self, parsed: ParsedStory) -> ParsedStory:
        """Write the editor's corrections over the parsed story.

        Call only on a valid form.
        """
        data = self.cleaned_data
        parsed.headline = data["headline"]
        parsed.dateline = data["dateline"] or None
        parsed.credit = data["credit"] or None
        parsed.caption = data["caption"] or None
        parsed.tags_suggested = [t.strip() for t in data["tags"].split(",") if t.strip()]
        return parsed


class QuoteReviewForm(forms.Form):
    """One found quote: keep it or not, and who said it."""

    keep = forms.BooleanField(required=False, initial=True)
    speaker = forms.CharField(max_length=200, required=False)
    speaker_kind = forms.ChoiceField(choices=KIND_CHOICES)
    via = forms.CharField(max_length=200, required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("keep") and not cleaned.get("speaker"):
            self.add_error("speaker", "Name the speaker, or untick the quote.")
        return cleaned


QuoteReviewFormSet = forms.formset_factory(QuoteReviewForm, extra=0)


def _https_urls(db_field, **kwargs) -> forms.Field | None:
    # Addresses typed without a scheme are https ones (Django 6's default).
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class ArticleAdminForm(forms.ModelForm):
    """The article form, with the workflow's rules and a guard against stale saves.

    Each form is made for one `user` (the admin passes the request's user,
    see `ArticleAdmin.get_form`), and the status offers only the moves that
    user may make. A save from a form opened before someone else saved the
    story is refused, showing the typed text again, unless the editor ticks
    "overwrite". Embed code pasted into the body (an iframe, a provider's
    script) is turned into embeds or links before the body is sanitised;
    `embed_code_changes` lists what was removed, for the admin to tell.
    """

    hero_upload = forms.ImageField(
        label="or upload a new photo",
        required=False,
        validators=[validate_image_size],
        help_text="It joins the library with the caption, credit and alt text below.",
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    overwrite = forms.BooleanField(
        required=False,
        widget=forms.HiddenInput,
        label="Save my version over the newer one",
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 -- the admin's fieldsets choose what shows
        formfield_callback = _https_urls
        help_texts = {
            "signup_placement": "The block inside the story is left out when fewer than "
            f"{SIGNUP_PARAGRAPHS_AFTER} paragraphs follow it: the end block is close.",
        }

    def __init__(self, *args, user, **kwargs) -> None:
        # Required: a form without a user would offer every status to anyone.
        self.user = user
        self.embed_code_changes: list[EmbedCodeChange] = []
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.edit_version
        if "status" in self.fields:
            allowed = self.instance.allowed_statuses(self.user)
            self.fields["status"].choices = [
                (value, label) for value, label in Article.Status.choices if value in allowed
            ]
            self.fields["status"].error_messages["invalid_choice"] = (
                "You cannot move this story to “%(value)s”. Ask an editor to publish it."
            )

    def clean_tags(self) -> list[str]:
        return existing_tag_names(self.cleaned_data.get("tags") or [])

    def clean_body(self) -> str:
        # Before the model's sanitiser, which would drop the code unseen.
        body, self.embed_code_changes = replace_embed_code(self.cleaned_data.get("body", ""))
        return body

    def clean(self) -> dict:
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if self.instance.pk and loaded is not None:
            current = (
                Article.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("edit_version", flat=True)
                .first()
            )
            if current != loaded and not cleaned.get("overwrite"):
                self.fields["overwrite"].widget = forms.CheckboxInput()
                raise forms.ValidationError(self._conflict_message(), code="stale")
        return cleaned

    def _conflict_message(self) -> str:
        latest = self.instance.history.select_related("history_user").first()
        who = latest.history_user if latest and latest.history_user else "someone else"
        when = f" at {timezone.localtime(latest.history_date):%H:%M}" if latest else ""
        url = reverse("admin:articles_article_change", args=[self.instance.pk])
        return format_html(
            "{} saved this story{} after you opened it. Your text is still below, unsaved. "
            '<a href="{}" target="_blank" rel="noopener">Open the newer version</a> in a new tab '
            "to compare, or tick “Save my version over the newer one” and save again.",
            str(who),
            when,
            url,
        )
