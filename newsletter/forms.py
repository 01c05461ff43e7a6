"""The reader-facing sign-up form, and the admin's CSV import, test send and schedule forms."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.utils import timezone

from .models import NewsletterList

# Uploads past this are refused before parsing: a list export this size
# holds far more addresses than a weekly paper's list.
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class SignupForm(forms.Form):
    """An e-mail address, which block and story the reader used, and a honeypot.

    `website` is hidden from people (visually and from the tab order) and
    labelled "leave empty"; bots that fill every field fill it.
    """

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "name@example.com"}),
    )
    block = forms.IntegerField(required=False, widget=forms.HiddenInput)
    article = forms.IntegerField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(label="Leave this field empty", required=False, strip=False)

    @property
    def is_bot(self) -> bool:
        """Tell whether the honeypot was filled in."""
        return bool(self.cleaned_data.get("website"))


class SubscriberImportForm(forms.Form):
    """A CSV file of addresses to add to one list."""

    newsletter = forms.ModelChoiceField(queryset=NewsletterList.objects.all(), label="List")
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: Email Address (required), Status, Signed Up, Source Article, "
        "as the admin's export and Mailchimp write them. Import only addresses that "
        "agreed to receive the newsletter.",
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB; split it into parts.")
        return upload


class TestSendForm(forms.Form):
    """Addresses a test of an issue goes to: the editor's own, or a few."""

    addresses = forms.CharField(
        label="Send the test to",
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="One or more addresses, separated by commas or new lines.",
    )

    def clean_addresses(self) -> list[str]:
        raw = self.cleaned_data["addresses"]
        addresses = list(dict.fromkeys(a.strip() for a in re.split(r"[,;\s]+", raw) if a.strip()))
        limit = settings.NEWSLETTER_TEST_SEND_MAX
        if len(addresses) > limit:
            raise forms.ValidationError(
                f"A test goes to {limit} addresses at most; send the issue itself to a list."
            )
        for address in addresses:
            try:
                validate_email(address)
            except forms.ValidationError:
                raise forms.ValidationError(f"“{address}” is not an e-mail address.") from None
        if not addresses:
            raise forms.ValidationError("Give at least one address.")
        return addresses


class ScheduleForm(forms.Form):
    """When a send starts, in the newsroom's time zone."""

    send_at = forms.DateTimeField(
        label="Send on",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "send_at"
        ].help_text = (
            f"Date and time in the newsroom's time zone ({timezone.get_current_timezone_name()})."
        )

    def clean_send_at(self) -> datetime:
        send_at = self.cleaned_data["send_at"]
        if send_at <= timezone.now():
            raise forms.ValidationError("Choose a time in the future.")
        return send_at
