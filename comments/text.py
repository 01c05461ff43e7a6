"""A comment's plain text as the page shows it, and the links it holds.

Comments are plain text: never HTML. On the page each is escaped, blank
lines make paragraphs, single line breaks stay, and web addresses become
links marked `rel="nofollow ugc"`, so they earn spammers no search rank.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# http(s) addresses and bare www. ones; nothing else is ever a link.
LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
# Punctuation that ends a sentence rather than an address.
_TRAILING = ".,;:!?)]}"


def count_links(text: str) -> int:
    """Return how many web addresses `text` holds."""
    return len(LINK.findall(text))


def _linked(line: str) -> str:
    out: list[str] = []
    last = 0
    for match in LINK.finditer(line):
        address = match.group(0).rstrip(_TRAILING)
        end = match.start() + len(address)
        href = address if "://" in address else f"https://{address}"
        out.append(escape(line[last : match.start()]))
        out.append(f'<a href="{escape(href)}" rel="nofollow ugc">{escape(address)}</a>')
        last = end
    out.append(escape(line[last:]))
    return "".join(out)


def comment_html(text: str) -> SafeString:
    """Return `text` as escaped paragraphs with line breaks and safe links."""
    paragraphs = [part for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()]
    html = "".join(
        "<p>" + "<br>".join(_linked(line) for line in part.strip().split("\n")) + "</p>"
        for part in paragraphs
    )
    return mark_safe(html)
