"""Story importer: plain newsroom text in, structured story data out.

The pure-text half lives here and needs no database or Django settings:

- ``story``: caption, headline, dateline and credit, body blocks, subheads, promo
  lines and duplicate paragraphs (``parse_story`` -> ``ParsedStory``);
- ``quotes``: the quote finder (``find_quotes`` -> ``FoundQuote``), also behind
  the admin "Find quotes" action;
- ``marks`` (quotation marks, sentences), ``attribution`` (speech verbs, subject
  phrases), ``speakers`` (pronouns and short names resolved), ``via`` (outlets),
  ``names`` (titles, people, organisations) and ``tags`` (tag suggestions).

Imports go one way: ``story`` -> ``quotes`` / ``tags`` -> ``attribution`` /
``speakers`` -> ``via`` / ``marks`` -> ``names``. Modules that touch the database
(matching speakers and outlets to sources, saving drafts) sit on top and import
from here, never the reverse.
"""

from __future__ import annotations

from .quotes import FoundQuote, find_quotes
from .story import Block, ParsedStory, StoryFormatError, parse_story

__all__ = [
    "Block",
    "FoundQuote",
    "ParsedStory",
    "StoryFormatError",
    "find_quotes",
    "parse_story",
]
