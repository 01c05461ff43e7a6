"""Where a story's body points at the media library.

A body stores references, not markup: the page renders them (see
`reader/layout.py`), so a picture's renditions, caption and credit stay
the library's, and the sanitiser allows only these few attributes:

- an inline image: ``<figure data-image="42" data-layout="inset"
  data-caption="..." data-credit="..."></figure>`` (layout ``full`` or
  ``inset``; caption and credit override the library's when present);
- a gallery: ``<figure data-gallery="42,43,44"></figure>``, library images
  in the order given.

An embed needs no reference: a paragraph holding only a link to a known
provider is one (`embeds.py`).
"""

from __future__ import annotations

import re

# Attribute values as nh3 writes them: always double-quoted.
_IMAGE = re.compile(r'<figure\b[^>]*\bdata-image="(\d+)"')
_GALLERY = re.compile(r'<figure\b[^>]*\bdata-gallery="([\d,\s]+)"')


def image_ids_in(body: str) -> list[int]:
    """Return the library image ids `body` shows, in order, each once."""
    found: dict[int, None] = {}
    for match in re.finditer(f"{_IMAGE.pattern}|{_GALLERY.pattern}", body or ""):
        single, gallery = match.groups()
        for part in (single or gallery).split(","):
            if part.strip().isdigit():
                found.setdefault(int(part), None)
    return list(found)
