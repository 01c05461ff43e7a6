"""Site furniture: what public pages show whatever the story.

The section menu and the most-read list are the same on every page until
an editor saves something, so each process keeps them per content version
(`pagecache.memo.per_content_version`). The sign-up block, furniture too,
is the newsletter's (`newsletter_tags.current_signup_block`).
"""

from __future__ import annotations

from articles.models import Article, Section
from pagecache.memo import per_content_version

MOST_READ_STORIES = 5
# Views are counted all day without a new content version, so the list is
# also loaded again after this long: it trails the counters by no more than
# a cached page does.
MOST_READ_SECONDS = 300


@per_content_version
def menu_sections() -> list[Section]:
    """Return the sections for the site menu, in editors' order."""
    return list(Section.objects.only("name", "slug"))


@per_content_version(max_age=MOST_READ_SECONDS)
def _most_read_candidates() -> list[Article]:
    # One more than the list shows, so a story page can leave itself out
    # and still list MOST_READ_STORIES, from the one memoised value.
    return list(Article.objects.live().for_links().most_read()[: MOST_READ_STORIES + 1])


def most_read_stories(*, besides: Article | None = None) -> list[Article]:
    """Return this week's most read live stories (headlines and slugs).

    `besides`, the story a reader is on, is left out: the list points
    elsewhere. No query while the content version holds (see
    `per_content_version`).
    """
    stories = _most_read_candidates()
    if besides is not None:
        stories = [story for story in stories if story.pk != besides.pk]
    return stories[:MOST_READ_STORIES]
