"""The quote finder: direct quotations in body paragraphs, with speaker and outlet.

``find_quotes(paragraphs)`` is pure and fast (regular expressions and word lists,
no models). It is used by ``story.parse_story`` and by the admin "Find quotes"
action on an existing article's paragraphs. Imports go one way: ``quotes`` ->
``attribution`` / ``speakers`` -> ``via`` / ``marks`` / ``names``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .attribution import (
    Clause,
    find_via,
    opening_end,
    sentence_subject,
    subject_np,
    trailing,
    verbs_in,
)
from .bodies import find_bodies
from .book import NameBook
from .marks import DOUBLE_MARKS, Span, find_spans, mask, normalize_marks, sentence_bounds
from .names import Entity, key
from .speakers import PRONOUN_KINDS, Discourse, possessed, with_owner
from .via import paragraph_outlet

# Words right before a quotation that make it a name, title or sign, not speech.
_NAME_BEFORE = re.compile(
    r"(?:\b(?:(?:a|an|the|its|their|his|her)\s+[a-z\-]+\s+(?:called|named|dubbed|titled|"
    r"nicknamed|branded|labell?ed)|so-called|known as|entitled|the name|the names|"
    r"account to|renamed|rebranded as|changed to|hashtag|slogan|motto|tagline|the word|"
    r"the words|the term|the phrase|the title|headline|signs?|banners?|posters?|placards?|"
    r"reading|read|campaign|initiative|the brand|the label)\s*)$",
    re.IGNORECASE,
)
# Nouns right after a quotation that make it a name: the “Starts with one” campaign.
_NAME_AFTER = re.compile(
    r"^\s*(?:[a-z\-]+\s+)?(?:campaign|account|slogan|hashtag|program|programme|project|"
    r"initiative|series|show|film|movie|song|album|book|zone|logo|motto|brand|label|app|"
    r"podcast|documentary|exhibit|exhibition|tour|festival|movement|operation|strategy|"
    r"sign|banner|poster|tagline|ad|advert|billboard|challenge|contest|competition|award|"
    r"prize|scheme|drive|appeal|trophy)s?\b"
)
# "The LETA news agency quoted her as saying": the agency is the via, "her" speaks.
_QUOTED_AS = re.compile(
    r"(?:^|\s)(?:[Tt]he\s+)?([A-Z][\w.&/’'\-]*(?:\s+[A-Z][\w.&/’'\-]*)*)"
    r"(?:\s+[a-z]+){0,2}\s+quoted\s+(.{1,80}?)\s+as\s+saying\b"
)


@dataclass
class FoundQuote:
    """A direct quotation and who said it.

    ``paragraph`` is the index, in the list given to ``find_quotes``, of the
    paragraph where the quotation starts; ``last_paragraph`` where it ends.
    ``speaker_role`` is the title or description the story gives the speaker.
    """

    text: str
    speaker: str | None
    speaker_kind: str | None
    via: str | None
    paragraph: int
    last_paragraph: int
    speaker_role: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """Return the record in the importer's JSON shape."""
        return {
            "text": self.text,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "via": self.via,
        }


@dataclass
class _Piece:
    para: int
    span: Span
    text: str
    clause: Clause | None
    speaker: Entity | None
    via: str | None
    attr_end: int  # offset in the paragraph just past a trailing attribution


def _is_name(text: str, span: Span, content: str) -> bool:
    before = text[max(0, span.start - 60) : span.start]
    after = text[span.end + 1 : span.end + 40] if span.closed else ""
    if _NAME_BEFORE.search(before) or _NAME_AFTER.match(after):
        return True
    words = content.split()
    # Short title-case text with no closing punctuation is a name ("CCHQ Press").
    return (
        len(words) <= 4
        and content[-1:].isalnum()
        and all(w[:1].isupper() or w.lower() in ("of", "the", "and", "for") for w in words)
    )


def _clean(text: str) -> str:
    return text[:-1].rstrip() if text.endswith(",") else text


def _glued(first: str, second: str, gap: str) -> str:
    """The words of two pieces of one quotation, punctuated as one text.

    A reporter ends a quoted sentence with a comma before the attribution
    (“A,” she said. “B.”): the comma stands for a full stop when the words
    resume as a new sentence, which the attribution ending in a full stop (or,
    across paragraphs, a capital letter) shows.
    """
    resumes = gap.rstrip()[-1:] in {".", "!", "?"} or (not gap.strip() and second[:1].isupper())
    if first.endswith(",") and resumes:
        first = first[:-1].rstrip() + "."
    return f"{first} {second}"


