"""Who a story is by, as its byline, feeds and structured data name them.

`story_credits()` reads the bylines loaded with the story
(`ArticleQuerySet.for_listing()`, `for_page()`), so it runs no query.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from articles.models import Article

    from .models import Author


@dataclass(frozen=True)
class Credit:
    """One name in a story's byline: an author (with their page) or a text credit."""

    name: str
    role: str = ""
    author: Author | None = None

    @property
    def url(self) -> str:
        """Return the author page's address; empty for a text credit."""
        return self.author.get_absolute_url() if self.author else ""


def story_credits(article: Article) -> list[Credit]:
    """Return the story's authors in byline order, then its free-text credit.

    The text ("Staff and agencies", "RFE/RL's Armenian Service") comes
    last, as one more name: "By Tatev Hakobyan and Staff and agencies".
    """
    credits = [
        Credit(byline.author.name, byline.role, byline.author) for byline in article.bylines.all()
    ]
    if article.byline:
        credits.append(Credit(article.byline))
    return credits


def credit_line(credits: list[Credit]) -> str:
    """Return the names as a sentence lists them: "A", "A and B", "A, B and C"."""
    names = [credit.name for credit in credits]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
