"""Image renditions: smaller copies in WebP and JPEG, made at upload.

Each hero image and each library image gets one copy per width in `WIDTHS` narrower than the
original, in WebP (small) and JPEG (for browsers without WebP). Names are
derived from the original's, so pages build `srcset` without a query:
`articles/2026/11/hero.jpg` gives `renditions/articles/2026/11/hero-800w.webp`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_save
from PIL import Image, ImageOps

# Phone, small tablet, desktop column, and 2x for the desktop column.
WIDTHS = (480, 800, 1200, 1600)
FORMATS = {"webp": ("WEBP", {"quality": 78, "method": 4}), "jpg": ("JPEG", {"quality": 82})}


@dataclass(frozen=True)
class Rendition:
    """One stored copy of a hero image."""

    name: str
    width: int
    height: int

    @property
    def url(self) -> str:
        return default_storage.url(self.name)


def _name_stem(original: str) -> str:
    # What every rendition's name starts with; built once per image, since
    # a page of cards asks for eight names per picture. Plain string work
    # for the names storages make; pathlib for anything it would tidy up
    # (empty or "." segments), so both give the same name.
    folder, _, filename = original.rpartition("/")
    segments = original.split("/")
    if "" in segments or "." in segments:
        path = PurePosixPath(original)
        return f"{PurePosixPath('renditions') / path.parent / path.stem}-"
    dot = filename.rfind(".")
    stem = filename[:dot] if 0 < dot < len(filename) - 1 else filename
    return f"renditions/{folder}/{stem}-" if folder else f"renditions/{stem}-"


def rendition_name(original: str, width: int, fmt: str) -> str:
    """Return the storage name of `original`'s copy at `width` in `fmt`."""
    return f"{_name_stem(original)}{width}w.{fmt}"


def planned_widths(original_width: int | None) -> list[int]:
    """Return the widths made for an image `original_width` pixels wide.

    Never wider than the original: upscaling only adds bytes.
    """
    if not original_width:
        return []
    return [w for w in WIDTHS if w < original_width] + [min(original_width, WIDTHS[-1])]


def smallest_rendition(name: str, width: int | None, height: int | None) -> Rendition | None:
    """Return an image's narrowest WebP copy, for the admin's previews, or None.

    None when the size is unknown, so no copies were planned: show the
    original then.
    """
    if not (name and width and height):
        return None
    narrowest = planned_widths(width)[0]
    return Rendition(
        rendition_name(name, narrowest, "webp"), narrowest, round(height * narrowest / width)
    )


@dataclass(frozen=True)
class Picture:
    """What a hero image's `<picture>` shows: the fallback and two `srcset`s."""

    src: str
    webp_srcset: str
    jpeg_srcset: str


def _copy_urls(original: str, widths: list[int], formats: tuple[str, ...]) -> list[list[str]]:
    stem = _name_stem(original)
    return [[default_storage.url(f"{stem}{w}w.{fmt}") for w in widths] for fmt in formats]


def picture(image: FieldFile, width: int | None, height: int | None) -> Picture:
    """Return the `<picture>` sources of a stored image `width` by `height`.

    The addresses of the copies `make_renditions()` writes. The largest
    JPEG is the `<img>` fallback; without a known size there are no
    renditions, so no `srcset`, and the original is the fallback.
    """
    widths = planned_widths(width) if image.name and width and height else []
    if not widths:
        return Picture(image.url, "", "")
    webp, jpeg = _copy_urls(image.name, widths, ("webp", "jpg"))
    return Picture(
        jpeg[-1],
        ", ".join(f"{url} {w}w" for url, w in zip(webp, widths, strict=True)),
        ", ".join(f"{url} {w}w" for url, w in zip(jpeg, widths, strict=True)),
    )


def make_renditions(name: str) -> list[str]:
    """Write every rendition of the stored image `name`; return their names.

    Existing copies are replaced, so a re-uploaded image under the same
    name gets fresh ones.
    """
    with default_storage.open(name, "rb") as original, Image.open(original) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        written = []
        for width in planned_widths(image.width):
            height = round(image.height * width / image.width)
            copy = image.resize((width, height), Image.Resampling.LANCZOS)
            for ext, (fmt, options) in FORMATS.items():
                buffer = io.BytesIO()
                copy.save(buffer, format=fmt, **options)
                target = rendition_name(name, width, ext)
                if default_storage.exists(target):
                    default_storage.delete(target)
                written.append(default_storage.save(target, ContentFile(buffer.getvalue())))
    return written


def _ensure_renditions(name: str, width: int | None, instance: Any) -> None:
    # Once per stored name: a save that keeps the picture writes nothing.
    if not name or getattr(instance, "_renditions_made_for", None) == name:
        return
    largest = planned_widths(width)[-1:] or [0]
    if not default_storage.exists(rendition_name(name, largest[0], "jpg")):
        make_renditions(name)
    instance._renditions_made_for = name


def _article_saved(sender: type, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is not None and "hero_image" not in update_fields:
        return
    name = instance.hero_image.name if instance.hero_image else ""
    _ensure_renditions(name, instance.hero_width, instance)


def _image_saved(sender: type, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is not None and "file" not in update_fields:
        return
    _ensure_renditions(instance.file.name if instance.file else "", instance.width, instance)


def connect_signals() -> None:
    """Make renditions when a story or a library image is saved with a new picture.

    Called from `AppConfig.ready()`.
    """
    from ..models import Article, Image

    post_save.connect(_article_saved, sender=Article, dispatch_uid="hero-renditions")
    post_save.connect(_image_saved, sender=Image, dispatch_uid="library-renditions")
