"""Content models: sections, sources, articles, their quotes and tags.

Imports go one way: ``slugs``, ``search`` and ``former_addresses`` know
nothing else (``former_addresses`` imports the models it redirects to
inside its methods); ``tags`` is taggit's through model; ``sections`` uses
``former_addresses``, ``sources`` uses both; ``querysets`` uses ``search``
(and imports the models it needs inside its methods); ``articles`` uses
all of them; ``quotes`` and ``workflow`` (status changes, corrections) sit
on top of ``articles``.
The one rule readers depend on, which articles are live, is
``ArticleQuerySet.live_q()``; every public query goes through ``live()`` or
``for_listing()`` so the rule is written once.
"""

from ..media.models import Document, Image
from .articles import ANY_STORY, Article, story_names
from .former_addresses import FormerAddress, address_moved
from .querysets import ArticleQuerySet
from .quotes import Quote
from .sections import Section
from .slugs import unique_slug
from .sources import Source, SourceQuerySet
from .tags import TaggedArticle
from .workflow import Correction, StatusChange

__all__ = [
    "ANY_STORY",
    "Article",
    "ArticleQuerySet",
    "Correction",
    "Document",
    "FormerAddress",
    "Image",
    "Quote",
    "Section",
    "Source",
    "SourceQuerySet",
    "StatusChange",
    "TaggedArticle",
    "address_moved",
    "story_names",
    "unique_slug",
]
