"""The media library: images and documents stories use.

An `Image` is one picture, stored once through `images.clean_image()` (no
metadata, a random name) with the words that travel with it: caption,
credit and alt text, which a story may override where it shows the
picture. A `Document` is an uploaded file readers open in the page (a PDF).
Imports go one way: this module uses `images` and `renditions`, and the
content models (`articles.models`) point here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models

from .images import HeroImageField, validate_image_size
from .renditions import smallest_rendition

# A focal point is a fraction of the width and height: 0.5, 0.5 is the centre.
_FRACTION = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class Image(models.Model):
    """A picture in the library, with its caption, credit and alt text."""

    file = HeroImageField(
        upload_to="images/%Y/%m/",
        validators=[validate_image_size],
        width_field="width",
        height_field="height",
    )
    title = models.CharField(
        max_length=255, help_text="How editors find the picture in the library."
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField("photo credit", max_length=200, blank=True)
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    # Crops keep this point in the frame; unset means the centre.
    focal_x = models.FloatField(null=True, blank=True, validators=_FRACTION)
    focal_y = models.FloatField(null=True, blank=True, validators=_FRACTION)
    # Which file and focal point the stored copies were made for (a
    # background job makes them after upload: `articles.tasks`); until they
    # match, pages show the original.
    renditions_for = models.CharField(max_length=400, blank=True, editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="uploaded_images",
        editable=False,
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["-uploaded_at"], name="image_uploaded")]

    def __str__(self) -> str:
        return self.title

    @property
    def rendition_key(self) -> str:
        """Name the copies the picture needs: its file and focal point."""
        return f"{self.file.name}|{self.focal_x}|{self.focal_y}" if self.file else ""

    @property
    def renditions_ready(self) -> bool:
        """Tell whether the copies for the current file and focal point exist."""
        return bool(self.file) and self.renditions_for == self.rendition_key

    @property
    def thumbnail_url(self) -> str:
        """Return the address of the picture's smallest copy, for the admin's
        lists and previews (the original when no copies exist yet)."""
        if not self.renditions_ready:
            return self.file.url
        copy = smallest_rendition(self.file.name, self.width, self.height)
        return copy.url if copy else self.file.url

    def placed(self, *, caption: str = "", credit: str = "", alt_text: str = "") -> PlacedImage:
        """Return this picture as a story shows it: the story's caption,
        credit and alt text where it gives them, the library's where not."""
        return PlacedImage(
            self, caption or self.caption, credit or self.credit, alt_text or self.alt_text
        )


@dataclass(frozen=True)
class PlacedImage:
    """A library image where a story shows it, with the words shown beside it."""

    image: Image
    caption: str
    credit: str
    alt_text: str


class Document(models.Model):
    """A file in the library readers open in the page: a PDF."""

    file = models.FileField(
        upload_to="documents/%Y/%m/",
        validators=[FileExtensionValidator(["pdf"])],
    )
    title = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="uploaded_documents",
        editable=False,
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title
