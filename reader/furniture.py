"""Site furniture: what public pages show whatever the story.

The menu (sections and the site pages placed there), the footer's pages,
the privacy policy the sign-up blocks link and the most-read list are the
same on every page until an editor saves something, so each process keeps
them per content version (`pagecache.memo.per_content_version`). The
sign-up block, furniture too, is the newsletter's
(`newsletter_tags.current_signup_block`).

Sections and site pages are read in one query (a UNION), so the first page
after a save costs what it did before pages existed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q, Value

from articles.models import ANY_STORY, Article, Section
from pagecache.memo import per_content_version
from pages.models import Page

MOST_READ_STORIES = 5
# Views are counted all day without a new content version, so the list is
# also loaded again after this long: it trails the counters by no more than
# a cached page does.
MOST_READ_SECONDS = 300


# The columns both halves of the UNION give, under the sections' names.
_LINK_COLUMNS = ("kind", "pk", "name", "slug", "placement", "purpose", "order")


@dataclass(frozen=True)
class PageLink:
    """A link to a site page: its title and its address."""

    title: str
    url: str


@dataclass(frozen=True)
class SiteLinks:
    """The links every public page shows, in editors' order."""

    sections: list[Section]
    menu_pages: list[PageLink]
    footer_pages: list[PageLink]
    # The sign-up blocks' link; None when no privacy policy is published.
    privacy_policy: PageLink | None


def _page_link(page: Page) -> PageLink:
    return PageLink(title=page.title, url=page.get_absolute_url())


@per_content_version
def site_links() -> SiteLinks:
    """Return the menu's sections and pages, the footer's pages and the privacy policy."""
    sections = Section.objects.order_by().annotate(
        kind=Value("section"), placement=Value(""), purpose=Value("")
    )
    linked = Q(placement__in=[Page.Placement.MENU, Page.Placement.FOOTER, Page.Placement.BOTH])
    pages = (
        Page.objects.published()
        .filter(linked | Q(purpose=Page.Purpose.PRIVACY_POLICY))
        .order_by()
        .annotate(kind=Value("page"), name=F("title"), slug=F("url"))
    )
    rows = (
        sections.values_list(*_LINK_COLUMNS)
        .union(pages.values_list(*_LINK_COLUMNS), all=True)
        # Sections, then pages ("page" < "section" would put pages first).
        .order_by("-kind", "order", "name")
    )
    menu_sections, menu_pages, footer_pages = [], [], []
    privacy_policy = None
    for kind, pk, name, address, placement, purpose, order in rows:
        if kind == "section":
            menu_sections.append(Section(pk=pk, name=name, slug=address, order=order))
            continue
        link = _page_link(Page(title=name, url=address))
        if placement in (Page.Placement.MENU, Page.Placement.BOTH):
            menu_pages.append(link)
        if placement in (Page.Placement.FOOTER, Page.Placement.BOTH):
            footer_pages.append(link)
        if purpose == Page.Purpose.PRIVACY_POLICY:
            privacy_policy = link
    return SiteLinks(menu_sections, menu_pages, footer_pages, privacy_policy)


def menu_sections() -> list[Section]:
    """Return the sections for the site menu, in editors' order."""
    return site_links().sections


# Its headlines are stories' own: loaded again after any story's edit.
@per_content_version(max_age=MOST_READ_SECONDS, touched=(ANY_STORY,))
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
