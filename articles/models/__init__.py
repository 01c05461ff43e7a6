"""Content models: sections, sources, articles, their quotes and tags.

Imports go one way: ``slugs`` and ``former_addresses`` know nothing else
(``former_addresses`` imports the models it redirects to inside its
methods); ``sections`` uses ``former_addresses``, ``sources`` uses both;
``articles`` uses all three and ``querysets`` (which imports the models it
needs inside its methods); ``quotes`` and ``workflow`` (status changes,
corrections) sit on top of ``articles``.
The one rule readers depend on, which articles are live, is
``ArticleQuerySet.live_q()``; every public query goes through ``live()`` or
``for_listing()`` so the rule is written once.
"""

from .articles import Article, BodySegment, TaggedArticle
from .former_addresses import FormerAddress
from .querysets import ArticleQuerySet
from .quotes import Quote
from .sections import Section
from .slugs import unique_slug
from .sources import Source, SourceQuerySet
from .workflow import Correction, StatusChange

__all__ = [
    "Article",
    "ArticleQuerySet",
    "BodySegment",
    "Correction",
    "FormerAddress",
    "Quote",
    "Section",
    "Source",
    "SourceQuerySet",
    "StatusChange",
    "TaggedArticle",
    "unique_slug",
]
