"""The content app's background jobs: image renditions, off the request."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from pagecache.signals import pages_changed

from .media.renditions import ensure_renditions
from .models import Image


@db_task(retries=2, retry_delay=30, retry_backoff=2)
def make_image_renditions(image_id: int, key: str) -> None:
    """Write a library image's copies for the file and focal point `key` names.

    A picture replaced or re-centred since the job was queued has a job of
    its own for its new key, so this one does nothing. Once the copies
    exist the image says so, and pages cached with the original are made
    stale.
    """
    image = Image.objects.filter(pk=image_id).first()
    if image is None or image.rendition_key != key:
        return
    ensure_renditions(image)
    Image.objects.filter(pk=image_id).update(renditions_for=key)
    pages_changed(Image)
