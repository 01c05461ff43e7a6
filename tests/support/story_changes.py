"""Edits to what a story page shows, for the tests of what keeps pages.

The page cache (`tests/pagecache/test_caching.py`) and the story fragments
(`tests/pagecache/test_fragments.py`) must both give up what they keep after
each of these. The story needs two quotes, the tag "Armenia", a section,
a credit, and an active sign-up block.
"""

from __future__ import annotations

from articles.models import Article, Correction, Quote, Section
from newsletter.models import SignupBlock
from pages.models import Page

CHANGES = [
    "dek",
    "new-quote",
    "quote-text",
    "delete-quote",
    "speaker-rename",
    "credit-rename",
    "tag-added",
    "tag-removed",
    "tag-rename",
    "section-rename",
    "correction",
    "delete-correction",
    "signup-block",
    "privacy-policy",
    "site-page-renamed",
]

OLD_CORRECTION = "The old wrong figure was fixed."


def prepare(story: Article, change: str) -> None:
    """Put in place what `change` needs before the page is first read."""
    if change == "delete-correction":
        Correction.objects.create(article=story, text=OLD_CORRECTION)
        story.refresh_from_db()
    if change == "site-page-renamed":
        Page.objects.create(title="About us", url="/about/", is_published=True)


def make(story: Article, change: str) -> tuple[str | None, str | None]:
    """Make `change`; return what the page must now show and what it must not."""
    quote = story.quotes.order_by("order").first()
    if change == "dek":
        story.dek = "A dek written later"
        story.save()
        return "A dek written later", None
    if change == "new-quote":
        Quote.objects.create(
            article=story, speaker=quote.speaker, text="Words added later", is_pull_quote=True
        )
        return "Words added later", None
    if change == "quote-text":
        old = quote.text
        quote.text = "Words corrected later"
        quote.save()
        return "Words corrected later", old
    if change == "delete-quote":
        quote.delete()
        return None, quote.speaker.name
    if change == "speaker-rename":
        quote.speaker.name = "Renamed Speaker"
        quote.speaker.save()
        return "Renamed Speaker", None
    if change == "credit-rename":
        old = story.credit.name
        story.credit.name = "Renamed Wire"
        story.credit.save()
        return "Renamed Wire", old
    if change == "tag-added":
        story.tags.add("Diplomacy")
        return "Diplomacy", None
    if change == "tag-removed":
        story.tags.remove("Armenia")
        return None, 'rel="tag">Armenia<'
    if change == "tag-rename":
        tag = story.tags.get()
        tag.name = "Armenian politics"
        tag.save()
        return "Armenian politics", None
    if change == "section-rename":
        Section.objects.filter(pk=story.section_id).update(name="x")  # no signal yet
        section = Section.objects.get(pk=story.section_id)
        section.name = "Caucasus"
        section.save()
        return '">Caucasus</a></p>', None  # the story's kicker, not the site menu
    if change == "correction":
        Correction.objects.create(article=story, text="An earlier version misspelt a name.")
        return "An earlier version misspelt a name.", None
    if change == "delete-correction":
        Correction.objects.get(text=OLD_CORRECTION).delete()
        return None, OLD_CORRECTION
    if change == "signup-block":
        SignupBlock.objects.update(heading="x")  # queryset update: no signal
        block = SignupBlock.objects.get()
        block.heading = "A new heading for sign-ups"
        block.save()
        return "A new heading for sign-ups", None
    if change == "privacy-policy":
        # The sign-up blocks inside the story link it from now on.
        Page.objects.create(
            title="Our privacy policy",
            url="/privacy/",
            purpose=Page.Purpose.PRIVACY_POLICY,
            placement=Page.Placement.NEITHER,
            is_published=True,
        )
        return 'href="/privacy/">Our privacy policy</a>', None
    if change == "site-page-renamed":
        page = Page.objects.get(url="/about/")
        page.title = "Who we are"
        page.save()
        return 'href="/about/">Who we are</a>', 'href="/about/">About us</a>'
    raise ValueError(f"unknown change {change!r}")
