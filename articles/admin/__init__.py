"""The editors' admin: stories with their quotes, sources and sections.

`stories` holds the story admin (list, form, inlines, workflow actions and
the Import story and Find quotes pages of `views`); `records` the admin of
what stories refer to; `library` the media library's pictures and
documents. `forms`, `widgets`, `filters` and `paginator` serve them.
Importing this package registers them all (admin autodiscovery).
"""

from .library import DocumentAdmin, ImageAdmin
from .records import FormerAddressAdmin, QuoteAdmin, SectionAdmin, SourceAdmin
from .stories import ArticleAdmin

__all__ = [
    "ArticleAdmin",
    "DocumentAdmin",
    "FormerAddressAdmin",
    "ImageAdmin",
    "QuoteAdmin",
    "SectionAdmin",
    "SourceAdmin",
]
