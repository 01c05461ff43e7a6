"""The sign-up form's hidden inputs are Django's, drawn without templates."""

from __future__ import annotations

import pytest
from django import forms

from newsletter.forms import FastHiddenInput, SignupForm

VALUES = [None, "", 0, 3, "12", 'a"<b>&c']
ATTRS = [
    None,
    {"id": "signup-inline-block"},
    {"id": 'x"><script>', "data-n": 7, "required": True, "disabled": False},
]


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("attrs", ATTRS)
def test_fast_hidden_input_draws_what_hidden_input_does(value, attrs):
    fast = FastHiddenInput().render("block", value, attrs=attrs)
    assert fast == forms.HiddenInput().render("block", value, attrs=attrs)


@pytest.mark.parametrize("data", [None, {"email": "x", "block": "5", "article": "<b>"}])
def test_the_signup_form_draws_its_hidden_fields_as_before(data):
    form = SignupForm(data, initial={"block": 4, "article": None}, auto_id="signup-end-%s")
    for name in ["block", "article"]:
        field = form[name]
        assert str(field) == field.as_widget(widget=forms.HiddenInput())
