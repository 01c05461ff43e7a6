"""Outlets: the channel a quotation went through (``told the BBC`` -> ``BBC``).

A via is named next to the speech verb ("told Polygraph.info", "wrote on Twitter",
"said in a tweet") or in the sentence's opening phrase ("In an interview with
RFE/RL's Armenian Service", "As quoted by his press office"). Reporters,
lawmakers, statements and news conferences are not outlets. Imports ``names``
only.
"""

from __future__ import annotations

import re

from .names import PRONOUNS, TITLE_WORDS, word_set

_PLATFORMS = (
    r"Twitter|X|Facebook|Instagram|Telegram|TikTok|YouTube|LinkedIn|Threads|Bluesky|"
    r"Weibo|VKontakte|VK|Truth Social|Mastodon|Reddit|WhatsApp|Substack|his blog|her blog"
)
_ON_PLATFORM = re.compile(rf"\b(?:on|via|in a post on|in a tweet on)\s+({_PLATFORMS})\b")
# "In a post on X, ...", "In a video posted via Facebook, ...": the opening phrase.
_POST_ON = re.compile(
    r"\b[Ii]n an? (?:post|video|message|tweet|statement|live ?stream|update|thread|story)"
    rf"(?:\s+[a-z]+){{0,2}}?\s+(?:on|via|to)\s+({_PLATFORMS})\b"
)
_IN_A_POST = re.compile(
    rf"\b[Ii]n an? (?:({_PLATFORMS}) (?:post|video|message|live ?stream|story)|tweet)\b"
)
# A run of capitalised words, with "of", "and", "&" and "RFE / RL"-style slashes inside.
_OUTLET = (
    r"((?:the\s+)?[A-Z][\w’'./&\-]*(?:\s*/\s*[A-Z][\w’'.\-]*)?"
    r"(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w’'./&\-]*)*)"
)
# What an outlet is before its name: "Polish radio RMF FM", "the state news agency
# BelTA", "business daily Vedomosti". Only skipped when a capitalised name follows.
_MEDIA = (
    r"(?:(?:the\s+)?(?:[A-Z][\w\-]*\s+)?(?:(?:state|state-run|state-owned|public|private|"
    r"independent|local|regional|national|business|financial|online|news)\s+)*"
    r"(?:news\s+agency|agency|radio|television|broadcaster|newspaper|daily|weekly|"
    r"magazine|channel|station|website|outlet|news\s+site)\s+(?=[A-Z]))?"
)
_AFTER_TOLD = re.compile(rf"\s+{_MEDIA}{_OUTLET}")
_INTRO_VIA = re.compile(
    r"\b(?:[Ii]n an? (?:interview|conversation|phone interview|televised interview) with|"
    r"[Ss]peaking (?:to|with)|[Aa]s quoted by|[Qq]uoted by)\s+"
    rf"(his|her|their|its)?\s*{_MEDIA}{_OUTLET}"
)
# Wire services and papers that report others' words. A name in this list, or one
# called a news agency, newspaper or broadcaster, is an outlet wherever the
# paragraph names it ("According to Interfax", "Reuters reported").
_KNOWN_OUTLETS = (
    r"Reuters|AP|Associated Press|AFP|Agence France-Presse|TASS|RIA(?: Novosti)?|Interfax|"
    r"Xinhua|Bloomberg|BBC|CNN|Kyodo|Yonhap|ANSA|dpa|DPA|EFE|PTI|Anadolu|IRNA|Ukrinform|"
    r"UNIAN|BelTA|LETA|PAP|CTK|MTI|Bernama|Antara|Al Jazeera|Sky News|NPR|Politico|Axios"
)
_NAMED_OUTLET = (
    rf"(?:the\s+)?({_KNOWN_OUTLETS}|[A-Z][\w\-]*(?=\s+(?:news\s+agency|newspaper|"
    rf"broadcaster|daily|television|radio)\b))"
)
_PARAGRAPH_OUTLET = re.compile(
    rf"\b(?:[Aa]ccording to\s+{_NAMED_OUTLET}|{_NAMED_OUTLET}(?:\s+news agency)?\s+"
    r"(?:reported|reports|said in a report|quoted|cited))\b"
)
_OWN_OFFICE = re.compile(
    r"\b(?:[Aa]s quoted by|[Qq]uoted by)\s+"
    r"((?:his|her|their|its|the)\s+[a-z][\w\s]{2,30}?)(?=[,.]|$)"
)
_OWNED_REPORTER = re.compile(r"^(.+?)(?:’s|'s)\s+[A-Z][a-z]+\s+[A-Z][a-z]+$")
_NOT_OUTLET_STARTS = word_set("a an this that these those his her their its our my")
_NOT_OUTLETS = word_set("reporters lawmakers journalists parliament supporters crowd audience")
_TOLD = word_set("told tells telling tell")


def _clean(name: str) -> str | None:
    name = re.sub(r"^the\s+", "", name.strip())
    if not re.search(r"\.\w+\.$", name):
        name = name.rstrip(".,;:")
    owned = _OWNED_REPORTER.match(name)
    if owned:
        name = owned.group(1)  # "CNN's Jake Tapper" went out on CNN
    words = name.split()
    if not words or name.lower() in _NOT_OUTLETS:
        return None
    if words[0].lower() in _NOT_OUTLET_STARTS or words[0].lower() in PRONOUNS:
        return None
    # "VOA Pentagon correspondent Carla Babb": the outlet ends at the reporter's title.
    for i, word in enumerate(words[1:], start=1):
        if word.lower() in TITLE_WORDS:
            return " ".join(words[:i])
    return name


def find_via(sentence: str, verb_end: int) -> str | None:
    """Return the outlet named around the speech verb ending at ``verb_end``.

    ``sentence`` is the (masked) sentence holding the verb. Returns None when
    no outlet is named; "his press office" comes back as written, for the
    caller to put the speaker's name on.
    """
    after = sentence[verb_end : verb_end + 80]
    m = _ON_PLATFORM.match(after.lstrip()) or _ON_PLATFORM.search(after[:30])
    if m:
        return m.group(1)
    words = sentence[:verb_end].split()
    verb = words[-1].lower() if words else ""
    post_on = _POST_ON.search(sentence)
    if post_on:
        return post_on.group(1)
    post = _IN_A_POST.search(sentence)
    if verb in ("tweeted", "tweets") or (post and post.group(0).endswith("tweet")):
        return "Twitter"
    if post and post.group(1):
        return post.group(1)
    if verb in _TOLD:
        told = _AFTER_TOLD.match(after)
        if told:
            return _clean(told.group(1))
    intro = _INTRO_VIA.search(sentence)
    if intro:
        name = _clean(intro.group(2))
        if name and intro.group(1):
            return f"{intro.group(1)} {name}"
        return name
    office = _OWN_OFFICE.search(sentence)
    return office.group(1).strip() if office else None


def paragraph_outlet(paragraph: str) -> str | None:
    """Return the outlet a paragraph says it reports through, if any.

    "According to Interfax, ..." or "Reuters reported ..." put the paragraph's
    quotations through that outlet even when their own attribution ("an
    official told the agency") does not name it.
    """
    m = _PARAGRAPH_OUTLET.search(paragraph)
    if m is None:
        return None
    return m.group(1) or m.group(2)
