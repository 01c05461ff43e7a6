"""The allow-list for article rich text, in one place.

Editors write paragraphs, subheads, emphasis, links, lists and block quotes,
and place library pictures as empty `<figure>` references
(`articles/media/references.py`), whose few attributes are checked value by
value; everything else (scripts, event handlers, inline styles, `javascript:` links,
iframes) is stripped by nh3 both when an article is saved and when it is
rendered, so a row written by some other path is still safe to show.
"""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "br",
    "hr",
    "figure",
    "figcaption",
    "cite",
    "q",
    "sub",
    "sup",
    "abbr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "figure": {"data-image", "data-gallery", "data-layout", "data-caption", "data-credit"},
}
# What each reference attribute may hold; a value that does not match is
# dropped (a figure whose reference goes is an empty figure, and renders as
# nothing).
_REFERENCE_VALUES = {
    "data-image": re.compile(r"\d{1,10}"),
    "data-gallery": re.compile(r"\d{1,10}(,\d{1,10}){0,99}"),
    "data-layout": re.compile(r"full|inset"),
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def _reference_attribute(tag: str, attribute: str, value: str) -> str | None:
    pattern = _REFERENCE_VALUES.get(attribute) if tag == "figure" else None
    if pattern is None:
        return value
    value = value.replace(" ", "")
    return value if pattern.fullmatch(value) else None


def clean_html(html: str) -> str:
    """Return `html` with everything outside the allow-list removed.

    Links get `rel="noopener noreferrer"` so a linked page cannot reach back
    into the reader's tab.
    """
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_reference_attribute,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
