import codecs

import pytest

from articles.importer import StoryFormatError
from articles.importer.files import MAX_STORY_BYTES, decode_story, read_story_file

STORY = "Council Votes on Library\n\nGYUMRI — The council voted on Tuesday.\n"


def test_utf8_with_or_without_a_byte_order_mark_is_read():
    assert decode_story(STORY.encode()) == STORY
    assert decode_story(codecs.BOM_UTF8 + STORY.encode()) == STORY


def test_utf16_exported_by_a_word_processor_is_read():
    assert decode_story(STORY.encode("utf-16")) == STORY


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (
            "Caf\u00e9 owners protest".encode("latin-1"),
            r"is not UTF-8 text \(byte 0xE9 at position 3\)",
        ),
        (b"Headline\n" + b"\x01\x02\x03\x04" * 50, "control characters"),
    ],
    ids=["empty", "blank", "binary", "latin-1", "control"],
)
def test_bad_files_are_refused_with_a_clear_message(data, message):
    with pytest.raises(StoryFormatError, match=message):
        decode_story(data, name="story.txt")


def test_an_oversized_file_is_refused_without_being_read(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(
        StoryFormatError, match=r"huge.txt is 52.4 MB; a story file is at most 1 MB"
    ):
        read_story_file(big)
    with pytest.raises(StoryFormatError, match="at most"):
        decode_story(b"x" * (MAX_STORY_BYTES + 1))


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(StoryFormatError, match="cannot be read"):
        read_story_file(tmp_path / "nope.txt")
