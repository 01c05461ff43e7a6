"""The demo newsroom's writers: three staff and a guest contributor.

Names and bios are made up for the demo. The guest has no account, as a
contributor outside the newsroom never does.
"""

from __future__ import annotations

# name, kind, role, bio, links (label, address)
AUTHORS = [
    (
        "Talin Mardirossian",
        "staff",
        "Diaspora editor",
        "Writes about Armenian communities from Boston to Beirut, and the schools they keep.",
        [("Website", "https://example.org/talin")],
    ),
    (
        "Arpi Sahakian",
        "staff",
        "Culture reporter",
        "Follows music, theatre and the people who fund them.",
        [],
    ),
    (
        "Անահիտ Գրիգորյան",
        "staff",
        "Yerevan correspondent",
        "Reports from Yerevan on education, courts and city hall.",
        [("Mastodon", "https://social.example/@anahit")],
    ),
    (
        "Maro Keshishian",
        "contributor",
        "Guest contributor",
        "A violinist who writes about touring with young musicians.",
        [],
    ),
]
