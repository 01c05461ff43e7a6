"""Image renditions: smaller copies in WebP and JPEG, made by a job after upload.

Saving a library image with a new file or focal point queues
`articles.tasks.make_image_renditions`, off the request; until it has run
(`Image.renditions_ready`), pages show the original at its own size.

A picture with a focal point also gets 3:2 crops for story cards that keep
the point in the frame (`crop_box`), named after the point, so moving it
makes new crops rather than stale cached ones. Without one, cards show the
whole picture, centred by CSS: the same frame a centred crop would give.

Each library image (heroes and pictures in bodies alike) gets one copy
per width in `WIDTHS` narrower than the original, in WebP (small) and
JPEG (for browsers without WebP). Names are derived from the original's,
so pages build `srcset` without a query:
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


# The shape of story cards (static/css/site.css, `.card__image img`).
CARD_RATIO = (3, 2)


def crop_box(
    width: int, height: int, focal_x: float | None, focal_y: float | None, ratio=CARD_RATIO
) -> tuple[int, int, int, int]:
    """Return the largest `ratio` box inside a `width` by `height` picture,
    centred on the focal point as far as the edges allow (left, top, right,
    bottom). No focal point means the centre."""
    across, down = ratio
    crop_width, crop_height = width, round(width * down / across)
    if crop_height > height:
        crop_width, crop_height = round(height * across / down), height
    x = (0.5 if focal_x is None else focal_x) * width
    y = (0.5 if focal_y is None else focal_y) * height
    left = min(max(round(x - crop_width / 2), 0), width - crop_width)
    top = min(max(round(y - crop_height / 2), 0), height - crop_height)
    return left, top, left + crop_width, top + crop_height


def _crop_stem(original: str, focal_x: float | None, focal_y: float | None) -> str:
    # The point, in whole per cent, is part of the name.
    x = round(100 * (0.5 if focal_x is None else focal_x))
    y = round(100 * (0.5 if focal_y is None else focal_y))
    across, down = CARD_RATIO
    return f"{_name_stem(original)}{across}x{down}-{x}-{y}-"


def crop_name(
    original: str, focal_x: float | None, focal_y: float | None, width: int, fmt: str
) -> str:
    """Return the storage name of `original`'s card crop at `width` in `fmt`."""
    return f"{_crop_stem(original, focal_x, focal_y)}{width}w.{fmt}"


@dataclass(frozen=True)
class Picture:
    """What a `<picture>` shows: the fallback, two `srcset`s, and its size."""

    src: str
    webp_srcset: str
    jpeg_srcset: str
    width: int | None = None
    height: int | None = None


def _copy_urls(original: str, widths: list[int], formats: tuple[str, ...]) -> list[list[str]]:
    stem = _name_stem(original)
    return [[default_storage.url(f"{stem}{w}w.{fmt}") for w in widths] for fmt in formats]


def picture(
    image: FieldFile, width: int | None, height: int | None, *, ready: bool = True
) -> Picture:
    """Return the `<picture>` sources of a stored image `width` by `height`.

    The addresses of the copies `make_renditions()` writes. The largest
    JPEG is the `<img>` fallback; without a known size, or before the
    copies are made (`ready` false), there is no `srcset` and the
    original is shown.
    """
    widths = planned_widths(width) if ready and image.name and width and height else []
    if not widths:
        return Picture(image.url, "", "", width, height)
    webp, jpeg = _copy_urls(image.name, widths, ("webp", "jpg"))
    return Picture(
        jpeg[-1],
        ", ".join(f"{url} {w}w" for url, w in zip(webp, widths, strict=True)),
        ", ".join(f"{url} {w}w" for url, w in zip(jpeg, widths, strict=True)),
        width,
        height,
    )


