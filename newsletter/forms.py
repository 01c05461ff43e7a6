"""The reader-facing sign-up form."""

from __future__ import annotations

from django import forms


class SignupForm(forms.Form):
    """An e-mail address, plus which block and story the reader used."""

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
