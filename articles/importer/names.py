"""Name, title and entity heuristics shared by the quote finder and tag suggestions.

Pure standard library: capitalised runs of words are split into a person's title and
name, or recognised as an organisation. The story's own cast of full names, and the
short forms ("Grigoryan", "Tito", "the minister") that point back to them, is
``book``. Nothing here knows about quotation marks; every other
module of the importer may import this one, never the other way round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def word_set(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``text`` as a set (for word lists)."""
    return frozenset(text.split())


# Words that open a sentence with a capital letter without naming anything.
COMMON_CAPS = word_set(
    """a an the in on at as but and or if when while after before earlier later meanwhile
    however this that these those it he she they we i his her their its our my there here
    what who why how where both all some many most one two three four five barely right
    despite with without for from by to of under over since although though because so yet
    still also just only even not no yes during then instead asked speaking critically
    separately similarly elsewhere hours days now today tonight yesterday last next every
    each another such according once among against about into through amid unlike like
    several few more other any whether meet read get sign subscribe you your"""
)

WEEKDAYS_MONTHS = word_set(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan jan. feb feb. mar mar. apr
    apr. jun jun. jul jul. aug aug. sept sept. sep sep. oct oct. nov nov. dec dec."""
)

# Titles and roles that come before a person's name ("Foreign Minister Ann Linde").
TITLE_WORDS = word_set(
    """president vice prime minister secretary foreign defense defence interior finance
    chairman chairwoman chair director general gen. sen. senator rep. representative gov.
    governor mayor judge justice coach captain capt. cmdr. commander col. colonel lt.
    lieutenant sgt. sergeant maj. major dr. mr. mrs. ms. miss prof. professor rev. reverend
    chief executive ceo cfo coo ambassador deputy spokesman spokeswoman spokesperson officer
    sheriff attorney king queen prince princess pope bishop archbishop rabbi imam sheikh
    speaker leader chancellor premier commissioner superintendent principal manager head
    lawmaker mp former acting interim senior assistant associate counsel adviser advisor
    analyst founder owner defenseman defender forward goalie goalkeeper striker midfielder
    quarterback pitcher winger center centre guard catcher coordinator trainer detective
    inspector constable agent correspondent reporter editor columnist economist co-founder
    cofounder councillor councilor councilman councilwoman alderman administrator officials
    official member hydrologist scientist biologist ecologist geologist meteorologist
    forecaster engineer architect historian librarian lawyer farmer teacher nurse doctor
    pastor chef author novelist artist designer photographer researcher volunteer resident
    stroke skipper cox rower coxswain midfielder mr ms mrs dr prof sir dame lord lady
    apprentice trainee intern baker prosecutor barrister solicitor magistrate cllr cllr.
    coun. assemblymember assemblyman assemblywoman congressman congresswoman
    councilmember supervisor trustee delegate alderwoman det. insp. supt. cpl. pvt. adm.
    amb. atty. boss referee umpire"""
)

# Words that make a capitalised run an organisation rather than a person.
ORG_WORDS = word_set(
    """ministry ministries department party alliance council commission committee group office
    agency bureau service union association federation organization organisation institute
    university college school bank company corp corp. inc inc. ltd llc co. foundation fund
    court police army navy forces force command government parliament assembly congress
    senate house administration authority board center centre network news times post press
    television tv radio club league coalition front movement bloc church hospital pentagon
    kremlin faction caucus project program programme team society trust corporation airlines
    airline nations cabinet tribunal secretariat embassy consulate mission station desk
    watch media journal gazette herald tribune daily insider review reuters bbc cnn tass afp
    twitter facebook google meta youtube tiktok instagram telegram microsoft apple amazon
    openai fbi cia nato un eu osce csto logistics holdings systems industries partners energy
    airways motors foods pharmaceuticals technologies labs capital ventures railways railway
    shipping utilities brewery bakery clinic library museum securities biotech therapeutics
    pharma air brewing bancorp insurance fc afc united athletic rovers rangers wanderers
    albion"""
)

# Lowercase role nouns that stand for one person ("the source said").
PERSON_ROLES = word_set(
    """source official spokesman spokeswoman spokesperson resident witness doctor lawyer
    attorney analyst expert officer diplomat commander activist soldier refugee teacher
    student parent mother father neighbor neighbour worker employee executive coach player
    manager minister secretary president chairman chairwoman director mayor governor senator
    lawmaker leader chief founder owner prosecutor judge investigator researcher scientist
    professor economist historian author victim survivor customer driver pilot nurse
    physician surgeon defenseman goalie forward captain farmer veteran candidate voter
    ambassador envoy adviser advisor aide deputy fan man woman boy girl person administrator
    winger center guard striker midfielder chef shopkeeper owner organizer organiser
    volunteer principal superintendent sheriff trooper firefighter paramedic ranger curator
    spokesmen referee umpire"""
)

# Nouns that, right before a name, say it is a body ("carrier Kestrel Air"). Not
# "operator" or "developer": a crane operator is a person.
ORG_DESCRIPTORS = word_set(
    """company firm carrier airline retailer insurer lender bank group maker manufacturer
    broadcaster publisher chain supplier startup brewery agency charity club union party
    automaker conglomerate consortium exporter importer producer consultancy association
    regulator watchdog newspaper daily outlet nonprofit institute organisation organization
    council committee miner refiner distributor"""
)

# Lowercase nouns for collective speakers ("the ministry said").
ORG_ROLES = word_set(
    """ministry ministries government party company firm department agency alliance bloc
    opposition commission council committee group office organization organisation military
    army police court union club team campaign administration embassy coalition board school
    university hospital network platform service foundation federation league co-chairs
    cochairs officials authorities regime parliament legislature kremlin pentagon district
    city county state prosecutors investigators brewery airline carrier bank charity
    retailer maker manufacturer operator developer landlord chain publisher broadcaster
    newspaper website startup insurer lender utility supplier store restaurant venue trust
    analysts authority regulator watchdog institute society association"""
)

# Lowercase nouns that describe a body in a phrase ("tenant group", "the agency").
_ORG_NOUNS = ORG_DESCRIPTORS | ORG_ROLES

# A named owner's body: "Ukraine’s agriculture ministry", "Belarus's state border
# committee". The owner tells apart bodies that share a head noun. Not "Lee's
# campaign manager": a person noun after the body makes it a person's role.
OWNED_BODY = re.compile(
    r"[A-Z][\w.\-]*(?:’s|'s)(?:\s+[a-z][\w\-]*){0,3}?\s+(?:"
    + "|".join(sorted(ORG_ROLES, key=len, reverse=True))
    + r")\b(?![\-’']|\s+(?:"
    + "|".join(sorted(PERSON_ROLES | TITLE_WORDS, key=len, reverse=True))
    + r")\b)"
)

PRONOUNS = word_set("""he she they it we i""")

# Connectors allowed inside a capitalised run ("Organization for Security and Cooperation").
CONNECTORS = word_set("""of the and for de del da di van von al bin la le in & y""")

_NOT_IN_NAMES = word_set("of for and & in the")
_RUN_CONNECTORS = CONNECTORS - {"the"}
_TOKEN = re.compile(r"[\w’'./&\-]+|\S")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")
_OTHER_ABBREVIATIONS = word_set("jr. sr. st. inc. corp. co. ltd. no. vs. mt. ft.")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
_QUOTED_NICKNAME = re.compile(r"""(?:'[A-Z][\w\-]*'|‘[A-Z][\w\-]*’|["“][A-Z][\w\-]*["”])""")
# The character ``marks.mask`` puts over every character of a quotation.
MASK = "\x00"


def strip_possessive(word: str) -> str:
    """Return ``word`` without a trailing possessive ('s or ’s)."""
    return _POSSESSIVE.sub("", word) if len(word) > 2 else word


def is_cap(word: str) -> bool:
    """Return True for a word that starts with an upper-case letter or a digit-led name."""
    return bool(word) and word[0].isupper()


def is_acronym(word: str) -> bool:
    """Return True for all-capital words such as ``OSCE`` or ``RFE/RL``."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def tokenize(text: str) -> list[str]:
    """Split text into words, keeping dots, slashes and apostrophes inside words.

    A full stop after a word becomes a token of its own, so names do not run on
    across sentences, unless the word is an abbreviation or initials ("Dr.",
    "Nov.", "U.S.").
    """
    out: list[str] = []
    for w in _TOKEN.findall(text):
        if len(w) > 1 and w.endswith(".") and not _is_abbreviation(w):
            out.extend((w[:-1], "."))
        else:
            out.append(w)
    return out


def key(text: str) -> str:
    """Return a comparison key: lower-case letters and digits, single-spaced."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _is_abbreviation(word: str) -> bool:
    low = word.lower()
    return (
        bool(_INITIALS.fullmatch(word))
        or low in TITLE_WORDS
        or low in WEEKDAYS_MONTHS
        or (low in _OTHER_ABBREVIATIONS)
    )


@dataclass
class Entity:
    """A named person or organisation found in a run of capitalised words."""

    name: str
    kind: str  # "person" | "organization"
    role: str | None = None


def split_title(words: list[str]) -> Entity | None:
    """Return the entity named by a capitalised run, title and name separated.

    "Security Council Secretary Armen Grigoryan" gives the person "Armen Grigoryan"
    with the role "Security Council Secretary"; "Armenian Defense Ministry" gives an
    organisation. Leading articles, weekdays and possessives are dropped.
    """
    words = [w for w in words if w]
    while words and (words[0].lower() in COMMON_CAPS or words[0].lower() in WEEKDAYS_MONTHS):
        words = words[1:]
    while words and words[-1].lower() in CONNECTORS:
        words = words[:-1]
    if not words:
        return None
    words = [*words[:-1], strip_possessive(words[-1])]
    lowered = [strip_possessive(w).lower() for w in words]
    if lowered[-1] in ORG_WORDS or is_acronym(words[-1]) or _org_of(lowered):
        for i in range(len(words) - 2, 0, -1):
            if lowered[i] in _ORG_NOUNS and not is_cap(words[i]) and is_cap(words[i + 1]):
                # "Tenant group Renters United": the descriptor is not part of the name.
                return Entity(" ".join(words[i + 1 :]), "organization")
        return Entity(" ".join(words), "organization")
    cut = -1
    if len(words) >= 3 and re.search(r"(?:ologist|ographer|ist)$", lowered[0]):
        cut = 0  # "Hydrologist Karen Liu" at the start of a sentence
    for i, w in enumerate(lowered):
        if w in TITLE_WORDS or w in ORG_WORDS or w in WEEKDAYS_MONTHS:
            cut = i
    name = words[cut + 1 :]
    while name and not is_cap(name[0]):
        name = name[1:]
    for i in range(len(name) - 1, -1, -1):
        if not is_cap(name[i]) and name[i].lower() not in CONNECTORS:
            name = name[i + 1 :]
            break
    role = " ".join(words[: cut + 1]) or None
    if not name:
        if lowered[-1] in PERSON_ROLES:
            return Entity(" ".join(words), "person")  # "Greystone spokesperson"
        return Entity(" ".join(words), "organization") if cut >= 0 else None
    if any(w.lower() in ORG_WORDS or w.lower() in _NOT_IN_NAMES for w in name):
        return Entity(" ".join(name), "organization", role)
    return Entity(" ".join(name), "person", role)


def _org_of(lowered: list[str]) -> bool:
    """Return True for "Ministry of Coastal Affairs"-style names."""
    return any(
        w in ORG_WORDS and i + 1 < len(lowered) and lowered[i + 1] in ("of", "for", "on")
        for i, w in enumerate(lowered)
    )


def capital_runs(text: str) -> list[tuple[int, list[str]]]:
    """Return (word index, words) for every run of capitalised words in ``text``.

    Connectors such as "of" or "and" stay inside a run only when another capitalised
    word follows them. A nickname in quotation marks inside a name ("Alberto 'Tito'
    Ferreyra") is left out of the run, so the name reads as it would on a record.
    The word index counts tokens from the start of ``text``.
    """
    words = tokenize(text)
    runs: list[tuple[int, list[str]]] = []
    i = 0
    while i < len(words):
        if not is_cap(words[i]) or not words[i][0].isalpha():
            i += 1
            continue
        start, run = i, [words[i]]
        i += 1
        while i < len(words):
            w = words[i]
            if is_cap(w) and w[0].isalpha() and not _POSSESSIVE.search(run[-1]):
                run.append(w)
                i += 1
            elif (
                w.lower() in _RUN_CONNECTORS
                and i + 1 < len(words)
                and is_cap(words[i + 1])
                and words[i + 1][0].isalpha()
                and not _POSSESSIVE.search(run[-1])
            ):
                run.extend([w, words[i + 1]])
                i += 2
            elif skip := _nickname_length(words, i):
                i += skip
            else:
                break
        runs.append((start, run))
    return runs


def _nickname_length(words: list[str], i: int) -> int:
    """Return how many tokens from ``i`` are a quoted nickname inside a name, or 0.

    The nickname must sit between two capitalised words: 'Tito' (one token),
    “Bobby” (three), or a short masked quotation in text whose quotations are
    blanked out.
    """
    for n in (1, 2, 3):
        after = i + n
        if after >= len(words) or not (is_cap(words[after]) and words[after][0].isalpha()):
            continue
        if _QUOTED_NICKNAME.fullmatch("".join(words[i:after])):
            return n
    n = 0
    while i + n < len(words) and words[i + n] == MASK:
        n += 1
    after = i + n
    # A one-word nickname and its two marks: longer masks are real quotations.
    if 3 <= n <= 16 and after < len(words) and is_cap(words[after]) and words[after][0].isalpha():
        return n
    return 0


def entities(run: list[str]) -> list[Entity]:
    """Return the entities of a run, splitting "Amira Shah and Ellie Brook" in two."""
    whole = split_title(run)
    if "and" not in run and "&" not in run:
        return [whole] if whole else []
    parts: list[list[str]] = [[]]
    for w in run:
        if w in ("and", "&"):
            parts.append([])
        else:
            parts[-1].append(w)
    people = [
        e
        for e in map(split_title, parts)
        if e is not None and e.kind == "person" and len(e.name.split()) >= 2
    ]
    if people:
        return people
    return [whole] if whole and whole.kind == "organization" else []
