"""Speakers and outlets matched to Sources, tag names matched to Tags.

Names compare case-, accent- and punctuation-insensitively, a leading "the"
and possessive "'s" aside, against each source's name and its aliases. What
matches nothing is proposed as a new source, with the role the story gives.
This module reads the database; it never writes (drafts.py does).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from taggit.models import Tag

from ..models import Source

_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s\b")

KINDS = {
    "person": Source.Kind.PERSON,
    "organization": Source.Kind.ORGANIZATION,
    "outlet": Source.Kind.OUTLET,
}


def normalize_name(name: str) -> str:
    """Return the form names are compared in: "The Ministry’s" -> "ministry"."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(char for char in text if not unicodedata.combining(char))
    words = _WORD.findall(_POSSESSIVE.sub("", text.casefold()))
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass
class SourceMatch:
    """A name from a story and the Source it is (or would be)."""

    name: str
    kind: str
    role: str = ""
    source: Source | None = None
    created: bool = False

    @property
    def is_new(self) -> bool:
        """Tell whether the import makes (or would make) this source."""
        return self.source is None or self.created


class SourceBook:
    """Every source by normalised name and alias, loaded once per import."""

    def __init__(self, sources: list[Source]) -> None:
        self._by_name: dict[str, Source] = {}
        for source in sources:
            for name in [source.name, *source.alias_list]:
                # The first source to claim a name keeps it: names beat aliases.
                self._by_name.setdefault(normalize_name(name), source)

    @classmethod
    def load(cls) -> SourceBook:
        """Load every source's names, the few columns matching needs."""
        return cls(list(Source.objects.only("id", "name", "slug", "kind", "role", "aliases")))

    def find(self, name: str) -> Source | None:
        """Return the source called `name` (or known by it as an alias)."""
        return self._by_name.get(normalize_name(name))

    def match(self, name: str, kind: str, role: str = "") -> SourceMatch:
        """Match a speaker or outlet; propose a new source when none fits."""
        return SourceMatch(name=name, kind=KINDS.get(kind, kind), role=role, source=self.find(name))

    def add(self, source: Source) -> None:
        """Remember a source created during this import, so it is reused."""
        self._by_name.setdefault(normalize_name(source.name), source)


def match_tags(names: list[str]) -> list[str]:
    """Return tag names, using an existing tag's spelling wherever one matches."""
    wanted = {normalize_name(name) for name in names}
    existing: dict[str, str] = {}
    for tag_name in Tag.objects.values_list("name", flat=True):
        key = normalize_name(tag_name)
        if key in wanted:
            existing.setdefault(key, tag_name)
    matched: list[str] = []
    for name in names:
        tag = existing.get(normalize_name(name), name)
        if tag not in matched:
            matched.append(tag)
    return matched
