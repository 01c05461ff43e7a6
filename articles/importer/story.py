"""The layout of a plain-text story: caption, headline, dateline and body blocks.

The expected layout is one paragraph per line with blank lines between them: an
optional photo caption, the headline, optional count lines (digits only), then the
body, whose first paragraph may open with a dateline (``BUFFALO, N.Y. (AP) —``).
Promo lines, subheads, verbatim duplicates and empty lines are taken out of the
body and reported. Imports ``quotes``, ``tags``, ``marks`` and ``names``; nothing
imports this module except the package's ``__init__``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from .book import NameBook
from .marks import normalize_marks
from .names import key
from .quotes import FoundQuote, find_quotes
from .tags import suggest_tags

DUPLICATE_WORDS = 8  # duplicates are reported by their first eight words
SUBHEAD_MAX_WORDS = 14
HEADLINE_MAX_WORDS = 30
REWORDED_MIN_WORDS = 12
REWORDED_OVERLAP = 0.6  # share of the shorter paragraph's word pairs found in the other

_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+)*"
    r"(?:,\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
    r"[A-Z][A-Za-z.'’\-]*(?:\s+[A-Z][A-Za-z.'’\-]*)*)?)"
    r"(?:,\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"
    r"\s*(?:\((?P<credit>[^()]{1,40})\))?\s*(?:—|–|--|-)\s+"
)
_DATELINE_TITLE_CASE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)\s*\((?P<credit>[^()]{1,40})\)\s*(?:—|–|--|-)\s+"
)
_PROMO_STRONG = re.compile(
    r"in your inbox|^sign up\b|\bsign up (?:for|to|here|now|today)\b|^subscribe\b|"
    r"\bsubscribe (?:to|now|today|here)\b|^(?:click|tap) here to (?:subscribe|sign up)|"
    r"^(?:get|download) (?:our|the) .{0,40}\bapp\b|^follow us\b|^become a (?:member|subscriber)|"
    r"^support (?:our|local|independent) journalism",
    re.IGNORECASE,
)
_PROMO_WEAK = re.compile(r"\bnewsletters?\b|\bdaily briefing\b|\bbreaking news alerts\b", re.I)
_DEBRIS = re.compile(
    r"^(?:advertisement|advertising|story continues below(?: advertisement)?|skip advertisement|"
    r"share(?: this)?(?: article| story)?:?|print|email|tweet|comments?(?: \(\d+\))?|"
    r"read more:?|\d+ min(?:ute)? read|listen to this (?:article|story)|continue reading)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^By\s+[A-Z][\w.’'\-]+(?:\s+[A-Z][\w.’'\-]+){0,3}(?:\s*(?:,|and|\|).{0,60})?$"
)
_CAPTION_HINT = re.compile(
    r"\((?:AP|AFP|Reuters|Getty|[^()]*Photo)[^()]*\)\s*$|^Photo:|Photo by", re.I
)
# A short line with a quotation and its attribution is body copy, not a heading.
_ATTRIBUTED = re.compile(r"[,?!][”\"]\s+\w|\b(?:said|says|told|added|asked)\b")
_COUNT_LINE = re.compile(r"^[\d\s]+$")
_SENTENCE_END = ".!?…,;:"


class StoryFormatError(ValueError):
    """The text cannot be read as a story (it is empty or has no headline)."""


@dataclass
class Block:
    """One body item in order: a paragraph, a subhead or a promo line."""

    kind: Literal["paragraph", "subhead", "promo"]
    text: str


@dataclass
class ParsedStory:
    """Everything ``parse_story`` reads from a plain-text story.

    ``paragraphs`` are the body paragraphs kept, in order, the first without its
    dateline; ``blocks`` interleave them with subheads and promo lines so the body
    can be rebuilt. Missing values are None or empty lists, never guessed.
    """

    headline: str
    caption: str | None = None
    dateline: str | None = None
    credit: str | None = None
    byline: str | None = None
    subheads: list[str] = field(default_factory=list)
    promo_lines: list[str] = field(default_factory=list)
    duplicate_paragraphs: list[str] = field(default_factory=list)
    reworded_repeats: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)
    tags_suggested: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the importer's JSON shape (the keys the labels use)."""
        return {
            "headline": self.headline,
            "caption": self.caption,
            "dateline": self.dateline,
            "credit": self.credit,
            "subheads": list(self.subheads),
            "promo_lines": list(self.promo_lines),
            "duplicate_paragraphs": list(self.duplicate_paragraphs),
            "paragraph_count": len(self.paragraphs),
            "quotes": [q.as_dict() for q in self.quotes],
            "tags_suggested": list(self.tags_suggested),
        }


def _lines(text: str) -> list[str]:
    """Split text into paragraphs: one per line, hard-wrapped blocks joined."""
    out: list[str] = []
    block: list[str] = []
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if line:
            block.append(line)
            continue
        if len(block) > 1 and all(40 <= len(x) <= 80 for x in block[:-1]):
            # Lines of similar, moderate length are one hard-wrapped paragraph.
            out.append(" ".join(block))
        else:
            out.extend(block)
        block = []
    return out


def _ends_sentence(line: str) -> bool:
    core = line.rstrip(" ”\"’'»)]")
    return core[-1:] in _SENTENCE_END


def _headline_like(line: str) -> bool:
    return (
        len(line.split()) <= HEADLINE_MAX_WORDS
        and not line.rstrip(' ”"’').endswith(".")
        and not _match_dateline(line)
        and not _COUNT_LINE.match(line)
    )


