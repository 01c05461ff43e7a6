"""The allow-list for article rich text, in one place.

Editors write paragraphs, subheads, emphasis, links, lists and block quotes;
everything else (scripts, event handlers, inline styles, `javascript:` links,
iframes) is stripped by nh3 both when an article is saved and when it is
rendered, so a row written by some other path is still safe to show.
"""

from __future__ import annotations

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
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str) -> str:
    """Return `html` with everything outside the allow-list removed.

    Links get `rel="noopener noreferrer"` so a linked page cannot reach back
    into the reader's tab.
    """
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
