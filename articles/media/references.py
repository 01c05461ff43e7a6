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
from dataclasses import dataclass
from html.parser import HTMLParser

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


@dataclass(frozen=True)
class Reference:
    """A body's reference to library images: one inline image or a gallery."""

    image_ids: tuple[int, ...]
    is_gallery: bool = False
    layout: str = "full"
    caption: str = ""
    credit: str = ""


class _FigureAttributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.attrs is None and tag == "figure":
            self.attrs = {name: value or "" for name, value in attrs}


def parse_reference(block_html: str) -> Reference | None:
    """Return the reference a sanitised top-level `<figure>` block holds, or None.

    None for any other block, and for a figure that names no image.
    """
    if not block_html.startswith("<figure") or "data-" not in block_html:
        return None
    parser = _FigureAttributes()
    parser.feed(block_html)
    attrs = parser.attrs or {}
    gallery = "data-gallery" in attrs
    ids = tuple(
        dict.fromkeys(
            int(part)
            for part in attrs.get("data-gallery" if gallery else "data-image", "").split(",")
            if part.strip().isdigit()
        )
    )
    if not ids:
        return None
    return Reference(
        image_ids=ids,
        is_gallery=gallery,
        layout="inset" if attrs.get("data-layout") == "inset" and not gallery else "full",
        caption=attrs.get("data-caption", "").strip(),
        credit=attrs.get("data-credit", "").strip(),
    )