def _title_share(line: str) -> float:
    words = [w for w in re.findall(r"[^\W\d_][\w’'\-]*", line) if len(w) > 3]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def _caption_like(line: str) -> bool:
    return (
        bool(_CAPTION_HINT.search(line))
        or line.endswith((".", ")"))
        or (len(line.split()) > HEADLINE_MAX_WORDS)
    )


def _split_header(items: list[str]) -> tuple[str | None, str, int]:
    """Return (caption, headline, index of the first item after the headline)."""
    first = items[0]
    second_at = 1
    while second_at < len(items) and _COUNT_LINE.match(items[second_at]):
        second_at += 1
    second = items[second_at] if second_at < len(items) else None
    # A "By ..." line after the first is its byline, never the headline
    # under a caption.
    if (
        second is not None
        and second_at == 1
        and _headline_like(second)
        and not _BYLINE.match(second)
    ):
        counted = second_at + 1 < len(items) and _COUNT_LINE.match(items[second_at + 1])
        third = items[second_at + 1] if second_at + 1 < len(items) else ""
        # Two heading-like lines before the body: a caption, then the headline.
        body_next = bool(_match_dateline(third)) or (
            len(third.split()) >= 8 and _ends_sentence(third)
        )
        if (
            _caption_like(first)
            or counted
            or body_next
            or _title_share(second) > _title_share(first) + 0.3
            or not _headline_like(first)
        ):
            return first, second, second_at + 1
    if not _headline_like(first):
        raise StoryFormatError("The story has no headline: the first line reads like body text.")
    return None, first, 1


def _match_dateline(line: str) -> re.Match[str] | None:
    m = _DATELINE.match(line)
    if m and sum(c.isupper() for c in m.group("place")) >= 2:
        return m
    return _DATELINE_TITLE_CASE.match(line)


def _is_promo(line: str) -> bool:
    words = len(line.split())
    if words > 25:
        return False
    if _PROMO_STRONG.search(line):
        return True
    return words <= 14 and bool(_PROMO_WEAK.search(line)) and not line.rstrip().endswith(".")


def _is_subhead(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= SUBHEAD_MAX_WORDS or len(line) > 110 or _ends_sentence(line):
        return False
    if line[0] in "(-—–[" or _match_dateline(line) or _ATTRIBUTED.search(line):
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "“\"‘'…"


def _first_words(text: str) -> str:
    return " ".join(text.split()[:DUPLICATE_WORDS])


def _pairs(text: str) -> set[tuple[str, str]]:
    words = key(text).split()
    return set(pairwise(words))


def _reworded(paragraphs: list[str]) -> list[str]:
    """Return the first words of paragraphs that repeat an earlier one reworded."""
    found: list[str] = []
    shingles = [_pairs(p) for p in paragraphs]
    for j, later in enumerate(shingles):
        if len(later) < REWORDED_MIN_WORDS:
            continue
        for earlier in shingles[:j]:
            if len(earlier) < REWORDED_MIN_WORDS:
                continue
            shared = len(later & earlier) / min(len(later), len(earlier))
            if shared >= REWORDED_OVERLAP:
                found.append(_first_words(paragraphs[j]))
                break
    return found


def parse_story(text: str) -> ParsedStory:
    """Read a plain-text story into a ParsedStory.

    Raise StoryFormatError when the text is empty or its first line is body text
    rather than a headline (or a caption followed by a headline).
    """
    items = _lines(text or "")
    if not items:
        raise StoryFormatError("The story is empty.")
    caption, headline, at = _split_header(items)
    story = ParsedStory(headline=headline, caption=caption)
    body = items[at:]
    while body and (_COUNT_LINE.match(body[0]) or _DEBRIS.match(body[0])):
        body = body[1:]
    if body and _BYLINE.match(body[0]):
        story.byline, body = body[0], body[1:]
    seen: dict[str, str] = {}
    reported: set[str] = set()
    for n, line in enumerate(body):
        if _COUNT_LINE.match(line) or _DEBRIS.match(line):
            continue
        if _is_promo(line):
            if line not in story.promo_lines:
                story.promo_lines.append(line)
            story.blocks.append(Block("promo", line))
            continue
        has_more = any(not _is_promo(x) for x in body[n + 1 :])
        if story.paragraphs and has_more and _is_subhead(line):
            story.subheads.append(line)
            story.blocks.append(Block("subhead", line))
            continue
        if not story.paragraphs:
            m = _match_dateline(line)
            if m:
                story.dateline = m.group("place").strip()
                story.credit = (m.group("credit") or "").strip() or None
                line = line[m.end() :].strip()
        norm = key(line)
        if not norm:
            continue
        if norm in seen:
            if norm not in reported:
                reported.add(norm)
                story.duplicate_paragraphs.append(_first_words(seen[norm]))
            continue
        seen[norm] = line
        story.paragraphs.append(line)
        story.blocks.append(Block("paragraph", line))
    if not story.paragraphs:
        raise StoryFormatError("The story has a headline but no body paragraphs.")
    story.reworded_repeats = _reworded(story.paragraphs)
    book = NameBook.from_paragraphs([normalize_marks(p) for p in story.paragraphs])
    story.quotes = find_quotes(story.paragraphs, book)
    story.tags_suggested = suggest_tags(
        headline,
        story.paragraphs,
        [q.speaker for q in story.quotes if q.speaker],
        skip=(story.credit,),
        book=book,
    )
    return story