def card_picture(
    image: FieldFile,
    width: int | None,
    height: int | None,
    focal_x: float | None,
    focal_y: float | None,
    *,
    ready: bool = True,
) -> Picture:
    """Return the `<picture>` sources of a stored image's 3:2 card crops.

    The copies `make_renditions()` writes around the focal point; the whole
    picture when there is no focal point, its size is unknown or the
    copies are not made yet.
    """
    if not ready or focal_x is None or focal_y is None or not (image.name and width and height):
        return picture(image, width, height, ready=ready)
    left, top, right, bottom = crop_box(width, height, focal_x, focal_y)
    crop_width, crop_height = right - left, bottom - top
    widths = planned_widths(crop_width)
    stem = _crop_stem(image.name, focal_x, focal_y)
    webp = [default_storage.url(f"{stem}{w}w.webp") for w in widths]
    jpeg = [default_storage.url(f"{stem}{w}w.jpg") for w in widths]
    return Picture(
        jpeg[-1],
        ", ".join(f"{url} {w}w" for url, w in zip(webp, widths, strict=True)),
        ", ".join(f"{url} {w}w" for url, w in zip(jpeg, widths, strict=True)),
        widths[-1],
        round(widths[-1] * crop_height / crop_width),
    )


def _write_copies(image: Image.Image, name_for) -> list[str]:
    written = []
    for width in planned_widths(image.width):
        height = round(image.height * width / image.width)
        copy = image.resize((width, height), Image.Resampling.LANCZOS)
        for ext, (fmt, options) in FORMATS.items():
            buffer = io.BytesIO()
            copy.save(buffer, format=fmt, **options)
            target = name_for(width, ext)
            if default_storage.exists(target):
                default_storage.delete(target)
            written.append(default_storage.save(target, ContentFile(buffer.getvalue())))
    return written


def make_renditions(
    name: str, focal_x: float | None = None, focal_y: float | None = None
) -> list[str]:
    """Write every rendition of the stored image `name`; return their names.

    The whole picture at each width, and its card crops around the focal
    point when it has one. Existing copies are replaced, so a re-uploaded
    image under the same name gets fresh ones.
    """
    with default_storage.open(name, "rb") as original, Image.open(original) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        written = _write_copies(image, lambda width, ext: rendition_name(name, width, ext))
        if focal_x is None or focal_y is None:
            return written
        crop = image.crop(crop_box(image.width, image.height, focal_x, focal_y))
        written += _write_copies(
            crop, lambda width, ext: crop_name(name, focal_x, focal_y, width, ext)
        )
    return written


def ensure_renditions(instance: Any) -> None:
    """Write the copies `instance` (a library image) needs, unless they exist."""
    name = instance.file.name if instance.file else ""
    if not name:
        return
    focal = (instance.focal_x, instance.focal_y)
    if not (instance.width and instance.height):
        probe = ""
    elif None in focal:
        probe = rendition_name(name, planned_widths(instance.width)[-1], "jpg")
    else:
        left, _top, right, _bottom = crop_box(instance.width, instance.height, *focal)
        probe = crop_name(name, *focal, planned_widths(right - left)[-1], "jpg")
    if not (probe and default_storage.exists(probe)):
        make_renditions(name, instance.focal_x, instance.focal_y)


def _image_saved(sender: type, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is not None and not {"file", "focal_x", "focal_y"} & set(update_fields):
        return
    key = instance.rendition_key
    # Once per stored name and focal point: a save that keeps both queues nothing.
    if not key or instance.renditions_ready or getattr(instance, "_renditions_queued", "") == key:
        return
    from jobs import enqueue_on_commit

    from ..tasks import make_image_renditions

    instance._renditions_queued = key
    enqueue_on_commit(make_image_renditions, instance.pk, key)


def connect_signals() -> None:
    """Queue renditions when a library image is saved with a new picture or focal point.

    Called from `AppConfig.ready()`.
    """
    from ..models import Image

    post_save.connect(_image_saved, sender=Image, dispatch_uid="library-renditions")
