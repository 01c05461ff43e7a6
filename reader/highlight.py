"""Search results with the reader's words marked.

`highlight()` turns a headline or a body into escaped plain text with the
query's words in `<mark>`, optionally cut to a snippet around the first
match. It marks words by their start, as the full-text index matched them
(`articles.models.search`).
"""

from __future__ import annotations

import html
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TAG = re.compile(r"<[^>]*>")


def highlight(text: str, terms: list[str], *, words: int | None = None) -> SafeString:
    """Return `text` (HTML allowed) as escaped plain text with terms in `<mark>`.

    With `words`, return only that many words around the first match (or
    the opening words when nothing matches), with ellipses where cut.
    Words are matched by their start, so "strike" marks "strikes".
    """
    # Bodies are sanitised HTML (nh3), so dropping tags with a regex is
    # enough here, and far cheaper than strip_tags() on a long body.
    plain = " ".join(html.unescape(_TAG.sub(" ", text)).split())
    if words is not None:
        tokens = plain.split(" ")
        first = next((i for i, token in enumerate(tokens) if _starts_with_term(token, terms)), 0)
        start = max(0, first - words // 3)
        end = start + words
        plain = " ".join(tokens[start:end])
        plain = ("… " if start else "") + plain + (" …" if end < len(tokens) else "")
    if not terms:
        return mark_safe(escape(plain))
    stems = "|".join(re.escape(_stem(term)) for term in sorted(terms, key=len, reverse=True))
    pattern = re.compile(rf"\b((?:{stems})\w*)", re.IGNORECASE | re.UNICODE)
    parts = pattern.split(plain)
    # split() with one group alternates text and matches.
    return mark_safe(
        "".join(f"<mark>{escape(p)}</mark>" if i % 2 else escape(p) for i, p in enumerate(parts))
    )


def _stem(term: str) -> str:
    # A crude stem ("strikes" -> "strik"), enough to mark what the index matched.
    return term[:-2] if len(term) > 5 else term


def _starts_with_term(token: str, terms: list[str]) -> bool:
    token = token.lower().lstrip("\"'“‘(")
    return any(token.startswith(_stem(term)) for term in terms)
