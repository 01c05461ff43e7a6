"""Forms for the editors' import and quote-finding pages."""

from __future__ import annotations

from django import forms

from .importer import ParsedStory, StoryFormatError, parse_story
from .importer.files import decode_story
from .models import Source

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
    file = forms.FileField(label="or upload a .txt file", required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            try:
                cleaned["text"] = decode_story(upload.read(), name=upload.name)
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
    """The editor's corrections to what the importer found."""

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
        """Write the editor's corrections over the parsed story."""
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
