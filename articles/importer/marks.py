"""Quotation-mark pairing and sentence boundaries inside one paragraph.

Newsroom copy mixes straight and curly marks, closes quotes with an opening mark
(``agreement, “Grigoryan said``), leaves stray marks inside a quotation and runs a
quotation over several paragraphs. This module turns one paragraph into quotation
spans and sentences; it knows nothing about speakers. It imports only the word-list
helper from ``names``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import MASK, word_set

DOUBLE_MARKS = '"“”„«»″'
# Pairs of single marks used as one double mark, and typewriter doubles.
_MARK_FIXES = (("’’", "”"), ("‘‘", "“"), ("``", "“"), ("''", "”"))
_OPEN_BEFORE = set("([{—–-:/\u00a0") | set(DOUBLE_MARKS)
_CLOSE_AFTER = set(".,;:!?)]}—–-\u00a0…")

_ABBREVIATIONS = word_set(
    """mr mrs ms dr gen col lt sgt cmdr capt gov sen rep st jr sr no nov dec jan feb mar apr
    aug sept sep oct inc corp co ltd vs prof rev mt ft maj adm gens reps sens dept univ est
    approx fig"""
)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“”‘(\[]?[A-Z0-9])")


def normalize_marks(text: str) -> str:
    """Return ``text`` with doubled single marks turned into double marks."""
    for old, new in _MARK_FIXES:
        text = text.replace(old, new)
    return text


@dataclass
class Span:
    """One quotation in a paragraph: marks at ``start`` and ``end``.

    ``end`` is the index of the closing mark, or the paragraph length when the
    quotation runs on into the next paragraph (``closed`` is then False).
    """

    start: int
    end: int
    closed: bool

    def content(self, text: str) -> str:
        """Return the quoted words with stray marks removed and spaces tidied."""
        inner = text[self.start + 1 : self.end]
        inner = re.sub(f"\\s*[{DOUBLE_MARKS}]\\s*", " ", inner)
        return re.sub(r"\s+", " ", inner).strip()


def _looks(text: str, i: int) -> tuple[bool, bool]:
    """Return (opening-like, closing-like) for the mark at ``i``."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    opening = prev.isspace() or prev in _OPEN_BEFORE
    closing = nxt.isspace() or nxt in _CLOSE_AFTER or nxt in DOUBLE_MARKS
    return opening, closing


def find_spans(text: str, runs_on: bool = False) -> list[Span]:
    """Pair the double quotation marks of one paragraph into spans.

    Inside a quotation, a mark that looks like an opening one is taken as a
    mismatched closing mark when the marks left after it still pair up (or the
    next paragraph continues the quotation, ``runs_on``); otherwise it is a stray
    mark and is skipped. An unclosed last span runs to the end of the paragraph.
    """
    marks = [i for i, ch in enumerate(text) if ch in DOUBLE_MARKS]
    spans: list[Span] = []
    start: int | None = None
    for n, i in enumerate(marks):
        if start is None:
            start = i
            continue
        opening, closing = _looks(text, i)
        if closing or not opening:
            spans.append(Span(start, i, True))
            start = None
            continue
        remaining = len(marks) - n - 1
        if remaining % 2 == 0 or runs_on:
            spans.append(Span(start, i, True))
            start = None
    if start is not None:
        spans.append(Span(start, len(text), False))
    return spans


def mask(text: str, spans: list[Span]) -> str:
    """Return ``text`` with every quotation, marks included, replaced by MASK."""
    chars = list(text)
    for span in spans:
        for i in range(span.start, min(span.end + 1, len(text))):
            chars[i] = MASK
    return "".join(chars)


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(s.start < pos < s.end for s in spans)


def sentence_bounds(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of ``text``.

    Full stops inside a quotation do not end a sentence unless the quotation ends
    there too; common abbreviations and initials ("Cmdr.", "U.S.") never do.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        dot = m.start()
        word = re.search(r"([\w.]+)$", text[start:dot])
        last = word.group(1).split(".")[-1].lower() if word else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        close = m.end() - len(m.group(0)) + len(m.group(0).rstrip())
        if _inside(dot, spans) and not any(s.closed and dot < s.end < close for s in spans):
            continue
        if any(s.start < close - 1 < s.end for s in spans):
            continue
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds
