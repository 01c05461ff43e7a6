import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
JSON_KEYS = {
    "headline",
    "caption",
    "dateline",
    "credit",
    "subheads",
    "promo_lines",
    "duplicate_paragraphs",
    "paragraph_count",
    "quotes",
    "tags_suggested",
}


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_story", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_a_draft_per_file():
    out, _ = _run(FIXTURES / "wire-port-strike-talks.txt", FIXTURES / "local-millbrook-parking.txt")
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 2
    assert re.search(r"saved as story #\d+, a draft", out)


def test_json_output_has_exactly_the_agreed_keys():
    out, _ = _run(FIXTURES / "quote-styles-ferry-cuts.txt", "--json", "--dry-run")
    found = json.loads(out)
    assert set(found) == JSON_KEYS
    assert found["credit"] == "Meridian News"
    assert set(found["quotes"][0]) == {"text", "speaker", "speaker_kind", "via"}
    assert Article.objects.count() == 0


def test_json_for_several_files_is_a_list():
    out, _ = _run(
        FIXTURES / "wire-port-strike-talks.txt",
        FIXTURES / "local-millbrook-parking.txt",
        "--json",
        "--dry-run",
    )
    assert [story["dateline"] for story in json.loads(out)] == ["RIGA", "MILLBROOK"]


def test_missing_values_are_null_or_empty_never_invented():
    found = json.loads(_run(FIXTURES / "local-millbrook-parking.txt", "--json", "--dry-run")[0])
    assert found["caption"] is None
    assert found["credit"] is None
    assert found["subheads"] == [] and found["promo_lines"] == []


def test_publish_flag_makes_the_story_live():
    _run(FIXTURES / "wire-port-strike-talks.txt", "--publish")
    assert Article.objects.live().count() == 1


def test_a_bad_file_is_reported_and_the_good_ones_still_import(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    err = StringIO()
    with pytest.raises(CommandError, match="2 of 3 files were not imported"):
        call_command(
            "import_story",
            str(empty),
            str(binary),
            str(FIXTURES / "wire-port-strike-talks.txt"),
            stdout=StringIO(),
            stderr=err,
        )
    assert "empty.txt is empty" in err.getvalue()
    assert "photo.txt looks like a binary file" in err.getvalue()
    assert Article.objects.count() == 1


def test_a_text_without_a_headline_saves_nothing(tmp_path):
    story = tmp_path / "no-headline.txt"
    story.write_text(
        "The council voted on Tuesday to close the old library, and most residents agreed.\n"
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_story", str(story), stdout=StringIO(), stderr=err)
    assert "headline" in err.getvalue()
    assert Article.objects.count() == 0


# A dry run of a story imported before fails too, naming the article.
@pytest.mark.parametrize("options", [[], ["--dry-run"]], ids=["import", "dry-run"])
def test_importing_twice_says_which_article_holds_it(options):
    _run(FIXTURES / "wire-port-strike-talks.txt")
    article = Article.objects.get()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_story",
            str(FIXTURES / "wire-port-strike-talks.txt"),
            *options,
            stdout=StringIO(),
            stderr=err,
        )
    assert f"already imported as “{article.headline}” (#{article.pk})" in err.getvalue()
    assert Article.objects.count() == 1
