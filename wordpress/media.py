"""Attachments from an export into the media library.

A picture's file is read from a copy of `wp-content/uploads` (`uploads`),
or fetched from where the old site serves it (`media_base_url`); the
library stores it through its own cleaning (`articles/media/images.py`:
no metadata, a random name), and the background job makes its renditions.
A file that is missing or is not a picture is reported, never fatal.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from articles.models import Image

from .wxr import WXRItem

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
# What follows the uploads folder in an attachment's address:
# self-hosted `/wp-content/uploads/2024/03/x.jpg`, WordPress.com `/2024/03/x.jpg`.
_UPLOADS = re.compile(r"/wp-content/uploads/(.+)$|^/(\d{4}/\d{2}/.+)$")
# A picture bigger than this is not fetched (the library's own limit is lower).
MAX_FETCH_BYTES = 50 * 1024 * 1024
FETCH_TIMEOUT = 30


class MissingFile(Exception):
    """The attachment's file could not be found or read."""


@dataclass(frozen=True)
class MediaSource:
    """Where attachment files come from: a folder, an address, or nowhere."""

    uploads: Path | None = None
    base_url: str = ""

    def relative_path(self, item: WXRItem) -> str:
        """Return the file's path under the uploads folder, e.g. `2024/03/x.jpg`."""
        attached = item.meta_value("_wp_attached_file").strip().lstrip("/")
        if attached:
            return attached
        match = _UPLOADS.search(unquote(urlsplit(item.attachment_url).path))
        return (match[1] or match[2]) if match else ""

    def read(self, item: WXRItem) -> bytes:
        """Return the attachment's bytes, or raise `MissingFile` saying why."""
        relative = self.relative_path(item)
        if self.uploads is not None:
            if not relative:
                raise MissingFile("no uploads path in the export")
            path = (self.uploads / relative).resolve()
            if not path.is_relative_to(self.uploads.resolve()):
                raise MissingFile(f"{relative} is outside the uploads folder")
            if not path.is_file():
                raise MissingFile(f"{relative} is not in {self.uploads}")
            return path.read_bytes()
        if self.base_url:
            if not relative:
                raise MissingFile("no uploads path in the export")
            return _fetch(urljoin(self.base_url.rstrip("/") + "/", relative))
        raise MissingFile("no --uploads folder or --media-base-url given")


def _fetch(url: str) -> bytes:
    import requests

    try:
        with requests.get(url, timeout=FETCH_TIMEOUT, stream=True) as response:
            if response.status_code != 200:
                raise MissingFile(f"{url} answered {response.status_code}")
            body = io.BytesIO()
            for chunk in response.iter_content(64 * 1024):
                body.write(chunk)
                if body.tell() > MAX_FETCH_BYTES:
                    raise MissingFile(f"{url} is over {MAX_FETCH_BYTES // 2**20} MB")
            return body.getvalue()
    except requests.RequestException as error:
        raise MissingFile(f"{url} could not be fetched ({type(error).__name__})") from error


def is_image(item: WXRItem) -> bool:
    """Tell whether the attachment is a picture, by its file name."""
    name = item.meta_value("_wp_attached_file") or urlsplit(item.attachment_url).path
    return Path(name).suffix.lower() in IMAGE_SUFFIXES


def save_image(item: WXRItem, content: bytes, image: Image | None = None) -> Image:
    """Store the attachment as a library image (a new one, or `image` again).

    Raises `MissingFile` when the bytes are not a picture the library takes.
    """
    image = image or Image()
    image.title = (item.title or Path(item.attachment_url).name)[:255]
    image.caption = " ".join(item.excerpt.split())[:300]
    image.alt_text = " ".join(item.meta_value("_wp_attachment_image_alt").split())[:300]
    name = Path(item.meta_value("_wp_attached_file") or item.attachment_url).name or "image"
    try:
        image.file.save(name, ContentFile(content, name=name), save=False)
        image.save()
    except ValidationError as error:
        raise MissingFile(f"not a picture the library takes: {' '.join(error.messages)}") from error
    return image
