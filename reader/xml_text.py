"""Text for the XML the site writes (feeds, sitemaps), without what XML cannot hold.

XML 1.0 has no way to write most control characters, not even as
character references. Names and headlines get them from pastes (Word
writes a line break inside a paragraph as a vertical tab) and from
imported copy, and the page and JSON show them harmlessly; but Django's
feed writer refuses them, taking the whole feed down with a 500, and a
template writes them into a sitemap no XML parser will read. They are
left out where XML is written, so rows of any age are covered, not only
the ones saved from now on.
"""

from __future__ import annotations

import re

# What XML 1.0 cannot carry: the C0 controls but tab, line feed and carriage
# return (the ones Django's feed writer refuses), and U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Return `text` with each character XML 1.0 cannot carry as a space.

    A space, not nothing: a vertical tab or form feed stood between two
    words.
    """
    return _NOT_XML.sub(" ", text)
