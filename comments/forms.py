"""The reader's comment form, with its honeypot and consent."""

from __future__ import annotations

from django import forms
from django.conf import settings


class CommentForm(forms.Form):
    """Name, address, the comment, which comment it replies to, consent, a honeypot.

    `website` is hidden from people (visually and from the tab order) and
    labelled "leave empty"; bots that fill every field fill it.
    """

    name = forms.CharField(
        label="Name",
        max_length=80,
        error_messages={"required": "Enter the name to show with your comment."},
    )
    email = forms.EmailField(
        label="Email address (never shown)",
        max_length=254,
        error_messages={
            "required": "Enter your email address: we e-mail you a link to confirm it.",
            "invalid": "Enter an email address like name@example.com.",
        },
    )
    body = forms.CharField(
        label="Comment",
        max_length=settings.COMMENTS_MAX_LENGTH,
        error_messages={
            "required": "Write your comment.",
            "max_length": f"Keep your comment to {settings.COMMENTS_MAX_LENGTH} characters "
            "(it has %(show_value)d).",
        },
        widget=forms.Textarea,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label="I agree that my name and comment are published, and my address is kept "
        "as the privacy policy says.",
        error_messages={"required": "Tick the box to agree, or we cannot publish your comment."},
    )
    website = forms.CharField(label="Leave this field empty", required=False, strip=False)

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Write your comment.")
        return body.strip()

    @property
    def is_bot(self) -> bool:
        """Tell whether the honeypot was filled in."""
        return bool(self.cleaned_data.get("website"))
