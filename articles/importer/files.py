"""Uploaded or stored bytes to story text, refusing what is not a story.

Pure like the parser: no database. Every refusal is a StoryFormatError with
a message an editor can act on.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .story import StoryFormatError

# A long feature is about 60 KB of text; a file far past that is not one story
# (and a 50 MB upload must not be read into memory to find out).
MAX_STORY_BYTES = 1_000_000


def check_story_size(size: int, *, name: str = "The file") -> None:
    """Raise StoryFormatError when `size` bytes are too many for one story.

    Callers check the size a file reports before reading it, so an oversized
    upload is refused without being loaded.
    """
    if size > MAX_STORY_BYTES:
        raise StoryFormatError(
            f"{name} is {size / 1_000_000:.1f} MB; a story file is at most "
            f"{MAX_STORY_BYTES // 1_000_000} MB of plain text."
        )


def decode_story(data: bytes, *, name: str = "The file") -> str:
    """Return the text of a story file, or raise StoryFormatError.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order
    mark, as word processors export it, are read; anything else is refused
    with the position of the first bad byte rather than guessed.
    """
    check_story_size(len(data), name=name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise StoryFormatError(f"{name} is damaged UTF-16 text.") from None
    else:
        if b"\x00" in data:
            raise StoryFormatError(
                f"{name} looks like a binary file (a document, image or archive), not plain "
                "text. Save the story as a .txt file and try again."
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise StoryFormatError(
                f"{name} is not UTF-8 text (byte 0x{data[error.start]:02X} at position "
                f"{error.start}). Save it as UTF-8 plain text and try again."
            ) from None
    if _control_share(text) > 0.01:
        raise StoryFormatError(f"{name} is full of control characters; it is not a story.")
    if not text.strip():
        raise StoryFormatError(f"{name} is empty.")
    return text


def read_story_file(path: Path) -> str:
    """Read and decode a story file, without loading an oversized one."""
    try:
        check_story_size(path.stat().st_size, name=path.name)
        data = path.read_bytes()
    except OSError as error:
        raise StoryFormatError(f"{path} cannot be read: {error.strerror}.") from None
    return decode_story(data, name=path.name)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    control = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f")
    return control / len(text)
