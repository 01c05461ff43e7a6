"""Checks on uploaded hero images, and the cleaning every stored one gets.

Django's ImageField already asks Pillow whether a file is an image; the
validator here adds the limits a newsroom needs: no huge files, no
decompression bombs (a tiny file that expands to billions of pixels), only
still JPEG, PNG, GIF or WebP. `HeroImageField` then re-encodes every image
it stores, whichever path it came by (admin, importer, `field.save()`):
EXIF, GPS and other metadata are dropped to protect sources and
photographers, and the file gets a random name.
"""

from __future__ import annotations

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps

# What a hero image may be, with the extension its stored file gets.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}

_NOT_AN_IMAGE = "This file is not an image Pillow can read. Upload a JPEG, PNG, GIF or WebP."


def _check_opened(image: Image.Image) -> None:
    """Refuse an opened image in the wrong format, animated, or too big."""
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(
            "This is a %(format)s image. Upload a JPEG, PNG, GIF or WebP.",
            code="image_format",
            params={"format": image.format or "unknown"},
        )
    if getattr(image, "is_animated", False):
        raise ValidationError(
            "Animated images cannot be used as a hero image. Upload a still.",
            code="image_animated",
        )
    width, height = image.size
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(
            "This image is %(width)s×%(height)s pixels; the limit is %(limit)s megapixels.",
            code="image_too_many_pixels",
            params={
                "width": width,
                "height": height,
                "limit": settings.MAX_IMAGE_PIXELS // 1_000_000,
            },
        )


def _open(image: File) -> Image.Image:
    """Open `image` with Pillow from its start, or raise a ValidationError."""
    image.seek(0)
    try:
        return Image.open(image)
    except (OSError, Image.DecompressionBombError, ValueError):
        raise ValidationError(_NOT_AN_IMAGE, code="invalid_image") from None


def validate_image_size(image: File) -> None:
    """Refuse images over MAX_IMAGE_BYTES or MAX_IMAGE_PIXELS, animated, or not
    JPEG, PNG, GIF or WebP.

    Only the header is read: a decompression bomb is refused before any
    pixel is decoded. A file already stored passes: it was checked and
    re-encoded when it was stored, and re-saving a story sends it back here
    closed. Limits lowered since then must not make old stories unsaveable.
    """
    if getattr(image, "_committed", False):
        return
    if image.size and image.size > settings.MAX_IMAGE_BYTES:
        raise ValidationError(
            "This image is %(size)s; the limit is %(limit)s. Export a smaller JPEG or WebP.",
            code="image_too_large",
            params={
                "size": filesizeformat(image.size),
                "limit": filesizeformat(settings.MAX_IMAGE_BYTES),
            },
        )
    position = image.tell() if hasattr(image, "tell") else 0
    try:
        with _open(image) as opened:
            _check_opened(opened)
    finally:
        image.seek(position)


def clean_image(image: File) -> ContentFile:
    """Return `image` re-encoded without metadata, under a random file name.

    EXIF (camera, time, GPS position), XMP and comments are dropped; the EXIF
    orientation is applied to the pixels first, so the photo stays upright.
    The colour profile is kept. The name is a random hex string with the
    extension of the detected format, never the uploaded name.
    """
    with _open(image) as opened:
        _check_opened(opened)
        image_format = opened.format
        try:
            upright = ImageOps.exif_transpose(opened)
        except (OSError, ValueError):
            raise ValidationError(_NOT_AN_IMAGE, code="invalid_image") from None
    # Only what the pixels need is carried over: the colour profile and a
    # palette's transparent colour. Nothing else from the original's info.
    kept = {
        key: upright.info[key] for key in ("icc_profile", "transparency") if key in upright.info
    }
    upright.info = {}
    if image_format == "JPEG" and upright.mode not in {"RGB", "L", "CMYK"}:
        upright = upright.convert("RGB")
        kept.pop("transparency", None)
    options = {"exif": b"", **kept}
    if image_format in {"JPEG", "WEBP"}:
        options["quality"] = 90
    buffer = io.BytesIO()
    upright.save(buffer, format=image_format, **options)
    return ContentFile(
        buffer.getvalue(), name=f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[image_format]}"
    )


class HeroImageFieldFile(ImageFieldFile):
    def save(self, name: str, content: File, save: bool = True) -> None:
        cleaned = clean_image(content)
        super().save(cleaned.name, cleaned, save)


class HeroImageField(models.ImageField):
    """An ImageField that stores every image through `clean_image()`."""

    attr_class = HeroImageFieldFile

    def deconstruct(self) -> tuple:
        # Stored the same as a plain ImageField: the cleaning is behaviour, not
        # schema, and needs no migration.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs
