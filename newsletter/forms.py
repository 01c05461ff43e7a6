"""The reader-facing sign-up form and the admin's CSV import form."""

from __future__ import annotations

from django import forms

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

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB; split it into parts.")
        return upload
