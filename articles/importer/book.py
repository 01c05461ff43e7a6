"""The story's cast: every person and organisation it names, and their short forms.

A story names a person in full once ("Alberto 'Tito' Ferreyra", "Dunmere manager
Gary Pellow") and then by surname, nickname or title ("Ferreyra", "Tito", "the
manager"). ``NameBook`` keeps the full names and the nicknames that point back to
them, and ``roles_in`` reads the titles a sentence gives people, so that
``speakers`` can turn every short form into the one full name a Source record
holds. Pure standard library; imports ``names`` only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .names import (
    COMMON_CAPS,
    ORG_ROLES,
    ORG_WORDS,
    PERSON_ROLES,
    TITLE_WORDS,
    Entity,
    capital_runs,
    entities,
    is_acronym,
    is_cap,
    key,
    split_title,
    strip_possessive,
    tokenize,
    word_set,
)

_NICK = r"""["“'‘]?([A-Z][\w\-]+)["”'’]?"""
# "Robert "Bobby" Delacroix", "Alberto 'Tito' Ferreyra": the nickname inside the name.
_NICK_INSIDE = re.compile(
    r"""\b([A-Z][\w\-]+)\s+(?:'([A-Z][\w\-]*)'|‘([A-Z][\w\-]*)’|["“]([A-Z][\w\-]*)["”])"""
    r"""\s+([A-Z][\w\-]+)"""
)
# Said after the name: "known along the river as Tam", "whom the fans call Teo",
# "nicknamed Teo".
_NICK_AFTER = re.compile(
    r"\b(?:(?:known|referred to)\s+(?:[\w’'\-]+\s+){0,6}?as|nicknamed|"
    r"(?:whom|who)\s+(?:[\w’'\-]+\s+){0,5}?call(?:s|ed)?(?:\s+(?:him|her))?)\s+" + _NICK
)
# Said before: "Tito, as the whole club calls him, ...".
_NICK_BEFORE = re.compile(
    r"\b([A-Z][\w\-]+),\s+as\s+(?:[\w’'\-]+\s+){1,5}?call(?:s|ed)?\s+(?:him|her)\b"
)
# Job nouns by their endings ("negotiator", "organiser", "ecologist"), for titles the
# word lists do not hold; these common words share the endings and are no job.
_AGENT = re.compile(r"[a-z]{2,}(?:er|or|ist|ian|man|woman)")
_NOT_JOBS = word_set(
    """ever never other rather together whether either neither per later earlier further
    sooner longer after under over water weather number order"""
)
# "Lenke Varga of Harwick Town": a person, then the body she speaks for.
_MEMBER_OF = re.compile(
    r"(?P<who>[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3})\s+(?:of|from|at)\s+(?:the\s+)?"
    r"(?P<body>[A-Z].*)"
)
_SPEECH_NEXT_TO_NAMES = word_set("said says added adds asked wrote told")
_CLAUSE_STARTS = word_set("who whom whose which where when while as after before")


@dataclass
class NameBook:
    """Every person and organisation the story names, in order of first mention.

    ``runs`` keeps each paragraph's capitalised runs so that later passes (tag
    suggestions) need not find them again. ``nicknames`` maps the key of a
    nickname to the person it stands for.
    """

    people: list[Entity] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    runs: list[list[tuple[int, list[str]]]] = field(default_factory=list)
    nicknames: dict[str, Entity] = field(default_factory=dict)
    _keys: list[list[str]] = field(default_factory=list, repr=False)
    _found: dict[str, Entity | None] = field(default_factory=dict, repr=False)

    @classmethod
    def from_paragraphs(cls, paragraphs: list[str]) -> NameBook:
        """Collect the names, and the nicknames, used in ``paragraphs``."""
        book = cls()
        seen: set[str] = set()
        for text in paragraphs:
            runs = capital_runs(text)
            book.runs.append(runs)
            words = tokenize(text) if " the " in text or " of " in text else []
            for start, run in runs:
                # "told the Blackwater Echo": people are not "the" anybody.
                after_the = bool(words) and start > 0 and words[start - 1] == "the"
                for ent in entities(run):
                    if after_the and ent.kind == "person" and not ent.role:
                        ent = Entity(ent.name, "organization")
                    if ent.kind == "organization" and _beside_speech(words, start, run):
                        ent = _person_of(ent) or ent  # "said Lenke Varga of Harwick Town"
                    name_key = key(ent.name)
                    if name_key in seen:
                        continue
                    if ent.kind == "person" and len(ent.name.split()) >= 2:
                        seen.add(name_key)
                        book.people.append(ent)
                        book._keys.append(name_key.split())
                        book._found.clear()
                    elif ent.kind == "organization":
                        seen.add(name_key)
                        book.orgs.append(ent.name)
            book._read_nicknames(text)
        return book

    def _read_nicknames(self, text: str) -> None:
        if not any(c in text for c in "'‘\"“") and " as " not in text and "call" not in text:
            return  # every nickname pattern needs a mark, "as" or "call"
        for m in _NICK_INSIDE.finditer(text):
            nick = next(g for g in m.groups()[1:4] if g)
            self._add_nickname(nick, self.full_person(f"{m.group(1)} {m.group(5)}"))
        for m in _NICK_AFTER.finditer(text):
            self._add_nickname(m.group(1), self._person_before(text[: m.start()]))
        for m in _NICK_BEFORE.finditer(text):
            self._add_nickname(m.group(1), self._person_before(text[: m.start()]))

    def _person_before(self, text: str) -> Entity | None:
        """Return the person named last in ``text``, else the last one the story named."""
        for _, run in reversed(capital_runs(text)):
            ent = split_title(run)
            if ent is not None and ent.kind == "person":
                full = self.full_person(ent.name)
                if full is not None:
                    return full
        return self.people[-1] if self.people else None

    def _add_nickname(self, nick: str, person: Entity | None) -> None:
        nick_key = key(nick)
        if person is None or nick_key in key(person.name).split():
            return  # no one to point at, or a name the person already goes by
        if self._surname_of_someone(nick_key):
            return  # "known as Pellow" would take another person's surname
        self.nicknames.setdefault(nick_key, person)
        self._found.clear()

    def _surname_of_someone(self, word: str) -> bool:
        return any(have[-1] == word for have in self._keys)

    def full_person(self, name: str) -> Entity | None:
        """Return the fullest known person whose name ends with ``name``.

        A nickname the story gave ("Tito") returns the person it stands for.
        """
        name_key = key(name)
        if name_key in self._found:
            return self._found[name_key]
        wanted = name_key.split()
        best = self.nicknames.get(name_key) or (self._longest_ending(wanted) if wanted else None)
        self._found[name_key] = best
        return best

    def _longest_ending(self, wanted: list[str]) -> Entity | None:
        best: Entity | None = None
        best_len = 0
        for ent, have in zip(self.people, self._keys, strict=True):
            fits = "and" not in have and have[-len(wanted) :] == wanted
            if fits and len(have) > best_len:
                best, best_len = ent, len(have)
        return best

    def full_org(self, short: str) -> str | None:
        """Return the longest name that starts with ``short`` ("Heron" -> "Heron Biotech")."""
        wanted = strip_possessive(short).lower()
        found = []
        for name in [e.name for e in self.people] + self.orgs:
            words = [strip_possessive(w) for w in name.split()]
            lowered = [w.lower() for w in words]
            if wanted in lowered[:-1]:
                found.append(" ".join(words[lowered.index(wanted) :]))
        return max(found, key=len) if found else None

    def is_person_name(self, name: str) -> bool:
        """Return True when ``name`` is, or ends, a person's name in the story."""
        return self.full_person(name) is not None


def _beside_speech(words: list[str], start: int, run: list[str]) -> bool:
    """Return True when a speech verb comes just before or just after the run."""
    if not words or "of" not in run:
        return False
    end = _run_end(words, start, run)
    near = [words[start - 1]] if start > 0 else []
    near += [words[end]] if end < len(words) else []
    return any(w.lower() in _SPEECH_NEXT_TO_NAMES for w in near)


def _person_of(ent: Entity) -> Entity | None:
    """Return the person of "Lenke Varga of Harwick Town", the body as role."""
    m = _MEMBER_OF.fullmatch(ent.name)
    if m is None:
        return None
    who = split_title(m.group("who").split())
    if who is None or who.kind != "person" or len(who.name.split()) < 2:
        return None
    return Entity(who.name, "person", m.group("body"))


def member_of(np: str, book: NameBook) -> Entity | None:
    """Return the person "Varga of Harwick Town" names, with the body as role.

    The name before "of" must be a person the story names (by full name,
    surname or nickname) or a full name on its own, so "Bank of Harwick",
    "Secretary of State" and "Duke of Edinburgh" stay what they are.
    """
    m = _MEMBER_OF.fullmatch(np)
    if m is None:
        return None
    words = m.group("who").split()
    if any(w.lower() in ORG_WORDS or w.lower() in TITLE_WORDS for w in words):
        return None
    full = book.full_person(m.group("who"))
    if full is None:
        found = _person_of(Entity(np, "organization"))
        return found if found is not None and book.full_person(found.name) else None
    return Entity(full.name, "person", m.group("body"))


def classify(name: str, book: NameBook) -> str:
    """Return "person" or "organization" for a resolved speaker name."""
    words = key(name).split()
    if not words:
        return "person"
    if words[-1] in PERSON_ROLES and (len(words) > 1 or not any(w in ORG_WORDS for w in words)):
        # The head noun decides: a "ministry official" is one person, whatever body
        # employs them.
        return "person"
    if any(w in ORG_WORDS or w in ORG_ROLES for w in words) or is_acronym(name.split()[-1]):
        return "organization"
    if len(words) == 1 and not book.is_person_name(name):
        # A lone capitalised word that never appears as a surname names a body
        # ("Twitter pledged ..."); news style introduces people by full name.
        return "organization"
    return "person"


def is_job(word: str) -> bool:
    """Return True for a word that names a title or job ("minister", "organiser")."""
    low = word.lower()
    if low in TITLE_WORDS or low in PERSON_ROLES:
        return True
    return word.islower() and bool(_AGENT.fullmatch(low)) and low not in _NOT_JOBS


def roles_in(text: str, book: NameBook) -> list[Entity]:
    """Return the people ``text`` gives a title or job, each with it as role.

    Three shapes are read: a title before the name ("Dunmere manager Gary
    Pellow", "Health Minister Selin Aydemir"), a description before it set off
    by commas ("The council's leader, Cllr Beverley Tranter, said") and one
    after it ("Sian Brannock, a spokeswoman, said"). Each person comes back
    under the full name the story gave them.
    """
    words = tokenize(text)
    out: list[Entity] = []
    for start, run in capital_runs(text):
        ent = split_title(run)
        if ent is None or ent.kind != "person":
            continue
        full = book.full_person(ent.name)
        if full is None:
            continue
        end = _run_end(words, start, run)
        parts = [
            _title_before(words, start),
            _described_before(words, start, end),
            ent.role,
            _described_after(words, end),
        ]
        role = " ".join(p for p in parts if p)
        if role:
            out.append(Entity(full.name, "person", role))
    return out


def _run_end(words: list[str], start: int, run: list[str]) -> int:
    """Return the token index just past ``run``, a nickname left out of it included."""
    i = start
    for w in run:
        while i < len(words) and words[i] != w:
            i += 1
        i += 1
    return min(i, len(words))


def _title_before(words: list[str], start: int) -> str | None:
    """Return "Dunmere manager" in "Dunmere manager Gary Pellow", or None."""
    j = start - 1
    if j < 0 or not words[j].islower() or not is_job(words[j]):
        return None
    title = [words[j]]
    j -= 1
    while j >= 0 and len(title) < 4:
        w = words[j]
        if (w.islower() and is_job(w)) or (
            is_cap(w) and w[0].isalpha() and w.lower() not in COMMON_CAPS
        ):
            title.insert(0, w)  # "Union organiser", "Chief executive", "Penmore's"
            j -= 1
        else:
            break
    return " ".join(title)


def _described_before(words: list[str], start: int, end: int) -> str | None:
    """Return "council's leader" in "The council's leader, Cllr Beverley Tranter,"."""
    if start < 2 or words[start - 1] != "," or end >= len(words) or words[end] != ",":
        return None
    j = start - 2
    phrase: list[str] = []
    while j >= 0 and len(phrase) < 7 and re.match(r"[\w’']", words[j]):
        phrase.insert(0, words[j])
        j -= 1
    return _description(phrase)


def _described_after(words: list[str], end: int) -> str | None:
    """Return "spokeswoman" in "Sian Brannock, a spokeswoman, said"."""
    if end >= len(words) or words[end] != ",":
        return None
    phrase: list[str] = []
    j = end + 1
    while j < len(words) and len(phrase) < 8 and re.match(r"[\w’']", words[j]):
        phrase.append(words[j])
        j += 1
    if not phrase or phrase[0].lower() not in ("a", "an", "the", "his", "her", "their"):
        return None  # "Kerem Ulusoy, who chairs ...": a clause, not a title
    return _description(phrase)


def _description(phrase: list[str]) -> str | None:
    while phrase and phrase[0].lower() in COMMON_CAPS:
        if phrase[0].lower() in _CLAUSE_STARTS and phrase[0][:1].islower():
            return None
        phrase = phrase[1:]  # "As the", "The", "a"
    if not phrase or not any(is_job(w) for w in phrase):
        return None
    return " ".join(phrase)
