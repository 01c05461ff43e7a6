"""Reading people's names out of a free-text byline, and matching names.

Pure functions, no database: the data migration that turns old bylines
into authors, the importer and the admin all use them.

`split_byline()` reads "By A and B", "A, B and C", "Reporting by A; photos
by B" as a list of names (each with the role it was given), and refuses
credits that name no one ("RFE/RL's Armenian Service", "Staff and
agencies", an outlet the newsroom knows), which stay text.
`name_key()` is what two spellings of one name have in common.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Words that mark a credit to an organisation or a desk, not to people.
CREDIT_WORDS = frozenset(
    {
        "agencies",
        "agency",
        "bureau",
        "correspondents",
        "desk",
        "editorial",
        "editors",
        "newsroom",
        "news",
        "press",
        "reporters",
        "service",
        "services",
        "staff",
        "team",
        "wire",
        "wires",
    }
)
# Words joining the last two names, in the languages the newsroom reads:
# English, Armenian (and its ligature), Russian, Greek and Turkish.
CONJUNCTIONS = ("and", "&", "եւ", "և", "ու", "и", "και", "ve")
# Lower-case particles a name may carry ("Ludwig van Beethoven").
NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "der", "di", "du", "ibn", "la", "le", "van", "von"}
)
# A person's name has a few words; a longer part is a sentence or a credit.
MAX_NAME_WORDS = 5

_BY = re.compile(r"^\s*(?:(?P<role>[^\W\d_][\w ]*?)\s+)?by\s+", re.IGNORECASE)
_AND = re.compile(
    r"\s*,?\s+(?:" + "|".join(re.escape(word) for word in CONJUNCTIONS) + r")\s+",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True)
class BylineName:
    """One person a byline names, with the role it gives them ("Photos by")."""

    name: str
    role: str = ""


def name_key(name: str) -> str:
    """Return what two spellings of one name share: no case, accents or extra spaces.

    "Çağrı Öztürk" and "cagri ozturk" have one key; letters of other
    scripts are kept ("տաթեւ հակոբյան"), NFKC-folded so `և` is `եւ`.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = unicodedata.normalize("NFKC", bare).casefold().replace("ı", "i")
    return " ".join(folded.split())


def _words(text: str) -> list[str]:
    return [word.strip(".'’").casefold() for word in _WORD.findall(text)]


def _is_credit(text: str, outlet_keys: set[str]) -> bool:
    if any(word in CREDIT_WORDS for word in _words(text)):
        return True
    if name_key(text) in outlet_keys:
        return True
    # "RFE/RL's Armenian Service": an outlet's name inside the text.
    key = name_key(text)
    return any(
        outlet and re.search(rf"(?<!\w){re.escape(outlet)}(?!\w)", key) for outlet in outlet_keys
    )


def _looks_like_a_name(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS:
        return False
    if any(char.isdigit() or char in "/@:()" for char in part):
        return False
    # A name starts with a capital in scripts that have them.
    return (
        all(not word[0].islower() or word in NAME_PARTICLES for word in words[1:])
        and not words[0][0].islower()
    )


def split_byline(text: str, *, outlets: Iterable[str] = ()) -> list[BylineName] | None:
    """Return the people `text` names, in order; None if it is a credit to no one.

    "By A and B", "A, B and C", "A, B, and C", "A & B", "Reporting by A;
    photos by B" (roles kept, "Photos by"). None for a credit naming an
    organisation or desk (a word such as Service, agencies, Staff, Press,
    News; or one of `outlets`, names and aliases of known outlets,
    matched case- and accent-insensitively), and for text that does not
    read as names (a sentence, a lower-case word). An empty list for
    blank text.
    """
    if not text.strip():
        return []
    outlet_keys = {name_key(outlet) for outlet in outlets if outlet.strip()}
    if _is_credit(text, outlet_keys):
        return None
    found: list[BylineName] = []
    for clause in re.split(r"\s*[;|]\s*", text.strip().rstrip(".")):
        role = ""
        if match := _BY.match(clause):
            role = f"{match['role'].strip().capitalize()} by" if match["role"] else ""
            clause = clause[match.end() :]
        for part in _AND.split(clause):
            for piece in part.split(","):
                name = " ".join(piece.split())
                if not name:
                    continue
                if not _looks_like_a_name(name):
                    return None
                found.append(BylineName(name, role))
    return found or None
