"""`Page`: a page of the site an editor writes, served at its own path.

A page's path is the whole address (`/about/`, `/about/team/`,
`/մեր-մասին/`), kept in one normal form: NFKC letters, a slash at each
end, no empty segment. It may not be an address the site already answers
(`/search/`, `/tags/...`, `/corrections/`): the URL resolver is asked,
so a route added tomorrow is refused too. Each purpose but "other" has at
most one page, so the sign-up block can link *the* privacy policy.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import Resolver404, get_script_prefix, resolve
from django.utils.encoding import iri_to_uri
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from articles.models import FormerAddress
from articles.sanitize import clean_html
from newsroom.model_mixins import LoadedValuesMixin

# The URL name of the catch-all that serves pages (`pages/urls.py`): a path
# resolving to anything else belongs to another screen.
PAGE_VIEW_NAME = "pages:page_detail"
# Letters and digits of any script, hyphens and underscores, between slashes.
PATH_PATTERN = re.compile(r"^/(?:[-\w]+/)+$")
# Search engines show about this many words of a meta description.
SUMMARY_WORDS = 30
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption)>|<br\s*/?>")


def normalise_path(value: str) -> str:
    """Return `value` as a page path: `about` and `/about` are `/about/`.

    Percent escapes are decoded (an editor may paste an address from the
    browser's bar) and the letters NFKC-normalised, as slugs are, so one
    page is never stored under two spellings of its path.
    """
    text = unicodedata.normalize("NFKC", unquote((value or "").strip()))
    segments = [segment for segment in text.split("/") if segment]
    return "/" + "".join(f"{segment}/" for segment in segments)


def validate_free_path(value: str) -> None:
    """Refuse a path the site already answers with a screen of its own."""
    # Static files are answered before any URL pattern (WhiteNoise).
    if settings.STATIC_URL and value.startswith(f"/{settings.STATIC_URL.strip('/')}/"):
        raise ValidationError(
            "%(path)s is where the site's static files are; choose another.",
            code="taken",
            params={"path": value},
        )
    try:
        match = resolve(value)
    except Resolver404:
        return
    if match.view_name != PAGE_VIEW_NAME:
        raise ValidationError(
            "%(path)s is already an address of the site; choose another.",
            code="taken",
            params={"path": value},
        )


class PagePathField(models.CharField):
    """A page's path, normalised whenever the model is cleaned."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return normalise_path(text) if text else ""


class PageQuerySet(models.QuerySet):
    def published(self) -> PageQuerySet:
        """Return the pages readers may open."""
        return self.filter(is_published=True)

    def in_menu(self) -> PageQuerySet:
        """Return the published pages linked in the site menu, in order."""
        return self.published().filter(placement__in=[Page.Placement.MENU, Page.Placement.BOTH])

    def in_footer(self) -> PageQuerySet:
        """Return the published pages linked in the footer, in order."""
        return self.published().filter(placement__in=[Page.Placement.FOOTER, Page.Placement.BOTH])

    def privacy_policy(self) -> Page | None:
        """Return the published privacy policy page, or None when there is none."""
        return self.published().filter(purpose=Page.Purpose.PRIVACY_POLICY).first()


class Page(LoadedValuesMixin, models.Model):
    """A page of the site (About, Contact, a policy) at a path of its own."""

    class Purpose(models.TextChoices):
        ABOUT = "about", "About"
        CONTACT = "contact", "Contact"
        ADVERTISE = "advertise", "Advertise"
        CORRECTIONS_POLICY = "corrections-policy", "Corrections policy"
        PRIVACY_POLICY = "privacy-policy", "Privacy policy"
        OTHER = "other", "Other"

    class Placement(models.TextChoices):
        MENU = "menu", "Menu"
        FOOTER = "footer", "Footer"
        BOTH = "both", "Menu and footer"
        NEITHER = "neither", "Neither (linked by address only)"

    title = models.CharField(max_length=120)
    url = PagePathField(
        "path",
        max_length=200,
        unique=True,
        validators=[
            RegexValidator(
                PATH_PATTERN,
                "Use letters, digits, hyphens and underscores between slashes, "
                "like /about/ or /about/team/.",
            ),
            validate_free_path,
        ],
        help_text="The page's address on the site, like /about/ or /about/team/.",
    )
    body = models.TextField(blank=True)
    purpose = models.CharField(
        max_length=20,
        choices=Purpose.choices,
        default=Purpose.OTHER,
        help_text="The sign-up blocks and e-mails link the privacy policy page.",
    )
    placement = models.CharField(
        max_length=10,
        choices=Placement.choices,
        default=Placement.FOOTER,
        help_text="Where every page of the site links this one.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower comes first in the menu and the footer."
    )
    is_published = models.BooleanField(
        "published", default=False, help_text="Readers see only published pages."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()
    # Every save keeps a version editors can compare and restore, as stories do.
    history = HistoricalRecords()
    # A published page's changed path is kept as a former address.
    loaded_fields = ("url", "is_published")

    class Meta:
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose"],
                condition=~Q(purpose="other"),
                name="page_one_per_purpose",
                violation_error_message="Another page already has this purpose.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save with the path normalised and the body sanitised.

        When the path of a page readers could open changes, the old path
        is kept as a former address and redirects to the new one.
        """
        self.url = normalise_path(self.url)
        self.body = clean_html(self.body)
        before = self.loaded_value("url") if self.loaded_value("is_published") else None
        super().save(*args, **kwargs)
        if before and before != self.url:
            FormerAddress.remember(FormerAddress.Kind.PAGE, self, before, self.url)
        self.remember_loaded()

    def get_absolute_url(self) -> str:
        # Non-ASCII letters percent-encoded, as reverse() writes slugs.
        return iri_to_uri(get_script_prefix().rstrip("/") + self.url)

    @property
    def body_html(self) -> SafeString:
        """Return the body, sanitised again on the way out."""
        return mark_safe(clean_html(self.body))

    @property
    def summary(self) -> str:
        """Return the body's first words as plain text, for the meta description."""
        # A space after each block, or "Gyumri.</p><h2>Our" reads "Gyumri.Our".
        spaced = _BLOCK_END.sub(r"\g<0> ", self.body_html)
        text = " ".join(html.unescape(strip_tags(spaced)).split())
        return Truncator(text).words(SUMMARY_WORDS) or self.title