class _Finder:
    """One pass over a story's paragraphs: quotation pieces first, then joins."""

    def __init__(self, paragraphs: list[str], book: NameBook | None) -> None:
        self.paras = [normalize_marks(p) for p in paragraphs]
        book = book or NameBook.from_paragraphs(self.paras)
        self.talk = Discourse(book, find_bodies(self.paras, book))
        self.pieces: list[_Piece] = []
        self.outlet: str | None = None  # "According to Interfax": the paragraph's outlet
        # The person a paragraph was about, as (person, paragraph): who a quotation
        # that opens the next paragraph with no attribution belongs to.
        self.subject: tuple[Entity, int] | None = None

    def run(self) -> list[FoundQuote]:
        for pi, text in enumerate(self.paras):
            nxt = self.paras[pi + 1].lstrip()[:1] if pi + 1 < len(self.paras) else ""
            spans = find_spans(text, runs_on=nxt in DOUBLE_MARKS and bool(nxt))
            masked = mask(text, spans)
            self.outlet = paragraph_outlet(masked) if spans else None
            for a, b in sentence_bounds(text, spans):
                self._sentence(pi, text, masked, a, b, [s for s in spans if a <= s.start < b])
        return self._join()

    def _sentence(self, pi: int, text: str, masked: str, a: int, b: int, spans: list[Span]) -> None:
        talk = self.talk
        frame = masked[a:b]
        talk.see(frame)
        subject = sentence_subject(frame)
        if subject and subject.split()[0].lower() not in PRONOUN_KINDS:
            ent = talk.resolve(subject)
            if ent is not None and (not spans or subject in masked[a : spans[0].start]):
                # A named subject before any quote is who "he" or "it" means next:
                # "Smith, who coaches the team, was blunt: “We lost,” he said."
                named = ent.name[:1].isupper() and " " in ent.name
                if named or ent.kind != "person":
                    talk.note(ent)
                if named and ent.kind == "person" and not spans:
                    self.subject = (ent, pi)
        if not spans:
            self._reported(pi, frame, subject)
        for span in spans:
            content = span.content(text)
            if not content or _is_name(text, span, content):
                continue
            piece = self._attribute(pi, text, masked, a, b, span, content, subject)
            if piece is not None:
                self.pieces.append(piece)

    def _reported(self, pi: int, frame: str, subject: str | None) -> None:
        """Track speakers of reported speech and the outlet they spoke to."""
        # "In a video posted via Facebook, Dorsey said ...": the verb of the
        # opening phrase has no speaker of its own.
        opening = opening_end(frame)
        verbs = [vm for vm in verbs_in(frame) if vm.start() >= opening] or verbs_in(frame)
        if not verbs:
            return
        vm = verbs[0]
        np = subject_np(frame[: vm.start()]) or subject
        ent = self.talk.resolve(np)
        if ent is None:
            return
        self.talk.note(ent)
        self.talk.speaker, self.talk.speaker_para = ent, pi
        via = with_owner(find_via(frame, vm.end()), ent)
        if via:
            self.talk.via_for = (key(ent.name), via)

    def _attribute(
        self,
        pi: int,
        text: str,
        masked: str,
        a: int,
        b: int,
        span: Span,
        content: str,
        subject: str | None,
    ) -> _Piece | None:
        talk = self.talk
        clause = trailing(masked[span.end + 1 :], content.endswith(".")) if span.closed else None
        found, np, via, role = self._phrase(masked, a, b, span, clause, subject)
        if found:
            np, reporter_via = possessed(np)
            via = via or reporter_via
            ent = talk.resolve(np)
            if ent is None and clause is None:
                return None
        elif (self.pieces and self.pieces[-1].para == pi) or (
            not text[: span.start].strip() and talk.speaker_para >= pi - 1
        ):
            # No attribution of its own: it goes on from the speaker just quoted.
            ent = talk.speaker
        elif self._about_last_paragraph_subject(pi, text, span):
            # A feature's quotation paragraph after "Callum Reid, now 79, joined the
            # service at 19.": his words, with no speech verb anywhere.
            ent = self.subject[0] if self.subject else None
        else:
            return None
        if role and re.match(r"(?:who|which|whose|where)\b", role):
            role = None
        if ent is not None and role and not ent.role:
            ent = Entity(ent.name, ent.kind, role)
        if via and talk.book.is_person_name(via):
            via = None  # "told Voss": a person spoken to is not an outlet
        via = with_owner(via, ent)
        if via is None and ent is not None and self.outlet and key(self.outlet) != key(ent.name):
            via = self.outlet  # "According to Interfax, ... an official told the agency"
        if ent is not None:
            name_key = key(ent.name)
            if via:
                talk.via_for = (name_key, via)
            elif talk.via_for and talk.via_for[0] == name_key:
                via = talk.via_for[1]
            else:
                talk.via_for = None
            talk.note(ent)
            talk.speaker, talk.speaker_para = ent, pi
        attr_end = span.end + 1 + (clause.end if clause else 0)
        return _Piece(pi, span, content, clause, ent, via, attr_end)

    def _about_last_paragraph_subject(self, pi: int, text: str, span: Span) -> bool:
        """Return True when the quotation is the whole paragraph after a person's."""
        if self.subject is None or self.subject[1] != pi - 1 or text[: span.start].strip():
            return False
        if any(piece.para == pi - 1 for piece in self.pieces):
            return False  # the paragraph before quoted someone: its rules apply
        return not span.closed or not text[span.end + 1 :].strip(" .,")

    def _phrase(
        self, masked: str, a: int, b: int, span: Span, clause: Clause | None, subject: str | None
    ) -> tuple[bool, str | None, str | None, str | None]:
        """Return (found, speaker phrase, via, role) for a quotation.

        Looks for a trailing attribution, then "X quoted Y as saying", a speech
        verb earlier in the sentence, and last a speech verb later in it.
        """
        if clause is not None:
            return True, clause.subject, clause.via, clause.role
        pre = masked[a : span.start]
        quoted_as = _QUOTED_AS.search(pre)
        if quoted_as:
            return True, quoted_as.group(2), quoted_as.group(1), None
        verbs = verbs_in(pre)
        if verbs:
            vm = verbs[-1]
            word = vm.group(0).lower()
            if word == "according to":
                np = re.split(r"[,\x00]", pre[vm.end() :])[0]
            elif word.endswith("ing"):
                np = subject  # "..., saying that": the clause's subject speaks
            else:
                np = subject_np(pre[: vm.start()]) or subject
            frame = masked[a:b]
            via = next((v for m in reversed(verbs) if (v := find_via(frame, m.end()))), None)
            return True, np, via, None
        later = verbs_in(masked[span.end + 1 : b])
        if later:
            np = subject_np(masked[a : span.end + 1 + later[0].start()]) or subject
            return True, np, None, None
        return False, None, None, None

    def _joins(self, first: _Piece, second: _Piece) -> bool:
        if not first.span.closed:
            return (
                second.para == first.para + 1
                and not self.paras[second.para][: second.span.start].strip()
            )
        if second.para != first.para or first.clause is None or second.clause is not None:
            return False
        gap = self.paras[first.para][first.attr_end : second.span.start]
        return not gap.strip(" ,.;:—–-")

    def _join(self) -> list[FoundQuote]:
        out: list[FoundQuote] = []
        seen: set[str] = set()
        i = 0
        while i < len(self.pieces):
            first = self.pieces[i]
            text, last = first.text, first
            while i + 1 < len(self.pieces) and self._joins(last, self.pieces[i + 1]):
                i += 1
                after = self.pieces[i]
                gap = (
                    self.paras[last.para][last.attr_end : after.span.start]
                    if (after.para == last.para)
                    else ""
                )
                text, last = _glued(text, after.text, gap), after
            i += 1
            text = _clean(text)
            norm = key(text)
            if not norm or norm in seen:
                continue
            seen.add(norm)
            who = first.speaker or last.speaker
            out.append(
                FoundQuote(
                    text=text,
                    speaker=who.name if who else None,
                    speaker_kind=who.kind if who else None,
                    via=first.via or last.via,
                    paragraph=first.para,
                    last_paragraph=last.para,
                    speaker_role=who.role if who else None,
                )
            )
        return out


def find_quotes(paragraphs: list[str], book: NameBook | None = None) -> list[FoundQuote]:
    """Return the direct quotations in ``paragraphs``, in order.

    Each quotation is listed once: parts split by their attribution or running
    over several paragraphs are joined, and a repeat of the same words is
    dropped. Scare quotes, names and titles with no speaker are left out.
    ``book`` saves collecting the story's names again when the caller has them.
    """
    return _Finder(paragraphs, book).run()
