"""Story importer: plain newsroom text in, structured story data out.

The pure-text half lives here and needs no database or Django settings:

- ``story``: caption, headline, dateline and credit, body blocks, subheads, promo
  lines and duplicate paragraphs (``parse_story`` -> ``ParsedStory``);
- ``quotes``: the quote finder (``find_quotes`` -> ``FoundQuote``), also behind
  the admin "Find quotes" action;
- ``marks`` (quotation marks, sentences), ``attribution`` (speech verbs, subject
  phrases), ``speakers`` (pronouns and short names resolved), ``bodies`` (wording
  that marks a name as an organisation), ``via`` (outlets), ``book`` (the story's
  cast: full names and the nicknames, surnames and titles that point back to
  them), ``names`` (titles, people, organisations) and ``tags`` (tag suggestions).

Imports go one way: ``story`` -> ``quotes`` / ``tags`` -> ``attribution`` /
``speakers`` -> ``bodies`` / ``via`` / ``marks`` / ``book`` -> ``names``. Modules
that touch the database (``matching``: speakers and outlets to sources;
``drafts``: saving a draft in one transaction) sit on top and import from here,
never the reverse; ``files`` turns uploaded bytes into text. ``import_story`` is
the one workflow that writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes import FoundQuote, find_quotes
from .story import Block, ParsedStory, StoryFormatError, parse_story

if TYPE_CHECKING:  # drafts needs Django: imported for the annotation alone.
    from .drafts import ImportResult

__all__ = [
    "Block",
    "FoundQuote",
    "ParsedStory",
    "StoryFormatError",
    "find_quotes",
    "import_story",
    "parse_story",
]


def import_story(
    text: str,
    *,
    parsed: ParsedStory | None = None,
    dry_run: bool = False,
    publish: bool = False,
) -> ImportResult:
    """Parse `text` and save it as a draft article; return an ImportResult.

    `parsed` is `text` already parsed, with whatever an editor corrected on
    the admin's review page; without it `text` is parsed here. Either way
    `text` is what the fingerprint is taken from.

    With `dry_run` nothing is saved: the result says what would be made,
    and its `duplicate_of` names the article already imported from `text`.
    Raise StoryFormatError for text that is not a story, and (unless it is
    a dry run) drafts.DuplicateImport when the same text was imported before.
    """
    # The database half is imported here so parse_story() needs no Django.
    from .drafts import find_duplicate, match_sources, save_draft

    if parsed is None:
        parsed = parse_story(text)
    if dry_run:
        result = match_sources(parsed)
        result.duplicate_of = find_duplicate(text)
        return result
    return save_draft(parsed, text=text, publish=publish)
