"""Article bodies as a sequence of top-level blocks.

The article page places sign-up blocks and pull quotes *between* paragraphs,
so the stored HTML is split into its top-level elements (paragraphs, subheads,
lists, block quotes). Only `<p>` blocks count as paragraphs: "after paragraph 3"
means after the third paragraph a reader sees, whatever subheads sit between.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

VOID_TAGS = {"br", "hr", "img", "wbr"}


@dataclass(frozen=True)
class BodyBlock:
    """One top-level element of an article body."""

    html: str
    tag: str

    @property
    def is_paragraph(self) -> bool:
        return self.tag == "p"


class _BlockSplitter(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0]
        for index, char in enumerate(source):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.blocks: list[BodyBlock] = []
        self.depth = 0
        self.block_start = 0
        self.block_tag = ""
        self.loose_text: list[str] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _flush_loose_text(self) -> None:
        # Bare text between blocks (a body typed without <p>) becomes a paragraph.
        text = "".join(self.loose_text).strip()
        self.loose_text = []
        if text:
            self.blocks.append(BodyBlock(f"<p>{text}</p>", "p"))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.depth == 0:
            if tag in {"a", "strong", "b", "em", "i", "q", "cite", "abbr", "sub", "sup"}:
                # Inline markup at the top level belongs to loose text.
                self.loose_text.append(self.get_starttag_text() or "")
                return
            self._flush_loose_text()
            start = self._offset()
            if tag in VOID_TAGS:
                end = start + len(self.get_starttag_text() or "")
                self.blocks.append(BodyBlock(self.source[start:end], tag))
                return
            self.block_start = start
            self.block_tag = tag
        if tag not in VOID_TAGS:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if self.depth == 0:
            self._flush_loose_text()
            start = self._offset()
            end = start + len(self.get_starttag_text() or "")
            self.blocks.append(BodyBlock(self.source[start:end], tag))

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0:
            # Closing an inline element that opened at the top level.
            self.loose_text.append(f"</{tag}>")
            return
        self.depth -= 1
        if self.depth == 0:
            end = self.source.index(">", self._offset()) + 1
            self.blocks.append(BodyBlock(self.source[self.block_start : end], self.block_tag))

    def handle_data(self, data: str) -> None:
        if self.depth == 0:
            self.loose_text.append(escape(data, quote=False))

    def handle_entityref(self, name: str) -> None:
        if self.depth == 0:
            self.loose_text.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if self.depth == 0:
            self.loose_text.append(f"&#{name};")

    def close(self) -> None:
        super().close()
        self._flush_loose_text()


def split_blocks(html: str) -> list[BodyBlock]:
    """Split sanitised body HTML into its top-level blocks, in order."""
    splitter = _BlockSplitter(html or "")
    splitter.feed(html or "")
    splitter.close()
    return splitter.blocks
