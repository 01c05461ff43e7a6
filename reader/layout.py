"""How a story's body is laid out: pull quotes, pictures, embeds and sign-up slots.

The body is split into blocks (`articles.body.split_blocks`); a pull quote
follows the paragraph given as its position, and the in-story sign-up
block follows the paragraph the story's placement names, when enough of
the story follows it. A figure that refers to library images
(`articles/media/references.py`) becomes an inline image or a gallery; the
images of the whole body are read in one query. The end block comes after the story unless the story
places none. The newsletter's `{% signup_block %}` renders a slot; this
module decides where the slots are. A paragraph holding only a link to a
known provider is an embed (`articles.media.embeds`): the page shows it as
a placeholder the reader may load. A site page's body is laid out the
same way, without the story's parts (`page_segments`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString, mark_safe

from articles.body import BodyBlock, split_blocks
from articles.media.embeds import Embed, embed_in_paragraph
from articles.media.models import PlacedImage
from articles.media.references import Reference, parse_reference
from articles.models import Article, Image
from articles.sanitize import clean_html

if TYPE_CHECKING:
    from articles.models import Quote

# Where the in-story block goes when the story does not say.
DEFAULT_SIGNUP_PARAGRAPH = 3
# Paragraphs the in-story sign-up block needs after it. With fewer it would
# sit just above the end block: two appeals back to back, which reads as
# nagging, while the end block alone still asks.
SIGNUP_PARAGRAPHS_AFTER = 3


@dataclass(frozen=True)
class BodySegment:
    """A piece of the body: HTML, a pull quote, pictures, an embed or the sign-up slot."""

    html: str = ""
    pull_quote: Quote | None = None
    signup: bool = False
    # An inline image (one) or a gallery (several, in order), and how wide.
    images: tuple[PlacedImage, ...] = ()
    is_gallery: bool = False
    layout: str = "full"
    # Set on a paragraph that is only a link to a provider; `html` keeps the link.
    embed: Embed | None = None
    # The first paragraph, where the dateline runs in as in print.
    opens_story: bool = False

    @property
    def inner_html(self) -> SafeString:
        """Return a paragraph's content without its `<p>` tags."""
        return mark_safe(self.html.removeprefix("<p>").removesuffix("</p>"))


@dataclass(frozen=True)
class StoryLayout:
    """A story's body segments, and whether the sign-up block follows the story."""

    segments: list[BodySegment]
    end_signup: bool


def signup_paragraph(article: Article) -> int | None:
    """Return the paragraph the story asks its in-story sign-up block to follow."""
    placement = article.signup_placement
    if placement == Article.SignupPlacement.DEFAULT:
        return DEFAULT_SIGNUP_PARAGRAPH
    if placement == Article.SignupPlacement.AFTER_PARAGRAPH:
        return article.signup_after_paragraph or DEFAULT_SIGNUP_PARAGRAPH
    return None


def has_end_signup(article: Article) -> bool:
    """Tell whether the sign-up block follows the story."""
    return article.signup_placement != Article.SignupPlacement.NONE


def inline_signup_paragraph(article: Article, paragraphs: int) -> int | None:
    """Return the paragraph the in-story sign-up block follows, or None.

    `paragraphs` is how many the body has. The block is left out when
    fewer than SIGNUP_PARAGRAPHS_AFTER paragraphs would follow it (the end
    block is close enough), and when the story places none.
    """
    after = signup_paragraph(article)
    if after is None or paragraphs - after < SIGNUP_PARAGRAPHS_AFTER:
        return None
    return after


