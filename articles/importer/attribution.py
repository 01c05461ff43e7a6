"""Attribution phrases: speech verbs and the noun phrase of who speaks.

Works on "masked" sentence text where every quotation has been blanked out by
``marks.MASK``, so words inside quotes are never taken for an attribution. Returns
noun phrases as written ("he", "the ministry", "Cmdr. Sean Robertson"); resolving
them to a named speaker is the job of ``speakers``. Imports ``marks``, ``names`` and
``via`` (for the outlet named in a trailing attribution).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .book import is_job
from .marks import MASK
from .names import (
    COMMON_CAPS,
    ORG_DESCRIPTORS,
    ORG_ROLES,
    OWNED_BODY,
    PERSON_ROLES,
    PRONOUNS,
    TITLE_WORDS,
    is_cap,
    word_set,
)
from .via import find_via

_VERBS = """said says say saying told tells tell telling added adds adding wrote writes writing
posted posting tweeted tweeting stated stating stressed stresses stressing
urged urges urging warned warns warning claimed claiming pledged pledges pledging vowed
vowing promised promising accused accuses accusing described describes describing
called calling criticized criticised criticizes criticises criticizing criticising
insisted insists insisting argued argues arguing noted noting explained explains
explaining acknowledged acknowledges acknowledging admitted admits admitting conceded concedes
rejected rejects rejecting denied denies denying announced announces announcing declared
declares declaring asked asks asking replied replies replying responded responds responding
answered testified testifies testifying suggested suggests suggesting recalled recalls
recalling underscored underscores underscoring emphasized emphasised emphasizes emphasises
emphasizing emphasising concluded concludes continued joked jokes joking quipped
quips shouted yelled cried exclaimed whispered remarked observed observes confirmed
confirms confirming reported demanded demanding complained complains
complaining praised praises welcomed condemned condemns condemning labeled labelled
characterized characterised thanked agreed agrees countered predicted predicts
predicting boasted lamented mused recounted texted emailed messaged commented
commenting maintained maintains contended contends cautioned cautioning alleged
alleges alleging blasted slammed hailed touted assured reiterated reiterates conceding
recommended advised"""
VERB_RE = (
    r"(?:pointed out|points out|went on|goes on|summed up|according to|"
    + "|".join(sorted(set(_VERBS.split()), key=len, reverse=True))
    + r")"
)
_VERB = re.compile(rf"\b{VERB_RE}\b", re.IGNORECASE)
_VERB_WORDS = frozenset(_VERBS.split())
# Words that open a clause or an aside after the speaker, never a description.
_NOT_DESCRIPTIONS = word_set("who which whose where when while as before after then and but so")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|widely|often)\s+$", re.IGNORECASE)
_ADVERBS = re.compile(
    r"(?:\s+|^)(?:also|further|later|then|has|have|had|would|will|reportedly|previously|"
    r"recently|once|again|repeatedly|quickly|simply|only|just|first|initially|earlier|"
    r"finally|even|never|often|always|however|too|publicly|privately|separately|"
    r"flatly|bluntly|angrily|openly|shortly|subsequently|so far|has also|had also)[,\s]*$",
    re.IGNORECASE,
)
_INTRO = re.compile(
    r"^\s*(?:In|On|At|As|After|Before|During|Later|Earlier|Meanwhile|However|But|And|Still|Yet|"
    r"Also|Speaking|When|While|Since|Although|Though|If|Despite|With|For|By|From|Under|Over|"
    r"Last|This|Then|Instead|Asked|Critically|Separately|Similarly|Elsewhere|Barely|Right|"
    r"Now|Today|Tonight|Yesterday|Hours|Days|Weeks|Once|Unlike|Like|Amid|Following|Back|"
    r"Writing|Responding|Replying|Nevertheless|Indeed|Overall|Again)\b[^,\x00]{0,120},\s*"
)
_WORD = re.compile(r"[\w’'./&\-]+")
_PREP_TAIL = re.compile(
    r"^\s+((?:inside|in|at|from|near|within|close to)\s+(?:the\s+)?[A-Z][^,.;\x00]{0,40})"
)

_ROLE_FOR = re.compile(
    r"^(?:[Aa]n?|[Tt]he)\s+([a-z]+)\s+(?:for|of|at|from)\s+(?:the\s+)?([\w’'.&\- ]{2,60}?)$"
)
_TRAIL_INVERTED = re.compile(
    r"^\s*,?\s*(?:said|says|added|adds|asked|asks|wrote|writes|continued|explained|recalled|"
    r"according to|noted|replied|responded|told)\s+"
    r"((?:the\s+|a\s+|an\s+)?(?:[A-Z][a-z]{0,3}\.\s+)?[^,.;:\x00]{1,80}?)"
    # "said Varga when she heard the news": a time clause after the speaker.
    r"(?:\s+(?:when|as|after|before|while|because|since|until|once)\b[^,.;:\x00]*)?"
    r"(?:,\s*([^.;\x00]{1,160}?))?\s*(?:[.;:]|$|\x00)"
)
_STOP = re.compile(r"[.!?;](?=\s|$|\x00)")
# A full stop after these ends an abbreviation or initial, not the sentence.
_ABBREV_END = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Cmdr|Capt|Col|Lt|Sgt|Gov|Sen|Rep|St|Jr|Sr|Nov|Dec|"
    r"Jan|Feb|Aug|Sept|Oct|Prof|Rev|Inc|Corp|Co))\.$"
)


@dataclass
class Clause:
    """The attribution found for a quotation."""

    subject: str | None  # noun phrase as written, or None for "the sentence's subject"
    verb: str
    role: str | None = None
    via: str | None = None
    end: int = 0  # offset just past the attribution, in the text it was found in


def word_list(text: str) -> list[str]:
    """Return the words of ``text``, punctuation dropped."""
    return _WORD.findall(text)


def _np_at_end(seg: str) -> str | None:
    """Return the noun phrase that ends ``seg`` (a pronoun, a name or a role)."""
    words = word_list(seg)
    if not words:
        return None
    last = words[-1]
    if last.lower() in PRONOUNS:
        return last
    if is_cap(last):
        i = len(words) - 1
        while i > 0 and (
            is_cap(words[i - 1])
            or (
                words[i - 1].lower() in ("of", "and", "for", "&", "de")
                and i > 1
                and is_cap(words[i - 2])
            )
            or words[i - 1].lower() in TITLE_WORDS
        ):
            i -= 1
        owner = _owner_of(words[:i])
        if owner:
            return owner
        if i > 0 and words[i - 1].lower() in ORG_DESCRIPTORS:
            i -= 1  # keep "carrier" in "budget carrier Kestrel Air": it says what it is
        return " ".join(words[i:])
    if len(words) > 1 and words[-2].lower() in ("the", "a", "an") and last.isalpha():
        return f"{words[-2]} {last}"  # "the brewery said": an unlisted collective noun
    if last.lower() in PERSON_ROLES or last.lower() in ORG_ROLES or last.endswith("s"):
        i = len(words) - 1
        while i > 0 and len(words) - i < 7:
            prev = words[i - 1]
            if prev.lower() in ("the", "a", "an", "its", "his", "her", "their"):
                break
            if re.search(r"(?:’s|'s)$", prev):
                if is_cap(prev) and last.lower() in ORG_ROLES:
                    i -= 1  # "Ukraine’s agriculture ministry": the owner tells bodies apart
                break
            i -= 1
        phrase = " ".join(words[i:])
        if last.lower() in PERSON_ROLES or last.lower() in ORG_ROLES:
            return phrase
    return None


def _owner_of(words: list[str]) -> str | None:
    """Return the person before "of the": "Tomasz Wren of the Lisbon Institute"."""
    while words and words[-1].lower() == "the":
        words = words[:-1]
    if not words or words[-1].lower() not in ("of", "at", "from", "with"):
        return None
    head = words[:-1]
    names: list[str] = []
    while head and is_cap(head[-1]):
        names.insert(0, head.pop())
    if len(names) >= 2 and not any(w.lower() in ORG_ROLES for w in names):
        return " ".join(names)
    return None


def _is_appositive(seg: str) -> bool:
    words = seg.split()
    if not words:
        return True
    first = words[0]
    if first.isdigit() or first.lower() in ("who", "which", "whose", "where", "however"):
        return True
    if first.lower() in ("a", "an", "the"):
        return any(w[:1].islower() for w in words[1:])
    return first[:1].islower()


def subject_np(pre: str) -> str | None:
    """Return the subject noun phrase written just before a speech verb.

    ``pre`` is the sentence text up to the verb. Adverbs ("also said") and
    appositives ("Robertson, the U.S. commander, said") are skipped. Returns None
    when the verb is coordinated ("... and described it") so that the caller falls
    back on the sentence's subject.
    """
    pre = pre.rstrip()
    while True:
        new = _ADVERBS.sub("", pre).rstrip()
        if new == pre:
            break
        pre = new
    if re.search(r"(?:^|\s)(?:and|but|or|then|before|after|while)$", pre, re.IGNORECASE):
        return None
    if pre.endswith(","):
        segs = [s.strip() for s in pre[:-1].split(",")]
        # An opening phrase ("In a video posted online,") is never the subject.
        while len(segs) > 1 and _INTRO.match(segs[0] + ","):
            segs = segs[1:]
        seg = segs[-1]
        # The subject is the last plain segment that an appositive follows:
        # "Nora Velling, mayor of the largest island, Greater Seld, told ...".
        for i in range(len(segs) - 2, -1, -1):
            if not _is_appositive(segs[i]) and _is_appositive(segs[i + 1]):
                seg = segs[i]
                break
    else:
        seg = pre.split(",")[-1]
    if MASK in seg:
        seg = seg.split(MASK)[-1]
    return _np_from_segment(seg)


def _np_from_segment(seg: str) -> str | None:
    spoke = _ROLE_FOR.search(seg.strip())
    if spoke and spoke.group(1).lower() in PERSON_ROLES:
        # "A spokeswoman for the economy ministry said": she speaks, described by
        # whom she speaks for ("economy ministry spokeswoman"), not the ministry.
        return f"{spoke.group(2)} {spoke.group(1)}"
    m = re.search(r"(\S+)(?:’s|'s)\s+([a-z][\w\-]*)$", seg.strip())
    if m and m.group(2).lower() in ORG_ROLES and is_cap(m.group(1)):
        return m.group(0)  # "Russia's military": a named owner's body
    if m and m.group(2).lower() in PERSON_ROLES | ORG_ROLES:
        return m.group(2)
    return _np_at_end(seg)


def sentence_subject(sentence: str) -> str | None:
    """Return the grammatical subject at the start of a (masked) sentence."""
    text = sentence.lstrip(MASK + " ,")
    m = _INTRO.match(text)
    if m:
        text = text[m.end() :]
    owned = OWNED_BODY.match(text)
    if owned:
        return owned.group(0)
    words = word_list(text.split(MASK)[0])
    phrase: list[str] = []
    for w in words:
        low = w.lower()
        if not phrase and low in ("the", "a", "an"):
            phrase.append(w)
            continue
        if is_cap(w) or low in TITLE_WORDS or low in PERSON_ROLES or low in ORG_ROLES:
            phrase.append(w)
            if re.search(r"(?:’s|'s)$", w) and not is_cap(w):
                break
        elif phrase and low in ("of", "and", "for", "&"):
            phrase.append(w)
        elif not phrase and low in PRONOUNS:
            return w
        else:
            break
    while phrase and phrase[-1].lower() in ("of", "and", "for", "&", "the", "a", "an"):
        phrase.pop()
    if not phrase:
        return None
    if len(phrase) > 1 and re.search(r"(?:’s|'s)$", phrase[-2]) and not is_cap(phrase[-1]):
        # "Ms Whitlock's neighbour, retired teacher Graham Pyle, ...": the appositive names him.
        rest = text.split(",", 2)
        if len(rest) > 2 and re.search(r"[A-Z]\w+\s+[A-Z]\w+\s*$", rest[1]):
            return rest[1].strip()
    np = " ".join(phrase)
    tail = _PREP_TAIL.match(text[len(" ".join(words[: len(phrase)])) :])
    last = phrase[-1].lower()
    if tail and last in PERSON_ROLES:
        np = f"{np} {tail.group(1).strip()}"
    return np


def opening_end(sentence: str) -> int:
    """Return the offset past an opening phrase ("In a video posted online, "), or 0."""
    m = _INTRO.match(sentence)
    return m.end() if m else 0


def is_passive(pre: str) -> bool:
    """Return True when the verb after ``pre`` is passive ("was accused")."""
    return bool(_PASSIVE.search(pre))


def verbs_in(text: str) -> list[re.Match[str]]:
    """Return the speech-verb matches of ``text`` that are not passive."""
    out = []
    for m in _VERB.finditer(text):
        word = m.group(0).lower()
        if word in ("called", "calls", "calling") and re.search(
            r"\b(?:a|an|the|group|party|campaign|so)\s*-?\s*$", text[: m.start()], re.IGNORECASE
        ):
            continue
        if word not in ("according to",) and is_passive(text[: m.start()]):
            continue
        out.append(m)
    return out


def trailing(after: str, ends_sentence: bool) -> Clause | None:
    """Parse an attribution that directly follows a closing mark.

    ``after`` runs from just past the closing mark to the end of the paragraph
    (masked). Handles ``, she said``, ``Will Moy, chief executive of X, told the
    BBC`` and ``, said Jane Doe, a spokeswoman``. When the quotation already ended
    its sentence with a full stop only a short attribution is accepted, so the
    next sentence is not mistaken for one.
    """
    end = sentence_end(after)
    sentence = after[:end]
    m = _TRAIL_INVERTED.match(sentence)
    if m:
        np = _one_of(m.group(1).strip())
        if np and _valid_np(np):
            return Clause(np, "said", description(m.group(2)), None, end)
    for vm in verbs_in(sentence):
        head = sentence[: vm.start()]
        if not head.strip(" ,"):
            return None
        words = word_list(head)
        if len(words) > 30:
            return None
        rest = sentence[vm.end() :]
        if ends_sentence and (len(word_list(rest)) > 3 or "," in head.strip(" ,")):
            # After a full stop, only "Smith said." is an attribution; more is a new sentence.
            return None
        np_text = head.strip(" ,")
        role = None
        if "," in np_text:
            first, _, role = np_text.partition(",")
            np_text, role = first.strip(), description(role.strip(" ,"))
        np_text = _ADVERBS.sub("", np_text).strip()
        if not _valid_np(np_text):
            return None
        return Clause(np_text, vm.group(0), role, find_via(sentence, vm.end()), end)
    return None


def description(text: str | None) -> str | None:
    """Return ``text`` when it describes the speaker, None when it is an aside.

    "a spokeswoman" and "acting mayor" describe; "grinning", "adding that
    ...", "shaking his head", "his voice rising" and "visibly moved" say how
    the words were said, and must never become a Source's role.
    """
    words = (text or "").split()
    if not words:
        return None
    first = words[0].lower()
    if first in _VERB_WORDS or first in _NOT_DESCRIPTIONS:
        return None
    has_job = any(is_job(w) for w in words[1:])
    if first.endswith(("ing", "ly")) and not has_job:
        return None  # "laughing", "smiling broadly", "visibly moved"
    if len(words) == 1 and first.endswith("ed") and not is_job(first):
        return None  # "shrugged", "unmoved"
    if first in ("his", "her", "their", "its") and any(w.endswith("ing") for w in words[1:]):
        return None  # "his voice rising": how, not who
    return text


def _one_of(np: str) -> str:
    """Return "a source" for "one of the sources": one person of a group."""
    m = re.fullmatch(r"(?:one|another) of (?:the|his|her|their|its|those)\s+(\w+?)s", np)
    if m and m.group(1).lower() in PERSON_ROLES:
        return f"a {m.group(1)}"
    return np


def sentence_end(text: str) -> int:
    """Return the offset just past the first sentence of ``text`` (or the next quote)."""
    limit = text.find(MASK)
    limit = len(text) if limit < 0 else limit
    for m in _STOP.finditer(text, 0, limit):
        if m.group(0) == "." and _ABBREV_END.search(text, 0, m.end()):
            continue
        return m.end()
    return limit


def _valid_np(np: str) -> bool:
    words = np.split()
    if not words or len(words) > 10:
        return False
    first = words[0].lower()
    if first in PRONOUNS:
        return len(words) == 1
    if first in COMMON_CAPS and first not in ("the", "a", "an", "his", "her", "its", "their"):
        return False
    if first in ("the", "a", "an", "his", "her", "its", "their"):
        return True
    # "crane operator Luis Mendes": a lowercase role before a capitalised name.
    lead = 0
    while lead < len(words) and not is_cap(words[lead]):
        lead += 1
    if 0 < lead <= 4 and len(words) - lead >= 2:
        words = words[lead:]
    return is_cap(words[0]) and all(
        is_cap(w) or w.lower() in TITLE_WORDS | {"of", "the", "and", "for", "de"} | PERSON_ROLES
        for w in words
    )
