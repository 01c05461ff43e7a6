"""Tag suggestions: the places, organisations and people a story is about.

Counts the names a story uses (people under their fullest form, "Armenian" folded
into "Armenia"), weighs the headline, the first paragraph and quoted speakers more,
and keeps a handful. Only names written in the story are suggested. Imports
``names`` only.
"""

from __future__ import annotations

import re
from collections import Counter

from .book import NameBook
from .names import (
    COMMON_CAPS,
    ORG_WORDS,
    TITLE_WORDS,
    WEEKDAYS_MONTHS,
    Entity,
    capital_runs,
    key,
    split_title,
    strip_possessive,
    tokenize,
)

MAX_TAGS = 8
MIN_SCORE = 2  # a name mentioned once, outside the headline and lead, is not a topic
_DEMONYM_ENDINGS = ("ian", "an", "i", "ese", "ish", "n")
_UNFOLDED_DEMONYM = re.compile(r"(?:ean|ian|ese|ish)$")
_CONTRACTION = re.compile(r"[’'](?:ve|re|m|ll|d|t)$|n[’']t$", re.IGNORECASE)
_SENTENCE_OPENERS = ".!?:;\"“”‘'(—–"


def _fold_demonym(name: str, known: set[str]) -> str | None:
    for ending in _DEMONYM_ENDINGS:
        stem = name[: -len(ending)]
        if name.endswith(ending) and stem in known:
            return stem
        if name.endswith(ending) and stem + "a" in known:
            return stem + "a"
    return None


def _run_names(run: list[str], book: NameBook) -> list[str]:
    """Return the tags a capitalised run stands for: full names or the run itself."""
    ent = split_title(run)
    if "and" in run and run[-1].lower() not in ORG_WORDS:
        # "Armenia and Azerbaijan", "Glen and Rosa Marsh": one tag per part.
        at = run.index("and")
        return _run_names(run[:at], book) + _run_names(run[at + 1 :], book)
    if any(_CONTRACTION.search(w) for w in run):
        return []
    name = _run_name(ent, run, book)
    return [name] if name else []


def _run_name(ent: Entity | None, run: list[str], book: NameBook) -> str | None:
    if ent is not None and ent.kind == "person":
        full = book.full_person(ent.name)
        if full is not None:
            return full.name
        if len(ent.name.split()) >= 2:
            return ent.name
    words = [strip_possessive(w) for w in run]
    while words and (
        words[0].lower() in COMMON_CAPS
        or words[0].lower() in WEEKDAYS_MONTHS
        or words[0].lower() in TITLE_WORDS
    ):
        words = words[1:]
    while words and words[-1].lower() in ("of", "and", "for", "the", "&"):
        words = words[:-1]
    return " ".join(words) or None


def suggest_tags(
    headline: str,
    paragraphs: list[str],
    speakers: list[str],
    skip: tuple[str | None, ...] = (),
    book: NameBook | None = None,
) -> list[str]:
    """Return up to MAX_TAGS candidate tag names, most important first.

    ``speakers`` are the quoted speakers (each quote counts once more);
    names in ``skip`` (such as the wire credit) are never suggested. ``book``
    is the story's NameBook when the caller already has it.
    """
    book = book or NameBook.from_paragraphs(paragraphs)
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    shown: dict[str, str] = {}
    mid_sentence: set[str] = set()
    for index, text in enumerate(paragraphs):
        tokens = tokenize(text)
        for start, run in book.runs[index] if index < len(book.runs) else capital_runs(text):
            for name in _run_names(run, book):
                k = key(name)
                if not k or k in COMMON_CAPS or k in WEEKDAYS_MONTHS or len(k) < 2:
                    continue
                counts[k] += 2 if index == 0 else 1
                shown.setdefault(k, name)
                first_seen.setdefault(k, len(first_seen))
                if start > 0 and tokens[start - 1][-1:] not in _SENTENCE_OPENERS:
                    mid_sentence.add(k)
    known = {k for k in counts if " " not in k}
    for k in list(known):
        target = _fold_demonym(k, known - {k})
        if target:
            counts[target] += counts.pop(k)
            mid_sentence.add(target)
    for speaker in speakers:
        if key(speaker) in counts:
            counts[key(speaker)] += 1
    head = f" {key(headline)} "
    for k in counts:
        if f" {k} " in head:
            counts[k] += 3
    banned = {key(s) for s in skip if s}

    def keep(k: str) -> bool:
        # A lone word seen only at the start of sentences is usually not a name.
        lone = " " not in k
        return (
            counts[k] >= MIN_SCORE
            and k not in banned
            and not (lone and k not in mid_sentence)
            and not (lone and _UNFOLDED_DEMONYM.search(k))
        )

    ranked = sorted(filter(keep, counts), key=lambda k: (-counts[k], first_seen[k]))
    return [shown[k] for k in ranked[:MAX_TAGS]]
