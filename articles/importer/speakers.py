"""Who is speaking: pronouns, roles and short names resolved to the fullest form.

``Discourse`` follows a story sentence by sentence and remembers the last person
and organisation named, so that "he", "it", "the ministry" or "Grigoryan" can be
turned into the speaker's fullest form ("Armen Grigoryan", "Armenian Foreign
Ministry"). Imports ``names`` and ``bodies``; ``quotes`` drives it.
"""

from __future__ import annotations

import re

from .bodies import is_body
from .book import NameBook, classify, member_of, roles_in
from .names import (
    ORG_DESCRIPTORS,
    ORG_ROLES,
    OWNED_BODY,
    PERSON_ROLES,
    Entity,
    capital_runs,
    is_cap,
    key,
    split_title,
    strip_possessive,
)

_POSSESSED = re.compile(r"(?:’s|'s)\s+([a-z][\w\-]*)(.*)$")
_REPORTER_OF = re.compile(
    r"(?:an?\s+|the\s+)?((?:[A-Z][\w.&/\-]*\s+)+)"
    r"(?:reporter|correspondent|journalist|producer|editor)\b"
)
PRONOUN_KINDS = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "it": "organization",
    "they": "organization",
    "them": "organization",
}


class Discourse:
    """What the story has said so far: who "he", "it" and "the ministry" are."""

    def __init__(self, book: NameBook, bodies: frozenset[str] = frozenset()) -> None:
        self.book = book
        self.bodies = bodies  # names the story's wording marks as organisations
        self.person: Entity | None = None
        self.org: Entity | None = None
        self.orgs: list[str] = []
        self.roles: list[Entity] = []
        self.speaker: Entity | None = None
        self.speaker_para = -2  # paragraph of the last speaker; -2 is "none yet"
        self.via_for: tuple[str, str] | None = None

    def see(self, frame: str) -> None:
        """Remember the organisations and titled people named in ``frame``."""
        for _, run in capital_runs(frame):
            ent = split_title(run)
            if ent is not None and ent.kind == "organization":
                self.orgs.append(ent.name)
        self.roles.extend(roles_in(frame, self.book))

    def note(self, ent: Entity | None) -> None:
        """Make ``ent`` the latest person or organisation for pronouns."""
        if ent is None:
            return
        named = ent.name[:1].isupper()
        if ent.kind == "person":
            self.person = ent
        elif named or self.org is None:
            # An unresolved "the company" must not hide a named organisation.
            self.org = ent
            if named:
                self.orgs.append(ent.name)

    def resolve(self, np: str | None) -> Entity | None:
        """Return the speaker a noun phrase stands for, in its fullest form."""
        if not np:
            return None
        np = re.sub(r"^(?:the|a|an)\s+", "", np.strip(" ,"), flags=re.IGNORECASE)
        low = np.lower()
        if low in PRONOUN_KINDS:
            if PRONOUN_KINDS[low] == "person":
                return self.person
            return self.org or (self.person if low in ("they", "them") else None)
        words = np.split()
        if not words:
            return None
        if words[0][:1].islower() and is_cap(words[-1]):
            # "crane operator Luis Mendes": the role, then the name.
            lead = next(i for i, w in enumerate(words) if is_cap(w))
            ent = self.resolve(" ".join(words[lead:]))
            described = words[lead - 1].lower()
            if ent is not None and described in ORG_DESCRIPTORS:
                ent = Entity(ent.name, "organization", ent.role)  # "budget carrier Skylark Air"
            if ent is not None and not ent.role:
                ent = Entity(ent.name, ent.kind, " ".join(words[:lead]))
            return ent
        if words[0][:1].islower():
            return self._role(np, strip_possessive(words[-1]).lower())
        if OWNED_BODY.fullmatch(np):
            # "Ukraine’s agriculture ministry" is a body of its own, not "Ukraine".
            return Entity(np, "organization")
        if " of " in np or " from " in np or " at " in np:
            member = member_of(np, self.book)
            if member is not None:
                if member.role:
                    self.orgs.append(member.role)  # "the club" may mean it later
                return member
        ent = split_title(words)
        if ent is None:
            return None
        if ent.kind == "person":
            if is_body(ent.name, self.bodies):
                return Entity(ent.name, "organization", ent.role)  # "Harvest Line said"
            full = self.book.full_person(ent.name)
            if full is not None:
                return Entity(full.name, "person", ent.role or full.role)
            kind = classify(ent.name, self.book)
            if kind == "organization" and len(ent.name.split()) == 1:
                return Entity(self.book.full_org(ent.name) or ent.name, kind, ent.role)
            return Entity(ent.name, kind, ent.role)
        return ent

    def _role(self, np: str, head: str) -> Entity:
        if head in ORG_ROLES:
            stem = head[:-3] + "y" if head.endswith("ies") else head
            for name in reversed(self.orgs):
                if stem in key(name).split():
                    return Entity(name, "organization")
            # "the company said" after "Heron said ...": the organisation last speaking.
            return self.org or Entity(np, "organization")
        wanted = set(key(np).split())
        for ent in reversed(self.roles):
            # "the spokeswoman" is the one named before; an "economy ministry
            # spokeswoman" only if her role says so too. Any job the story gave a
            # person counts ("the negotiator"), listed or not.
            if ent.role and wanted <= set(key(ent.role).split()):
                return ent
        if head in PERSON_ROLES and self.speaker and self.speaker.name.split()[0].lower() == head:
            return self.speaker
        return Entity(np, classify(np, self.book))


def possessed(np: str | None) -> tuple[str | None, str | None]:
    """Split "a VOA reporter X's source inside the camp" into the source and VOA."""
    m = _POSSESSED.search(np or "")
    if np is None or m is None or m.group(1).lower() not in PERSON_ROLES | ORG_ROLES:
        return np, None
    if OWNED_BODY.fullmatch(np):
        return np, None  # "Belarus’s state border committee" is one body
    outlet = _REPORTER_OF.match(np[: m.start()])
    return m.group(1) + m.group(2), outlet.group(1).strip() if outlet else None


def with_owner(via: str | None, speaker: Entity | None) -> str | None:
    """Return ``via`` with "his"/"her" replaced by the speaker's surname.

    "As quoted by his press office" said by Nikol Pashinyan gives
    "Pashinyan's press office"; other vias come back unchanged.
    """
    if via and speaker and re.match(r"(?:his|her|their|its)\s", via):
        return f"{speaker.name.split()[-1]}'s {via.split(' ', 1)[1]}"
    return via
