from pathlib import Path

import pytest

from articles.importer import import_story, parse_story
from articles.importer.drafts import DuplicateImport, save_draft
from articles.models import Article, Quote, Source
from reader.layout import body_segments

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"


def _text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text()


def test_import_makes_a_draft_with_quotes_sources_and_tags(client):
    result = import_story(_text("quote-styles-ferry-cuts"))
    article = result.article
    assert article.status == Article.Status.DRAFT
    assert article.headline == "Coastal ministry defends ferry cuts as island mayors push back"
    assert article.dateline == "VARNA HARBOUR"
    assert article.credit.name == "Meridian News"
    assert article.credit.kind == Source.Kind.OUTLET
    assert article.quotes.count() == 11
    velling = Source.objects.get(name="Nora Velling")
    assert velling.kind == Source.Kind.PERSON
    radio = article.quotes.filter(speaker=velling, via__name="Radio Coastline")
    assert radio.exists()
    assert article.tags.exists()
    # Readers cannot see it until an editor publishes it.
    assert client.get(article.get_absolute_url()).status_code == 404


def test_quote_positions_point_at_their_paragraphs():
    article = import_story(_text("local-millbrook-parking")).article
    paragraphs = [b for b in body_segments(article) if b.html.startswith("<p>")]
    for quote in article.quotes.all():
        words = quote.text.split(",")[0][:25]
        assert words in paragraphs[quote.position - 1].html


def test_existing_sources_are_reused_not_duplicated(make_source):
    existing = make_source("Nora Velling", role="Mayor")
    import_story(_text("quote-styles-ferry-cuts"))
    assert Source.objects.filter(name="Nora Velling").count() == 1
    assert existing.quotes.count() >= 3


def test_one_person_named_several_ways_is_one_source():
    # Invented: a full name with a nickname, then the nickname, surname and title.
    text = "\n\n".join(
        [
            "Lanford hold on at the death",
            "Lanford manager Petra Quill watched Mateus 'Teo' Albuquerque score twice.",
            "“I just kept running,” Teo said, grinning.",
            "“Nobody marked me,” said Albuquerque of Lanford Athletic.",
            "“We were patient,” the manager said. “It paid off.”",
            "“Quill trusts us,” Albuquerque added, laughing.",
        ]
    )
    article = import_story(text).article
    assert sorted(Source.objects.values_list("name", flat=True)) == [
        "Mateus Albuquerque",
        "Petra Quill",
    ]
    teo = Source.objects.get(name="Mateus Albuquerque")
    assert teo.quotes.count() == 3
    assert teo.role not in ("grinning", "laughing")
    assert article.quotes.count() == 4


def test_subheads_and_promo_lines_shape_the_body():
    parsed = parse_story(_text("feature-kessel-floodplain-forest"))
    article = save_draft(parsed, text=_text("feature-kessel-floodplain-forest")).article
    assert "<h2>From Cornfield to Canopy</h2>" in article.body
    assert "inbox" not in article.body and "Sign up" not in article.body
    # The first promo line stood after the second paragraph.
    assert article.signup_placement == Article.SignupPlacement.AFTER_PARAGRAPH
    assert article.signup_after_paragraph == 2
    # A paragraph repeated word for word is dropped.
    assert article.body.count("More than 900 volunteers") == 1


def test_a_promo_line_only_at_the_end_leaves_the_end_block():
    text = (
        "Bakery Wins Regional Prize\n\n"
        "DILIJAN — A family bakery won the regional bread prize on Sunday.\n\n"
        "The judges tasted forty loaves before choosing.\n\n"
        "Sign up for our newsletter\n"
    )
    article = import_story(text).article
    assert article.signup_placement == Article.SignupPlacement.END_ONLY
    assert "newsletter" not in article.body


def test_importing_the_same_text_twice_names_the_first_article():
    first = import_story(_text("wire-port-strike-talks")).article
    spaced = _text("wire-port-strike-talks").replace("\n", "\n\n") + "\n  "
    with pytest.raises(DuplicateImport) as error:
        import_story(spaced)
    assert error.value.article == first
    assert str(first.headline) in str(error.value)
    assert Article.objects.count() == 1


def test_dry_run_saves_nothing_but_reports_new_sources():
    result = import_story(_text("wire-port-strike-talks"), dry_run=True)
    assert result.article is None
    assert Article.objects.count() == Source.objects.count() == Quote.objects.count() == 0
    assert {m.name for m in result.new_sources} >= {"Reuters"}


def test_publish_makes_the_story_live(client):
    article = import_story(_text("wire-port-strike-talks"), publish=True).article
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_failure_half_way_leaves_nothing_behind(monkeypatch):
    def broken_bulk_create(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Quote.objects, "bulk_create", broken_bulk_create)
    with pytest.raises(RuntimeError):
        import_story(_text("quote-styles-ferry-cuts"))
    assert Article.objects.count() == Source.objects.count() == 0


def test_the_seed_story_imports_with_its_labels():
    import json

    seed = Path(__file__).resolve().parents[3] / "shared" / "seed"
    if not seed.exists():
        pytest.skip("../shared/seed is not here")
    for path in seed.glob("*.txt"):
        labels = json.loads(path.with_suffix(".json").read_text())
        article = import_story(path.read_text()).article
        assert article.headline == labels["headline"]
        assert article.hero_caption == labels["caption"]
        assert article.dateline == labels["dateline"]
        assert article.credit.name == labels["credit"]
        assert article.body.count("<p>") == labels["paragraph_count"]
        assert [s for s in labels["subheads"] if f"<h2>{s}</h2>" not in article.body] == []
        assert article.quotes.count() == len(labels["quotes"])


def test_a_dry_run_names_the_article_already_imported():
    first = import_story(_text("wire-port-strike-talks")).article
    result = import_story(_text("wire-port-strike-talks"), dry_run=True)
    assert result.duplicate_of == first
    assert Article.objects.count() == 1


def test_an_edited_parsed_story_is_saved_under_the_text_fingerprint():
    text = _text("wire-port-strike-talks")
    parsed = parse_story(text)
    parsed.headline = "Port Strike Talks Resume"
    parsed.quotes = parsed.quotes[:1]
    article = import_story(text, parsed=parsed).article
    assert article.headline == "Port Strike Talks Resume"
    assert article.quotes.count() == 1
    with pytest.raises(DuplicateImport):
        import_story(text)
