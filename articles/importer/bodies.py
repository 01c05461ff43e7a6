"""Organisation cues: wording that says a name is a body, not a person.

Company and agency names often carry no organisation word ("Harvest Line",
"Deutsche Bahn"), so the story's own wording has to say what they are: "a
spokesman for X", "X chief executive Jane Doe", "X, which operates ...",
"shares in X". ``find_bodies`` collects such names once per story and
``is_body`` tells the speaker resolver whether a speaker is one of them. A cue
only matters when the name itself speaks: "a spokeswoman for the library" says
nothing about who is quoted. Imports ``names`` only; ``speakers`` uses it.
"""

from __future__ import annotations

import re

from .book import NameBook
from .names import COMMON_CAPS, key

_NAME = r"[A-Z][\w’'&.\-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w’'&.\-]*){0,4}"
# Jobs held at a company or agency; "adviser" and "aide" are left out because
# politicians have them too ("Trump adviser John Doe").
_JOB = (
    r"(?:chief executive|chief financial officer|chief economist|spokes(?:man|woman|person)|"
    r"CEO|CFO|chairman|chairwoman|boss|manager|head coach|managing director|director|"
    r"president|founder|analyst|economist|executive|engineer)"
)
_JOB_HINTS = (
    "spokes", "chief", "CEO", "CFO", "chair", "boss", "manager", "coach", "director",
    "president", "founder", "analyst", "economist", "executive", "engineer",
)  # fmt: skip
# Each cue is tried only on paragraphs holding its keyword (a substring test is
# far cheaper than a regular expression over every paragraph). A name the cue
# follows ("Agroveta, which") is read backwards from the keyword.
_JOB_CUES = re.compile(
    # "a spokesman for Gazprom", "an analyst at consultancy AgriPulse"
    rf"\b{_JOB}s?\s+(?:for|of|at)\s+(?:the\s+)?(?:[a-z][\w\-]*\s+)?({_NAME})"
    # "Rovers manager Kerry Doyle", "Harvest Line chief executive Oleh Marchenko"
    rf"|\s+{_JOB}\s+[A-Z][a-z]+\s+[A-Z]"
)
_SHARES = re.compile(rf"\b[Ss]hares\s+(?:in|of)\s+({_NAME})")
_WHICH = re.compile(r",\s+which\b")  # "Agroveta, which operates": people take "who"
_OWNED = re.compile(
    r"(?:’s|'s)\s+(?:shares|shareholders|chief executive|board|headquarters|factory|"
    r"plant|employees|staff)\b"
)
_NAME_BEFORE = re.compile(rf"(?<![\w’'.\-])({_NAME})$")


def _cued_names(text: str) -> list[str]:
    names: list[str] = []
    found: list[re.Match[str]] = []
    if any(hint in text for hint in _JOB_HINTS):
        found.extend(_JOB_CUES.finditer(text))
    if "hares " in text:
        found.extend(_SHARES.finditer(text))
    if ", which" in text:
        found.extend(_WHICH.finditer(text))
    if "’s " in text or "'s " in text:
        found.extend(_OWNED.finditer(text))
    for m in found:
        if m.lastindex:
            names.append(m.group(1))
            continue
        start = m.start()
        before = _NAME_BEFORE.search(text, max(0, start - 80), start)
        if before is not None:
            names.append(before.group(1))
    return names


def find_bodies(paragraphs: list[str], book: NameBook) -> frozenset[str]:
    """Return the keys of names the story's wording marks as organisations.

    A name that is the surname of a person the story names in full ("Putin"
    when "Vladimir Putin" is there) is left out.
    """
    found: set[str] = set()
    for text in paragraphs:
        for name in _cued_names(text):
            words = name.split()
            while words and words[0].lower() in COMMON_CAPS:
                words = words[1:]  # "The", "But" opening the sentence
            if not words:
                continue
            person = book.full_person(" ".join(words))
            if person is not None and len(person.name.split()) > len(words):
                continue
            found.add(key(" ".join(words)))
    return frozenset(found)


def is_body(name: str, bodies: frozenset[str]) -> bool:
    """Return True when ``name`` is, or starts with, a name marked as a body.

    "Volta" marked by "shares in Volta" makes "Volta Marine" a body; a
    one-word mark never matches the end of a name, so "Marsh" does not make
    "Daniel Marsh" one.
    """
    if not bodies:
        return False
    words = key(name).split()
    for body in bodies:
        have = body.split()
        if words[: len(have)] == have:
            return True
        if len(have) > 1 and words[-len(have) :] == have:
            return True
    return False
