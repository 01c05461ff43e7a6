"""WordPress post content as the newsroom's body HTML.

WordPress stores what the editor typed: no `<p>` where blank lines part
paragraphs (its `wpautop()` adds them when the page is shown), shortcodes
in square brackets, and block-editor comments in newer exports. This
module turns that into the project's body format (`articles/body.py`):

- blank lines make paragraphs and single line breaks `<br>`, as `wpautop()`;
- `[caption]` around a library picture becomes ``<figure data-image>`` with
  the caption, `[gallery ids=...]` ``<figure data-gallery>``, a lone
  `<img>` of the library a figure too (`articles/media/references.py`);
- `[embed]URL[/embed]` and a provider's address alone on a line become a
  paragraph holding only a link, which the page shows as a player
  (`articles/media/embeds.py`);
- other shortcodes are removed, and named in the result so the report can
  say so; `<!-- wp:... -->` comments are stripped;
- links to the old site go through `link_for` (the new address, or None to
  keep the link as it is), and the whole goes through the sanitiser.

Pure functions: the importer passes in how to find pictures and addresses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape

from articles.media.embeds import find_embed
from articles.sanitize import clean_html

# Elements `wpautop()` never wraps in a paragraph.
_BLOCK = (
    "address|article|aside|blockquote|details|div|dl|dd|dt|fieldset|figcaption|figure|footer|"
    "form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|thead|tbody|tfoot|tr|td|th|ul"
)
_STARTS_BLOCK = re.compile(rf"^\s*</?(?:{_BLOCK})\b", re.I)
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
_CAPTION = re.compile(r"\[(?:caption|wp_caption)\b([^\]]*)\](.*?)\[/(?:caption|wp_caption)\]", re.S)
_GALLERY = re.compile(r"\[gallery\b([^\]]*)\]")
_EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.S)
_IMG = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.I)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
_BARE_URL = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$", re.M)
# Shortcodes: [name attrs], [name /], [name]...[/name]. A bracketed word
# with none of these ("[sic]") is text and stays.
_ENCLOSING = re.compile(r"\[([a-zA-Z][\w-]*)\b[^\]]*\].*?\[/\1\]", re.S)
_SELF = re.compile(r"\[([a-zA-Z][\w-]*)(?:\s+[^\]]*=[^\]]*|\s*/)\]")
_CLOSING = re.compile(r"\[/([a-zA-Z][\w-]*)\]")
_HREF = re.compile(r"""(<a\b[^>]*?\bhref=)(["'])(.*?)\2""", re.I | re.S)
# Figures are set aside while paragraphs are made, then put back.
_HOLD = "\x00{}\x00"
_HELD = re.compile(r"\x00(\d+)\x00")


@dataclass
class ConvertedBody:
    """A body in the project's format, and what was lost on the way."""

    html: str
    removed_shortcodes: list[str] = field(default_factory=list)
    missing_images: list[str] = field(default_factory=list)


def _attrs(text: str) -> dict[str, str]:
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTR.finditer(text or "")}


def wpautop(text: str) -> str:
    """Return `text` with paragraphs where blank lines are, as WordPress does.

    A chunk that already starts with a block element is left alone; single
    line breaks inside a paragraph become `<br>`.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _STARTS_BLOCK.match(chunk) or _HELD.fullmatch(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    return "\n".join(out)


def convert_body(
    content: str,
    *,
    image_for: Callable[[str, int | None], int | None],
    link_for: Callable[[str], str | None],
) -> ConvertedBody:
    """Return WordPress `content` as body HTML in the project's format.

    `image_for(src, attachment_id)` returns the library image id of a
    picture (by its old address or WordPress id), or None when it is not
    in the library; `link_for(href)` returns a link's new address, or None
    to leave it.
    """
    result = ConvertedBody("")
    held: list[str] = []

    def hold(html: str) -> str:
        held.append(html)
        return "\n\n" + _HOLD.format(len(held) - 1) + "\n\n"

    def figure(img: str, caption: str = "") -> str:
        attrs = _attrs(img)
        match = _WP_IMAGE_CLASS.search(attrs.get("class", ""))
        image_id = image_for(unescape(attrs.get("src", "")), int(match[1]) if match else None)
        if image_id is None:
            result.missing_images.append(attrs.get("src", ""))
            return ""
        words = f' data-caption="{escape(caption)}"' if caption else ""
        return hold(f'<figure data-image="{image_id}" data-layout="full"{words}></figure>')

    def caption(match: re.Match[str]) -> str:
        inner = match[2]
        image = _IMG.search(inner)
        words = _attrs(match[1]).get("caption", "")
        text = " ".join(unescape(re.sub(r"<[^>]+>", "", _IMG.sub("", inner))).split())
        if image is None:
            return text
        return figure(image[0], text or unescape(words))

    def gallery(match: re.Match[str]) -> str:
        ids = [part for part in re.split(r"[,\s]+", _attrs(match[1]).get("ids", "")) if part]
        found = [image_for("", int(part)) for part in ids if part.isdigit()]
        library = [str(image_id) for image_id in found if image_id is not None]
        result.missing_images.extend(part for part, got in zip(ids, found, strict=False) if not got)
        if not library:
            result.removed_shortcodes.append("gallery")
            return ""
        return hold(f'<figure data-gallery="{",".join(library)}"></figure>')

    def embed(url: str) -> str:
        url = unescape(url.strip())
        if not url.startswith(("http://", "https://")):
            return ""
        return hold(f'<p><a href="{escape(url)}">{escape(url)}</a></p>')

    def bare(match: re.Match[str]) -> str:
        url = unescape(match[1])
        return embed(url) if find_embed(url) else match[0]

    def removed(match: re.Match[str]) -> str:
        result.removed_shortcodes.append(match[1].lower())
        return ""

    text = _BLOCK_COMMENT.sub("", content or "")
    text = _CAPTION.sub(caption, text)
    text = _GALLERY.sub(gallery, text)
    text = _EMBED.sub(lambda match: embed(match[1]), text)
    text = _BARE_URL.sub(bare, text)
    text = _ENCLOSING.sub(removed, text)
    text = _SELF.sub(removed, text)
    text = _CLOSING.sub(removed, text)
    text = _IMG.sub(lambda match: figure(match[0]), text)
    html = wpautop(text)
    html = _HELD.sub(lambda match: held[int(match[1])], html)
    html = _HREF.sub(lambda match: _relinked(match, link_for), html)
    result.html = clean_html(html)
    return result


def _relinked(match: re.Match[str], link_for: Callable[[str], str | None]) -> str:
    new = link_for(unescape(match[3]))
    if new is None:
        return match[0]
    return f"{match[1]}{match[2]}{escape(new)}{match[2]}"