def _pictures(blocks: list[BodyBlock]) -> dict[int, BodySegment]:
    """Return the picture segment of each figure block that refers to the library.

    Keyed by the block's index. References to images no longer in the
    library are left out; a figure left with none shows nothing.
    """
    references: dict[int, Reference] = {}
    for index, block in enumerate(blocks):
        if block.tag == "figure" and (reference := parse_reference(block.html)):
            references[index] = reference
    if not references:
        return {}
    wanted = {pk for reference in references.values() for pk in reference.image_ids}
    images = Image.objects.in_bulk(wanted)
    segments = {}
    for index, reference in references.items():
        found = [images[pk] for pk in reference.image_ids if pk in images]
        if reference.is_gallery:
            placed = tuple(image.placed() for image in found)
        else:
            placed = tuple(
                image.placed(caption=reference.caption, credit=reference.credit) for image in found
            )
        segments[index] = BodySegment(
            images=placed, is_gallery=reference.is_gallery, layout=reference.layout
        )
    return segments


def _block_segment(
    index: int, block: BodyBlock, pictures: dict[int, BodySegment]
) -> BodySegment | None:
    """Return the segment showing one block: its pictures, an embed or its HTML.

    None for a figure none of whose pictures are left in the library.
    """
    if index in pictures:
        return pictures[index] if pictures[index].images else None
    embed = embed_in_paragraph(block.html) if block.is_paragraph else None
    return BodySegment(html=mark_safe(block.html), embed=embed)


def page_segments(body: str) -> list[BodySegment]:
    """Return a site page's body as segments: pictures, embeds and HTML.

    Laid out as a story's body is (`body_segments()`), library pictures
    read in one query, without pull quotes, sign-up slot or dateline.
    """
    blocks = split_blocks(clean_html(body))
    pictures = _pictures(blocks)
    segments = (_block_segment(index, block, pictures) for index, block in enumerate(blocks))
    return [segment for segment in segments if segment is not None]


def body_segments(article: Article) -> list[BodySegment]:
    """Return the body as blocks, with pull quotes and the sign-up slot placed.

    A pull quote follows the paragraph given as its position (or leads the
    body without one); the sign-up slot follows the paragraph
    `inline_signup_paragraph()` gives. The first paragraph is marked, so
    the page can run the dateline into it; an embed never opens the story,
    the first paragraph of text does.
    """
    pull_quotes: dict[int, list[Quote]] = {}
    for quote in article.quotes.all():
        if quote.is_pull_quote:
            pull_quotes.setdefault(quote.position or 0, []).append(quote)
    blocks = article.body_blocks
    pictures = _pictures(blocks)
    signup_after = inline_signup_paragraph(article, sum(b.is_paragraph for b in blocks))
    segments = [BodySegment(pull_quote=q) for q in pull_quotes.get(0, [])]
    paragraphs = 0
    dateline_placed = False
    for index, block in enumerate(blocks):
        segment = _block_segment(index, block, pictures)
        if segment is None:
            continue
        if segment.images:
            segments.append(segment)
            continue
        opens_story = block.is_paragraph and segment.embed is None and not dateline_placed
        dateline_placed = dateline_placed or opens_story
        segments.append(replace(segment, opens_story=opens_story) if opens_story else segment)
        if block.is_paragraph:
            paragraphs += 1
            segments.extend(BodySegment(pull_quote=q) for q in pull_quotes.get(paragraphs, []))
            if paragraphs == signup_after:
                segments.append(BodySegment(signup=True))
    return segments


def body_embeds(article: Article) -> list[Embed]:
    """Return the embeds in `article`'s body, in order (no query)."""
    return _embeds_in(article.body_blocks)


def html_embeds(body: str) -> list[Embed]:
    """Return the embeds in the rich text `body` (a story's or a page's), in order."""
    return _embeds_in(split_blocks(clean_html(body)))


def _embeds_in(blocks: list[BodyBlock]) -> list[Embed]:
    return [e for b in blocks if b.is_paragraph and (e := embed_in_paragraph(b.html))]


def story_layout(article: Article) -> StoryLayout:
    """Return how `article`'s page lays out its body and sign-up blocks."""
    return StoryLayout(segments=body_segments(article), end_signup=has_end_signup(article))
