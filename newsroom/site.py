"""The site's public address, and links built on it.

`SITE_URL` is where readers reach the site; every link that leaves a page
(e-mails, feeds, JSON-LD, OpenGraph, exports) is built here, with it in
front. `make run PORT=…` hands the same address to the server and to
everything it builds, so the two always agree.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.encoding import iri_to_uri


def absolute_url(url: str) -> str:
    """Return `url` as an address on the public site, as a URI.

    A URL that already names its host (an image on object storage or a
    CDN, whose `MEDIA_URL` is absolute) is kept as it is. Letters outside
    ASCII, as in a decoded request path, are percent-encoded.
    """
    if urlsplit(url).scheme:
        return iri_to_uri(url)
    return iri_to_uri(f"{settings.SITE_URL}{url}")


def origin(url: str) -> str | None:
    """Return the `scheme://host[:port]` of an absolute `url`, else None."""
    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        return None
    return f"{parts.scheme}://{parts.netloc}"
