"""Checks on uploaded hero images.

Django's ImageField already asks Pillow whether a file is an image; these
checks add the limits a newsroom needs: no huge files and no decompression
bombs (a tiny file that expands to billions of pixels).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from PIL import Image


def validate_image_size(image: File) -> None:
    """Refuse images over MAX_IMAGE_BYTES or MAX_IMAGE_PIXELS."""
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
        image.seek(0)
        with Image.open(image) as opened:
            width, height = opened.size
    except (OSError, Image.DecompressionBombError, ValueError):
        raise ValidationError(
            "This file is not an image Pillow can read. Upload a JPEG, PNG, GIF or WebP.",
            code="invalid_image",
        ) from None
    finally:
        image.seek(position)
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
